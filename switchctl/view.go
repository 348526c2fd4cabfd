package switchctl

import (
	"strconv"
	"strings"
)

// ViewKind is a Comware command view; each has its own commands and prompt.
type ViewKind int

// The views vtyd's grammar knows.
const (
	ViewUser      ViewKind = iota // <Sysname>
	ViewSystem                    // [Sysname]
	ViewIfPort                    // a switching port: [Sysname-GigabitEthernet1/0/1]
	ViewIfRoute                   // Vlan-interface, LoopBack, M-GigabitEthernet: [Sysname-Vlan-interface10]
	ViewIfRange                   // [Sysname-if-range]
	ViewVLAN                      // [Sysname-vlan10]
	ViewLocalUser                 // [Sysname-luser-manage-NAME]
	ViewLine                      // [Sysname-line-vty0-63]
	ViewPeerKey                   // [Sysname-pkey-public-key-K]
	ViewACL                       // [Sysname-acl-ipv4-basic-2001], [Sysname-acl-ipv4-adv-3000]
	ViewDomain                    // [Sysname-isp-system]
	ViewRole                      // [Sysname-role-level-3]
	ViewUserGroup                 // [Sysname-ugroup-system]
	ViewSTPRegion                 // [Sysname-mst-region]
	numViews
)

// ViewSet is a set of views a grammar row belongs to.
type ViewSet uint32

// Sets of views used by the grammar.
const (
	InUser      = ViewSet(1 << ViewUser)
	InSystem    = ViewSet(1 << ViewSystem)
	InIfPort    = ViewSet(1 << ViewIfPort)
	InIfRoute   = ViewSet(1 << ViewIfRoute)
	InIfRange   = ViewSet(1 << ViewIfRange)
	InVLAN      = ViewSet(1 << ViewVLAN)
	InLocalUser = ViewSet(1 << ViewLocalUser)
	InLine      = ViewSet(1 << ViewLine)
	InPeerKey   = ViewSet(1 << ViewPeerKey)
	InACL       = ViewSet(1 << ViewACL)
	InDomain    = ViewSet(1 << ViewDomain)
	InRole      = ViewSet(1 << ViewRole)
	InUserGroup = ViewSet(1 << ViewUserGroup)
	InSTPRegion = ViewSet(1 << ViewSTPRegion)
	InAnyIf     = InIfPort | InIfRoute | InIfRange
	InAll       = ViewSet(1<<numViews - 1)
)

// Has reports whether k is in the set.
func (s ViewSet) Has(k ViewKind) bool { return s&(1<<k) != 0 }

// View is where a session stands: its kind and the object it configures.
type View struct {
	Kind   ViewKind
	Name   string   // interface full name, local user or public key name
	ID     int      // VLAN ID
	Lo, Hi int      // VTY line range; for the console line and line classes Name is their otherLines key
	Ifaces []string // members of an interface range
}

// Prompt is the prompt Comware shows in view v for a device named sysname.
func (v View) Prompt(sysname string) string {
	switch v.Kind {
	case ViewUser:
		return "<" + sysname + ">"
	case ViewSystem:
		return "[" + sysname + "]"
	}
	return "[" + sysname + "-" + v.suffix() + "]"
}

func (v View) suffix() string {
	switch v.Kind {
	case ViewIfPort, ViewIfRoute:
		return v.Name
	case ViewIfRange:
		return "if-range"
	case ViewVLAN:
		return "vlan" + strconv.Itoa(v.ID)
	case ViewLocalUser:
		return "luser-manage-" + v.Name
	case ViewLine:
		switch v.Name {
		case "class aux", "class vty":
			return "line-" + strings.ReplaceAll(v.Name, " ", "-")
		case "aux 0":
			return "line-aux0"
		}
		if v.Lo == v.Hi {
			return "line-vty" + strconv.Itoa(v.Lo)
		}
		return "line-vty" + strconv.Itoa(v.Lo) + "-" + strconv.Itoa(v.Hi)
	case ViewPeerKey:
		return "pkey-public-key-" + v.Name
	case ViewDomain:
		return "isp-" + v.Name
	case ViewRole:
		return "role-" + v.Name
	case ViewUserGroup:
		return "ugroup-" + v.Name
	case ViewSTPRegion:
		return "mst-region"
	case ViewACL:
		if v.ID >= 3000 {
			return "acl-ipv4-adv-" + strconv.Itoa(v.ID)
		}
		return "acl-ipv4-basic-" + strconv.Itoa(v.ID)
	}
	return ""
}

// helpHeader is the first line of `?` at an empty prompt in this view.
func (k ViewKind) helpHeader() string {
	switch k {
	case ViewUser:
		return "User view commands:"
	case ViewSystem:
		return "System view commands:"
	case ViewIfPort, ViewIfRoute:
		return "Interface view commands:"
	case ViewIfRange:
		return "Interface range view commands:"
	case ViewVLAN:
		return "VLAN view commands:"
	case ViewLocalUser:
		return "Local-user view commands:"
	case ViewLine:
		return "Line view commands:"
	case ViewPeerKey:
		return "Public key view commands:"
	case ViewACL:
		return "ACL view commands:"
	case ViewDomain:
		return "ISP domain view commands:"
	case ViewRole:
		return "User role view commands:"
	case ViewUserGroup:
		return "User group view commands:"
	case ViewSTPRegion:
		return "MST region view commands:"
	}
	return "Commands:"
}
