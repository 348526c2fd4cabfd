package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestSearchTextPanes: "/" in the Configuration view, the Command log and a detail finds the text,
// shows the line, highlights it and counts; n and N move between matches; esc clears the search
// first, then leaves the detail.
func TestSearchTextPanes(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.enrich()
	f.key("9", "f") // the whole configuration: the interfaces are far below the screen
	f.key("/")
	f.typeText("interface gigabitethernet1/0/20")
	if s := f.screen(); !strings.Contains(s, "1 matches") {
		t.Errorf("the / line counts the matches while typing:\n%s", s)
	}
	f.key("enter")
	s := f.screen()
	if !strings.Contains(s, "interface GigabitEthernet1/0/20") {
		t.Errorf("the match is not on screen:\n%s", s)
	}
	if !strings.Contains(f.m.status, "/interface gigabitethernet1/0/20: 1 of 1") {
		t.Errorf("status %q", f.m.status)
	}
	if want := f.m.st.Selected.Render("interface GigabitEthernet1/0/20"); !strings.Contains(f.m.View().Content, want) {
		t.Error("the match is not highlighted")
	}

	f.key("/")
	f.typeText("description")
	f.key("enter")
	first := f.m.conf.rd.find.at // the first match after where the pane was
	f.key("n")
	if f.m.conf.rd.find.at != first+1 || !strings.Contains(f.m.status, fmt.Sprintf("%d of", first+2)) {
		t.Errorf("n from match %d: at %d, status %q", first, f.m.conf.rd.find.at, f.m.status)
	}
	for range first + 1 { // back to the first match of all
		f.key("N")
	}
	if f.m.conf.rd.find.at != 0 {
		t.Fatalf("N back to the first match: at %d", f.m.conf.rd.find.at)
	}
	f.key("N")
	if n := len(f.m.conf.rd.find.hits); f.m.conf.rd.find.at != n-1 {
		t.Errorf("N on the first of %d wraps to the last: at %d", n, f.m.conf.rd.find.at)
	}
	f.key("esc")
	if f.m.conf.rd.find.pat != "" || strings.Contains(f.m.View().Content, f.m.st.Selected.Render("description")) {
		t.Error("esc leaves the search held")
	}

	f.key("/")
	f.typeText("no such text")
	f.key("enter")
	if !f.m.statusErr || !strings.Contains(f.m.status, "not found") {
		t.Errorf("a search that finds nothing says so: %q", f.m.status)
	}

	// A detail: esc clears the search, a second esc goes back to the table.
	f.key("2", "enter")
	f.key("/")
	f.typeText("frame length")
	f.key("enter")
	if !strings.Contains(f.m.status, "/frame length: 1 of") {
		t.Errorf("detail search: %q\n%s", f.m.status, f.screen())
	}
	f.key("esc")
	if f.m.detail == nil {
		t.Fatal("the first esc left the detail rather than clearing the search")
	}
	f.key("esc")
	if f.m.detail != nil {
		t.Error("the second esc stays in the detail")
	}

	// The Command log: an action's commands.
	f.key("down", "s")
	f.key("y")
	f.key("0", "/")
	f.typeText("shutdown")
	f.key("enter")
	if !strings.Contains(f.m.status, "/shutdown: 1 of") {
		t.Errorf("command log search: %q\n%s", f.m.status, f.screen())
	}
}

// TestSearchEscCancels: esc while typing the search puts back the search held before.
func TestSearchEscCancels(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.key("9", "f", "/")
	f.typeText("vlan")
	f.key("enter", "/")
	f.typeText("sysname")
	f.key("esc")
	if got := f.m.conf.rd.find.pat; got != "vlan" {
		t.Errorf("the search held after esc is %q, want vlan", got)
	}
}

// TestSearchCLIScrollback: "/" on an empty CLI line searches the whole scrollback in the pager; in
// a command being typed "/" is text (GigabitEthernet1/0/1).
func TestSearchCLIScrollback(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.key("tab", "tab") // the CLI line
	f.typeText("display interface GigabitEthernet1/0/3")
	if v := f.m.cli.in.Value(); v != "display interface GigabitEthernet1/0/3" {
		t.Fatalf("typed %q", v)
	}
	f.key("enter")
	f.typeText("display vlan 10")
	f.key("enter")
	f.key("/")
	if f.m.pager == nil || !f.m.find.typing {
		t.Fatalf("/ on an empty CLI line opens no search:\n%s", f.screen())
	}
	f.typeText("uplink core")
	f.key("enter")
	s := f.screen()
	if !strings.Contains(s, "CLI scrollback") || !strings.Contains(s, "Description: Uplink core") || !strings.Contains(f.m.status, "1 of 1") {
		t.Errorf("scrollback search (status %q):\n%s", f.m.status, s)
	}
	f.key("esc", "esc") // clear the search, close the pager
	if f.m.pager != nil || f.m.focus != focusCLI {
		t.Errorf("esc esc: pager %v, focus %v", f.m.pager != nil, f.m.focus)
	}
}
