package tui

import (
	"strings"
	"testing"

	"vtyd/themes"
)

func TestNavigation(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	if f.m.focus != focusMain || f.m.view != viewDashboard {
		t.Fatalf("start: focus %d view %v", f.m.focus, f.m.view)
	}
	f.key("tab")
	if f.m.focus != focusCLI {
		t.Errorf("tab from the main pane: focus %d, want the CLI", f.m.focus)
	}
	f.key("shift+tab", "shift+tab")
	if f.m.focus != focusNav {
		t.Errorf("shift+tab twice from the CLI: focus %d, want the navigation", f.m.focus)
	}
	f.key("down", "down")
	if f.m.view != viewVLANs {
		t.Errorf("down twice in the navigation: %v", f.m.view)
	}
	f.key("enter")
	if f.m.focus != focusMain {
		t.Errorf("enter in the navigation: focus %d", f.m.focus)
	}
	for v := viewID(0); v < numViews; v++ {
		i := int(v)
		f.key(v.key())
		if f.m.view != v || !strings.Contains(f.screen(), "╭─ "+v.String()+" ") {
			t.Errorf("key %d: view %v\n%s", i+1, f.m.view, f.screen())
		}
	}
}

func TestCommandMode(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key(":")
	f.typeText("int g1/0/3")
	if !strings.Contains(f.screen(), " :int g1/0/3") {
		t.Errorf("the footer does not show the command being typed:\n%s", f.screen())
	}
	f.key("enter")
	if r, _ := f.m.ifs.selected(); f.m.view != viewInterfaces || r[0] != "GE1/0/3" || f.m.detail == nil {
		t.Fatalf(":int g1/0/3: view %v row %v detail %v", f.m.view, r, f.m.detail)
	}
	if !strings.Contains(f.screen(), "display interface GigabitEthernet1/0/3") {
		t.Errorf("detail:\n%s", f.screen())
	}
	f.key("esc", ":")
	f.typeText("vlan 10")
	f.key("enter")
	if r, _ := f.m.vlans.selected(); f.m.view != viewVLANs || r[0] != "10" {
		t.Errorf(":vlan 10: %v %v", f.m.view, r)
	}
	f.key("enter")
	if s := f.screen(); !strings.Contains(s, "display vlan 10") || !strings.Contains(s, "VLAN ID: 10") {
		t.Errorf("VLAN detail:\n%s", s)
	}
	f.key("esc")
	f.key(":")
	f.typeText("logs vlan 20")
	f.key("enter")
	if f.m.view != viewLogs || f.m.logs.filter != "vlan 20" || len(f.m.logs.idx) != 1 {
		t.Errorf(":logs vlan 20: view %v filter %q rows %d", f.m.view, f.m.logs.filter, len(f.m.logs.idx))
	}
	f.key("enter")
	if s := f.screen(); f.m.detail == nil || !strings.Contains(s, "Log entry") || !strings.Contains(s, "Command is vlan 20") {
		t.Errorf("log entry detail:\n%s", s)
	}
	f.key("esc")
	f.key(":")
	f.typeText("bogus")
	f.key("enter")
	if !f.m.statusErr || !strings.Contains(f.m.status, "unknown command :bogus") {
		t.Errorf("status %q", f.m.status)
	}
	f.key(":")
	f.typeText("int ten1/0/99")
	f.key("enter")
	if !strings.Contains(f.m.status, "no interface ten1/0/99") {
		t.Errorf("status %q", f.m.status)
	}
	f.key(":")
	f.typeText("theme solarized")
	f.key("enter")
	if f.m.theme.Name != "solarized" {
		t.Errorf("theme %q", f.m.theme.Name)
	}
}

// TestCommandModeBeforeRead: a ":" jump typed before the console has read its table (right after
// login) lands on the row once the table arrives, rather than saying the row does not exist.
func TestCommandModeBeforeRead(t *testing.T) {
	for _, tc := range []struct{ cmd, row string }{{"int g1/0/3", "GE1/0/3"}, {"vlan 10", "10"}} {
		f := newFixture(t, fixtureOpts{noInit: true})
		f.key(":")
		f.typeText(tc.cmd)
		f.key("enter")
		tab := &f.m.ifs
		if strings.HasPrefix(tc.cmd, "vlan") {
			tab = &f.m.vlans
		}
		if r, ok := tab.selected(); !ok || r[0] != tc.row {
			t.Errorf(":%s before the first read: row %v, status %q", tc.cmd, r, f.m.status)
		}
		if f.m.statusErr {
			t.Errorf(":%s: status %q", tc.cmd, f.m.status)
		}
	}
}

func TestFilter(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key("2", "/")
	f.typeText("xge")
	if len(f.m.ifs.idx) != 4 {
		t.Errorf("/xge: %d rows", len(f.m.ifs.idx))
	}
	f.key("enter")
	if f.m.bar.active || f.m.ifs.filter != "xge" || !strings.Contains(f.screen(), "/xge 4/28") {
		t.Errorf("filter not kept:\n%s", f.screen())
	}
	f.key("esc")
	if f.m.ifs.filter != "" || len(f.m.ifs.idx) != 28 {
		t.Errorf("esc did not clear the filter: %q", f.m.ifs.filter)
	}
	f.key("/")
	f.typeText("nothing-matches")
	if !strings.Contains(f.screen(), "(no rows match /nothing-matches)") {
		t.Errorf("empty filter:\n%s", f.screen())
	}
	f.key("esc")
	f.key("1", "/")
	if f.m.bar.active || !strings.Contains(f.m.status, "filter: only in") {
		t.Errorf("/ on the dashboard: %v %q", f.m.bar.active, f.m.status)
	}
}

func TestHelpKeys(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key("?")
	if f.m.dlg == nil || f.m.dlg.kind != dlgHelp {
		t.Fatal("? outside the CLI does not open the help")
	}
	f.key("esc", "tab")
	f.typeText("display ?")
	if f.m.dlg != nil {
		t.Fatal("? in the CLI line opened the console help")
	}
	if !strings.Contains(cliText(f), "<HPE>display ?") || !strings.Contains(cliText(f), "version") {
		t.Errorf("? in the CLI is not the switch's help:\n%s", cliText(f))
	}
	f.key("f1")
	if f.m.dlg == nil || f.m.dlg.kind != dlgHelp {
		t.Error("F1 in the CLI does not open the console help")
	}
}

// TestQuit: q asks first only when this session's own changes are unsaved, and only a role that
// can save; Ctrl+C never ends the session without a confirmation.
func TestQuit(t *testing.T) {
	// The fixture's changes were made by another session: they are not this session's to save.
	f := newFixture(t, fixtureOpts{})
	f.key("ctrl+c")
	if f.quit || f.m.dlg == nil || f.m.dlg.kind != dlgQuit || strings.Contains(f.dialogText(), "differs") {
		t.Fatalf("ctrl+c without own changes: quit %v dialog %q", f.quit, f.dialogText())
	}
	f.key("esc")
	if f.quit || f.m.dlg != nil {
		t.Fatal("esc did not stay")
	}
	f.key("q")
	if !f.quit {
		t.Errorf("q with another session's unsaved changes asked: %s", f.dialogText())
	}

	// This session's own change: q and Ctrl+C both offer to save it.
	g := newFixture(t, fixtureOpts{noSeed: true})
	g.key("tab")
	g.typeText("system-view")
	g.key("enter")
	g.typeText("vlan 55")
	g.key("enter", "esc", "q")
	if g.quit || g.m.dlg == nil || g.m.dlg.kind != dlgQuit || !strings.Contains(g.dialogText(), "differs from the saved one") {
		t.Fatalf("q with own unsaved changes: quit %v dialog %q", g.quit, g.dialogText())
	}
	g.key("esc", "ctrl+c", "s")
	if !g.quit || !strings.Contains(g.display("display saved-configuration"), "vlan 55") {
		t.Errorf("s: quit %v; the configuration was not saved", g.quit)
	}

	// An operator cannot save: never the unsaved-changes prompt, and Ctrl+C still confirms.
	op := newFixture(t, fixtureOpts{role: "network-operator"})
	op.key("ctrl+c")
	if op.quit || op.m.dlg == nil || strings.Contains(op.dialogText(), "save") {
		t.Fatalf("ctrl+c as operator: quit %v dialog %q", op.quit, op.dialogText())
	}
	op.key("y")
	if !op.quit {
		t.Error("y did not quit")
	}
}

func TestResizeAndTheme(t *testing.T) {
	var kept string
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.m.opt.OnTheme = func(name string) { kept = name }
	f.send(sizeMsg(60, 20))
	if !strings.Contains(f.screen(), "Terminal too small: 60×20") {
		t.Errorf("too small:\n%s", f.screen())
	}
	f.key("2") // keys other than q do nothing on the small screen
	f.send(sizeMsg(200, 60))
	if f.m.view != viewDashboard || !strings.Contains(f.screen(), "╭─ Dashboard") {
		t.Errorf("after resize:\n%s", f.screen())
	}
	f.key("T")
	if want := themes.Names()[1]; f.m.theme.Name != want || kept != want {
		t.Errorf("T: theme %q, kept %q, want %q", f.m.theme.Name, kept, want)
	}
}
