package tui

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// floodShell is a CLI session whose ping prints without end until its context ends (or 1 TiB, so
// that the test is bounded), as the simulated ping with a count of 20,000,000 does.
type floodShell struct {
	Shell
	wrote   atomic.Int64
	flooded chan struct{} // closed once 64 MiB were written
}

func (s *floodShell) Exec(ctx context.Context, line string, w io.Writer) error {
	if !strings.HasPrefix(line, "ping") {
		return s.Shell.Exec(ctx, line, w)
	}
	chunk := bytes.Repeat([]byte("56 bytes from 127.0.0.1: icmp_seq=0 ttl=255 time=0.010 ms\n"), 256)
	io.WriteString(w, "Ping 127.0.0.1 (127.0.0.1): 56 data bytes, press CTRL+C to break\n")
	for n := 0; ctx.Err() == nil && n < (1<<40)/len(chunk); n++ {
		w.Write(chunk)
		if s.wrote.Add(int64(len(chunk))) >= 64<<20 && s.wrote.Load()-int64(len(chunk)) < 64<<20 {
			close(s.flooded)
		}
	}
	io.WriteString(w, "\n--- Ping statistics for 127.0.0.1 ---\n")
	return nil
}

type floodBackend struct {
	Backend
	cli *floodShell
}

func (b *floodBackend) CLI() Shell { return b.cli }

// drive runs cmd and the commands that follow from its messages in a goroutine, as a program
// would, and hands each message to the test.
func drive(cmd tea.Cmd, msgs chan<- tea.Msg) {
	go func() {
		if cmd != nil {
			msgs <- cmd()
		}
	}()
}

func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestCommandFloodBounded: a command in the CLI line that prints without end (ping -c 20000000
// once took 2 GiB in 15 s and killed the server) keeps only the tail of its output, and Ctrl+C stops
// it; the console goes on working.
func TestCommandFloodBounded(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	fs := &floodShell{Shell: f.m.b.CLI(), flooded: make(chan struct{})}
	f.setModel(New(&floodBackend{Backend: f.m.b, cli: fs}, f.m.opt))
	f.run(f.m.initCmds()...)
	before := heapInUse()

	f.key("tab")
	f.typeText("ping -c 20000000 127.0.0.1")
	_, cmd := f.m.Update(keyMsg("enter"))
	msgs := make(chan tea.Msg, 1)
	drive(cmd, msgs)
	waitFlooded(t, fs, before, "the command")
	deadline := time.After(60 * time.Second)
	// Ctrl+C stops the command, wherever the focus is.
	f.key("esc")
	_, c := f.m.Update(keyMsg("ctrl+c"))
	if c != nil {
		if _, isQuit := c().(tea.QuitMsg); isQuit {
			t.Fatal("ctrl+c quit the console instead of stopping the command")
		}
	}
	for done := false; !done; {
		select {
		case msg := <-msgs:
			_, done = msg.(cliDoneMsg)
			next, cmd := f.m.Update(msg)
			f.m = next.(*Model)
			drive(cmd, msgs)
		case <-deadline:
			t.Fatalf("ctrl+c did not stop the command (%d MiB written)", fs.wrote.Load()>>20)
		}
	}
	out := cliText(f)
	if !strings.Contains(out, "... output truncated") || !strings.Contains(out, "--- Ping statistics for 127.0.0.1 ---") {
		t.Errorf("the scrollback does not say the output was cut, or lacks its end:\n%s", out[max(len(out)-2000, 0):])
	}
	if f.m.cli.busy || f.quit || f.m.dlg != nil {
		t.Fatalf("after ctrl+c: busy %v quit %v dialog %v", f.m.cli.busy, f.quit, f.m.dlg)
	}
	// The console goes on working.
	f.key("tab")
	f.typeText("display clock")
	f.key("enter")
	if out := cliText(f); !strings.HasSuffix(strings.TrimSpace(out[strings.LastIndex(out, "<HPE>display clock"):]), "UTC") &&
		!strings.Contains(out[strings.LastIndex(out, "<HPE>display clock"):], "20") {
		t.Errorf("display clock after the flood:\n%s", out[max(len(out)-500, 0):])
	}
}

func TestOutputRing(t *testing.T) {
	tests := []struct {
		name        string
		keep, lines int
		writes      []string
		want        string
	}{
		{"fits", 100, 10, []string{"a\n", "b\n"}, "a\nb\n"},
		{"cut in a line", 6, 10, []string{"aaaa\n", "bb\n", "cc\n"}, "... output truncated: 8 bytes not shown\ncc\n"},
		{"one large write", 6, 10, []string{strings.Repeat("x", 100) + "\nyy\nzz\n"}, "... output truncated: 104 bytes not shown\nzz\n"},
		{"too many lines", 100, 2, []string{"1\n2\n3\n4\n"}, "... output truncated: 4 bytes not shown\n3\n4\n"},
		{"last line open", 100, 2, []string{"1\n2\n3\n4"}, "... output truncated: 4 bytes not shown\n3\n4"},
		{"empty", 100, 2, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := outputRing{keep: tt.keep, keepLines: tt.lines}
			for _, w := range tt.writes {
				o.Write([]byte(w))
			}
			if len(o.buf) > 2*tt.keep {
				t.Errorf("holds %d bytes, keeps %d", len(o.buf), tt.keep)
			}
			if got := o.take(); got != tt.want {
				t.Errorf("take = %q, want %q", got, tt.want)
			}
			if got := o.take(); got != "" {
				t.Errorf("second take = %q", got)
			}
		})
	}
}

// TestPastedFloodBounded: a pasted batch takes the same path: the line that prints without end
// keeps its tail, and Ctrl+C stops the batch before its next line.
func TestPastedFloodBounded(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	fs := &floodShell{Shell: f.m.b.CLI(), flooded: make(chan struct{})}
	f.setModel(New(&floodBackend{Backend: f.m.b, cli: fs}, f.m.opt))
	f.run(f.m.initCmds()...)
	before := heapInUse()
	f.send(pasteMsg("ping -c 20000000 127.0.0.1\nsystem-view\n"))
	if f.m.dlg == nil || f.m.dlg.kind != dlgPaste || !f.m.dlg.paste.checked || f.m.dlg.paste.bad >= 0 {
		t.Fatalf("paste dialog:\n%s", f.dialogText())
	}
	f.keyClk = f.keyClk.Add(time.Second)
	_, cmd := f.m.Update(keyMsg("y"))
	msgs := make(chan tea.Msg, 1)
	drive(cmd, msgs)
	waitFlooded(t, fs, before, "the pasted command")
	deadline := time.After(60 * time.Second)
	f.m.Update(keyMsg("ctrl+c"))
	select {
	case msg := <-msgs:
		f.send(msg)
	case <-deadline:
		t.Fatal("ctrl+c did not stop the batch")
	}
	if f.m.cli.busy || f.m.cli.prompt != "<HPE>" || !strings.Contains(f.dialogText(), "Stopped: lines 2-2 were not run.") {
		t.Errorf("after ctrl+c: busy %v prompt %q\n%s", f.m.cli.busy, f.m.cli.prompt, f.dialogText())
	}
	if !strings.Contains(cliText(f), "... output truncated") {
		t.Error("the scrollback does not say the output was cut")
	}
}

// waitFlooded waits (60 s at most) until what ran has printed 64 MiB, and checks that the heap grew
// by 16 MiB at most meanwhile.
func waitFlooded(t *testing.T, fs *floodShell, before uint64, what string) {
	t.Helper()
	select {
	case <-fs.flooded:
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not print 64 MiB", what)
	}
	if grew := int64(heapInUse()) - int64(before); grew > 16<<20 {
		t.Fatalf("the heap grew by %d MiB while %s printed 64 MiB", grew>>20, what)
	}
}
