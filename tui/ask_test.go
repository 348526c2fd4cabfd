package tui

import (
	"strings"
	"testing"

	"vtyd/switchctl"
)

// TestCLIAsks types commands that ask [Y/N] in the CLI line: the question becomes the line's
// prompt, the answer typed there goes to the device, and the command goes on.
func TestCLIAsks(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key("tab")
	f.typeText("save")
	f.key("enter")
	if f.m.cli.ask == nil || !strings.Contains(f.m.cli.ask.prompt, "Are you sure? [Y/N]:") {
		t.Fatalf("no question after save: %+v\n%s", f.m.cli.ask, f.screen())
	}
	if s := f.screen(); !strings.Contains(s, "the device asks") || !strings.Contains(s, "Are you sure? [Y/N]:") {
		t.Errorf("the question is not on screen:\n%s", s)
	}
	f.typeText("y")
	f.key("enter")
	// The file name question has two lines: the first goes to the scrollback, the last is the prompt.
	if f.m.cli.ask == nil || !strings.Contains(f.m.cli.ask.prompt, "press the enter key):") ||
		!strings.Contains(cliText(f), "Please input the file name(*.cfg)[flash:/startup.cfg]") {
		t.Fatalf("no file name question: %+v\n%s", f.m.cli.ask, cliText(f))
	}
	f.key("enter")
	if f.m.cli.ask != nil && strings.Contains(f.m.cli.ask.prompt, "exists, overwrite? [Y/N]:") {
		f.typeText("y")
		f.key("enter")
	}
	if f.m.cli.ask != nil || f.m.cli.busy {
		t.Fatalf("still asking: %+v", f.m.cli.ask)
	}
	if out := cliText(f); !strings.Contains(out, "Are you sure? [Y/N]:y") || !strings.Contains(out, "Saved the current configuration") {
		t.Errorf("scrollback:\n%s", out)
	}
	if !strings.Contains(f.display("display saved-configuration"), "vlan 10") {
		t.Error("save did not save")
	}

	// free line, answered N, then Y.
	f.d.Register(switchctl.SessionInfo{User: "bob", Line: 6, Proto: "SSH", Remote: "203.0.113.6:1"})
	f.typeText("free line vty 6")
	f.key("enter")
	f.typeText("n")
	f.key("enter")
	if freed(f.d, 6) || f.m.cli.ask != nil {
		t.Fatal("N freed the line")
	}
	f.typeText("free line vty 6")
	f.key("enter")
	f.typeText("Y")
	f.key("enter")
	if !freed(f.d, 6) || !strings.Contains(cliText(f), " OK") {
		t.Errorf("Y did not free the line:\n%s", cliText(f))
	}

	// Ctrl+C aborts the command, as on the device.
	f.typeText("save")
	f.key("enter", "ctrl+c")
	if f.m.cli.ask != nil || f.m.cli.busy || f.quit || !strings.Contains(cliText(f), "[Y/N]:^C") {
		t.Errorf("ctrl+c: ask %+v busy %v quit %v\n%s", f.m.cli.ask, f.m.cli.busy, f.quit, cliText(f))
	}
}

// TestCLIReboot reboots from the CLI line, refusing to save first: the session ends.
func TestCLIReboot(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	f.exec("system-view", "vlan 77", "return")
	f.key("tab")
	f.typeText("reboot")
	f.key("enter")
	if f.m.cli.ask == nil || !strings.Contains(f.m.cli.ask.prompt, "save current configuration? [Y/N]:") {
		t.Fatalf("first question: %+v\n%s", f.m.cli.ask, cliText(f))
	}
	f.typeText("n")
	f.key("enter")
	if f.m.cli.ask == nil || !strings.Contains(f.m.cli.ask.prompt, "reboot the device. Continue? [Y/N]:") {
		t.Fatalf("second question: %+v\n%s", f.m.cli.ask, cliText(f))
	}
	f.typeText("y")
	f.key("enter")
	if strings.Contains(f.display("display current-configuration"), "vlan 77") {
		t.Error("no reboot: VLAN 77 is still configured")
	}
	// The session ended: the console asks to quit (the configuration differs from the saved one
	// only until its next read) or quits.
	if !f.quit && (f.m.dlg == nil || f.m.dlg.kind != dlgQuit) {
		t.Errorf("after reboot: quit %v, dialog %v", f.quit, f.m.dlg)
	}
}

// TestPasteDoesNotAsk checks that a pasted line that asks is refused rather than left waiting:
// nobody types the answers of a batch.
func TestPasteDoesNotAsk(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.send(pasteMsg("display clock\nsave\n"))
	f.key("enter")
	r := f.lastRecord()
	if !r.failed || len(r.results) != 2 || !strings.Contains(r.results[1].err, "needs a confirmation") {
		t.Errorf("paste of save: %+v", r)
	}
}

func TestMaskLine(t *testing.T) {
	for in, want := range map[string]string{
		"password simple hunter2":        "password simple ******",
		" password  hash $h$6$abc extra": " password  hash ******",
		"local-user simple":              "local-user simple",
		"description password simple":    "description password simple",
		"PASSWORD Cipher x":              "PASSWORD Cipher ******",
	} {
		if got := maskLine(in); got != want {
			t.Errorf("maskLine(%q) = %q, want %q", in, got, want)
		}
	}
	f := newFixture(t, fixtureOpts{})
	f.key("tab")
	for _, l := range []string{"system-view", "local-user dave class manage", "password simple Top-s3cret", "return"} {
		f.typeText(l)
		f.key("enter")
	}
	if strings.Contains(cliText(f)+f.screen(), "Top-s3cret") || !strings.Contains(cliText(f), "password simple ******") {
		t.Errorf("the typed password shows:\n%s", cliText(f))
	}
	for _, h := range f.m.cli.hist {
		if strings.Contains(h, "Top-s3cret") {
			t.Error("the password is in the history")
		}
	}
}
