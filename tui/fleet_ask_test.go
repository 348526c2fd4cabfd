package tui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
)

// configure runs lines on a device of the fake fleet, as someone else's session there would.
func (ff *fleetFixture) configure(name string, lines ...string) {
	ff.t.Helper()
	s := ff.fl.devs[name].NewSession(switchctl.SessionInfo{User: "root", Roles: []string{switchctl.RoleAdmin}, Line: 9})
	for _, l := range lines {
		if err := s.Exec(context.Background(), l, io.Discard); err != nil {
			ff.t.Fatalf("%s: %s: %v", name, l, err)
		}
	}
}

// TestFleetAskTable: `a` opens the ":" line with "ask ", a preset runs on every selected device and
// the answers read into one table with a Device column first; the device that could not be opened
// is a row of its own with its reason, never dropped; / filters the table; esc goes back. Every
// line of the ask is one audit operation.
func TestFleetAskTable(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	var mu sync.Mutex
	var seen []Observed
	ff.fl.observe = func(o Observed) { mu.Lock(); seen = append(seen, o); mu.Unlock() }
	ff.withLab()
	ff.command("select *")
	ff.key("a")
	if s := ff.screen(); !strings.Contains(s, ":ask ") {
		t.Fatalf("a does not open the ask line:\n%s", s)
	}
	ff.typeText("version")
	ff.key("enter")
	s := ff.screen()
	for _, want := range []string{"Ask", "4 devices: 3 ok, 1 unreachable or timed out", "Device       Product",
		"lab9: cannot open lab9: " + errNoDevice.Error()} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	for _, n := range []string{"core1", "core2", "edge1"} {
		if r := ff.row(n); !strings.Contains(r, "5130 24G 4SFP+ EI… 7.1.070   3506P06   3h 07m") {
			t.Errorf("%s's row: %q", n, r)
		}
	}
	if r := ff.row("lab9"); !strings.Contains(r, "cannot open") {
		t.Errorf("the device that could not be opened is not listed: %q", r)
	}

	ff.key("/")
	ff.typeText("core2")
	ff.key("enter")
	if s := ff.screen(); !strings.Contains(s, "1/4 rows match /core2") || ff.row("core1") != "" || ff.row("core2") == "" {
		t.Errorf("/core2 does not filter the answers:\n%s", s)
	}
	ff.key("esc", "esc")
	if s := ff.screen(); !strings.Contains(s, "Fleet ─") || ff.row("lab9") == "" || strings.Contains(s, "Product") {
		t.Errorf("esc twice (clear the filter, leave) is not the dashboard:\n%s", s)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 3 {
		t.Fatalf("the audit saw %d lines, want 3 (one per device that answered): %+v", len(seen), seen)
	}
	for _, o := range seen {
		if o.Kind != OpAsk || o.Op == "" || o.Op != seen[0].Op || o.Ran.Line != "display version" {
			t.Errorf("audited %+v, want display version as one ask operation", o)
		}
	}
}

// TestFleetAskGroups: an output the console does not read is shown once for the devices that
// printed the same, and the device that printed something else as its diff against them.
func TestFleetAskGroups(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{w: 100, h: 30})
	ff.configure("edge1", "system-view", "vlan 30", "quit")
	ff.command("select core*,edge1")
	ff.command("ask display vlan")
	s := ff.screen()
	for _, want := range []string{"3 devices: 3 ok", "2 devices: the output most gave — core1, core2", "Total VLANs: 1",
		"1 device: differs from core1 and 1 more — edge1", "--- core1 and 1 more", "+++ edge1", "- Total VLANs: 1", "+ Total VLANs: 2", "+ 1(default), 30"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}

	ff.key("esc")
	ff.configure("edge1", "system-view", "undo vlan 30", "quit")
	ff.command("ask dis vlan")
	if s := ff.screen(); !strings.Contains(s, "3 devices: same output — core1, core2, edge1") || strings.Contains(s, "+++") {
		t.Errorf("the same output on every device:\n%s", s)
	}
}

// TestFleetAskRefusals: ask runs display commands only, on a selection, and says so otherwise,
// opening no device.
func TestFleetAskRefusals(t *testing.T) {
	for _, tc := range []struct {
		filter, line, status string
	}{
		{"", "ask system-view", "system-view: ask runs display commands only; to change devices use :change (change many)"},
		{"", "ask ping 192.0.2.1", "ping: ask runs display commands only"},
		{"", "ask reboot", "reboot: ask runs display commands only"},
		{"", "ask", askUsage},
		{"nosuch", "ask version", "no device selected"},
	} {
		t.Run(tc.line, func(t *testing.T) {
			ff := newFleetFixture(t, fleetOpts{w: 120, h: 30})
			if tc.filter != "" {
				ff.key("/")
				ff.typeText(tc.filter)
				ff.key("enter")
			}
			ff.command(tc.line)
			if s := ff.screen(); !strings.Contains(s, tc.status) || ff.f.fan != nil {
				t.Errorf("want %q and no results pane:\n%s", tc.status, s)
			}
			for _, n := range []string{"core1", "core2", "edge1"} {
				if o, _ := ff.fl.counts(n); o != 0 {
					t.Errorf("%s was opened %d times", n, o)
				}
			}
		})
	}
}

// gatedFleet holds every Open until the test opens the gate, telling it which device waits.
type gatedFleet struct {
	*fakeFleet
	gate    chan struct{}
	waiting chan string
}

func (g gatedFleet) Open(name string) (Backend, error) {
	g.waiting <- name
	<-g.gate
	return g.fakeFleet.Open(name)
}

// TestFleetAskCancel: the ask runs in the background (the console answers keys meanwhile); esc
// cancels it, and every device is still listed, with why it did not answer; nothing is left open.
func TestFleetAskCancel(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	g := gatedFleet{fakeFleet: ff.fl, gate: make(chan struct{}), waiting: make(chan string, 3)}
	ff.f.fleet = g
	ff.command("select *")
	ff.key(":")
	ff.typeText("ask display clock")
	_, cmd := ff.f.Update(keyMsg("enter"))
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("the ask's command is %T, want a batch of the run and its progress", cmd())
	}
	ran := make(chan struct{})
	go func() { defer close(ran); batch[0]() }()
	for range 3 {
		select {
		case <-g.waiting:
		case <-time.After(10 * time.Second):
			t.Fatal("the devices were not opened in parallel")
		}
	}
	if s := ff.screen(); !strings.Contains(s, "0/3 done · esc: cancel") {
		t.Errorf("no progress while the ask runs:\n%s", s)
	}
	ff.key("esc")
	if s := ff.screen(); !strings.Contains(s, "cancelling…") {
		t.Errorf("esc does not cancel:\n%s", s)
	}
	close(g.gate)
	ff.send(batch[1]())
	<-ran
	s := ff.screen()
	for _, n := range []string{"core1", "core2", "edge1"} {
		if !strings.Contains(s, "✗ "+n+"  cancelled before it answered") {
			t.Errorf("%s is not listed as cancelled:\n%s", n, s)
		}
		if o, c := ff.fl.counts(n); o != c {
			t.Errorf("%s opened %d, closed %d", n, o, c)
		}
	}
	ff.key("esc")
	if ff.f.fan != nil {
		t.Error("esc after the end does not close the results")
	}
}

// TestGoldenFleetAsk snapshots the results pane at three sizes: a table (down ports), groups with
// a diff (display vlan), and a compare.
func TestGoldenFleetAsk(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			ff := newFleetFixture(t, fleetOpts{w: sz[0], h: sz[1]})
			ff.withLab()
			ff.configure("edge1", "system-view", "vlan 30", "name users", "quit")
			ff.command("select *")
			ff.command("ask down ports")
			golden(t, fmt.Sprintf("fleet/%dx%d/ask-down-ports.txt", sz[0], sz[1]), ff.screen())
			ff.key("esc")
			ff.command("ask display vlan")
			golden(t, fmt.Sprintf("fleet/%dx%d/ask-groups.txt", sz[0], sz[1]), ff.screen())
			ff.key("esc")
			ff.command("compare core1")
			golden(t, fmt.Sprintf("fleet/%dx%d/compare.txt", sz[0], sz[1]), ff.screen())
		})
	}
}
