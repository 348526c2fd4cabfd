package switchctl

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// The SNMP agent's configuration and displays. vtyd answers no SNMP requests; the settings are kept
// and shown as a real agent's are, so that a backup or an automation run finds them where it looks.

// SNMPConfig is the SNMP agent's configuration. Any snmp-agent command enables the agent, as on
// Comware; `undo snmp-agent` disables it and clears its settings.
type SNMPConfig struct {
	Enabled     bool
	EngineID    string // `snmp-agent local-engineid`; set to the one derived from the chassis MAC when the agent is enabled
	Communities map[string]*SNMPCommunity
	Contact     string // "" for the default
	Location    string
	Versions    [3]bool // v1, v2c, v3; the default is v3 only
	Targets     []SNMPTarget
}

// SNMPCommunity is a v1/v2c community.
type SNMPCommunity struct {
	Name  string
	Write bool // write access (read-write); else read-only
	ACL   int  // 0: none
}

// SNMPTarget is a trap receiver (`snmp-agent target-host trap address udp-domain ...`).
type SNMPTarget struct {
	Addr      netip.Addr
	Community string // securityname
	Version   string // v1, v2c, v3; "" for v1 (Comware's default)
}

// Defaults an agent shows for what is not configured ([unverified] HPE's wording).
const (
	defaultSNMPContact  = "Hewlett Packard Enterprise Development LP"
	defaultSNMPLocation = "Hangzhou, China"
)

var snmpVersionNames = [3]string{"v1", "v2c", "v3"}

func snmpRows() []Row {
	w := func(path string, run Handler) Row { return Row{Views: InSystem, Path: path, Priv: PrivWrite, Run: run} }
	sec := func(path string, run Handler) Row {
		return Row{Views: InSystem, Path: path, Priv: PrivSecurity, Run: run, Secret: []string{"community"}}
	}
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		w("snmp-agent", runSNMPAgent),
		w("undo snmp-agent", runSNMPAgent),
		w("snmp-agent local-engineid <engineid:word:10-64>", runSNMPEngineID),
		w("undo snmp-agent local-engineid", runSNMPEngineID),
		sec("snmp-agent community {read|write} <community:word:1-32> [acl <acl:2000-2999>]", runSNMPCommunity),
		sec("undo snmp-agent community [{read|write}] <community:word:1-32>", runSNMPCommunityUndo),
		w("snmp-agent sys-info contact <contact:text:1-255>", runSNMPSysInfo),
		w("snmp-agent sys-info location <location:text:1-255>", runSNMPSysInfo),
		w("snmp-agent sys-info version <versions:set:all,v1,v2c,v3>", runSNMPVersion),
		w("undo snmp-agent sys-info contact", runSNMPSysInfo),
		w("undo snmp-agent sys-info location", runSNMPSysInfo),
		w("undo snmp-agent sys-info version <versions:set:all,v1,v2c,v3>", runSNMPVersion),
		sec("snmp-agent target-host trap address udp-domain <trapip:ip> params securityname <community:word:1-32> [{v1|v2c|v3}]", runSNMPTarget),
		sec("undo snmp-agent target-host trap address udp-domain <trapip:ip> params securityname <community:word:1-32>", runSNMPTarget),
		show("display snmp-agent community [{read|write}]", runDisplaySNMPCommunity),
		show("display snmp-agent sys-info [{contact|location|version}]", runDisplaySNMPSysInfo),
		show("display snmp-agent local-engineid", runDisplaySNMPEngineID),
	}
}

// snmpUpdate changes the agent's settings and enables it, as any snmp-agent command does; an agent
// without an engine ID gets the device's own.
func snmpUpdate(c *Ctx, f func(s *SNMPConfig) error) error {
	derived := c.D.snmpEngineID()
	return c.D.update(func(cfg *Config) error {
		if err := f(&cfg.SNMP); err != nil {
			return err
		}
		cfg.SNMP.Enabled = true
		if cfg.SNMP.EngineID == "" {
			cfg.SNMP.EngineID = derived
		}
		return nil
	})
}

func runSNMPAgent(c *Ctx) error {
	if c.A.Has("undo") {
		return c.D.update(func(cfg *Config) error { cfg.SNMP = newSNMPConfig(); return nil })
	}
	return snmpUpdate(c, func(*SNMPConfig) error { return nil })
}

func newSNMPConfig() SNMPConfig {
	return SNMPConfig{Communities: map[string]*SNMPCommunity{}, Versions: [3]bool{false, false, true}}
}

func runSNMPEngineID(c *Ctx) error {
	id := strings.ToUpper(c.A.Str("engineid"))
	if id == "" {
		id = c.D.snmpEngineID()
	}
	if len(id)%2 != 0 || strings.Trim(id, "0123456789ABCDEF") != "" {
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos("engineid")}
	}
	return snmpUpdate(c, func(s *SNMPConfig) error { s.EngineID = id; return nil })
}

func runSNMPCommunity(c *Ctx) error {
	name, acl := c.A.Str("community"), c.A.Int("acl")
	return snmpUpdate(c, func(s *SNMPConfig) error {
		s.Communities[name] = &SNMPCommunity{Name: name, Write: c.A.Has("write"), ACL: acl}
		return nil
	})
}

func runSNMPCommunityUndo(c *Ctx) error {
	name := c.A.Str("community")
	return c.D.update(func(cfg *Config) error {
		if cfg.SNMP.Communities[name] == nil {
			return refuse(ErrNotFound, "The community %s does not exist.", name)
		}
		delete(cfg.SNMP.Communities, name)
		return nil
	})
}

func runSNMPSysInfo(c *Ctx) error {
	return snmpUpdate(c, func(s *SNMPConfig) error {
		switch {
		case c.A.Has("contact"):
			s.Contact = c.A.Str("contact")
		case c.A.Has("location"):
			s.Location = c.A.Str("location")
		}
		return nil
	})
}

func runSNMPVersion(c *Ctx) error {
	on := !c.A.Has("undo")
	return snmpUpdate(c, func(s *SNMPConfig) error {
		v := s.Versions
		for _, name := range c.A.Strs("versions") {
			for i, n := range snmpVersionNames {
				if name == n || name == "all" {
					v[i] = on
				}
			}
		}
		if v == [3]bool{} {
			return refuse(ErrInUse, "At least one SNMP version must be enabled.")
		}
		s.Versions = v
		return nil
	})
}

func runSNMPTarget(c *Ctx) error {
	t := SNMPTarget{Addr: c.A.IP("trapip"), Community: c.A.Str("community")}
	for _, v := range []string{"v2c", "v3"} {
		if c.A.Has(v) {
			t.Version = v
		}
	}
	undo, derived := c.A.Has("undo"), c.D.snmpEngineID()
	if !undo && (t.Addr.IsUnspecified() || t.Addr.IsMulticast()) {
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos("trapip")}
	}
	return c.D.update(func(cfg *Config) error {
		s := &cfg.SNMP
		for i, o := range s.Targets {
			if o.Addr == t.Addr && o.Community == t.Community {
				if undo {
					s.Targets = append(s.Targets[:i], s.Targets[i+1:]...)
				} else {
					s.Targets[i] = t
				}
				return nil
			}
		}
		if undo {
			return refuse(ErrNotFound, "The target host does not exist.")
		}
		s.Targets = append(s.Targets, t)
		sort.Slice(s.Targets, func(i, j int) bool {
			a, b := s.Targets[i], s.Targets[j]
			if a.Addr != b.Addr {
				return a.Addr.Less(b.Addr)
			}
			return a.Community < b.Community
		})
		s.Enabled = true
		if s.EngineID == "" {
			s.EngineID = derived
		}
		return nil
	})
}

// snmpEngineID is the engine ID an agent has unless configured: H3C's enterprise prefix
// (800063A280) with the chassis MAC and 00000001.
func (d *Device) snmpEngineID() string {
	mac := strings.ReplaceAll(comwareMAC(d.ChassisMAC()), "-", "")
	return "800063A280" + mac + "00000001"
}

func (c *Config) renderSNMP(r *renderer) {
	s := c.SNMP
	if !s.Enabled {
		return
	}
	r.sep()
	r.line(" snmp-agent")
	r.line(" snmp-agent local-engineid %s", s.EngineID)
	for _, name := range sortedKeys(s.Communities) {
		cm := s.Communities[name]
		l := fmt.Sprintf(" snmp-agent community %s %s", map[bool]string{false: "read", true: "write"}[cm.Write], quoteWord(cm.Name))
		if cm.ACL != 0 {
			l += fmt.Sprintf(" acl %d", cm.ACL)
		}
		r.line("%s", l)
	}
	if s.Contact != "" {
		r.line(" snmp-agent sys-info contact %s", quoteText(s.Contact))
	}
	if s.Location != "" {
		r.line(" snmp-agent sys-info location %s", quoteText(s.Location))
	}
	if s.Versions != [3]bool{false, false, true} {
		var names []string
		for i, on := range s.Versions {
			if on {
				names = append(names, snmpVersionNames[i])
			}
		}
		r.line(" snmp-agent sys-info version %s", strings.Join(names, " "))
		if !s.Versions[2] {
			r.line(" undo snmp-agent sys-info version v3")
		}
	}
	for _, t := range s.Targets {
		l := fmt.Sprintf(" snmp-agent target-host trap address udp-domain %s params securityname %s", t.Addr, quoteWord(t.Community))
		if t.Version != "" {
			l += " " + t.Version
		}
		r.line("%s", l)
	}
}

func runDisplaySNMPCommunity(c *Ctx) error {
	var s SNMPConfig
	c.D.read(func(cfg *Config) { s = cfg.SNMP })
	if !s.Enabled {
		c.Println("SNMP agent is not enabled.")
		return nil
	}
	for _, name := range sortedKeys(s.Communities) {
		cm := s.Communities[name]
		if c.A.Has("read") && cm.Write || c.A.Has("write") && !cm.Write {
			continue
		}
		c.Printf("   Community name: %s\n       Group name: %s\n", cm.Name, cm.Name)
		if cm.ACL != 0 {
			c.Printf("       ACL: %d\n", cm.ACL)
		}
		c.Printf("       Storage-type: nonVolatile\n\n")
	}
	return nil
}

func runDisplaySNMPSysInfo(c *Ctx) error {
	var s SNMPConfig
	c.D.read(func(cfg *Config) { s = cfg.SNMP })
	if !s.Enabled {
		c.Println("SNMP agent is not enabled.")
		return nil
	}
	all := !c.A.Has("contact") && !c.A.Has("location") && !c.A.Has("version")
	if all || c.A.Has("contact") {
		c.Printf("   The contact information of the agent:\n     %s\n", orDefault(s.Contact, defaultSNMPContact))
	}
	if all || c.A.Has("location") {
		c.Printf("   The location information of the agent:\n     %s\n", orDefault(s.Location, defaultSNMPLocation))
	}
	if all || c.A.Has("version") {
		var names []string
		for i, on := range s.Versions {
			if on {
				names = append(names, "SNMP"+snmpVersionNames[i])
			}
		}
		c.Printf("   The SNMP version of the agent:\n     %s\n", strings.Join(names, " "))
	}
	return nil
}

func runDisplaySNMPEngineID(c *Ctx) error {
	var s SNMPConfig
	c.D.read(func(cfg *Config) { s = cfg.SNMP })
	if !s.Enabled {
		c.Println("SNMP agent is not enabled.")
		return nil
	}
	c.Printf(" SNMP local EngineID: %s\n", s.EngineID)
	return nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

var snmpHelp = pathHelp(snmpRows(), map[string]string{
	"snmp-agent":                   "Simple Network Management Protocol (SNMP) agent",
	"local-engineid":               "Local SNMP engine ID",
	"community":                    "SNMP community",
	"read":                         "Read-only access",
	"write":                        "Read and write access",
	"acl":                          "Specify an ACL",
	"sys-info":                     "System information",
	"contact":                      "Contact information",
	"location":                     "Location information",
	"sys-info version":             "SNMP versions",
	"target-host":                  "Target host",
	"trap":                         "Send notifications as traps",
	"address":                      "Target host address",
	"udp-domain":                   "UDP transport",
	"params":                       "Notification parameters",
	"securityname":                 "Security name (community or user)",
	"v1":                           "SNMPv1",
	"v2c":                          "SNMPv2c",
	"v3":                           "SNMPv3",
	"display snmp-agent":           "Simple Network Management Protocol (SNMP) agent",
	"display snmp-agent community": "SNMP communities",
	"display snmp-agent sys-info":  "System information of the agent",
})

var snmpArgHelp = map[string]string{
	"engineid":  "Engine ID in hexadecimal",
	"community": "Community name",
	"contact":   "Contact information",
	"location":  "Location information",
	"trapip":    "IPv4 address of the target host",
	"versions":  "SNMP versions",
	"acl":       "Number of a basic ACL",
}
