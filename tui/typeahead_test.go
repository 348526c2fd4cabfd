package tui

import (
	"io"
	"strings"
	"testing"
	"time"
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
	s := serve(t, f, "Paste: 3 lines", 120, 40)
	io.WriteString(s.in, "2") // a key of its own: the Interfaces view
	io.WriteString(s.in, "system-view\ninterface GE1/0/1\nshutdown\n")
	s.waitSeen(t)
	s.cancel()
	s.end(t)
	if cfg := f.display("display current-configuration interface GigabitEthernet1/0/1"); strings.Contains(cfg, "shutdown") {
		t.Errorf("the paste acted:\n%s", cfg)
	}
	s.out.mu.Lock()
	defer s.out.mu.Unlock()
	if strings.Contains(s.out.buf.String(), "shut down GE") {
		t.Error("the paste pressed s")
	}
}
