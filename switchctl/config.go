package switchctl

import (
	"net/netip"
	"sort"
)

// Config is the running configuration: everything `display current-configuration` renders and a
// configuration file sets. It is plain data, owned by the Device and guarded by its lock.
type Config struct {
	Sysname    string
	Headers    map[string]string // motd, login, shell
	VLANs      map[int]*VLAN
	Ifaces     map[string]*Iface  // by full name
	Routes     map[routeKey]Route // static routes; sortedRoutes gives them in rendering order
	Users      map[string]*LocalUser
	SSH        SSHConfig
	Netconf    NetconfConfig
	SSHUsers   map[string]*SSHUser
	PeerKeys   map[string]*PeerKey
	Lines      []LineConfig // VTY lines, indexed by number
	ACLs       map[int]*ACL // IPv4 basic (2000-2999) and advanced (3000-3999) ACLs
	InfoCenter InfoCenterConfig

	IRF              IRFConfig
	LLDP             LLDPConfig
	STP              STPConfig
	LoopDetect       LoopDetectConfig // `loopback-detection global enable vlan …` (cmd_l2global.go)
	PasswordRecovery bool
	SchedulerLogSize int                   // `scheduler logfile size`, KB
	OtherLines       map[string]LineConfig // line classes and the console line, by otherLines key
	Domains          map[string]bool       // ISP domains (`domain NAME`)
	DefaultDomain    string                // `domain default enable`; "" for none
	SessionLimits    map[string]int        // `aaa session-limit SERVICE N`, the ones below the default
	Roles            map[string]*Role      // `role name`, by name
	UserGroups       map[string]bool       // `user-group NAME`
	NTP              NTPConfig
	Clock            ClockConfig
	SNMP             SNMPConfig
	Syslog           SyslogConfig
	Mirrors          map[int]*MirrorGroup // local mirroring groups; nil for none
}

// VLAN is one VLAN; Name "" means the default "VLAN 0010" form.
type VLAN struct {
	ID          int
	Name        string
	Description string
}

// LinkType is a switching port's link type.
type LinkType int

// Link types.
const (
	LinkAccess LinkType = iota
	LinkTrunk
	LinkHybrid
)

func (l LinkType) String() string { return [...]string{"access", "trunk", "hybrid"}[l] }

// Iface is one interface's configuration.
type Iface struct {
	Name        IfName
	Description string
	Shutdown    bool
	LinkType    LinkType
	AccessVLAN  int
	Trunk       VLANSet // permitted on a trunk
	PVID        int     // trunk or hybrid PVID
	HybridTag   VLANSet
	HybridUntag VLANSet
	Addrs       []IfAddr
	AggGroup    int  // a member port's `port link-aggregation group`; 0 for none
	LACP        bool // an aggregate interface's `link-aggregation mode dynamic`
	STP         IfSTP
	LLDPOff     bool     // `undo lldp enable`
	LLDPStatus  string   // `lldp admin-status`; "" for txrx
	Attr        PortAttr // speed, duplex, storm control, ACLs applied... (cmd_portattr.go)
}

// IfAddr is an IPv4 address on a routed interface.
type IfAddr struct {
	Addr   netip.Addr
	Prefix int
	Sub    bool
}

// Route is a static route.
type Route struct {
	Dest       netip.Addr
	Prefix     int
	NextHop    netip.Addr // invalid for a route to an interface only
	Iface      string     // full interface name, "" when by next hop
	Preference int        // 60 by default
}

// LocalUser is a device management user.
type LocalUser struct {
	Name     string
	Hash     string // bcrypt, or an opaque vendor hash ($h$6$...) that never matches
	Services map[string]bool
	Roles    map[string]bool
}

// SSHConfig holds the SSH server settings that switchctl stores and the SSH layer honours.
type SSHConfig struct {
	Enabled, SFTP, SCP bool
	Port               int
	AuthRetries        int
	AuthTimeout        int
	SFTPIdle           int                 // `sftp server idle-timeout`, minutes; SFTP and SCP sessions that pass nothing that long end
	Algos              map[string][]string // by kind (cipher, key-exchange, mac, public-key); nil: defaults
	ACL                int                 // `ssh server acl`: only sources it permits may log in; 0: none
}

// SSHUser is an `ssh user` entry.
type SSHUser struct {
	Name     string
	Service  string // all, stelnet, sftp, scp, netconf
	AuthType string // password, publickey, password-publickey, any, keyboard-interactive
	Keys     []string
}

// PeerKey is a client public key known by name.
type PeerKey struct {
	Name   string
	DER    []byte // SubjectPublicKeyInfo
	Import string // the file it was imported from, rendered as the import command
}

// LineConfig is one VTY line's settings.
type LineConfig struct {
	AuthMode     string // none, password, scheme
	UserRole     string
	IdleMin      int
	IdleSec      int
	ScreenLength int
	Protocol     string // all, ssh, telnet, pad
	HistorySize  int
}

// Defaults of Comware 7 that the rendering leaves out.
const (
	DefaultSysname     = "HPE"
	DefaultSSHPort     = 22
	DefaultAuthRetries = 3
	DefaultAuthTimeout = 60
	DefaultSFTPIdle    = 10 // minutes
	DefaultVTYLines    = 64
	defaultPreference  = 60
)

var defaultLine = LineConfig{AuthMode: "password", UserRole: RoleOperator, IdleMin: 10, ScreenLength: 24, Protocol: "all", HistorySize: 10}

// newConfig is the configuration of a device with nothing configured: VLAN 1, every port an access
// port in it, VTY lines at their defaults.
func newConfig(m Model, vtyLines int) *Config {
	c := &Config{
		Sysname: DefaultSysname,
		Headers: map[string]string{},
		VLANs:   map[int]*VLAN{1: {ID: 1}},
		Ifaces:  map[string]*Iface{},
		Users:   map[string]*LocalUser{},
		SSH: SSHConfig{Port: DefaultSSHPort, AuthRetries: DefaultAuthRetries, AuthTimeout: DefaultAuthTimeout,
			SFTPIdle: DefaultSFTPIdle},
		Netconf:    NetconfConfig{Port: DefaultNetconfPort},
		SSHUsers:   map[string]*SSHUser{},
		PeerKeys:   map[string]*PeerKey{},
		ACLs:       map[int]*ACL{},
		Routes:     map[routeKey]Route{},
		InfoCenter: defaultInfoCenter,
		Lines:      make([]LineConfig, vtyLines),
	}
	for i := range c.Lines {
		c.Lines[i] = defaultLine
	}
	c.setSystemDefaults()
	c.NTP.Servers = map[netip.Addr]NTPServerCfg{}
	c.Clock.Protocol = "ntp"
	c.SNMP = newSNMPConfig()
	c.STP = newSTPConfig()
	for _, p := range m.Ports() {
		c.addIface(p)
	}
	if m.MGE {
		c.addIface(IfName{Type: IfMGE})
	}
	c.addIface(IfName{Type: IfNull})
	return c
}

func (c *Config) addIface(n IfName) *Iface {
	f := &Iface{Name: n, AccessVLAN: 1, PVID: 1, Trunk: NewVLANSet(1), HybridUntag: NewVLANSet(1)}
	c.Ifaces[n.Full()] = f
	return f
}

// sortedIfaces orders interfaces as Comware lists them: Bridge-Aggregations, NULL, LoopBacks,
// Vlan-interfaces, the management port, then the front panel by slot and port.
func (c *Config) sortedIfaces() []*Iface {
	out := make([]*Iface, 0, len(c.Ifaces))
	for _, f := range c.Ifaces {
		out = append(out, f)
	}
	rank := func(t IfType) int {
		return [...]int{IfBAGG: 0, IfGE: 5, IfXGE: 5, IfMGE: 4, IfVlan: 3, IfLoop: 2, IfNull: 1}[t]
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Name, out[j].Name
		if ra, rb := rank(a.Type), rank(b.Type); ra != rb {
			return ra < rb
		}
		for k := 0; k < 3; k++ {
			if a.Num[k] != b.Num[k] {
				return a.Num[k] < b.Num[k]
			}
		}
		return a.Type < b.Type
	})
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (c *Config) sortedVLANs() []int {
	ids := make([]int, 0, len(c.VLANs))
	for id := range c.VLANs {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}
