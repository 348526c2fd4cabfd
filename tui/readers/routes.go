package readers

import (
	"strconv"
	"strings"
)

// RoutingTable is `display ip routing-table`: its counters and routes in the order printed.
type RoutingTable struct {
	Destinations, Routes int
	Entries              []Route
}

// Route is one line of the routing table. A destination with several next hops prints the others on
// continuation lines without the destination; those become routes of their own with the
// destination (and the columns they leave out) of the line above.
type Route struct {
	Destination string // 10.0.0.0/24
	Proto       string // Direct, Static, OSPF, ...
	Pre, Cost   int
	NextHop     string
	Interface   string // as the table prints it: Vlan10, InLoop0
}

// ParseRoutingTable reads `display ip routing-table`.
func ParseRoutingTable(text string) (RoutingTable, error) {
	var t RoutingTable
	seen := false
	for _, line := range lines(text) {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
			continue
		case f[0] == "Destinations" || f[0] == "Destination/Mask":
			seen = true
			if f[0] == "Destinations" {
				t.Destinations, t.Routes = counter(f, "Destinations"), counter(f, "Routes")
			}
			continue
		case !seen:
			continue
		}
		switch {
		case len(f) >= 6 && strings.Contains(f[0], "/"):
			pre, _ := strconv.Atoi(f[2])
			cost, _ := strconv.Atoi(f[3])
			t.Entries = append(t.Entries, Route{Destination: f[0], Proto: f[1], Pre: pre, Cost: cost, NextHop: f[4], Interface: f[5]})
		case len(f) >= 2 && len(f) <= 5 && len(t.Entries) > 0 && strings.HasPrefix(line, " "):
			last := t.Entries[len(t.Entries)-1]
			if len(f) == 5 {
				last.Proto = f[0]
				last.Pre, _ = strconv.Atoi(f[1])
				last.Cost, _ = strconv.Atoi(f[2])
			}
			last.NextHop, last.Interface = f[len(f)-2], f[len(f)-1]
			t.Entries = append(t.Entries, last)
		}
	}
	if !seen {
		return t, ErrFormat
	}
	return t, nil
}

// counter reads "Name : N" out of the words of a line.
func counter(f []string, name string) int {
	for i, w := range f {
		if w == name && i+2 < len(f) && f[i+1] == ":" {
			n, _ := strconv.Atoi(f[i+2])
			return n
		}
		if w == name+":" && i+1 < len(f) {
			n, _ := strconv.Atoi(f[i+1])
			return n
		}
	}
	return 0
}

// IPIf is a line of `display ip interface brief`. Physical is up, down or *down (shut down);
// Protocol up, down, up(s) (spoofing) or up(l) (loopback); IP "--" when none is set.
type IPIf struct {
	Name, Physical, Protocol, IP, Description string
}

// AdminDown reports whether the interface is shut down.
func (i IPIf) AdminDown() bool { return strings.HasPrefix(i.Physical, "*") }

// ParseIPIfBrief reads `display ip interface brief`.
func ParseIPIfBrief(text string) ([]IPIf, error) {
	var out []IPIf
	seen := false
	for _, line := range lines(text) {
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "Interface" && f[1] == "Physical":
			seen = true
			continue
		case !seen || len(f) < 4:
			continue
		}
		desc := rest(line, 4)
		if desc == "--" {
			desc = ""
		}
		out = append(out, IPIf{Name: f[0], Physical: f[1], Protocol: f[2], IP: f[3], Description: desc})
	}
	if !seen {
		return nil, ErrFormat
	}
	return out, nil
}
