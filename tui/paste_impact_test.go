package tui

import (
	"reflect"
	"strings"
	"testing"
)

func TestAsks(t *testing.T) {
	tests := []struct{ line, why, force string }{
		{"save", "asks to confirm the save", "save force"},
		{" sav", "asks to confirm the save", "save force"},
		{"save force", "", ""},
		{"save flash:/b.cfg", "asks where to save and to confirm", ""},
		{"reboot", "asks to confirm the reboot", "reboot force"},
		{"reboot force", "", ""},
		{"free line vty 3", "asks to confirm freeing the line", ""},
		{"undo ssh server enable", "asks to confirm disabling the SSH server", ""},
		{"display current-configuration", "", ""},
		{"vlan 10", "", ""},
	}
	for _, tt := range tests {
		why, force := asks(tt.line)
		if why != tt.why || force != tt.force {
			t.Errorf("asks(%q) = %q, %q; want %q, %q", tt.line, why, force, tt.why, tt.force)
		}
	}
}

// A paste preview marks disruptive lines and questions; Enter does not run it; f swaps in the force
// form and checks it again; y runs it.
func TestPastePreviewImpact(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.send(pasteMsg("system-view\ninterface GigabitEthernet1/0/7\nshutdown\nreturn\nsave\n"))
	text := f.dialogText()
	for _, want := range []string{"⚠ 1 line disruptive (y runs, Enter does not); 1 line will ask a question; f uses the force form of 1 line.",
		"       ⚠ disruptive: shuts the interface down", "       ? asks to confirm the save (f: use `save force`, which does not ask)"} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("the preview does not say %q:\n%s", want, text)
		}
	}
	f.key("enter")
	if f.m.dlg == nil || len(f.m.cmdlog) != 0 {
		t.Fatal("enter ran a disruptive paste")
	}
	f.key("f")
	if f.m.dlg == nil || f.m.dlg.paste == nil {
		t.Fatalf("f closed the preview:\n%s", f.screen())
	}
	if got := f.m.dlg.paste.lines[4]; got != "save force" {
		t.Errorf("f made line 5 %q", got)
	}
	if strings.Contains(f.dialogText(), "will ask") {
		t.Errorf("the force form still asks:\n%s", f.dialogText())
	}
	f.key("y")
	r := f.lastRecord()
	if r.failed || !reflect.DeepEqual(ranLines(r)[4:], []string{"save force"}) {
		t.Fatalf("ran %v:\n%s", ranLines(r), recordText(r))
	}
}
