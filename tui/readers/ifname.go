package readers

import "strings"

// ifTypes pairs the abbreviations Comware tables print with the full names configuration uses.
var ifTypes = [...]struct{ short, full string }{
	{"XGE", "Ten-GigabitEthernet"}, {"FGE", "FortyGigE"}, {"HGE", "HundredGigE"}, {"WGE", "TwentyFiveGigE"},
	{"MGE", "M-GigabitEthernet"}, {"GE", "GigabitEthernet"}, {"BAGG", "Bridge-Aggregation"},
	{"RAGG", "Route-Aggregation"}, {"Vlan", "Vlan-interface"}, {"InLoop", "InLoopBack"},
	{"Loop", "LoopBack"}, {"NULL", "NULL"}, {"Tun", "Tunnel"},
}

// FullIfName expands a table name such as GE1/0/3 to the name configuration uses,
// GigabitEthernet1/0/3; names it does not know are returned unchanged.
func FullIfName(name string) string {
	typ, num := splitIfName(name)
	for _, t := range ifTypes {
		if strings.EqualFold(typ, t.short) || strings.EqualFold(typ, t.full) {
			return t.full + num
		}
	}
	return name
}

// MatchIfName reports whether what a user typed (g1/0/3, GE1/0/3, gig 1/0/3, ten1/0/25) names the
// interface called name (in either form): the numbers must be equal and the typed type must be the
// abbreviation or a prefix of the full type name, ignoring case.
func MatchIfName(typed, name string) bool {
	typed = strings.ReplaceAll(typed, " ", "")
	tt, tn := splitIfName(typed)
	nt, nn := splitIfName(FullIfName(name))
	if tn != nn || tn == "" || tt == "" {
		return false
	}
	if strings.HasPrefix(strings.ToLower(nt), strings.ToLower(tt)) {
		return true
	}
	for _, t := range ifTypes {
		if t.full == nt && strings.EqualFold(t.short, tt) {
			return true
		}
	}
	return false
}

// splitIfName splits GE1/0/3 into GE and 1/0/3.
func splitIfName(name string) (typ, num string) {
	i := strings.IndexAny(name, "0123456789")
	if i < 0 {
		return name, ""
	}
	return name[:i], name[i:]
}
