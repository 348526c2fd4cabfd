package tui

import (
	"reflect"
	"strings"
	"testing"
)

// TestActions drives each action through its dialog: the commands are shown, confirmed, run on the
// device, logged, and the view shows the result.
func TestActions(t *testing.T) {
	tests := []struct {
		name    string
		drive   func(f *fixture)
		danger  bool
		lines   []string
		verify  string // a display command ...
		contain string // ... whose output shows the change
	}{
		{"shutdown", func(f *fixture) { f.selectIf("GE1/0/4"); f.key("s") }, true,
			[]string{"system-view", "interface GigabitEthernet1/0/4", "shutdown", "return"},
			"display interface brief", "GE1/0/4              ADM"},
		{"undo shutdown", func(f *fixture) { f.selectIf("GE1/0/3"); f.key("u") }, false,
			[]string{"system-view", "interface GigabitEthernet1/0/3", "undo shutdown", "return"},
			"display current-configuration", "interface GigabitEthernet1/0/3\n description Uplink core\n#"},
		{"description", func(f *fixture) {
			f.selectIf("GE1/0/6")
			f.key("d")
			f.typeText("Printers 2nd floor")
			f.key("enter")
		}, false, []string{"system-view", "interface GigabitEthernet1/0/6", "description Printers 2nd floor", "return"},
			"display interface brief", "Printers 2nd floor"},
		{"access VLAN", func(f *fixture) {
			f.selectIf("XGE1/0/25")
			f.key("a", "backspace")
			f.typeText("20")
			f.key("enter")
		}, false, []string{"system-view", "interface Ten-GigabitEthernet1/0/25", "port access vlan 20", "return"},
			"display interface brief", "XGE1/0/25            UP   10G(a)  F(a)   A    20"},
		{"create VLAN", func(f *fixture) {
			f.key("3", "n")
			f.typeText("30")
			f.key("enter")
			f.typeText("Users")
			f.key("enter")
		}, false, []string{"system-view", "vlan 30", "name Users", "return"}, "display vlan brief", "30        Users"},
		{"rename VLAN", func(f *fixture) {
			f.selectVLAN("10")
			f.key("r", "ctrl+u")
			f.typeText("Storage")
			f.key("enter")
		}, false, []string{"system-view", "vlan 10", "name Storage", "return"}, "display vlan brief", "10        Storage"},
		{"delete VLAN", func(f *fixture) { f.selectVLAN("20"); f.key("x") }, true,
			[]string{"system-view", "undo vlan 20", "return"}, "display vlan brief", "10        Servers"},
		{"save", func(f *fixture) { f.key("w") }, false, []string{"save force"}, "display saved-configuration", "vlan 10\n name Servers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, fixtureOpts{})
			tt.drive(f)
			if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm {
				t.Fatalf("no confirmation dialog; status %q\n%s", f.m.status, f.screen())
			}
			shown := f.dialogText()
			for _, l := range tt.lines {
				if !strings.Contains(shown, "    "+l+"\n") {
					t.Errorf("dialog does not show %q:\n%s", l, shown)
				}
			}
			if tt.danger {
				f.key("enter") // Enter alone does not run a disruptive action
				if f.m.dlg == nil || len(f.m.cmdlog) != 0 {
					t.Fatal("enter ran a disruptive action")
				}
				f.key("y")
			} else {
				f.key("enter")
			}
			if f.m.dlg != nil {
				t.Fatalf("dialog still open: %s", f.dialogText())
			}
			r := f.lastRecord()
			if r.failed || !reflect.DeepEqual(ranLines(r), tt.lines) {
				t.Errorf("logged %v (failed %v), want %v", ranLines(r), r.failed, tt.lines)
			}
			if !strings.HasPrefix(f.m.status, "✓ ") {
				t.Errorf("status %q", f.m.status)
			}
			if out := f.display(tt.verify); !strings.Contains(out, tt.contain) {
				t.Errorf("%s does not show %q:\n%s", tt.verify, tt.contain, out)
			}
			if p := f.m.b.Console().Prompt(); p != "<HPE>" {
				t.Errorf("console session left in %s", p)
			}
		})
	}
}

// TestActionRefresh checks that a view shows an action's result without any device event (the
// action reads back what it touched).
func TestActionRefresh(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.selectIf("GE1/0/4")
	f.key("s", "y")
	if r, _ := f.m.ifs.selected(); r[0] != "GE1/0/4" || r[1] != "ADM" {
		t.Errorf("row after shutdown: %v", r)
	}
	if !strings.Contains(f.screen(), "GE1/0/4    ADM") {
		t.Errorf("screen does not show GE1/0/4 down:\n%s", f.screen())
	}
	f.key("w", "enter")
	if f.m.data.unsaved() || strings.Contains(f.screen(), "unsaved") {
		t.Error("still unsaved after save")
	}
}

func TestActionFailure(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.selectIf("GE1/0/7")
	f.key("a", "backspace")
	f.typeText("4000")
	f.key("enter", "enter")
	r := f.lastRecord()
	if !r.failed || r.results[len(r.results)-1].err != "VLAN 4000 does not exist." || r.skipped != 1 {
		t.Errorf("record = %+v", r)
	}
	if f.m.dlg == nil || !strings.Contains(f.dialogText(), "(1 more lines not run)") || !f.m.statusErr {
		t.Errorf("failure not shown: %q\n%s", f.m.status, f.dialogText())
	}
	if p := f.m.b.Console().Prompt(); p != "<HPE>" {
		t.Errorf("console session left in %s after a failure", p)
	}
}

func TestActionCancelAndValidation(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.selectIf("GE1/0/4")
	f.key("s", "esc")
	if f.m.dlg != nil || len(f.m.cmdlog) != 0 || !strings.Contains(f.display("display interface brief"), "GE1/0/4              UP") {
		t.Error("cancel ran the action")
	}
	f.key("3", "n")
	f.typeText("1")
	f.key("enter")
	if !strings.Contains(f.m.dlg.errText, "VLAN 1 is the default VLAN") {
		t.Errorf("VLAN 1: %q", f.m.dlg.errText)
	}
	f.key("backspace")
	f.typeText("x")
	f.key("enter")
	if !strings.Contains(f.m.dlg.errText, `"x" is not a VLAN or range`) {
		t.Errorf("bad ID: %q", f.m.dlg.errText)
	}
	f.key("esc")
	f.selectVLAN("1")
	f.key("x")
	if f.m.dlg != nil || !strings.Contains(f.m.status, "VLAN 1 is the default VLAN") {
		t.Errorf("delete VLAN 1: %q", f.m.status)
	}
}

// TestOperator checks that a network-operator sees actions disabled with the reason, and that the
// CLI refuses configuration too.
func TestOperator(t *testing.T) {
	f := newFixture(t, fixtureOpts{role: "network-operator"})
	f.selectIf("GE1/0/4")
	for _, k := range []string{"s", "d", "a", "w"} {
		f.key(k)
		if f.m.dlg != nil {
			t.Fatalf("%s opened a dialog for an operator", k)
		}
		if !f.m.statusErr || !strings.Contains(f.m.status, "read-only role network-operator") {
			t.Errorf("%s: status %q", k, f.m.status)
		}
	}
	if strings.Contains(f.screen(), "s shut") {
		t.Error("the footer offers shut to an operator")
	}
	f.key("tab")
	f.typeText("system-view")
	f.key("enter")
	f.typeText("vlan 99")
	f.key("enter")
	if out := cliText(f); !strings.Contains(out, "Permission denied.") {
		t.Errorf("CLI system-view as operator:\n%s", out)
	}
	f.key("esc", "q")
	if !f.quit || f.m.dlg != nil {
		t.Errorf("q as an operator (who cannot save) asked: %s", f.dialogText())
	}
}
