package tui

import (
	"strings"
	"testing"
)

// TestPagerLastOutput: ctrl+o shows the last CLI command and all it printed on the whole screen,
// from the CLI line or the views; the pager scrolls, and q gives the console back.
func TestPagerLastOutput(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.key("ctrl+o")
	if f.m.pager != nil || !f.m.statusErr || !strings.Contains(f.m.status, "no CLI output yet") {
		t.Fatalf("ctrl+o before any command: pager %v, status %q", f.m.pager != nil, f.m.status)
	}
	f.key("tab", "tab")
	f.typeText("display current-configuration")
	f.key("enter")
	f.key("ctrl+o")
	s := f.screen()
	if f.m.pager == nil || !strings.Contains(s, "Last CLI output") || !strings.Contains(s, "<HPE>display current-configuration") {
		t.Fatalf("ctrl+o from the CLI line:\n%s", s)
	}
	f.key("G")
	if s := f.screen(); !strings.Contains(s, "return") || !strings.Contains(s, " of ") {
		t.Errorf("G shows the end of the output:\n%s", s)
	}
	f.key("q")
	if f.m.pager != nil || f.m.focus != focusCLI {
		t.Fatal("q closes the pager, the CLI keeps the focus")
	}
	f.key("esc", "ctrl+o") // from the view: the same output
	if f.m.pager == nil || f.m.pager.text.lines[0].text != "<HPE>display current-configuration" {
		t.Fatal("ctrl+o from the main pane")
	}
}

// TestPagerDisplayCommand: ":" then a display command (abbreviated as Comware allows) runs it on
// the console's session into the pager; an error shows there; other commands do not run.
func TestPagerDisplayCommand(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	for _, tc := range []struct{ line, want string }{
		{"display interface brief", "GE1/0/3"},
		{"dis vlan", "1(default), 10, 20"},
		{"disp vlan 4000", "does not exist"},
	} {
		f.key(":")
		f.typeText(tc.line)
		f.key("enter")
		s := f.screen()
		if f.m.pager == nil || !strings.Contains(s, tc.want) || !strings.HasPrefix(s, " "+tc.line) {
			t.Errorf(":%s: want %q in the pager:\n%s", tc.line, tc.want, s)
		}
		f.key("esc")
	}
	if got := cliText(f); strings.Contains(got, "display vlan") {
		t.Errorf("the CLI pane shows what the pager ran:\n%s", got)
	}
	f.key(":")
	f.typeText("sysname X")
	f.key("enter")
	if f.m.pager != nil || !strings.Contains(f.m.status, "unknown command :sysname") || strings.Contains(f.display("display current-configuration"), "sysname X") {
		t.Errorf(":sysname: pager %v, status %q", f.m.pager != nil, f.m.status)
	}
}

// TestWrapLogsAndDetail: W wraps the Logs view's messages under their column, so a port going
// down shows its name and state at 120 columns; in a detail it wraps the long lines.
func TestWrapLogsAndDetail(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.exec("system-view", "interface GigabitEthernet1/0/7", "shutdown", "return")
	f.send(eventsMsg{events: []Event{{Kind: EventLog}, {Kind: EventConfig}}})
	f.key("6", "G")
	line := ""
	for _, l := range f.m.data.logs {
		if strings.Contains(l.Text, "GigabitEthernet1/0/7") && strings.Contains(strings.ToLower(l.Text), "down") {
			line = l.Text
		}
	}
	if line == "" {
		t.Fatalf("no log of the port going down: %v", f.m.data.logs)
	}
	tail := line[len(line)-20:] // the end of the message: the state
	if strings.Contains(f.screen(), tail) {
		t.Fatalf("the message fits without wrapping; the test shows nothing:\n%s", f.screen())
	}
	f.key("W")
	if s := f.screen(); !strings.Contains(s, tail) || !strings.Contains(f.m.status, "wrap on") {
		t.Errorf("W: %q not on screen:\n%s", tail, s)
	}
	f.key("W")
	if strings.Contains(f.screen(), tail) {
		t.Error("W again still wraps")
	}

	long := strings.Repeat("rack-12 patch-panel-B ", 8) + "END"
	f.exec("system-view", "interface GigabitEthernet1/0/9", "description "+long, "return")
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
	f.selectIf("GE1/0/9")
	f.key("enter")
	if strings.Contains(f.screen(), "END") {
		t.Fatal("the description fits without wrapping")
	}
	f.key("W")
	if !strings.Contains(f.screen(), "END") {
		t.Errorf("the detail wrapped shows the whole description:\n%s", f.screen())
	}
}

// TestPagerStatusWraps: a status longer than the screen is wide wraps in the pager rather than
// being cut, and the frame keeps the terminal's size.
func TestPagerStatusWraps(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.key(":")
	f.typeText("dis vlan")
	f.key("enter", "/")
	f.typeText(strings.Repeat("abcdefgh ", 10) + "tail-of-it")
	f.key("enter")
	s := f.screen()
	if !strings.Contains(s, "tail-of-it: not found") {
		t.Errorf("the status is cut:\n%s", s)
	}
}
