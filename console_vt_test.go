package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"

	"vtyd/tui"
)

// screen is a terminal emulator fed with a session's output. The emulator is not safe for
// concurrent use, so every access holds mu; its answers to the program's queries (DA1, the
// background colour) are piped back to the session's input, as a terminal would send them.
type screen struct {
	mu  sync.Mutex
	emu *vt.Emulator
}

func newScreen(w, h int) *screen { return &screen{emu: vt.NewEmulator(w, h)} }

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.Write(p)
}

// answer copies the emulator's replies to the session's input. The emulator writes them into a
// pipe while it parses the output, so they are read outside mu.
func (s *screen) answer(in io.Writer) {
	go func() { _, _ = io.Copy(in, s.emu) }()
}

// text is the screen as plain text.
func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// cursor is the cursor's position.
func (s *screen) cursor() (x, y int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.emu.CursorPosition()
	return p.X, p.Y
}

// openConsole opens the console as an operator's terminal would: xterm-256color, w×h, answering
// the console's queries; it waits for the dashboard.
func openConsole(t testing.TB, addr string, w, h int) (*shell, *screen) {
	t.Helper()
	c := dialAdmin(t, addr)
	scr := newScreen(w, h)
	sh := openShell(t, c, "xterm-256color", w, h, nil, scr)
	scr.answer(sh.in)
	waitScreen(t, sh, scr, "the dashboard", func(s string) bool {
		return strings.Contains(s, "Dashboard") && strings.Contains(s, "Latest log") && strings.Contains(s, "Release")
	})
	return sh, scr
}

// waitScreen waits until ok holds for the emulated screen.
func waitScreen(t testing.TB, sh *shell, scr *screen, what string, ok func(string) bool) {
	t.Helper()
	sh.out.waitFor(t, what+" on screen", func(string) bool { return ok(scr.text()) })
}

func send(t testing.TB, sh *shell, keys string) {
	t.Helper()
	if _, err := io.WriteString(sh.in, keys); err != nil {
		t.Fatal(err)
	}
}

// answer answers the dialog on screen as a person does, after reading it: the console drops keys
// that arrive within tui.DialogGuard of a dialog's opening as typed ahead.
func answer(t testing.TB, sh *shell, keys string) {
	t.Helper()
	time.Sleep(tui.DialogGuard) // not a wait for something: the reading time the console requires
	send(t, sh, keys)
}

// TestConsoleEndToEnd logs in over SSH with a PTY, reads the screen through a terminal emulator,
// opens Interfaces, shuts GE1/0/4 through the menu with its confirmation, and sees the port ADM
// in `display interface brief` over a second (exec) session.
func TestConsoleEndToEnd(t *testing.T) {
	addr, _ := startConsoleServer(t, 0)
	sh, scr := openConsole(t, addr, 120, 40)

	send(t, sh, "2")
	waitScreen(t, sh, scr, "the Interfaces view", func(s string) bool { return strings.Contains(s, "28 ports") })
	send(t, sh, "jjj")
	waitScreen(t, sh, scr, "GE1/0/4 selected", func(s string) bool { return strings.Contains(s, "▸GE1/0/4") })
	send(t, sh, "s")
	waitScreen(t, sh, scr, "the confirmation", func(s string) bool {
		return strings.Contains(s, "shut down GE1/0/4") && strings.Contains(s, "    shutdown") &&
			strings.Contains(s, "This is disruptive. Type y to run it.")
	})
	answer(t, sh, "y")
	waitScreen(t, sh, scr, "the port shut down", func(s string) bool {
		return strings.Contains(s, "✓ shut down GE1/0/4") && strings.Contains(s, "GE1/0/4    ADM")
	})

	brief := execOutput(t, dialAdmin(t, addr), "display interface brief")
	if !strings.Contains(brief, "GE1/0/4              ADM") {
		t.Errorf("display interface brief does not show GE1/0/4 shut down:\n%s", brief)
	}

	send(t, sh, "q")
	waitScreen(t, sh, scr, "the unsaved-changes question", func(s string) bool { return strings.Contains(s, "Quit with unsaved changes?") })
	answer(t, sh, "q")
	if err := sh.sess.Wait(); err != nil {
		t.Errorf("the session ended with %v", err)
	}
}

// BenchmarkConsoleKeystroke measures the bytes the console sends to the client for one key typed
// into the CLI line, over SSH through the adapter: the redraw of one character and the cursor.
// Goal: under 200 bytes.
func BenchmarkConsoleKeystroke(b *testing.B) {
	addr, _ := startConsoleServer(b, 0)
	sh, scr := openConsole(b, addr, 120, 40)
	send(b, sh, "\t") // the CLI line
	waitScreen(b, sh, scr, "the cursor in the CLI line", func(string) bool { _, y := scr.cursor(); return y == 38 })
	const keys = 100
	line := strings.Repeat("display interface brief ", 5)[:keys]
	b.ResetTimer()
	var total int
	for i := 0; i < b.N; i++ {
		start := sh.out.bytes()
		for k := 0; k < keys; k++ {
			send(b, sh, line[k:k+1])
			want := 1 + len("<HPE>") + k + 1
			waitScreen(b, sh, scr, fmt.Sprintf("key %d echoed", k+1), func(string) bool { x, _ := scr.cursor(); return x == want })
		}
		total += sh.out.bytes() - start
		b.StopTimer()
		send(b, sh, "\x15") // Ctrl+U empties the line
		waitScreen(b, sh, scr, "the line emptied", func(string) bool { x, _ := scr.cursor(); return x == 1+len("<HPE>") })
		b.StartTimer()
	}
	b.ReportMetric(float64(total)/float64(b.N*keys), "bytes/key")
}

// TestConsolePasteEndToEnd pastes through a real terminal session: a batch within 2000 bytes is
// previewed, checked and run on confirmation; one of 100 KB is refused with the upload workflow,
// whatever SSH packets cut it into, and none of it runs.
func TestConsolePasteEndToEnd(t *testing.T) {
	addr, _ := startConsoleServer(t, 0)
	sh, scr := openConsole(t, addr, 120, 40)

	send(t, sh, "\x1b[200~system-view\r\nvlan 77\r\n name Pasted\r\nreturn\r\n\x1b[201~")
	waitScreen(t, sh, scr, "the paste preview", func(s string) bool {
		return strings.Contains(s, "Paste: 4 lines") && strings.Contains(s, "vlan 77")
	})
	answer(t, sh, "y")
	waitScreen(t, sh, scr, "the paste run", func(s string) bool { return strings.Contains(s, "name Pasted") && strings.Contains(s, "✓") })
	if out := execOutput(t, dialAdmin(t, addr), "display vlan 77"); !strings.Contains(out, "Pasted") {
		t.Errorf("the pasted VLAN is not there:\n%s", out)
	}
	answer(t, sh, "\x1b") // close the result

	var big strings.Builder
	for i := 100; big.Len() < 100_000; i++ {
		fmt.Fprintf(&big, "vlan %d\r\n", i)
	}
	send(t, sh, "\x1b[200~"+big.String()+"\x1b[201~")
	waitScreen(t, sh, scr, "the refusal", func(s string) bool {
		return strings.Contains(s, fmt.Sprintf("The paste is %d bytes at one time", big.Len())) &&
			strings.Contains(s, "startup saved-configuration new.cfg")
	})
	brief := execOutput(t, dialAdmin(t, addr), "display vlan brief")
	for _, l := range strings.Split(brief, "\n") {
		if f := strings.Fields(l); len(f) > 0 && (f[0] == "100" || f[0] == "1000") {
			t.Errorf("part of the refused paste ran:\n%s", brief)
		}
	}
	if !strings.Contains(brief, "77") {
		t.Errorf("display vlan brief reads no VLAN 77:\n%s", brief)
	}
}

// TestConsoleResizeEndToEnd: a window change reaches the console over SSH (the shell's watcher
// hands it to the program, no relay between) and the next frame fills the new size.
func TestConsoleResizeEndToEnd(t *testing.T) {
	addr, _ := startConsoleServer(t, 0)
	sh, scr := openConsole(t, addr, 100, 30)
	scr.mu.Lock()
	scr.emu.Resize(130, 40)
	scr.mu.Unlock()
	if err := sh.sess.WindowChange(40, 130); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, sh, scr, "a 130x40 frame", func(s string) bool {
		lines := strings.Split(s, "\n")
		return len(lines) >= 40 && strings.HasSuffix(strings.TrimRight(lines[1], " "), "╮") &&
			len([]rune(strings.TrimRight(lines[1], " "))) == 130
	})
}
