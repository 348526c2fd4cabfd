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

// TestServe runs Handler.Serve over pipes, as the SSH layer will: the console draws, takes a
// resize, and ends when the user quits or when the session's context ends.
func TestServe(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	h := &Handler{Open: SwitchBackends(f.d), Theme: "dark"}
	for _, how := range []string{"quit", "cancel"} {
		t.Run(how, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			inR, inW := io.Pipe()
			defer inW.Close()
			out := &notifyWriter{want: "Ten-GigabitEthernet", seen: make(chan struct{})}
			resized := make(chan func(w, h int), 1)
			done := make(chan error, 1)
			go func() {
				done <- h.Serve(ctx, Terminal{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 5, In: inR, Out: out, Environ: []string{"TERM=xterm-256color"},
					Width: 100, Height: 30, OnResize: func(f func(w, h int)) { resized <- f }})
			}()
			(<-resized)(120, 40)
			// Typed: a key a read (text that arrives at once is a paste).
			for _, k := range ":int xge1/0/26\r" {
				if _, err := io.WriteString(inW, string(k)); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case <-out.seen:
			case err := <-done:
				t.Fatalf("Serve ended early: %v", err)
			case <-time.After(10 * time.Second):
				t.Fatalf("no interface detail on screen:\n%q", out.buf.String())
			}
			if how == "quit" {
				io.WriteString(inW, "q")
			} else {
				cancel()
			}
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Serve did not end")
			}
		})
	}
}
