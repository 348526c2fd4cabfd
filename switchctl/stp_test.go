package switchctl

import (
	"strings"
	"testing"
)

// stpRoles is a device's `display stp brief` as port -> "ROLE STATE".
func stpRoles(t *testing.T, r *simRig) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, l := range strings.Split(r.run("display stp brief"), "\n")[1:] {
		if f := strings.Fields(l); len(f) == 5 {
			out[f[1]] = f[2] + " " + f[3]
		}
	}
	return out
}

// TestSTPRolesFollowTheFleet: three switches in a triangle elect the lowest bridge ID as root;
// the others' root ports face it, and the link between them is blocked at the end with the worse
// bridge ID, whatever device is asked first. A lower priority moves the root.
func TestSTPRolesFollowTheFleet(t *testing.T) {
	for _, order := range [][]string{{"a", "b", "c"}, {"c", "b", "a"}} {
		fl := triangle(t)
		a, b, c := fl.rigs["a"], fl.rigs["b"], fl.rigs["c"]
		a.run("system-view", "stp priority 4096", "return")
		roles := map[string]map[string]string{}
		for _, name := range order {
			roles[name] = stpRoles(t, fl.rigs[name])
		}
		const p25, p26, p27 = "Ten-GigabitEthernet1/0/25", "Ten-GigabitEthernet1/0/26", "Ten-GigabitEthernet1/0/27"
		// b and c tie on cost (one 10G hop); the lower bridge ID (same priority: the MAC) keeps
		// its designated port on the b-c link.
		better, worse := "b", "c"
		if macString(c.d.ChassisMAC()) < macString(b.d.ChassisMAC()) {
			better, worse = "c", "b"
		}
		want := map[string]map[string]string{
			"a":    {p25: "DESI FORWARDING", p27: "DESI FORWARDING"},
			better: {p26: "DESI FORWARDING"},
			worse:  {p26: "ALTE DISCARDING"},
		}
		want["b"][p25], want["c"][p27] = "ROOT FORWARDING", "ROOT FORWARDING"
		for name, ports := range want {
			for port, role := range ports {
				if got := roles[name][port]; got != role {
					t.Errorf("order %v: %s %s is %q, want %q", order, name, port, got, role)
				}
			}
		}
		if out := c.run("display stp"); !strings.Contains(out, " Root ID/ERPC        : 4096."+macString(a.d.ChassisMAC())+", 2\n") {
			t.Errorf("c does not name a as its root at cost 2:\n%s", out)
		}
		// c becomes the root: a and b reach it directly (cost 2) through their root ports, and the
		// a-b link, cost 2 at both ends, blocks at b, whose priority 32768 is worse than a's 4096.
		c.run("system-view", "stp priority 0", "return")
		if got := stpRoles(t, b)[p26]; got != "ROOT FORWARDING" {
			t.Errorf("with c the root, b's port to c is %q", got)
		}
		if got := stpRoles(t, a)[p27]; got != "ROOT FORWARDING" {
			t.Errorf("with c the root, a's port to c is %q", got)
		}
		ab := stpRoles(t, a)[p25] + "/" + stpRoles(t, b)[p25]
		if ab != "DESI FORWARDING/ALTE DISCARDING" {
			t.Errorf("the a-b link blocks at the wrong end: %s", ab)
		}
	}
}

// TestSTPBPDUProtectionClosesAnEdgedPort: with BPDU protection on, an edged port whose far end runs
// STP is closed when the BPDUs arrive: the log says so, the port shows STP DOWN on this end and its
// link goes down at the far end. undo shutdown opens it; it closes again while the BPDUs still come,
// and stays open once they stop.
func TestSTPBPDUProtectionClosesAnEdgedPort(t *testing.T) {
	fl := newTestFleet(map[string]testSpec{"a": {model: "5130-28", seed: 1}, "b": {model: "5130-28", seed: 2}},
		testLink{"a", "Ten-GigabitEthernet1/0/25", "b", "Ten-GigabitEthernet1/0/25"})
	fl.open(t, "a", "b")
	a, b := fl.rigs["a"], fl.rigs["b"]
	const port = "Ten-GigabitEthernet1/0/25"
	state := func(r *simRig) string {
		out := r.run("display interface " + port)
		for _, l := range strings.Split(out, "\n") {
			if s, ok := strings.CutPrefix(l, "Current state: "); ok {
				return s
			}
		}
		t.Fatalf("no state in:\n%s", out)
		return ""
	}
	closures := func() int { return strings.Count(a.run("display logbuffer"), "STP/4/STP_BPDU_PROTECTION") }
	// The edged port alone, or BPDU protection alone, closes nothing.
	a.run("system-view", "interface "+port, "stp edged-port", "return")
	if got := state(a); got != "UP" {
		t.Fatalf("an edged port without BPDU protection is %q", got)
	}
	a.run("system-view", "stp bpdu-protection", "return")
	if got := state(a); got != "STP DOWN" {
		t.Fatalf("the edged port that receives BPDUs is %q, want STP DOWN", got)
	}
	if log := a.run("display logbuffer"); !strings.Contains(log, "STP/4/STP_BPDU_PROTECTION: BPDU-Protection port "+port+" received BPDUs.") {
		t.Errorf("no BPDU protection log line:\n%s", log)
	}
	if got := state(b); got != "DOWN" {
		t.Errorf("the far end of the closed port is %q, want DOWN", got)
	}
	if out := a.run("display interface brief down"); !strings.Contains(out, "XGE1/0/25            DOWN STP DOWN\n") {
		t.Errorf("brief down does not give the cause:\n%s", out)
	}
	// undo shutdown opens the port; the BPDUs still come and it closes again.
	a.run("system-view", "interface "+port, "undo shutdown", "return")
	if got, n := state(a), closures(); got != "STP DOWN" || n != 2 {
		t.Errorf("after undo shutdown with BPDUs still coming: %q, %d closures, want STP DOWN and 2", got, n)
	}
	// The far end stops STP: undo shutdown opens the port for good.
	b.run("system-view", "undo stp global enable", "return")
	if got := state(a); got != "STP DOWN" {
		t.Errorf("the port opened by itself: %q", got)
	}
	a.run("system-view", "interface "+port, "undo shutdown", "return")
	if got, n := state(a), closures(); got != "UP" || n != 2 {
		t.Errorf("after the far end stopped STP and undo shutdown: %q, %d closures, want UP and 2", got, n)
	}
	if got := state(b); got != "UP" {
		t.Errorf("the far end is %q once the port opened", got)
	}
}

// TestSTPBlockedLinkLearnsNothing: the link STP blocks (one end alternate, discarding) carries no
// frames, so neither end's MAC table learns the other through it, while the forwarding links of the
// triangle still learn their far ends; LLDP, which STP does not block, still sees the neighbour.
// Unblocking (the far end stops STP) brings the entries back.
func TestSTPBlockedLinkLearnsNothing(t *testing.T) {
	fl := triangle(t)
	a, b, c := fl.rigs["a"], fl.rigs["b"], fl.rigs["c"]
	a.run("system-view", "stp priority 4096", "return")
	if roles := stpRoles(t, b)["Ten-GigabitEthernet1/0/26"] + "/" + stpRoles(t, c)["Ten-GigabitEthernet1/0/26"]; !strings.Contains(roles, "ALTE DISCARDING") {
		t.Fatalf("the b-c link is not blocked: %s", roles)
	}
	for _, r := range []*simRig{b, c} {
		if rows := macRows(r, "XGE1/0/26"); len(rows) != 0 {
			t.Errorf("%s learns through the blocked link:\n%s", r.run("display current-configuration | include sysname"), strings.Join(rows, "\n"))
		}
		if rows := macRows(r, "XGE1/0/25"); r == b && len(rows) != 1 {
			t.Errorf("b does not learn a through its root port: %q", rows)
		}
		if out := r.run("display lldp neighbor-information list"); !strings.Contains(out, "XGE1/0/26") {
			t.Errorf("LLDP lost the neighbour on the blocked link:\n%s", out)
		}
	}
	if rows := macRows(a, "XGE1/0/27"); len(rows) != 1 {
		t.Errorf("a does not learn c through its designated port: %q", rows)
	}
	c.run("system-view", "undo stp global enable", "return")
	for _, r := range []*simRig{b, c} {
		if rows := macRows(r, "XGE1/0/26"); len(rows) != 1 {
			t.Errorf("once c stops STP, the b-c link learns %q", rows)
		}
	}
}

// triangle is three 5130-28s, a, b and c, wired each to the other two on XGE1/0/25-27, open.
func triangle(t *testing.T) *testFleet {
	t.Helper()
	fl := newTestFleet(map[string]testSpec{
		"a": {model: "5130-28", seed: 1}, "b": {model: "5130-28", seed: 2}, "c": {model: "5130-28", seed: 3},
	}, testLink{"a", "Ten-GigabitEthernet1/0/25", "b", "Ten-GigabitEthernet1/0/25"},
		testLink{"b", "Ten-GigabitEthernet1/0/26", "c", "Ten-GigabitEthernet1/0/26"},
		testLink{"a", "Ten-GigabitEthernet1/0/27", "c", "Ten-GigabitEthernet1/0/27"})
	fl.open(t, "a", "b", "c")
	return fl
}
