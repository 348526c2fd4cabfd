package tui

import (
	"strings"
	"testing"
)

func TestCLILine(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key("tab")
	f.typeText("dis ver")
	f.key("enter")
	out := cliText(f)
	if !strings.Contains(out, "<HPE>dis ver\n") || !strings.Contains(out, "HPE Comware Software, Version 7.1.070") {
		t.Errorf("dis ver:\n%s", out)
	}
	f.typeText("disp")
	f.key("tab")
	if v := f.m.cli.in.Value(); v != "display " {
		t.Errorf("tab completed %q", v)
	}
	f.key("ctrl+c")
	f.typeText("dis foo")
	f.key("enter")
	out = cliText(f)
	if !strings.Contains(out, "<HPE>dis foo\n         ^\n % Unrecognized command found at '^' position.") {
		t.Errorf("caret error:\n%s", out)
	}
	f.typeText("system-view")
	f.key("enter")
	if f.m.cli.prompt != "[HPE]" || !strings.Contains(f.screen(), " [HPE]") {
		t.Errorf("prompt %q", f.m.cli.prompt)
	}
	f.key("ctrl+z")
	if f.m.cli.prompt != "<HPE>" {
		t.Errorf("ctrl+z: prompt %q", f.m.cli.prompt)
	}
	f.key("up")
	if v := f.m.cli.in.Value(); v != "system-view" {
		t.Errorf("history up: %q", v)
	}
	f.key("up", "up")
	if v := f.m.cli.in.Value(); v != "dis ver" {
		t.Errorf("history up x3: %q", v)
	}
	f.key("down", "down", "down")
	if v := f.m.cli.in.Value(); v != "" {
		t.Errorf("history back to the draft: %q", v)
	}
	f.key("esc")
	if f.m.focus != focusMain {
		t.Error("esc did not leave the CLI")
	}
}

func TestCLIScrollback(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.key("tab")
	f.typeText("display current-configuration")
	f.key("enter")
	if !strings.Contains(f.screen(), " return") {
		t.Errorf("the newest output is not shown:\n%s", f.screen())
	}
	f.key("pgup")
	if f.m.cli.pinned || strings.Contains(f.screen(), " return\n") {
		t.Error("pgup did not scroll back")
	}
	f.key("pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown")
	if !f.m.cli.pinned {
		t.Error("pgdown to the end did not follow the output again")
	}
}

func TestLineEdit(t *testing.T) {
	e := lineEdit{limit: 10}
	for _, k := range []string{"a", "b", "c", "left", "left", "X", "end", "space", "d"} {
		e.Update(keyMsg(k))
	}
	if e.Value() != "aXbc d" || e.Position() != 6 {
		t.Errorf("got %q at %d", e.Value(), e.Position())
	}
	e.Update(keyMsg("ctrl+c"))
	e.insert("\x1b[31mred\x07")
	if e.Value() != "aXbc d[31m" {
		t.Errorf("controls typed: %q", e.Value())
	}
	e.Reset()
	e.insert("one two")
	e.Update(keyMsg("backspace"))
	if e.Value() != "one tw" {
		t.Errorf("backspace: %q", e.Value())
	}
}
