package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func click(x, y int) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft}
}

// TestMouse: the mouse is off by default (clicks do nothing); M or :mouse turn it on; a click on
// the views list shows that view, on a row selects it, on the CLI pane focuses the CLI line; the
// wheel scrolls; a click never answers a dialog.
func TestMouse(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	if f.m.View().MouseMode != tea.MouseModeNone {
		t.Fatal("mouse reporting on by default")
	}
	f.send(click(3, 4)) // the third view, VLANs, while the mouse is off
	if f.m.view != viewDashboard {
		t.Fatalf("a click with the mouse off showed %v", f.m.view)
	}
	f.key("M")
	if f.m.View().MouseMode != tea.MouseModeCellMotion || !strings.HasPrefix(f.m.status, "mouse on") {
		t.Fatalf("M: mouse %v, status %q", f.m.View().MouseMode, f.m.status)
	}
	f.send(click(3, 3)) // line 3: the second view
	if f.m.view != viewInterfaces || f.m.focus != focusNav {
		t.Fatalf("click on Interfaces: view %v, focus %v", f.m.view, f.m.focus)
	}
	f.send(click(40, 4+4)) // the fifth row of the table
	if r, _ := f.m.ifs.selected(); f.m.focus != focusMain || r[0] != "GE1/0/5" {
		t.Errorf("click on a row: focus %v, row %v", f.m.focus, r)
	}
	if !strings.Contains(f.screen(), "▸GE1/0/5") {
		t.Errorf("the clicked row is not selected on screen:\n%s", f.screen())
	}
	f.send(tea.MouseWheelMsg{X: 40, Y: 10, Button: tea.MouseWheelDown})
	if r, _ := f.m.ifs.selected(); r[0] != "GE1/0/8" {
		t.Errorf("wheel: row %v", r)
	}
	f.send(click(10, 40-3))
	if f.m.focus != focusCLI {
		t.Errorf("click on the CLI pane: focus %v", f.m.focus)
	}
	f.key("esc", ":")
	f.typeText("mouse off")
	f.key("enter")
	if f.m.View().MouseMode != tea.MouseModeNone || !strings.HasPrefix(f.m.status, "mouse off") {
		t.Errorf(":mouse off: %v, %q", f.m.View().MouseMode, f.m.status)
	}
	f.key(":")
	f.typeText("mouse")
	f.key("enter")
	if !f.m.hand.mouse {
		t.Error(":mouse did not toggle it on")
	}
	f.key("ctrl+c") // the quit question
	f.send(click(3, 3))
	if f.m.dlg == nil || f.m.view != viewInterfaces {
		t.Errorf("a click under a dialog: dialog %v, view %v", f.m.dlg != nil, f.m.view)
	}
}

// TestMouseOption: Options.Mouse starts with the mouse on.
func TestMouseOption(t *testing.T) {
	m := New(nil, Options{Mouse: true})
	if m.View().MouseMode != tea.MouseModeCellMotion {
		t.Error("Options.Mouse: mouse reporting off")
	}
}
