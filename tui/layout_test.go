package tui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

var altZ = tea.KeyPressMsg(tea.Key{Code: 'z', Mod: tea.ModAlt})

// boxTitled reports whether the screen has a box titled title.
func boxTitled(screen, title string) bool {
	return strings.Contains(screen, "╭─ "+title+" ")
}

func TestZoom(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.key("2")
	rows := f.m.ifs.height
	f.key("z")
	s := f.screen()
	if boxTitled(s, "Views") || !boxTitled(s, "Interfaces") {
		t.Fatalf("z on the view: the sidebar should go, the view stay:\n%s", s)
	}
	if f.m.ifs.height <= rows || !strings.Contains(s, "[zoom: z]") {
		t.Errorf("the zoomed table shows %d rows (%d before); the header should say so:\n%s", f.m.ifs.height, rows, s)
	}
	// The zoom follows the focus: tab to the CLI zooms it; the view is gone.
	f.key("tab")
	s = f.screen()
	if boxTitled(s, "Interfaces") || f.m.cli.out.height != f.m.h-4 || !strings.Contains(s, "[zoom: alt+z]") {
		t.Fatalf("zoomed CLI: %d lines of scrollback on %d rows:\n%s", f.m.cli.out.height, f.m.h, s)
	}
	// z is typed in the CLI line; alt+z restores.
	f.key("z")
	if got := f.m.cli.in.Value(); got != "z" {
		t.Errorf("z in the CLI line typed %q", got)
	}
	f.send(altZ)
	s = f.screen()
	if !boxTitled(s, "Views") || !boxTitled(s, "Interfaces") || f.m.ifs.height != rows {
		t.Errorf("alt+z should bring the layout back (%d rows, want %d):\n%s", f.m.ifs.height, rows, s)
	}
	// With the focus on the sidebar the whole layout shows, so that it can be used.
	f.key("esc", "z", "shift+tab")
	if s = f.screen(); !boxTitled(s, "Views") {
		t.Errorf("zoomed with the focus on the sidebar:\n%s", s)
	}
}

func TestNavFolds(t *testing.T) {
	tests := []struct {
		w       int
		focus   string // keys before the screen
		folded  bool
		because string
	}{
		{80, "", true, "80 columns"},
		{100, "", true, "100 columns"},
		{101, "", false, "101 columns"},
		{80, "shift+tab", false, "the sidebar has the focus"},
	}
	for _, tt := range tests {
		t.Run(tt.because, func(t *testing.T) {
			f := newFixture(t, fixtureOpts{w: tt.w, h: 30})
			if tt.focus != "" {
				f.key(tt.focus)
			}
			s := f.screen()
			if got := !strings.Contains(s, "2 Interfaces"); got != tt.folded {
				t.Errorf("folded = %v, want %v:\n%s", got, tt.folded, s)
			}
			if tt.folded && (!strings.Contains(s, "│ 2 ││") || f.m.geometry().navW != collapsedNavW) {
				t.Errorf("the folded sidebar should list the digits:\n%s", s)
			}
		})
	}
}

func TestWideInterfaceColumns(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.key("2")
	if s := f.screen(); strings.Contains(s, "LLDP neighbour") || f.m.data.have[resLLDP] {
		t.Fatalf("at 120 columns the table has no neighbour column and reads no LLDP:\n%s", s)
	}
	// A flap five minutes ago, read as the wide table's last flap.
	f.exec("system-view", "interface GigabitEthernet1/0/7", "shutdown", "undo shutdown", "return")
	f.clk = f.clk.Add(5 * time.Minute)
	f.send(sizeMsg(250, 80), eventsMsg{events: []Event{{Kind: EventConfig}}})
	f.key("2")
	if !f.m.data.have[resLLDP] || len(f.m.data.lldp) == 0 {
		t.Fatal("the wide table should read the LLDP neighbours")
	}
	s := f.screen()
	for _, col := range []string{"Errors i/o", "Last flap", "LLDP neighbour"} {
		if !strings.Contains(s, col) {
			t.Errorf("no %s column at 250 columns:\n%s", col, s)
		}
	}
	// The description stops growing: the neighbour column takes the rest of the width.
	if ws := f.m.ifs.widths(f.m.geometry().mainW - 2); ws[ifDescCol] != 36 || ws[len(ws)-1] < 100 {
		t.Errorf("widths at 250 columns: %v", ws)
	}
	n := f.m.data.lldp[0]
	if line := lineWith(s, n.LocalIf+" "); !strings.Contains(line, n.SystemName+" "+n.PortID) || !strings.Contains(line, "0/0") {
		t.Errorf("%s's row should name its neighbour %s %s and its errors: %q", n.LocalIf, n.SystemName, n.PortID, line)
	}
	if line := lineWith(s, "GE1/0/7 "); !strings.Contains(line, " 5m ") {
		t.Errorf("GE1/0/7 flapped 5 minutes ago: %q", line)
	}
}

// lineWith is the first line of s that holds sub.
func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestDescriptionAt80Columns(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	long := "Uplink to core-2 rack B12 via patch 44"
	f.exec("system-view", "interface GigabitEthernet1/0/6", "description "+long, "return")
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
	f.selectIf("GE1/0/6")
	s := f.screen()
	if strings.Contains(lineWith(s, "GE1/0/6    UP"), long) {
		t.Fatalf("the test wants a description its column cuts:\n%s", s)
	}
	if info := lineWith(s, "28 ports"); !strings.Contains(info, "GE1/0/6: "+long) {
		t.Errorf("the info line should give the selected port's description whole: %q", info)
	}
	f.key("up")
	if info := lineWith(f.screen(), "28 ports"); strings.Contains(info, long) {
		t.Errorf("another port selected: %q", info)
	}
}

// tickLive advances the clock by d and runs the live pane's next refresh, n times.
func tickLive(f *fixture, n int, d time.Duration) {
	f.t.Helper()
	for i := 0; i < n; i++ {
		if f.m.live == nil {
			f.t.Fatal("no live pane")
		}
		f.clk = f.clk.Add(d)
		f.send(liveTickMsg{seq: f.m.live.seq})
	}
}

func TestPortDetailRefreshes(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.selectIf("GE1/0/2")
	f.key("enter")
	tickLive(f, 4, 2*time.Second)
	l := f.m.live
	if l.runs != 5 || len(l.in) != 5 || len(l.out) != 5 {
		t.Fatalf("5 reads: runs %d, samples %d/%d", l.runs, len(l.in), len(l.out))
	}
	s := f.screen()
	for _, want := range []string{"refreshes every 2s · run 5 at", " In  ", " Out ", "Errors since then: input +0 · CRC +0 · output +0"} {
		if !strings.Contains(s, want) {
			t.Errorf("the detail lacks %q:\n%s", want, s)
		}
	}
	if line := lineWith(s, "Since "); line == "" || strings.Contains(line, "in +0 packets") {
		t.Errorf("an up port's counters moved in 8 seconds: %q", line)
	}
	// A tick while a read is out starts none: the device is never asked twice at once.
	if cmd := f.m.liveTick(liveTickMsg{seq: l.seq}); cmd == nil {
		t.Fatal("a due tick should read")
	} else if again := f.m.liveTick(liveTickMsg{seq: l.seq}); again != nil {
		t.Error("a second tick while the read is out started another")
	} else {
		f.send(cmd())
	}
	// Leaving the detail ends the refreshes.
	f.key("esc")
	f.send(liveTickMsg{seq: l.seq})
	if f.m.live != nil {
		t.Error("the refreshes should end with the detail")
	}
}

func TestWatch(t *testing.T) {
	tests := []struct {
		cmd, title, err string
	}{
		{"watch display vlan brief", "watch every 2s · display vlan brief", ""},
		{"watch 5s dis vlan brief", "watch every 5s · dis vlan brief", ""},
		{"watch 5 display vlan brief", "watch every 5s · display vlan brief", ""},
		{"watch 0.5s display vlan brief", "", "interval 500ms is outside 1s to 1h"},
		{"watch 2h display vlan brief", "", "interval 2h0m0s is outside 1s to 1h"},
		{"watch 5x display vlan brief", "", `"5x" is not an interval`},
		{"watch 5s", "", "usage: :watch"},
		{"watch vlan 10", "", "usage: :watch"},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			f := newFixture(t, fixtureOpts{w: 120, h: 40})
			f.key(":")
			f.typeText(tt.cmd)
			f.key("enter")
			if tt.err != "" {
				if f.m.detail != nil || !f.m.statusErr || !strings.Contains(f.m.status, tt.err) {
					t.Errorf("status %q (error %v), want %q", f.m.status, f.m.statusErr, tt.err)
				}
				return
			}
			if f.m.detail == nil || f.m.detail.title != tt.title {
				t.Fatalf("the pane: %+v", f.m.detail)
			}
		})
	}

	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.key(":")
	f.typeText("watch display vlan brief")
	f.key("enter")
	if s := f.screen(); !strings.Contains(s, "every 2s · run 1 at") || strings.Contains(s, "VLAN 0077") {
		t.Fatalf("first run:\n%s", s)
	}
	f.exec("system-view", "vlan 77", "return")
	tickLive(f, 1, 2*time.Second)
	if s := f.screen(); !strings.Contains(s, "VLAN 0077") || !strings.Contains(s, "run 2 at") {
		t.Errorf("the second run should show VLAN 77:\n%s", s)
	}
	seq := f.m.live.seq
	f.key("esc")
	f.send(liveTickMsg{seq: seq})
	if f.m.detail != nil || f.m.live != nil {
		t.Error("esc should stop the watch")
	}
}

// linesShell is a Shell whose every command prints n numbered lines.
type linesShell struct {
	Shell
	n int
}

func (s linesShell) Exec(_ context.Context, _ string, w io.Writer) error {
	for i := 0; i < s.n; i++ {
		if _, err := fmt.Fprintf(w, "line %06d of the output\n", i); err != nil {
			return err
		}
	}
	return nil
}

func TestWatchOutputBounded(t *testing.T) {
	out, cut, err := runBounded(context.Background(), linesShell{n: 100000}, "display x", watchMaxOut)
	if err != nil || !cut || len(out) > watchMaxOut || !strings.HasSuffix(out, " of the output\n") {
		t.Errorf("a 2.5 MB output: %d bytes kept, cut %v, err %v, ends %q", len(out), cut, err, out[max(len(out)-30, 0):])
	}
	out, cut, err = runBounded(context.Background(), linesShell{n: 10}, "display x", watchMaxOut)
	if err != nil || cut || strings.Count(out, "\n") != 10 {
		t.Errorf("a short output: %q cut %v err %v", out, cut, err)
	}
}

// TestSortSkipsHiddenColumns: o walks the columns on screen only; at 250 columns it reaches the
// wide table's.
func TestSortSkipsHiddenColumns(t *testing.T) {
	for _, tt := range []struct {
		w    int
		want []string
	}{
		{80, []string{"Interface", "Link", "Speed", "Mode", "PVID", "In b/s", "Out b/s", "Description", ""}},
		{250, []string{"Interface", "Link", "Speed", "Duplex", "Mode", "PVID", "In b/s", "Out b/s", "Description",
			"Errors i/o", "Last flap", "LLDP neighbour", ""}},
	} {
		f := newFixture(t, fixtureOpts{w: tt.w, h: 40})
		f.key("2")
		f.screen()
		var got []string
		for range tt.want {
			f.key("o")
			col := ""
			if f.m.ifs.sortBy > 0 {
				col = f.m.ifs.cols[f.m.ifs.sortBy-1].title
			}
			got = append(got, col)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("at %d columns o sorts by %q, want %q", tt.w, got, tt.want)
		}
	}
}
