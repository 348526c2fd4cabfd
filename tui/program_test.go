package tui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"vtyd/switchctl"
)

// TestProgram runs the console in a real Bubble Tea program (teatest): it starts, reads the device,
// switches view and quits.
func TestProgram(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := NewSwitchBackend(f.d, f.d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 4}))
	defer b.Close()
	m := NewModel(b, Options{Context: ctx, User: "admin", Role: switchctl.RoleAdmin, Width: 100, Height: 30})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("unsaved changes")) },
		teatest.WithDuration(10*time.Second))
	tm.Send(keyMsg("2"))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("28 ports")) },
		teatest.WithDuration(10*time.Second))
	// The unsaved changes are another session's: q quits at once.
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

// notifyWriter is a screen for Serve: it keeps what was written and signals when it contains want.
type notifyWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
	once sync.Once
}

func (w *notifyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if strings.Contains(w.buf.String(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

// served is a console run by Handler.Serve over pipes, as the SSH layer runs it: keys go to in,
// the screen collects in out, which closes seen once it shows what the test waits for.
type served struct {
	in      *io.PipeWriter
	out     *notifyWriter
	done    chan error
	cancel  context.CancelFunc
	resized chan func(w, h int) // the console's OnResize registration
}

// serve runs the fixture's device's console on a w×h xterm until the test ends.
func serve(t *testing.T, f *fixture, want string, w, h int) *served {
	t.Helper()
	hd := &Handler{Open: SwitchBackends(f.d), Theme: "dark"}
	ctx, cancel := context.WithCancel(context.Background())
	inR, inW := io.Pipe()
	s := &served{in: inW, out: &notifyWriter{want: want, seen: make(chan struct{})}, done: make(chan error, 1),
		cancel: cancel, resized: make(chan func(w, h int), 1)}
	t.Cleanup(func() { cancel(); inW.Close() })
	go func() {
		s.done <- hd.Serve(ctx, Terminal{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 5, In: inR, Out: s.out,
			Environ: []string{"TERM=xterm-256color"}, Width: w, Height: h, OnResize: func(f func(w, h int)) { s.resized <- f }})
	}()
	return s
}

// waitSeen waits until the screen shows what the console was served to wait for.
func (s *served) waitSeen(t *testing.T) {
	t.Helper()
	select {
	case <-s.out.seen:
	case err := <-s.done:
		t.Fatalf("Serve ended early: %v", err)
	case <-time.After(20 * time.Second):
		s.out.mu.Lock()
		defer s.out.mu.Unlock()
		t.Fatalf("the screen never showed %q:\n%q", s.out.want, s.out.buf.String())
	}
}

// end waits for Serve to return and checks it returned nil.
func (s *served) end(t *testing.T) {
	t.Helper()
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not end")
	}
}

// TestServe runs Handler.Serve over pipes, as the SSH layer will: the console draws, takes a
// resize, and ends when the user quits or when the session's context ends.
func TestServe(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	for _, how := range []string{"quit", "cancel"} {
		t.Run(how, func(t *testing.T) {
			s := serve(t, f, "Ten-GigabitEthernet", 100, 30)
			(<-s.resized)(120, 40)
			// Typed: a key a read (text that arrives at once is a paste).
			for _, k := range ":int xge1/0/26\r" {
				if _, err := io.WriteString(s.in, string(k)); err != nil {
					t.Fatal(err)
				}
			}
			s.waitSeen(t)
			if how == "quit" {
				io.WriteString(s.in, "q")
			} else {
				s.cancel()
			}
			s.end(t)
		})
	}
}
