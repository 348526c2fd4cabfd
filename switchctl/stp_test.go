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
		fl := newTestFleet(map[string]testSpec{
			"a": {model: "5130-28", seed: 1}, "b": {model: "5130-28", seed: 2}, "c": {model: "5130-28", seed: 3},
		}, testLink{"a", "Ten-GigabitEthernet1/0/25", "b", "Ten-GigabitEthernet1/0/25"},
			testLink{"b", "Ten-GigabitEthernet1/0/26", "c", "Ten-GigabitEthernet1/0/26"},
			testLink{"a", "Ten-GigabitEthernet1/0/27", "c", "Ten-GigabitEthernet1/0/27"})
		fl.open(t, "a", "b", "c")
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
