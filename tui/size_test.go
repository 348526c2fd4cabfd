package tui

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"vtyd/switchctl"
	"vtyd/tui/term"
)

// TestHugeTerminal: a terminal larger than the console lays out (a pty-req of 65535×65535 once
// took the server down) is drawn at MaxWidth×MaxHeight at most, whether the size comes at the start
// or with a resize.
func TestHugeTerminal(t *testing.T) {
	for _, sz := range [][2]int{{4000, 2000}, {65535, 65535}} {
		for _, how := range []string{"start", "resize"} {
			t.Run(how, func(t *testing.T) {
				o := fixtureOpts{}
				if how == "start" {
					o.w, o.h = sz[0], sz[1]
				}
				f := newFixture(t, o)
				if how == "resize" {
					f.send(sizeMsg(sz[0], sz[1]))
				}
				for _, v := range []string{"1", "2", "9"} {
					f.key(v)
					content := f.m.View().Content
					lines := strings.Split(content, "\n")
					if len(lines) > MaxHeight {
						t.Fatalf("%dx%d view %s: %d lines drawn, at most %d", sz[0], sz[1], v, len(lines), MaxHeight)
					}
					for i, l := range lines {
						if w := ansi.StringWidth(l); w > MaxWidth {
							t.Fatalf("%dx%d view %s: line %d is %d cells, at most %d", sz[0], sz[1], v, i, w, MaxWidth)
						}
					}
				}
			})
		}
	}
}

// TestServeHugeTerminal runs Handler.Serve with a 65535×65535 pty: the console draws a bounded
// frame and quits when asked.
func TestServeHugeTerminal(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	s := serve(t, f, "Dashboard", 65535, 65535)
	(<-s.resized)(65535, 65535)
	s.waitSeen(t)
	io.WriteString(s.in, "q")
	s.end(t)
	out := s.out
	out.mu.Lock()
	n := out.buf.Len()
	out.mu.Unlock()
	// A full frame of MaxWidth×MaxHeight cells with styles is a few MB at most.
	if n > 8<<20 {
		t.Errorf("the console sent %d bytes for a 65535×65535 terminal", n)
	}
}

// panicReader is a session whose input panics, as a bug in the input decoder would.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("input bug") }

// TestServeInputPanic: a panic in the console's input goroutine ends that console with an error,
// logged with its stack, and not the process.
func TestServeInputPanic(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	var logBuf syncWriter
	h := &Handler{Open: SwitchBackends(f.d), Theme: "dark", Logger: slog.New(slog.NewTextHandler(&logBuf, nil))}
	done := make(chan error, 1)
	go func() {
		done <- h.Serve(context.Background(), Terminal{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 5, In: panicReader{}, Out: io.Discard,
			Environ: []string{"TERM=xterm-256color"}, Width: 80, Height: 24})
	}()
	select {
	case err := <-done:
		var pe *term.PanicError
		if !errors.As(err, &pe) || pe.Value != "input bug" {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not end")
	}
	if s := logBuf.String(); !strings.Contains(s, "console input panic") || !strings.Contains(s, "panicReader.Read") {
		t.Errorf("log:\n%s", s)
	}
}

type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
