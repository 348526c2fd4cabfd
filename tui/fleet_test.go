package tui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
)

// withLab adds a device that did not start, tags, a recent error log and an unsaved change to the
// fake fleet, and reads it again.
func (ff *fleetFixture) withLab() {
	ff.t.Helper()
	ff.fl.mu.Lock()
	ff.fl.extra = append(ff.fl.extra, DeviceSummary{Name: "lab9", Model: "5130-24G-4SFP+-EI", Tags: []string{"lab"},
		State: "not started: address in use", LogLevel: -1})
	ff.fl.tags["core1"] = []string{"dc1", "spine"}
	ff.fl.tags["edge1"] = []string{"dc2"}
	ff.fl.logLvl["core2"] = 3
	ff.fl.saved["edge1"]-- // its running configuration is not the saved one
	ff.fl.mu.Unlock()
	ff.send(fleetTickMsg{gen: ff.f.tickGen})
}

// TestFleetDashboard: the dashboard lists every device with its state, marks and tags at 80×24;
// / filters on name, tag, model and state with a count; Enter opens the device under the cursor.
func TestFleetDashboard(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	ff.withLab()
	if h := ff.header(); !strings.Contains(h, "Fleet") || !strings.Contains(h, "4 devices, 3 up") {
		t.Errorf("header: %q", h)
	}
	for name, want := range map[string][]string{
		"core1": {"5130-24G-4SFP+-EI", "up", "3h 07m", "12/16", "dc1,spine"},
		"core2": {"up", "err"},
		"edge1": {"up", "●", "dc2"},
		"lab9":  {"not start…", "lab"},
	} {
		row := ff.row(name)
		for _, w := range want {
			if !strings.Contains(row, w) {
				t.Errorf("row of %s lacks %q: %q", name, w, row)
			}
		}
	}
	if s := ff.screen(); !strings.Contains(s, "● 1 unsaved") || !strings.Contains(s, "core1 127.0.0.1:2201") {
		t.Errorf("info line:\n%s", s)
	}

	for _, tc := range []struct {
		filter, count string
		shown         []string
	}{
		{"CORE", "2/4", []string{"core1", "core2"}},
		{"spine", "1/4", []string{"core1"}},
		{"not started", "1/4", []string{"lab9"}},
		{"5130", "4/4", []string{"core1", "core2", "edge1", "lab9"}},
		{"2201", "0/4", nil}, // the address is not a filter key
	} {
		t.Run(tc.filter, func(t *testing.T) {
			ff.key("/")
			ff.typeText(tc.filter)
			if s := ff.screen(); !strings.Contains(s, tc.count+" match /"+tc.filter) {
				t.Errorf("no %q count:\n%s", tc.count, s)
			}
			for _, n := range []string{"core1", "core2", "edge1", "lab9"} {
				want := strings.Contains(strings.Join(tc.shown, " "), n)
				if got := ff.row(n) != ""; got != want {
					t.Errorf("%s shown %v, want %v", n, got, want)
				}
			}
			ff.key("enter", "esc") // keep, then clear
			if ff.row("lab9") == "" || strings.Contains(ff.screen(), "match /") {
				t.Errorf("esc did not clear the filter:\n%s", ff.screen())
			}
		})
	}

	ff.key("down", "enter")
	if h := ff.header(); !strings.Contains(h, "core2 · via gateway") {
		t.Errorf("header on core2: %q", h)
	}
	if s := ff.screen(); !strings.Contains(s, "F2 fleet") || !strings.Contains(s, "<core2>") {
		t.Errorf("core2's console:\n%s", s)
	}
}

// TestFleetDevSwitch: :dev NAME switches device from anywhere, closing the one left; a device that
// cannot be opened leaves the console where it was with the fleet's one wording; :dev and F2 go
// back to the dashboard.
func TestFleetDevSwitch(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	ff.command("dev core1")
	if h := ff.header(); !strings.Contains(h, "core1 · via gateway") {
		t.Fatalf("header: %q", h)
	}
	ff.key("2") // a view of core1's
	ff.command("dev core2")
	if h := ff.header(); !strings.Contains(h, "core2 · via gateway") {
		t.Errorf("header after :dev core2: %q", h)
	}
	if o, c := ff.fl.counts("core1"); o != 1 || c != 1 {
		t.Errorf("core1 opened %d, closed %d times", o, c)
	}
	for _, name := range []string{"nosuch", "secret"} {
		ff.command("dev " + name)
		s := ff.screen()
		if !strings.Contains(s, "cannot open "+name+": no such device, or not one you may open") {
			t.Errorf(":dev %s:\n%s", name, s)
		}
		if !strings.Contains(ff.header(), "core2 · via gateway") {
			t.Errorf(":dev %s left core2: %q", name, ff.header())
		}
	}
	ff.command("dev")
	if h := ff.header(); !strings.Contains(h, "Fleet") {
		t.Errorf("header after :dev: %q", h)
	}
	if o, c := ff.fl.counts("core2"); o != 1 || c != 1 {
		t.Errorf("core2 opened %d, closed %d times", o, c)
	}
	// :dev on the dashboard reports the same way; F2 comes back from a device.
	ff.command("dev nosuch")
	if s := ff.screen(); !strings.Contains(s, "cannot open nosuch: no such device, or not one you may open") {
		t.Errorf(":dev nosuch on the dashboard:\n%s", s)
	}
	ff.command("dev edge1")
	ff.key("tab", "tab", "f2") // F2 works with the CLI line focused, too
	if h := ff.header(); !strings.Contains(h, "Fleet") {
		t.Errorf("F2: %q", h)
	}
	if o, c := ff.fl.counts("edge1"); o != 1 || c != 1 {
		t.Errorf("edge1 opened %d, closed %d times", o, c)
	}
	ff.f.close()
	if o, c := ff.fl.counts("edge1"); c != o {
		t.Errorf("edge1 opened %d, closed %d times after the console ended", o, c)
	}
}

// TestFleetStartDevice: a login that names a device starts on it; one that cannot be opened starts
// on the dashboard with the reason.
func TestFleetStartDevice(t *testing.T) {
	for _, tc := range []struct{ device, header, screen string }{
		{"core2", "core2 · via gateway", "<core2>"},
		{"secret", "Fleet", "cannot open secret: no such device, or not one you may open"},
		{"", "Fleet", "enter opens a device"},
	} {
		t.Run(tc.device, func(t *testing.T) {
			ff := newFleetFixture(t, fleetOpts{device: tc.device, names: []string{"core1", "core2"}})
			if h := ff.header(); !strings.Contains(h, tc.header) {
				t.Errorf("header: %q", h)
			}
			if s := ff.screen(); !strings.Contains(s, tc.screen) {
				t.Errorf("screen lacks %q:\n%s", tc.screen, s)
			}
		})
	}
}

// TestFleetCommandLog: the command log lists what this session ran on every device, each record
// with its device, and survives switching.
func TestFleetCommandLog(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	for _, name := range []string{"core1", "edge1"} {
		ff.command("dev " + name)
		ff.send(pasteMsg("system-view\nvlan 77\nreturn\n"))
		ff.key("y", "esc")
	}
	ff.key("0")
	s := ff.screen()
	for _, want := range []string{"✓ core1: paste of 3 lines", "✓ edge1: paste of 3 lines", "[edge1]vlan 77"} {
		if !strings.Contains(s, want) {
			t.Errorf("command log lacks %q:\n%s", want, s)
		}
	}
	if ff.fl.devs["core1"].Generation() == ff.fl.saved["core1"] {
		t.Error("the paste did not run on core1")
	}
}

// TestFleetBackendEnds: a device's backend that ends under the console (its events channel closes)
// returns to the dashboard saying which device and why; a late message of the device left never
// reaches the next one.
func TestFleetBackendEnds(t *testing.T) {
	for _, tc := range []struct{ end, want string }{
		{"", "core1: the device ended the session"},
		{"line freed by admin", "core1: line freed by admin"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			ff := newFleetFixture(t, fleetOpts{names: []string{"core1", "core2"}})
			ff.fl.ownEv, ff.fl.endText = true, tc.end
			ff.command("dev core1")
			b := ff.fl.backs[0]
			close(b.ev)
			// The listener the console runs outside tests, on the closed channel.
			ff.f.dev.manual = false
			listen := tagCmd(ff.f.gen, ff.f.dev.listen())
			ff.send(listen())
			if h := ff.header(); !strings.Contains(h, "Fleet") {
				t.Fatalf("still on the device: %q", h)
			}
			if s := ff.screen(); !strings.Contains(s, tc.want) {
				t.Errorf("no %q:\n%s", tc.want, s)
			}
			if _, c := ff.fl.counts("core1"); c != 1 {
				t.Errorf("core1 closed %d times", c)
			}
			// A late end of core1 arrives once core2 is open: it is core1's, not core2's.
			ff.command("dev core2")
			ff.send(devMsg{gen: ff.f.gen - 1, msg: deviceEndedMsg{why: "late"}})
			if h := ff.header(); !strings.Contains(h, "core2 · via gateway") {
				t.Errorf("a late message of core1 moved core2's console: %q", h)
			}
		})
	}
}

// TestSingleDeviceEventsClosed: in a single device's console a closed events channel ends nothing
// by itself (the SSH layer ends the session); the console stops listening and stays usable.
func TestSingleDeviceEventsClosed(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	f.send(eventsMsg{closed: true})
	if f.quit {
		t.Fatal("the console quit")
	}
	f.key("2")
	if s := f.screen(); !strings.Contains(s, "Interfaces") {
		t.Errorf("screen:\n%s", s)
	}
}

// TestFleetQuit: quitting asks only about this session's own unsaved changes, naming the devices
// (the one shown and those it left), and only a role that can save them.
func TestFleetQuit(t *testing.T) {
	change := func(ff *fleetFixture, dev string) {
		ff.command("dev " + dev)
		ff.send(pasteMsg("system-view\nvlan 88\nreturn\n"))
		ff.key("y", "esc")
	}
	for _, tc := range []struct {
		name    string
		role    string
		changes []string // devices this session changes, in order; it ends on the last
		back    bool     // then goes back to the dashboard
		keys    []string
		dialog  []string // what the question says; nil: it quits at once
	}{
		{name: "nothing changed", keys: []string{"q"}},
		{name: "nothing changed, on a device", changes: []string{}, keys: []string{"q"}},
		{name: "ctrl+c asks", keys: []string{"ctrl+c"}, dialog: []string{"End this console session?"}},
		{name: "the device shown", changes: []string{"core1"}, keys: []string{"q"},
			dialog: []string{"core1: the running configuration differs", "s    save (save force), then quit"}},
		{name: "a device left", changes: []string{"core1"}, back: true, keys: []string{"q"},
			dialog: []string{"changed the configuration of these devices", "│     core1 "}},
		{name: "a device left, ctrl+c", changes: []string{"core1"}, back: true, keys: []string{"ctrl+c"},
			dialog: []string{"changed the configuration of these devices", "│     core1 "}},
		{name: "two devices", changes: []string{"core1", "core2"}, keys: []string{"q"},
			dialog: []string{"changed the configuration of these devices", "core1, core2"}},
		{name: "operator", role: "network-operator", changes: []string{"core1"}, back: true, keys: []string{"q"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ff := newFleetFixture(t, fleetOpts{role: tc.role, names: []string{"core1", "core2"}})
			for _, d := range tc.changes {
				change(ff, d)
			}
			if tc.back {
				ff.key("f2")
			}
			ff.key(tc.keys...)
			s := ff.screen()
			if tc.dialog == nil {
				if !ff.quit {
					t.Fatalf("did not quit:\n%s", s)
				}
				return
			}
			for _, w := range tc.dialog {
				if ff.quit || !strings.Contains(s, w) {
					t.Fatalf("quit %v; no %q:\n%s", ff.quit, w, s)
				}
			}
			ff.key("esc")
			if ff.quit || strings.Contains(ff.screen(), tc.dialog[0]) {
				t.Fatalf("esc: quit %v\n%s", ff.quit, ff.screen())
			}
			ff.key(tc.keys...)
			ff.key("q")
			if !ff.quit {
				t.Errorf("q in the question did not quit:\n%s", ff.screen())
			}
		})
	}
}

// TestFleetQuitSavesShown: with only the shown device's changes unsaved, s saves it and quits, as in a
// single device's console; with another device's too, s does nothing (it could not save that one).
func TestFleetQuitSavesShown(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{names: []string{"core1", "core2"}})
	ff.command("dev core1")
	ff.send(pasteMsg("system-view\nvlan 88\nreturn\n"))
	ff.key("y", "esc")
	ff.command("dev core2")
	ff.send(pasteMsg("system-view\nvlan 89\nreturn\n"))
	ff.key("y", "esc", "q", "s")
	if ff.quit || !strings.Contains(ff.screen(), "core1, core2") {
		t.Fatalf("s with core1 unsaved too: quit %v\n%s", ff.quit, ff.screen())
	}
	ff.key("esc")
	ff.command("dev core1")
	ff.key("w", "enter") // save core1 from its console
	ff.fl.mu.Lock()
	ff.fl.saved["core1"] = ff.fl.devs["core1"].Generation()
	ff.fl.mu.Unlock()
	ff.command("dev core2")
	ff.key("q", "s")
	if !ff.quit {
		t.Fatalf("s did not save and quit:\n%s", ff.screen())
	}
	if out := runOn(t, ff.fl.devs["core2"], "display saved-configuration"); !strings.Contains(out, "vlan 89") {
		t.Errorf("core2's saved configuration lacks vlan 89")
	}
}

// runOn runs a display command on d from a session of its own.
func runOn(t *testing.T, d *switchctl.Device, line string) string {
	t.Helper()
	var b strings.Builder
	s := d.NewSession(switchctl.SessionInfo{User: "root", Roles: []string{switchctl.RoleAdmin}, Line: 9})
	if err := s.Exec(t.Context(), line, &b); err != nil {
		t.Fatalf("%q: %v", line, err)
	}
	return b.String()
}

// TestServeFleet runs Handler.Serve with Terminal.Fleet over pipes, as the gateway will: it draws
// the dashboard, or the device the login named; it never calls Handler.Open; when the user quits it
// closes the device it was on.
func TestServeFleet(t *testing.T) {
	for _, tc := range []struct{ device, want string }{
		{"", "enter opens a device"},
		{"edge1", "edge1 · via gateway"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			fl := newFakeFleet(t, time.Now, "core1", "edge1")
			hd := &Handler{Theme: "dark", Open: func(Terminal) (Backend, error) {
				t.Error("Serve called Handler.Open in fleet mode")
				return nil, errNoDevice
			}}
			ctx, cancel := context.WithCancel(context.Background())
			inR, inW := io.Pipe()
			t.Cleanup(func() { cancel(); inW.Close() })
			s := &served{in: inW, out: &notifyWriter{want: tc.want, seen: make(chan struct{})}, done: make(chan error, 1), cancel: cancel}
			go func() {
				s.done <- hd.Serve(ctx, Terminal{User: "alice", Roles: []string{switchctl.RoleAdmin}, Line: -1, In: inR, Out: s.out,
					Environ: []string{"TERM=xterm-256color"}, Width: 80, Height: 24, Fleet: fl, Device: tc.device})
			}()
			s.waitSeen(t)
			io.WriteString(s.in, "q")
			s.end(t)
			for _, n := range []string{"core1", "edge1"} {
				if o, c := fl.counts(n); o != c {
					t.Errorf("%s: opened %d, closed %d", n, o, c)
				}
			}
			if o, _ := fl.counts("edge1"); (tc.device != "") != (o == 1) {
				t.Errorf("edge1 opened %d times", o)
			}
		})
	}
}

// TestCompleteDev: Tab after `:dev ` completes device names as far as they agree.
func TestCompleteDev(t *testing.T) {
	names := []string{"core1", "core2", "edge1"}
	for _, tc := range []struct {
		line, want string
		ok         bool
	}{
		{"dev e", "dev edge1", true},
		{"dev co", "dev core", true},
		{"dev ", "dev ", true},
		{"dev x", "dev x", true},
		{"device core2", "device core2", true},
		{"int GE1", "int GE1", false},
		{"dev", "dev", false},
	} {
		if got, ok := completeDev(tc.line, names); got != tc.want || ok != tc.ok {
			t.Errorf("completeDev(%q) = %q, %v; want %q, %v", tc.line, got, ok, tc.want, tc.ok)
		}
	}
	// On the dashboard and on a device's console alike.
	ff := newFleetFixture(t, fleetOpts{})
	ff.key(":")
	ff.typeText("dev e")
	ff.key("tab", "enter")
	if h := ff.header(); !strings.Contains(h, "edge1 · via gateway") {
		t.Fatalf("dashboard :dev e<tab>: %q", h)
	}
	ff.key(":")
	ff.typeText("dev co")
	ff.key("tab")
	ff.typeText("2")
	ff.key("enter")
	if h := ff.header(); !strings.Contains(h, "core2 · via gateway") {
		t.Errorf("device :dev co<tab>2: %q", h)
	}
}

// panicFleet is a fleet whose listing panics.
type panicFleet struct{ fakeFleet }

func (*panicFleet) Devices() []DeviceSummary { panic("listing") }

// TestFleetPanicStaysInSession: the guard covers the fleet console and the commands it starts.
func TestFleetPanicStaysInSession(t *testing.T) {
	g := &guard{m: newFleetModel(&panicFleet{}, "", Options{})}
	cmd := g.Init()
	for queue := []tea.Msg{cmd()}; len(queue) > 0; queue = queue[1:] {
		switch m := queue[0].(type) {
		case tea.BatchMsg:
			for _, c := range m {
				if c != nil {
					queue = append(queue, c())
				}
			}
		case nil:
		default:
			g.Update(m)
		}
	}
	if v := g.View(); !strings.Contains(v.Content, "The console stopped on an internal error") || !strings.Contains(v.Content, "listing") {
		t.Errorf("view: %q", v.Content)
	}
}

// TestFleetDashboardSizes: the dashboard fills the terminal at every size (screen checks each
// frame's size): the address gets a column of its own when there is room, and below 80×24 the
// console says it is too small.
func TestFleetDashboardSizes(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	for _, tc := range []struct {
		w, h      int
		want, not []string
	}{
		{80, 24, []string{"Device", "Tags", "core1 127.0.0.1:2201"}, []string{"Address"}},
		{150, 40, []string{"Address", "127.0.0.1:2203"}, nil},
		{79, 24, []string{"Terminal too small: 79×24"}, []string{"Device"}},
	} {
		ff.send(tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
		s := ff.screen()
		for _, w := range tc.want {
			if !strings.Contains(s, w) {
				t.Errorf("%dx%d lacks %q:\n%s", tc.w, tc.h, w, s)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(s, w) {
				t.Errorf("%dx%d shows %q:\n%s", tc.w, tc.h, w, s)
			}
		}
	}
}
