package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"vtyd/sshsrv"
	"vtyd/switchctl"
	"vtyd/themes"
)

// startConsoleServer serves a fresh device over SSH on 127.0.0.1:0 with the console wired in as
// main wires it. vtyLines 0 keeps the device's default.
func startConsoleServer(t testing.TB, vtyLines int) (string, *switchctl.Device) {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4,
		AdminPassword: "secret", VTYLines: vtyLines})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	srv, err := sshsrv.New(sshsrv.Config{Console: newConsole(d, nil, themes.DefaultName, log)}, d, log)
	if err != nil {
		t.Fatal(err)
	}
	return serveOn(t, srv), d
}

// serveOn serves srv on 127.0.0.1:0 until the test ends and returns its address.
func serveOn(t testing.TB, srv *sshsrv.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-served
	})
	return ln.Addr().String()
}

// dialAdmin logs in as admin with its password.
func dialAdmin(t testing.TB, addr string) *ssh.Client {
	t.Helper()
	c, err := ssh.Dial("tcp", addr, &ssh.ClientConfig{User: "admin", Auth: []ssh.AuthMethod{ssh.Password("secret")},
		HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}) //nolint:gosec // a test server
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// shell is an interactive session: keys go to in, what the server sends collects in out.
type shell struct {
	sess *ssh.Session
	in   io.WriteCloser
	out  *screenLog
}

// openShell opens a shell with a PTY of term (w×h), after sending env; out may be nil for a plain
// collector of the raw output.
func openShell(t testing.TB, c *ssh.Client, term string, w, h int, env map[string]string, out io.Writer) *shell {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	if err := sess.RequestPty(term, h, w, ssh.TerminalModes{ssh.ECHO: 1}); err != nil {
		t.Fatal(err)
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	log := newScreenLog(out)
	if out == nil { // no emulator to answer the server's terminal query: answer it as xterm does
		log.answer = in
	}
	sess.Stdout = log
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return &shell{sess: sess, in: in, out: log}
}

// screenLog keeps what a session sent (and passes it on to next, a terminal emulator), and lets a
// test wait for a condition on it without sleeping.
type screenLog struct {
	mu       sync.Mutex
	raw      bytes.Buffer
	next     io.Writer
	changed  chan struct{}
	answer   io.Writer // where the answer to the server's terminal query goes, without an emulator
	answered bool
}

func newScreenLog(next io.Writer) *screenLog {
	return &screenLog{next: next, changed: make(chan struct{})}
}

func (l *screenLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.raw.Write(p)
	if l.answer != nil && !l.answered && bytes.Contains(l.raw.Bytes(), []byte("\x1b[c")) {
		l.answered = true
		go func(a io.Writer) { _, _ = io.WriteString(a, "\x1b[?62;22c") }(l.answer)
	}
	if l.next != nil {
		if _, err := l.next.Write(p); err != nil {
			return 0, err
		}
	}
	close(l.changed)
	l.changed = make(chan struct{})
	return len(p), nil
}

// bytes is how many bytes the session sent so far.
func (l *screenLog) bytes() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.raw.Len()
}

// String is everything the session sent so far.
func (l *screenLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.raw.String()
}

// waitFor waits up to 20 s until ok holds for the raw output; it fails the test with what was
// received otherwise.
func (l *screenLog) waitFor(t testing.TB, what string, ok func(raw string) bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		l.mu.Lock()
		raw, changed := l.raw.String(), l.changed
		l.mu.Unlock()
		if ok(raw) {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("timed out waiting for %s; received %d bytes:\n%q", what, len(raw), tail(raw, 2000))
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// altScreen is what Bubble Tea sends to take the screen: the console, not the line CLI.
const altScreen = "\x1b[?1049h"

// TestConsoleRouting checks which shell a PTY session gets: xterm-256color the console; the same
// user with VTYD_CONSOLE=cli, or with TERM=vt100 (what automation sends), the line CLI.
func TestConsoleRouting(t *testing.T) {
	addr, _ := startConsoleServer(t, 0)
	c := dialAdmin(t, addr)
	tests := []struct {
		name, term string
		env        map[string]string
		console    bool
	}{
		{"xterm-256color", "xterm-256color", nil, true},
		{"VTYD_CONSOLE=cli", "xterm-256color", map[string]string{sshsrv.EnvConsole: "cli"}, false},
		{"vt100", "vt100", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh := openShell(t, c, tt.term, 120, 40, tt.env, nil)
			if tt.console {
				sh.out.waitFor(t, "the console's dashboard", func(raw string) bool {
					return strings.Contains(raw, altScreen) && strings.Contains(raw, "Dashboard")
				})
				return
			}
			sh.out.waitFor(t, "the line CLI prompt <HPE>", func(raw string) bool { return strings.Contains(raw, "<HPE>") })
			if s := sh.out.String(); strings.Contains(s, altScreen) {
				t.Errorf("the line CLI took the alternate screen: %q", s)
			}
		})
	}
}

// execOutput runs one command over an exec session of its own.
func execOutput(t testing.TB, c *ssh.Client, cmd string) string {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	out, err := sess.Output(cmd)
	if err != nil {
		t.Fatalf("%s: %v\n%s", cmd, err, out)
	}
	return string(out)
}

// TestConsoleFreed frees the console's line from the device: the console leaves the screen, says
// why, and the session ends.
func TestConsoleFreed(t *testing.T) {
	addr, d := startConsoleServer(t, 0)
	sh := openShell(t, dialAdmin(t, addr), "xterm-256color", 100, 30, nil, nil)
	sh.out.waitFor(t, "the dashboard", func(raw string) bool { return strings.Contains(raw, "Dashboard") })
	var line = -1
	for _, l := range d.Logins() {
		if l.Info.Line >= 0 {
			line = l.Info.Line
		}
	}
	if err := d.FreeLine(line); err != nil {
		t.Fatal(err)
	}
	sh.out.waitFor(t, "the reason", func(raw string) bool { return strings.Contains(raw, "The line was freed by an administrator") })
	if err := sh.sess.Wait(); err == nil {
		t.Error("a freed console ended with status 0")
	}
	s := sh.out.String()
	if leave, msg := strings.LastIndex(s, "\x1b[?1049l"), strings.Index(s, "The line was freed"); leave < 0 || leave > msg {
		t.Errorf("the console did not leave the alternate screen before the message: %q", tail(s, 300))
	}
}

// TestConsoleEndCauses: the console says why the device ended its login, in the line CLI's words,
// whatever else happened before. The cause used to be guessed from the device's event stream, so a
// console that ran a reboot after some 64 other events said it had been freed by an administrator.
func TestConsoleEndCauses(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		setup      string // exec'd before the console opens
		end        func(t *testing.T, d *switchctl.Device, c *ssh.Client)
	}{
		{"reboot after an event flood", "The device is rebooting", "", func(t *testing.T, d *switchctl.Device, c *ssh.Client) {
			for i := range 300 {
				d.Logf("TEST", switchctl.SevInformational, "TEST_FLOOD", "event %d", i)
			}
			execOutput(t, c, "reboot force")
		}},
		{"idle timeout", "idle for longer than the line's idle-timeout", "system-view\nline vty 0 63\nidle-timeout 0 1",
			func(*testing.T, *switchctl.Device, *ssh.Client) {}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr, d := startConsoleServer(t, 0)
			c := dialAdmin(t, addr)
			if tc.setup != "" {
				execOutput(t, c, tc.setup)
			}
			sh := openShell(t, c, "xterm-256color", 100, 30, nil, nil)
			sh.out.waitFor(t, "the dashboard", func(raw string) bool { return strings.Contains(raw, "Dashboard") })
			tc.end(t, d, c)
			sh.out.waitFor(t, "the reason", func(raw string) bool { return strings.Contains(raw, tc.want) })
			if err := sh.sess.Wait(); err == nil {
				t.Error("the console ended with status 0")
			}
			if s := sh.out.String(); strings.Contains(s, "freed by an administrator") {
				t.Errorf("the console gave a wrong reason: %q", tail(s, 300))
			}
		})
	}
}
