package switchctl

import (
	"net/netip"
	"strings"
	"testing"
)

func TestRouteStaticCommands(t *testing.T) {
	sys := []string{"system-view"}
	vlan10 := []string{"system-view", "interface Vlan-interface 10", "quit"}
	runCmdCases(t, []cmdCase{
		{name: "next hop", pre: sys, line: "ip route-static 10.1.0.0 16 192.168.1.1", config: []string{" ip route-static 10.1.0.0 16 192.168.1.1"}},
		{name: "dotted mask", pre: sys, line: "ip route-static 10.1.0.0 255.255.0.0 192.168.1.1", config: []string{" ip route-static 10.1.0.0 16 192.168.1.1"}},
		{name: "host bits are masked", pre: sys, line: "ip route-static 10.1.2.3 24 192.168.1.1", config: []string{" ip route-static 10.1.2.0 24 192.168.1.1"}},
		{name: "default route", pre: sys, line: "ip route-static 0.0.0.0 0 10.1.100.1", config: []string{" ip route-static 0.0.0.0 0 10.1.100.1"}},
		{name: "host route", pre: sys, line: "ip route-static 10.9.9.9 32 192.168.1.1", config: []string{" ip route-static 10.9.9.9 32 192.168.1.1"}},
		{name: "preference", pre: sys, line: "ip route-static 10.0.0.0 8 192.168.1.1 preference 10", config: []string{" ip route-static 10.0.0.0 8 192.168.1.1 preference 10"}},
		{name: "default preference hidden", pre: sys, line: "ip route-static 10.0.0.0 8 192.168.1.1 pref 60", config: []string{" ip route-static 10.0.0.0 8 192.168.1.1"}},
		{name: "blackhole", pre: sys, line: "ip route-static 192.0.2.0 24 NULL0", config: []string{" ip route-static 192.0.2.0 24 NULL0"}},
		{name: "interface and next hop", pre: vlan10, line: "ip route-static 10.0.0.0 8 vlan-int 10 192.168.10.254",
			config: []string{" ip route-static 10.0.0.0 8 Vlan-interface10 192.168.10.254"}},
		{name: "interface only", pre: vlan10, line: "ip route-static 10.0.0.0 8 Vlan-interface10", config: []string{" ip route-static 10.0.0.0 8 Vlan-interface10"}},
		{name: "new preference replaces", pre: append(sys, "ip route-static 10.0.0.0 8 192.168.1.1 preference 10"),
			line:   "ip route-static 10.0.0.0 8 192.168.1.1 preference 20",
			config: []string{" ip route-static 10.0.0.0 8 192.168.1.1 preference 20"}, absent: []string{" ip route-static 10.0.0.0 8 192.168.1.1 preference 10"}},

		{name: "mask too long", pre: sys, line: "ip route-static 10.0.0.0 33 1.1.1.1", perr: wrongAt(25)},
		{name: "mask with holes", pre: sys, line: "ip route-static 10.0.0.0 255.0.255.0 1.1.1.1", perr: wrongAt(25)},
		{name: "bad destination", pre: sys, line: "ip route-static 10.0.0 8 1.1.1.1", perr: wrongAt(16)},
		{name: "bad next hop", pre: sys, line: "ip route-static 10.0.0.0 8 1.1.1.256", perr: wrongAt(27)},
		{name: "no next hop", pre: sys, line: "ip route-static 10.0.0.0 8", perr: incompleteAt(27)},
		{name: "preference 0", pre: sys, line: "ip route-static 10.0.0.0 8 1.1.1.1 preference 0", perr: wrongAt(46)},
		{name: "preference 256", pre: sys, line: "ip route-static 10.0.0.0 8 1.1.1.1 preference 256", perr: wrongAt(46)},
		{name: "extra word", pre: sys, line: "ip route-static 10.0.0.0 8 1.1.1.1 extra", perr: &ParseError{Kind: TooMany, Pos: 35}},
		{name: "interface never created", pre: sys, line: "ip route-static 10.0.0.0 8 Vlan-interface 99 1.1.1.1", perr: wrongAt(27)},
		{name: "bridge port", pre: sys, line: "ip route-static 10.0.0.0 8 GigabitEthernet1/0/1 1.1.1.1", perr: wrongAt(27)},
		{name: "port the model lacks", pre: sys, line: "ip route-static 10.0.0.0 8 GigabitEthernet1/0/99", perr: wrongAt(27)},
		{name: "next hop 0.0.0.0", pre: sys, line: "ip route-static 10.0.0.0 8 0.0.0.0", refusal: "Invalid next hop address."},
		{name: "multicast next hop", pre: sys, line: "ip route-static 10.0.0.0 8 224.0.0.5", refusal: "Invalid next hop address."},
		{name: "loopback next hop", pre: sys, line: "ip route-static 10.0.0.0 8 127.0.0.1", refusal: "Invalid next hop address."},
		{name: "multicast destination", pre: sys, line: "ip route-static 224.0.0.0 4 1.1.1.1", refusal: "Invalid destination address."},
		{name: "not in user view", line: "ip route-static 10.0.0.0 8 1.1.1.1", perr: &ParseError{Kind: Unrecognized, Pos: 0}},

		{name: "undo one next hop", pre: append(sys, "ip route-static 10.0.0.0 8 1.1.1.1", "ip route-static 10.0.0.0 8 2.2.2.2"),
			line:   "undo ip route-static 10.0.0.0 8 1.1.1.1",
			config: []string{" ip route-static 10.0.0.0 8 2.2.2.2"}, absent: []string{" ip route-static 10.0.0.0 8 1.1.1.1"}},
		{name: "undo every next hop", pre: append(sys, "ip route-static 10.0.0.0 8 1.1.1.1", "ip route-static 10.0.0.0 8 NULL0", "ip route-static 10.0.0.0 16 1.1.1.1"),
			line:   "undo ip route-static 10.0.0.0 255.0.0.0",
			config: []string{" ip route-static 10.0.0.0 16 1.1.1.1"}, absent: []string{" ip route-static 10.0.0.0 8 1.1.1.1", " ip route-static 10.0.0.0 8 NULL0"}},
		{name: "undo with host bits", pre: append(sys, "ip route-static 10.1.2.0 24 1.1.1.1"), line: "undo ip route-static 10.1.2.99 24",
			absent: []string{" ip route-static 10.1.2.0 24 1.1.1.1"}},
		{name: "undo by interface", pre: append(vlan10, "ip route-static 10.0.0.0 8 Vlan-interface10 192.168.10.254", "ip route-static 10.0.0.0 8 192.168.10.254"),
			line:   "undo ip route-static 10.0.0.0 8 Vlan-interface10 192.168.10.254",
			config: []string{" ip route-static 10.0.0.0 8 192.168.10.254"}, absent: []string{" ip route-static 10.0.0.0 8 Vlan-interface10 192.168.10.254"}},
		{name: "undo with another preference keeps", pre: append(sys, "ip route-static 10.0.0.0 8 1.1.1.1 preference 5"),
			line: "undo ip route-static 10.0.0.0 8 1.1.1.1 preference 6", config: []string{" ip route-static 10.0.0.0 8 1.1.1.1 preference 5"}},
		{name: "undo what is not there", pre: sys, line: "undo ip route-static 10.0.0.0 8 1.1.1.1"},
		{name: "undo bad mask", pre: sys, line: "undo ip route-static 10.0.0.0 40", perr: wrongAt(30)},
	})
}

// TestRoutesRenderSorted: whatever order routes are typed in, the configuration lists them by
// destination, prefix length and next hop.
func TestRoutesRenderSorted(t *testing.T) {
	d, s := cmdDevice(t)
	cmdMust(t, s, "system-view",
		"ip route-static 192.168.0.0 16 10.0.0.2",
		"ip route-static 10.0.0.0 16 10.0.0.1",
		"ip route-static 10.0.0.0 8 10.0.0.9",
		"ip route-static 10.0.0.0 8 NULL0",
		"ip route-static 10.0.0.0 8 10.0.0.1",
		"ip route-static 0.0.0.0 0 10.0.0.1")
	want := " ip route-static 0.0.0.0 0 10.0.0.1\n" +
		" ip route-static 10.0.0.0 8 NULL0\n" +
		" ip route-static 10.0.0.0 8 10.0.0.1\n" +
		" ip route-static 10.0.0.0 8 10.0.0.9\n" +
		" ip route-static 10.0.0.0 16 10.0.0.1\n" +
		" ip route-static 192.168.0.0 16 10.0.0.2\n"
	if !strings.Contains(d.CurrentConfig(), "#\n"+want+"#\n") {
		t.Fatalf("routes not in order:\n%s", d.CurrentConfig())
	}
	var routes []Route
	d.read(func(c *Config) { routes = c.sortedRoutes() })
	if r := routes[1]; r.Dest != netip.MustParseAddr("10.0.0.0") || r.Iface != "NULL0" || r.NextHop.IsValid() || r.Preference != 60 {
		t.Fatalf("stored route %+v", r)
	}
}
