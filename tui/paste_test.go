package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/term"
)

func TestPasteWithinLimit(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	text := "system-view\r\nvlan 30\r\n name Users\r\ninterface GigabitEthernet1/0/9\r\n port access vlan 30\r\nreturn\r\n"
	f.send(pasteMsg(text))
	if f.m.dlg == nil || f.m.dlg.kind != dlgPaste || f.m.dlg.title != "Paste: 6 lines, 97 bytes" {
		t.Fatalf("no paste dialog: %+v", f.m.dlg)
	}
	if shown := f.dialogText(); !strings.Contains(shown, "All 6 lines parse") || !strings.Contains(shown, "   5   port access vlan 30") {
		t.Errorf("dialog:\n%s", shown)
	}
	if strings.Contains(f.display("display vlan brief"), "Users") {
		t.Fatal("the paste ran before it was confirmed")
	}
	f.key("enter")
	if !strings.Contains(f.display("display vlan brief"), "30        Users") {
		t.Error("VLAN 30 was not created")
	}
	if shown := f.dialogText(); !strings.Contains(shown, "✓   6  return") || f.m.dlg.title != "Paste: results" {
		t.Errorf("results:\n%s", shown)
	}
	r := f.lastRecord()
	if r.failed || len(r.results) != 6 || r.title != "paste of 6 lines" {
		t.Errorf("command log: %+v", r)
	}
	if out := cliText(f); !strings.Contains(out, "[HPE-vlan30] name Users") || f.m.cli.prompt != "<HPE>" {
		t.Errorf("CLI scrollback:\n%s\nprompt %q", out, f.m.cli.prompt)
	}
}

func TestPasteBadLine(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.send(pasteMsg("system-view\nvlan 31\n nmae Users\nreturn\n"))
	shown := f.dialogText()
	if !strings.Contains(shown, "Line 3 is rejected; nothing was run.") ||
		!strings.Contains(shown, "✗   3   nmae Users\n        ^\n       % Unrecognized command found at '^' position.") {
		t.Errorf("dialog:\n%s", shown)
	}
	f.key("enter", "y")
	if strings.Contains(f.display("display vlan brief"), "31 ") || len(f.m.cmdlog) != 0 {
		t.Error("a rejected paste ran")
	}
	f.key("esc")
	if f.m.dlg != nil {
		t.Error("esc did not close")
	}
}

func TestPasteStopsAtFailure(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	// Every line parses, but VLAN 4000 does not exist: the run stops there.
	f.send(pasteMsg("system-view\ninterface GigabitEthernet1/0/9\nport access vlan 4000\ndescription never\nreturn\n"))
	f.key("y")
	r := f.lastRecord()
	if !r.failed || r.skipped != 2 || len(r.results) != 3 {
		t.Errorf("record: %+v", r)
	}
	if shown := f.dialogText(); !strings.Contains(shown, "Stopped: lines 4-5 were not run.") {
		t.Errorf("dialog:\n%s", shown)
	}
	if strings.Contains(f.display("display interface brief"), "never") {
		t.Error("a line after the failure ran")
	}
}

// TestPasteOverLimit: a paste over the limit, whole (Bubble Tea's input) or only counted (the
// console's own input reader keeps no more than the limit), is refused with the upload workflow.
func TestPasteOverLimit(t *testing.T) {
	big := bigPaste()
	for name, msg := range map[string]tea.Msg{"whole": pasteMsg(big), "counted": term.PasteTooLongMsg{Bytes: len(big)}} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, fixtureOpts{})
			f.send(msg)
			shown := f.dialogText()
			for _, want := range []string{fmt.Sprintf("The paste is %d bytes at one time", len(big)),
				"the command line takes at most 2000", "Nothing of it was run.", "sftp USER@SWITCH", "put new.cfg",
				"startup saved-configuration new.cfg", "reboot"} {
				if !strings.Contains(shown, want) {
					t.Errorf("refusal does not say %q:\n%s", want, shown)
				}
			}
			if strings.Contains(f.display("display vlan brief"), "Users-100") {
				t.Error("part of an oversized paste ran")
			}
		})
	}
}

func TestPasteControlCharacters(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.send(pasteMsg("system-view\ninterface GigabitEthernet1/0/9\ndescription \x1b]0;pwned\x07\nreturn\n"))
	shown := f.dialogText()
	if !strings.Contains(shown, "control character (^[)") || !strings.Contains(shown, "description ^[]0;pwned^G") {
		t.Errorf("dialog:\n%s", shown)
	}
	f.key("y")
	if len(f.m.cmdlog) != 0 {
		t.Error("a paste with control characters ran")
	}
}

func TestPasteOneLine(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.send(pasteMsg("display vlan brief"))
	if f.m.dlg != nil || f.m.focus != focusCLI || f.m.cli.in.Value() != "display vlan brief" {
		t.Errorf("one line: dialog %v focus %d value %q", f.m.dlg != nil, f.m.focus, f.m.cli.in.Value())
	}
}
