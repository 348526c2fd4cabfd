package switchctl

import (
	"strconv"
	"strings"
)

// IfType is an interface type.
type IfType int

// The interface types of the simulated switch.
const (
	IfGE IfType = iota
	IfXGE
	IfMGE
	IfVlan
	IfLoop
	IfNull
	IfBAGG // Bridge-Aggregation: a layer-2 aggregate interface
)

type ifTypeInfo struct {
	full, acronym, short string
	dims                 int // 3 for slot/sub/port, 1 for a single number
	lo, hi               int // range of a single number
	help                 string
}

var ifTypes = [...]ifTypeInfo{
	IfGE:   {"GigabitEthernet", "GE", "GE", 3, 0, 0, "GigabitEthernet interface"},
	IfXGE:  {"Ten-GigabitEthernet", "XGE", "XGE", 3, 0, 0, "Ten-GigabitEthernet interface"},
	IfMGE:  {"M-GigabitEthernet", "MGE", "MGE", 3, 0, 0, "M-GigabitEthernet interface"},
	IfVlan: {"Vlan-interface", "Vlan-int", "Vlan", 1, 1, 4094, "VLAN interface"},
	IfLoop: {"LoopBack", "Loop", "Loop", 1, 0, 1023, "LoopBack interface"},
	IfNull: {"NULL", "NULL", "NULL", 1, 0, 0, "NULL interface"},
	IfBAGG: {"Bridge-Aggregation", "BAGG", "BAGG", 1, 1, 1024, "Bridge-Aggregation interface"},
}

// IfName names one interface: its type and number (slot/subslot/port, or one number in Num[0]).
type IfName struct {
	Type IfType
	Num  [3]int
}

func (n IfName) number() string {
	if ifTypes[n.Type].dims == 1 {
		return strconv.Itoa(n.Num[0])
	}
	return strconv.Itoa(n.Num[0]) + "/" + strconv.Itoa(n.Num[1]) + "/" + strconv.Itoa(n.Num[2])
}

// Full is the name as configuration and prompts spell it: GigabitEthernet1/0/1.
func (n IfName) Full() string { return ifTypes[n.Type].full + n.number() }

// Short is the name as display tables print it: GE1/0/1.
func (n IfName) Short() string { return ifTypes[n.Type].short + n.number() }

// Routed reports whether the interface is a layer-3 one (ip address, no port link-type).
func (n IfName) Routed() bool { return n.Type == IfVlan || n.Type == IfLoop || n.Type == IfMGE }

// lookupIfType resolves a type word: an acronym or full name exactly, or a unique prefix of a full name,
// all case-insensitive.
func lookupIfType(word string) (IfType, bool) {
	w := strings.ToLower(word)
	if w == "" {
		return 0, false
	}
	for t, info := range ifTypes {
		if w == strings.ToLower(info.full) || w == strings.ToLower(info.acronym) {
			return IfType(t), true
		}
	}
	found, n := IfType(0), 0
	for t, info := range ifTypes {
		if strings.HasPrefix(strings.ToLower(info.full), w) {
			found, n = IfType(t), n+1
		}
	}
	return found, n == 1
}

// ParseIfName parses an interface name, full, abbreviated or as an acronym, with or without a space
// between type and number ("g1/0/1", "GE 1/0/1", "vlan-int10", "Loop 0").
func ParseIfName(s string) (IfName, bool) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i <= 0 {
		return IfName{}, false
	}
	return parseIfParts(strings.TrimSpace(s[:i]), s[i:])
}

func parseIfParts(typ, num string) (IfName, bool) {
	t, ok := lookupIfType(typ)
	if !ok {
		return IfName{}, false
	}
	info := ifTypes[t]
	parts := strings.Split(num, "/")
	if len(parts) != info.dims {
		return IfName{}, false
	}
	n := IfName{Type: t}
	for k, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 5 || (p != "0" && p[0] == '0') {
			return IfName{}, false
		}
		n.Num[k] = v
	}
	if info.dims == 1 && (n.Num[0] < info.lo || n.Num[0] > info.hi) {
		return IfName{}, false
	}
	return n, true
}

// CanonicalIfName turns any accepted spelling into the full name, or "" when s is not an interface name.
func CanonicalIfName(s string) string {
	n, ok := ParseIfName(s)
	if !ok {
		return ""
	}
	return n.Full()
}
