package tui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"vtyd/switchctl"
)

// TestTypeAheadNeverAnswers: keys that arrive with a dialog's opening, or within DialogGuard of it,
// do not answer it: a disruptive action typed ahead ("s" then "y" in one burst) does not run, and
// Ctrl+C then y in one burst does not quit. The same key pressed once the dialog has shown does.
func TestTypeAheadNeverAnswers(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.selectIf("GE1/0/1")
	f.step = 0 // a burst: every key at the same instant
	f.key("s", "y")
	if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm || strings.Contains(f.display("display current-configuration interface GigabitEthernet1/0/1"), " shutdown") {
		t.Fatalf("s y typed ahead: dialog %v", f.m.dlg)
	}
	if !strings.Contains(f.screen(), "typed ahead") {
		t.Errorf("the dialog does not say keys were ignored:\n%s", f.screen())
	}
	f.keyClk = f.keyClk.Add(DialogGuard - time.Millisecond)
	f.key("y")
	if f.m.dlg == nil {
		t.Fatal("y within the guard answered the dialog")
	}
	f.keyClk = f.keyClk.Add(time.Millisecond)
	f.key("y")
	if f.m.dlg != nil || !strings.Contains(f.display("display current-configuration interface GigabitEthernet1/0/1"), " shutdown") {
		t.Fatalf("y after the guard did not run the action: dialog %v", f.m.dlg)
	}

	f.key("ctrl+c", "y")
	if f.quit || f.m.dlg == nil || f.m.dlg.kind != dlgQuit {
		t.Fatalf("ctrl+c y typed ahead: quit %v dialog %v", f.quit, f.m.dlg)
	}
	f.step = time.Second
	f.key("y")
	if !f.quit {
		t.Error("y after the guard did not quit")
	}
}

// TestServeBurstIsPaste: configuration pasted into the Interfaces view by a terminal without
// bracketed paste goes to the paste preview; none of it acts as keys (s would shut the port).
func TestServeBurstIsPaste(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	h := &Handler{Open: SwitchBackends(f.d), Theme: "dark"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	inR, inW := io.Pipe()
	defer inW.Close()
	out := &notifyWriter{want: "Paste: 3 lines", seen: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		done <- h.Serve(ctx, Terminal{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 5, In: inR, Out: out, Environ: []string{"TERM=xterm-256color"}, Width: 120, Height: 40})
	}()
	io.WriteString(inW, "2") // a key of its own: the Interfaces view
	io.WriteString(inW, "system-view\ninterface GE1/0/1\nshutdown\n")
	select {
	case <-out.seen:
	case err := <-done:
		t.Fatalf("Serve ended early: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("no paste preview")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if cfg := f.display("display current-configuration interface GigabitEthernet1/0/1"); strings.Contains(cfg, "shutdown") {
		t.Errorf("the paste acted:\n%s", cfg)
	}
	out.mu.Lock()
	defer out.mu.Unlock()
	if strings.Contains(out.buf.String(), "shut down GE") {
		t.Error("the paste pressed s")
	}
}

// TestFullDescription: the Interfaces table, its filter and the describe dialog use a port's whole
// description, not the 27 characters of display interface brief: enter, enter keeps it whole.
func TestFullDescription(t *testing.T) {
	const desc = "Uplink to core-switch-01 port Ten-GigabitEthernet1/0/49 via patch panel B"
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.exec("system-view", "interface GigabitEthernet1/0/7", "description "+desc, "return")
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
	f.selectIf("GE1/0/7")
	if r, _ := f.m.ifs.selected(); r[8] != desc {
		t.Errorf("the row's description is %q", r[8])
	}
	f.key("/")
	f.typeText("panel b")
	f.key("enter")
	if r, ok := f.m.ifs.selected(); !ok || r[0] != "GE1/0/7" || len(f.m.ifs.idx) != 1 {
		t.Errorf("filter on the description's end: %v rows", len(f.m.ifs.idx))
	}
	if !strings.Contains(f.screen(), "…") {
		t.Errorf("a cut description does not end in …:\n%s", f.screen())
	}
	f.key("d")
	if v := f.m.dlg.input.Value(); v != desc {
		t.Errorf("describe pre-fills %q", v)
	}
	f.key("enter", "enter")
	if cfg := f.display("display current-configuration interface GigabitEthernet1/0/7"); !strings.Contains(cfg, " description "+desc+"\n") {
		t.Errorf("enter, enter changed the description:\n%s", cfg)
	}
}

// TestCLINewOutputMarker: the CLI pane scrolled back says that new output arrived below, until it
// is scrolled to the end.
func TestCLINewOutputMarker(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.key("tab")
	f.typeText("display version")
	f.key("enter", "pgup")
	if strings.Contains(f.screen(), "new output") {
		t.Fatal("marker before new output")
	}
	f.typeText("display ?") // prints the help without running anything: the pane stays where it is
	if !strings.Contains(f.screen(), "↓ new output") {
		t.Errorf("no marker for new output while scrolled back:\n%s", f.screen())
	}
	for i := 0; i < 20 && !f.m.cli.pinned; i++ {
		f.key("pgdown")
	}
	if strings.Contains(f.screen(), "new output") {
		t.Errorf("marker after scrolling to the end:\n%s", f.screen())
	}
}

// TestTextsWrap: a status, the help and a dialog's error wrap to the width instead of being cut.
func TestTextsWrap(t *testing.T) {
	flat := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer("│", " ", "|", " ").Replace(s)), " ")
	}
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.key(":")
	f.typeText("frobnicate")
	f.key("enter")
	if scr := flat(f.screen()); !strings.Contains(scr, ":theme NAME, :w, :q)") {
		t.Errorf("the status is cut:\n%s", f.screen())
	}
	op := newFixture(t, fixtureOpts{w: 80, h: 24, role: "level-9"})
	op.key("8", "f1")
	op.screen() // the dialog wraps its text to the width it is drawn in
	var body []string
	for _, l := range op.m.dlg.body.lines {
		if w := width(l.text); w > op.m.dlg.wrapped {
			t.Errorf("a help line of %d cells in a %d-cell dialog: %q", w, op.m.dlg.wrapped, l.text)
		}
		body = append(body, l.text)
	}
	if all := flat(strings.Join(body, " ")); !strings.Contains(all, "new user (role level-9 cannot manage users (network-admin or level-15 can))") {
		t.Errorf("the help cuts the reasons:\n%s", strings.Join(body, "\n"))
	}
	g := newFixture(t, fixtureOpts{w: 80, h: 24})
	g.selectIf("GE1/0/1")
	g.key("t")
	g.key("ctrl+u")
	g.typeText("1 20 30 to 32 4095-5000")
	g.key("enter")
	if scr := flat(g.screen()); !strings.Contains(scr, `"4095-5000" is not a VLAN or range from 1 to 4094`) {
		t.Errorf("the input error is cut:\n%s", g.screen())
	}
}
