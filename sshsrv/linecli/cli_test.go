package linecli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"vtyd/internal/termtest"

	"vtyd/switchctl"
)

func cliSession(t *testing.T) (*switchctl.Device, *switchctl.Session) {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	return d, d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0, Proto: "SSH"})
}

func runCLI(t *testing.T, input string, opt Options) string {
	t.Helper()
	_, s := cliSession(t)
	var out bytes.Buffer
	if err := New(s, strings.NewReader(input), &out, opt).Run(context.Background()); err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out.String()
}

func TestLineCLIPlain(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"views and quit", "system-view\nvlan 10\nquit\nquit\nquit\ndisplay version\n",
			"\n<HPE>\nSystem View: return to User View with Ctrl+Z.\n[HPE]\n[HPE-vlan10]\n[HPE]\n<HPE>\n"},
		{"caret after the prompt", "system-view\ndisplya vlan\n",
			"\n<HPE>\nSystem View: return to User View with Ctrl+Z.\n[HPE]\n     ^\n % Unrecognized command found at '^' position.\n[HPE]"},
		{"CRLF input and a last line without newline", "system-view\r\nreturn",
			"\n<HPE>\nSystem View: return to User View with Ctrl+Z.\n[HPE]\n<HPE>"},
		{"end of input", "", "\n<HPE>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := runCLI(t, tc.in, Options{}); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestLineCLIBanner(t *testing.T) {
	got := runCLI(t, "quit\n", Options{Banner: "Authorized users only"})
	if want := "\nAuthorized users only\n<HPE>\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLineCLITerminal(t *testing.T) {
	got := runCLI(t, "system-view\rdisplya\rquit\rquit\r", Options{Terminal: true, Width: 80, Height: 24})
	want := "\r\n<HPE>system-view\r\nSystem View: return to User View with Ctrl+Z.\r\n" +
		"[HPE]displya\r\n     ^\r\n % Unrecognized command found at '^' position.\r\n[HPE]quit\r\n<HPE>quit\r\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestLineCLIDialog(t *testing.T) {
	d, s := cliSession(t)
	var out bytes.Buffer
	in := "system-view\nundo ssh server enable\n"
	if err := New(s, strings.NewReader(in), &out, Options{}).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The input ends while the dialog waits: the command is aborted, nothing changes.
	if !strings.Contains(out.String(), "Continue? [Y/N]:") || !d.SSHSettings().Enabled {
		t.Errorf("enabled %v, output %q", d.SSHSettings().Enabled, out.String())
	}
	if s.Prompt() != "[HPE]" {
		t.Errorf("prompt %q after the aborted dialog", s.Prompt())
	}
}

// liveCLI is a terminal CLI running on its own goroutine, fed through a pipe.
type liveCLI struct {
	d    *switchctl.Device
	s    *switchctl.Session
	in   *io.PipeWriter
	out  *termtest.Buffer
	done chan error
}

// startCLI runs a terminal CLI on line 0 of a fresh device; setup lines run first (as admin).
func startCLI(t *testing.T, opt Options, setup ...string) *liveCLI {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	adm := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: -1, Proto: "test"})
	for _, line := range setup {
		if err := adm.Exec(context.Background(), line, io.Discard); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	s := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0, Proto: "SSH"})
	pr, pw := io.Pipe()
	opt.Terminal = true
	l := &liveCLI{d: d, s: s, in: pw, out: termtest.NewBuffer(), done: make(chan error, 1)}
	cli := New(s, pr, l.out, opt)
	go func() { l.done <- cli.Run(context.Background()) }()
	t.Cleanup(func() {
		pw.Close()
		<-l.done
	})
	l.out.WaitFor(t, "<HPE>")
	return l
}

func (l *liveCLI) send(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(l.in, keys); err != nil {
		t.Fatal(err)
	}
}

// end sends quit and waits for Run to return.
func (l *liveCLI) end(t *testing.T) {
	t.Helper()
	l.send(t, "\x1a"+"quit\r")
	select {
	case err := <-l.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		l.done <- nil // for the cleanup
	case <-time.After(10 * time.Second):
		t.Fatalf("Run did not end after quit; output %q", l.out.String())
	}
}

// TestLineCLIHelpAtOnce: ? is answered when typed, before any Enter: the help, a blank line, then
// the prompt and the line again.
func TestLineCLIHelpAtOnce(t *testing.T) {
	l := startCLI(t, Options{})
	var help bytes.Buffer
	if err := l.d.NewSession(switchctl.SessionInfo{Line: -1, Roles: []string{switchctl.RoleAdmin}}).Help("display clo", &help); err != nil {
		t.Fatal(err)
	}
	l.send(t, "display clo?")
	got := l.out.WaitFor(t, "<HPE>display clo")
	if want := "display clo?\r\n" + strings.ReplaceAll(help.String(), "\n", "\r\n") + "\r\n<HPE>display clo"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	l.send(t, "ck ?")
	l.out.WaitFor(t, "  <cr>")
	l.out.WaitFor(t, "\r\n\r\n<HPE>display clock ")
	l.send(t, "\r")
	l.out.WaitFor(t, "UTC")
	l.out.WaitFor(t, "<HPE>")
	l.send(t, "dispx ?")
	got = l.out.WaitFor(t, "<HPE>dispx ")
	if want := "dispx ?\r\n     ^\r\n % Unrecognized command found at '^' position.\r\n\r\n<HPE>dispx "; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	l.send(t, "\x03")
	l.end(t)
}

func TestLineCLITab(t *testing.T) {
	l := startCLI(t, Options{})
	l.send(t, "dis\t")
	l.out.WaitFor(t, "display ")
	l.send(t, "clo\t\r")
	l.out.WaitFor(t, "clock \r\n")
	// Several candidates: each Tab shows the next one.
	// The second candidate must run alone (display counters, say, would be incomplete).
	_, cands := l.d.NewSession(switchctl.SessionInfo{Line: -1, Roles: []string{switchctl.RoleAdmin}}).Complete("display m")
	if len(cands) < 2 {
		t.Fatalf("display m completes to %v; the test needs two candidates", cands)
	}
	l.send(t, "display m\t\t\r")
	l.out.WaitFor(t, "<HPE>")
	// No candidate: the line is shown again, unchanged, on a new row.
	l.send(t, "display zz\t")
	l.out.WaitFor(t, "display zz\r\n<HPE>display zz")
	l.send(t, "\x03")
	l.end(t)
	h := l.s.History()
	if want := "display " + cands[1]; len(h) < 2 || h[len(h)-1] != want {
		t.Errorf("history %q, want it to end with %q", h, want)
	}
}

func TestLineCLICtrlZAndCtrlC(t *testing.T) {
	l := startCLI(t, Options{})
	l.send(t, "system-view\r")
	l.out.WaitFor(t, "[HPE]")
	l.send(t, "vlan 10\r")
	l.out.WaitFor(t, "[HPE-vlan10]")
	l.send(t, "description half typed\x1a")
	l.out.WaitFor(t, "\r\n<HPE>")
	if l.s.Prompt() != "<HPE>" {
		t.Errorf("prompt %q after Ctrl+Z", l.s.Prompt())
	}
	// Ctrl+C drops the line and keeps the session.
	l.send(t, "reboot force\x03")
	l.out.WaitFor(t, "reboot force\r\n<HPE>")
	l.send(t, "display clock\r")
	l.out.WaitFor(t, "<HPE>")
	l.end(t)
	if strings.Contains(l.d.CurrentConfig(), "half typed") || !termtest.HasVLAN(l.d, 10) {
		t.Errorf("a cancelled line ran (description set, or the device rebooted):\n%s", l.d.CurrentConfig())
	}
}

func TestLineCLIHistoryKeys(t *testing.T) {
	l := startCLI(t, Options{}, "system-view", "line vty 0", "screen-length 0")
	l.send(t, "display clock\r")
	l.out.WaitFor(t, "<HPE>")
	l.send(t, "display version\r")
	l.out.WaitFor(t, "<HPE>")
	l.send(t, "\x1b[A\x1b[A\x1b[B\r") // up, up, down: display version
	l.out.WaitFor(t, "HPE Comware Software")
	l.out.WaitFor(t, "<HPE>")
	l.end(t)
}

// TestLineCLIPaging checks the pager's bytes: 4 lines a screen, then Space (a screen), Enter (a
// line) and q (stop), each erasing the prompt with the device's sequence.
func TestLineCLIPaging(t *testing.T) {
	l := startCLI(t, Options{}, "system-view", "line vty 0", "screen-length 4", "return")
	var full bytes.Buffer
	ref := l.d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: -1})
	if err := ref.Exec(context.Background(), "display current-configuration", &full); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.ReplaceAll(full.String(), "\n", "\r\n"), "\r\n")
	if len(lines) < 12 {
		t.Fatalf("the configuration has %d lines; the test needs 12", len(lines))
	}
	page := func(from, to int) string { return strings.Join(lines[from:to], "") }
	l.send(t, "display current-configuration\r")
	got := l.out.WaitFor(t, MorePrompt)
	if want := "display current-configuration\r\n" + page(0, 4) + MorePrompt; got != want {
		t.Fatalf("first screen %q, want %q", got, want)
	}
	l.send(t, " ")
	if got, want := l.out.WaitFor(t, MorePrompt), moreErase+page(4, 8)+MorePrompt; got != want {
		t.Fatalf("after Space %q, want %q", got, want)
	}
	l.send(t, "\r")
	if got, want := l.out.WaitFor(t, MorePrompt), moreErase+page(8, 9)+MorePrompt; got != want {
		t.Fatalf("after Enter %q, want %q", got, want)
	}
	l.send(t, "q")
	if got, want := l.out.WaitFor(t, "<HPE>"), moreErase+"<HPE>"; got != want {
		t.Fatalf("after q %q, want %q", got, want)
	}
	// screen-length disable: the whole output at once.
	l.send(t, "screen-length disable\r")
	l.out.WaitFor(t, "<HPE>")
	l.send(t, "display current-configuration\r")
	got = l.out.WaitFor(t, "<HPE>")
	if strings.Contains(got, MorePrompt) || !strings.Contains(got, page(0, len(lines))) {
		t.Errorf("with screen-length disable: %q", got)
	}
	l.end(t)
}

func TestLineCLIMonitor(t *testing.T) {
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	events, stop := d.Subscribe(16)
	defer stop()
	s := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0})
	pr, pw := io.Pipe()
	out := termtest.NewBuffer()
	done := make(chan error, 1)
	go func() {
		done <- New(s, pr, out, Options{Terminal: true, Events: events}).Run(context.Background())
	}()
	defer func() { pw.Close(); <-done }()
	out.WaitFor(t, "<HPE>")
	io.WriteString(pw, "terminal monitor\r")
	out.WaitFor(t, "<HPE>")
	io.WriteString(pw, "disp")
	out.WaitFor(t, "disp")
	d.Logf("TEST", switchctl.SevNotification, "PROBE", "pushed to the terminal")
	got := out.WaitFor(t, "<HPE>disp")
	if !strings.Contains(got, "TEST/5/PROBE: pushed to the terminal\r\n") || !strings.HasPrefix(got, "\r\n") {
		t.Errorf("log line shown as %q", got)
	}
}

// panicReader is a session whose input panics, as a bug under the reader would.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("reader bug") }

// TestLineCLIInputPanic: a panic in the goroutine that reads the CLI's input ends the CLI with a
// *PanicError (its session then ends), not the process.
func TestLineCLIInputPanic(t *testing.T) {
	_, s := cliSession(t)
	done := make(chan error, 1)
	go func() { done <- New(s, panicReader{}, io.Discard, Options{Terminal: true}).Run(context.Background()) }()
	select {
	case err := <-done:
		var pe *PanicError
		if !errors.As(err, &pe) || pe.Value != "reader bug" || len(pe.Stack) == 0 {
			t.Errorf("Run returned %v, want the reader's panic with its stack", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the CLI did not end after its reader panicked")
	}
}

// writeLog keeps each Write apart: on SSH each is a packet.
type writeLog struct {
	mu     sync.Mutex
	writes []string
	wrote  chan struct{} // signalled after each write
}

func (w *writeLog) Write(p []byte) (int, error) {
	w.mu.Lock()
	w.writes = append(w.writes, string(p))
	w.mu.Unlock()
	signal(w.wrote)
	return len(p), nil
}

// waitFor waits until a write holds s and returns the writes so far.
func (w *writeLog) waitFor(t *testing.T, s string) []string {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		w.mu.Lock()
		writes := slices.Clone(w.writes)
		w.mu.Unlock()
		if slices.ContainsFunc(writes, func(x string) bool { return strings.Contains(x, s) }) {
			return writes
		}
		select {
		case <-w.wrote:
		case <-deadline:
			t.Fatalf("no write holds %q: %q", s, writes)
		}
	}
}

// TestLineCLIReplyAtOnce: a line written whole, as a tool or the gateway writes it, is echoed in
// one write (one packet on SSH), not one per key; and its Enter's echo, its output and the next
// prompt leave together in one more.
func TestLineCLIReplyAtOnce(t *testing.T) {
	_, s := cliSession(t)
	pr, pw := io.Pipe()
	out := &writeLog{wrote: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() {
		done <- New(s, pr, out, Options{Terminal: true, Width: 80, Height: 24}).Run(context.Background())
	}()
	defer func() { pw.Close(); <-done }()
	out.waitFor(t, "<HPE>")
	if _, err := io.WriteString(pw, "display clock"); err != nil {
		t.Fatal(err)
	}
	writes := out.waitFor(t, "display clock")
	if last := writes[len(writes)-1]; last != "display clock" {
		t.Errorf("the echo is not one write: %q", writes)
	}
	if _, err := io.WriteString(pw, "\r"); err != nil {
		t.Fatal(err)
	}
	writes = out.waitFor(t, " UTC ")
	reply := writes[len(writes)-1]
	if !strings.HasPrefix(reply, "\r\n") || !strings.HasSuffix(reply, "\r\n<HPE>") {
		t.Errorf("the reply is not one write of the Enter's echo, the output and the prompt: %q", writes[2:])
	}
}
