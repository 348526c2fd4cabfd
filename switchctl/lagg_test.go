package switchctl

import (
	"strings"
	"testing"
	"time"
)

// TestLACPAcrossAWire: an aggregation over a wired link comes up on both ends when both run LACP,
// each naming the other as its partner; with LACP on one end only, that end's member stays
// Unselected and its aggregate interface down.
func TestLACPAcrossAWire(t *testing.T) {
	_, leaf, spine := leafSpine(t)
	bagg := func(r *simRig, port string, dynamic bool) {
		mode := "undo link-aggregation mode"
		if dynamic {
			mode = "link-aggregation mode dynamic"
		}
		r.run("system-view", "interface Bridge-Aggregation 5", mode, "interface "+port, "port link-aggregation group 5", "return")
	}
	summary := func(r *simRig) string {
		for _, l := range strings.Split(r.run("display link-aggregation summary"), "\n") {
			if strings.HasPrefix(l, "BAGG5 ") {
				return strings.Join(strings.Fields(l), " ")
			}
		}
		return ""
	}
	partner := func(r *simRig) string { return "0x8000, " + macString(r.d.ChassisMAC()) }

	bagg(leaf, "Ten-GigabitEthernet1/0/25", true)
	if got, want := summary(leaf), "BAGG5 D 0x8000, 0000-0000-0000 0 1 0 Shar"; got != want {
		t.Errorf("leaf with LACP on its end only: %q, want %q", got, want)
	}
	bagg(spine, "Ten-GigabitEthernet1/0/49", true)
	if got, want := summary(leaf), "BAGG5 D "+partner(spine)+" 1 0 0 Shar"; got != want {
		t.Errorf("leaf: %q, want %q", got, want)
	}
	if got, want := summary(spine), "BAGG5 D "+partner(leaf)+" 1 0 0 Shar"; got != want {
		t.Errorf("spine: %q, want %q", got, want)
	}
	if brief := leaf.run("display interface brief | include ^BAGG5"); !strings.HasPrefix(brief, "BAGG5                UP   10G(a)") {
		t.Errorf("leaf's BAGG5: %q", brief)
	}
	leaf.clock.Advance(5 * time.Minute)
	mp := leaf.run("display link-aggregation member-port")
	for _, want := range []string{"Ten-GigabitEthernet1/0/25:\nAggregate Interface: Bridge-Aggregation5\n",
		"    System ID: " + partner(spine) + "\n    Port Number: 49\n", "Received LACP Packets: 11 packet(s)\n"} {
		if !strings.Contains(mp, want) {
			t.Errorf("member-port lacks %q:\n%s", want, mp)
		}
	}
	bagg(spine, "Ten-GigabitEthernet1/0/49", false) // the spine's group becomes static
	if got, want := summary(leaf), "BAGG5 D 0x8000, 0000-0000-0000 0 1 0 Shar"; got != want {
		t.Errorf("leaf after the spine left LACP: %q, want %q", got, want)
	}
	if got, want := summary(spine), "BAGG5 S None 1 0 0 Shar"; got != want {
		t.Errorf("static spine: %q, want %q", got, want)
	}
}
