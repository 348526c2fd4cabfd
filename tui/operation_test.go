package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestObservePasteAndAction: what an audit is told of a console's work — the lines of a paste as
// one operation of kind paste, an action's lines as one of kind action, and none of the display
// commands the views read the device with.
func TestObservePasteAndAction(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	var got []Observed
	f.m.b.(*SwitchBackend).Observe(func(o Observed) { got = append(got, o) })

	f.send(pasteMsg("system-view\r\nvlan 31\r\nreturn\r\n"))
	f.key("enter")
	f.key("esc")          // the paste's results
	f.selectIf("GE1/0/4") // Interfaces: the view reads the device
	f.key("s")            // shut down the selected port: an action, confirmed
	f.key("y")

	var paste, action, other []string
	ops := map[string]bool{}
	for _, o := range got {
		line := fmt.Sprintf("%s %s", o.Ran.Prompt, o.Ran.Line)
		switch o.Kind {
		case OpPaste:
			paste = append(paste, line)
			ops["paste "+o.Op] = true
		case OpAction:
			action = append(action, line)
			ops["action "+o.Op] = true
		default:
			other = append(other, o.Kind+" "+line)
		}
	}
	if strings.Join(paste, "|") != "<HPE> system-view|[HPE] vlan 31|[HPE-vlan31] return" {
		t.Errorf("paste lines: %q", paste)
	}
	if !strings.Contains(strings.Join(action, "|"), "interface GigabitEthernet1/0/4|[HPE-GigabitEthernet1/0/4] shutdown") {
		t.Errorf("action lines: %q", action)
	}
	if len(other) != 0 {
		t.Errorf("lines told that the operator did not run: %q", other)
	}
	if len(ops) != 2 {
		t.Errorf("operations %v: want one paste and one action, each with one id", ops)
	}
	for op := range ops {
		if strings.HasSuffix(op, " ") {
			t.Errorf("an operation without an id: %q", op)
		}
	}
}
