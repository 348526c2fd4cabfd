package sshsrv

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// testServer is a device with admin/secret (and adminKeys, if any) served on a loopback port.
func testServer(t *testing.T, adminKeys []byte) (string, *switchctl.Device) {
	t.Helper()
	e := startServer(t, Config{}, adminKeys)
	return e.addr, e.d
}

// testEnv is a served device and what its server wrote to the process log.
type testEnv struct {
	addr string
	d    *switchctl.Device
	srv  *Server
	logs *syncBuffer // the process log, in NewLogHandler's format (debug included)
}

// startServer serves a device with admin/secret (and adminKeys) under cfg on 127.0.0.1:0; the
// test's end shuts it down and checks that Serve returned ErrServerClosed.
func startServer(t *testing.T, cfg Config, adminKeys []byte) *testEnv {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4,
		AdminPassword: "secret", AdminKeys: adminKeys})
	if err != nil {
		t.Fatal(err)
	}
	return serveDevice(t, cfg, d)
}

// serveDevice serves d under cfg on 127.0.0.1:0; the test's end shuts the server down, checks that
// Serve returned ErrServerClosed, and shows the process log if the test failed.
func serveDevice(t *testing.T, cfg Config, d *switchctl.Device) *testEnv {
	t.Helper()
	logs := &syncBuffer{}
	srv, err := New(cfg, d, slog.New(NewLogHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-served; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
		if t.Failed() {
			t.Logf("process log:\n%s", logs.String())
		}
	})
	return &testEnv{addr: ln.Addr().String(), d: d, srv: srv, logs: logs}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines and the test's.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// waitLog waits until the process log has a line matching re and returns it.
func (e *testEnv) waitLog(t *testing.T, re string) string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, line := range strings.Split(e.logs.String(), "\n") {
			if rx.MatchString(line) {
				return line
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no process-log line matches %q", re)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitDeviceLog waits until the device's log buffer has an entry containing want.
func (e *testEnv) waitDeviceLog(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, line := range e.d.LogEntries() {
			if strings.Contains(line, want) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log buffer entry contains %q; have:\n%s", want, strings.Join(e.d.LogEntries(), "\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func dial(addr, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, Auth: auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
}

func mustDial(t *testing.T, addr, user string, auth ...gossh.AuthMethod) *gossh.Client {
	t.Helper()
	c, err := dial(addr, user, auth...)
	if err != nil {
		t.Fatalf("login as %s: %v", user, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

type result struct {
	stdout, stderr string
	status         int
}

// run runs cmd (exec) or, when cmd is "", a shell fed stdin; with pty a PTY is requested first.
func run(t *testing.T, c *gossh.Client, cmd, stdin string, pty bool) result {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr, sess.Stdin = &out, &errb, strings.NewReader(stdin)
	if pty {
		if err := sess.RequestPty("vt100", 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 1)
	go func() {
		if cmd != "" {
			done <- sess.Run(cmd)
			return
		}
		if err := sess.Shell(); err != nil {
			done <- err
			return
		}
		done <- sess.Wait()
	}()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("session %q did not end; output so far:\n%s", cmd, out.String())
	}
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *gossh.ExitError
	switch {
	case errors.As(err, &ee):
		r.status = ee.ExitStatus()
	case err != nil:
		t.Fatalf("session %q: %v", cmd, err)
	}
	return r
}

func password(pw string) gossh.AuthMethod { return gossh.Password(pw) }

func TestExecDisplayVersion(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	if got := string(c.ServerVersion()); got != "SSH-2.0-Comware-7.1.070" {
		t.Errorf("server version = %q, want SSH-2.0-Comware-7.1.070", got)
	}
	r := run(t, c, "display version", "", false)
	if r.status != 0 || !strings.Contains(r.stdout, "HPE Comware Software, Version 7.1.070") || r.stderr != "" {
		t.Errorf("display version: status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
}

func TestExecErrors(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	for _, tc := range []struct {
		name, cmd, stderr string
	}{
		{"misspelt", "dispaly version", "^\n % Unrecognized command found at '^' position.\n"},
		{"caret under the bad word", "display versio x", "               ^\n % Too many parameters found at '^' position.\n"},
		{"second line fails", "display version\ndisplya clock", "^\n % Unrecognized command found at '^' position.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, c, tc.cmd, "", false)
			if r.status != 1 || r.stderr != tc.stderr {
				t.Errorf("%q: status %d, stderr %q; want 1, %q", tc.cmd, r.status, r.stderr, tc.stderr)
			}
		})
	}
}

func TestExecStopsAtQuit(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "quit\ndisplay version", "", false)
	if r.status != 0 || r.stdout != "" {
		t.Errorf("status %d, stdout %q; want 0 and nothing after quit", r.status, r.stdout)
	}
}

func TestExecRefusesDialogs(t *testing.T) {
	addr, d := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "system-view\nundo ssh server enable", "", false)
	if r.status != 1 || !strings.Contains(r.stderr, "confirmation") || !d.SSHSettings().Enabled {
		t.Errorf("status %d, stderr %q, enabled %v", r.status, r.stderr, d.SSHSettings().Enabled)
	}
}

func configure(t *testing.T, d *switchctl.Device, lines ...string) {
	t.Helper()
	s := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: -1, Proto: "test"})
	s.SetAsker(yes{})
	for _, line := range lines {
		if err := s.Exec(context.Background(), line, io.Discard); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
}

// yes answers every dialog with Y.
type yes struct{}

func (yes) Ask(context.Context, string) (string, error) { return "Y", nil }
