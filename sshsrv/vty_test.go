package sshsrv

import (
	"context"
	"strings"
	"testing"
	"time"

	"vtyd/internal/termtest"

	"github.com/pkg/sftp"
	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

func TestVTYLines(t *testing.T) {
	v := newVTYLines(2)
	l0, free0, ok0 := v.take()
	l1, _, ok1 := v.take()
	if !ok0 || !ok1 || l0 != 0 || l1 != 1 {
		t.Fatalf("took %d,%v and %d,%v; want lines 0 and 1", l0, ok0, l1, ok1)
	}
	if _, _, ok := v.take(); ok {
		t.Fatal("a third line out of two")
	}
	free0()
	free0() // freeing twice is harmless
	if l, _, ok := v.take(); !ok || l != 0 {
		t.Errorf("after freeing line 0 took %d,%v; want 0", l, ok)
	}
	if _, _, ok := v.take(); ok {
		t.Error("a double free made a line available twice")
	}
}

// serveLines serves a device with admin/secret and vtyLines VTY lines under cfg.
func serveLines(t *testing.T, vtyLines int, cfg Config) (string, *switchctl.Device) {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4,
		AdminPassword: "secret", VTYLines: vtyLines})
	if err != nil {
		t.Fatal(err)
	}
	return serveDevice(t, cfg, d).addr, d
}

// TestVTYLimit: shells take the lines 0..n-1; the next one is told and closed, exec still runs, and a
// freed line is taken again.
func TestVTYLimit(t *testing.T) {
	addr, d := serveLines(t, 2, Config{})
	c := mustDial(t, addr, "admin", password("secret"))
	a := openShell(t, c, "vt100")
	a.out.WaitFor(t, "<HPE>")
	b := openShell(t, c, "")
	b.out.WaitFor(t, "<HPE>")
	lines := map[int]bool{}
	for _, l := range d.Logins() {
		lines[l.Info.Line] = true
	}
	if !lines[0] || !lines[1] {
		t.Errorf("registered lines %v, want 0 and 1", lines)
	}
	third := openShell(t, c, "xterm")
	if status := third.wait(t); status != 1 || !strings.Contains(third.out.String(), "All VTY lines are in use (2)") {
		t.Errorf("third shell: status %d, output %q", status, third.out.String())
	}
	if r := run(t, c, "display clock", "", false); r.status != 0 {
		t.Errorf("exec with every line taken: status %d, stderr %q", r.status, r.stderr)
	}
	a.send(t, "quit\r")
	a.wait(t)
	again := openShell(t, c, "vt100")
	again.out.WaitFor(t, "<HPE>")
	again.send(t, "display users\r")
	again.out.WaitFor(t, "<HPE>")
	again.send(t, "quit\r")
	again.wait(t)
	b.send(t, "quit\n")
	b.wait(t)
}

// TestSessionLimit: exec, SFTP and SCP share Config.MaxSessions; a session held open (an SFTP
// subsystem that never speaks) keeps the next exec out.
func TestSessionLimit(t *testing.T) {
	addr, d := serveLines(t, 2, Config{MaxSessions: 1})
	configure(t, d, "system-view", "sftp server enable")
	c := mustDial(t, addr, "admin", password("secret"))
	held, _ := holdSFTP(t, c)
	r := run(t, c, "display clock", "", false)
	if r.status != 1 || !strings.Contains(r.stderr, "upper limit (1)") {
		t.Errorf("exec over the limit: status %d, stderr %q", r.status, r.stderr)
	}
	sh := openShell(t, c, "vt100") // shells take lines, not slots
	sh.out.WaitFor(t, "<HPE>")
	sh.send(t, "quit\r")
	sh.wait(t)
	held.Close()
	// The server ends the SFTP session, and frees its slot, asynchronously.
	waitFor(t, "the slot of the closed SFTP session to be freed", func() bool { return run(t, c, "display clock", "", false).status == 0 })
}

// holdSFTP opens an SFTP session on c that holds its slot until it is closed, the test ends or the
// server ends it; ended closes when the session has ended.
func holdSFTP(t *testing.T, c *gossh.Client) (held *gossh.Session, ended <-chan struct{}) {
	t.Helper()
	held, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { held.Close() })
	in, _ := held.StdinPipe()
	out, _ := held.StdoutPipe()
	if err := held.RequestSubsystem("sftp"); err != nil {
		t.Fatal(err)
	}
	// The SFTP handshake answers only once the subsystem runs, and so holds its slot.
	if _, err := sftp.NewClientPipe(out, in); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = held.Wait(); close(done) }()
	return held, done
}

// TestUserShareAndFreeSSH (PROBE M1): one user holds at most half of the sessions without a line, so
// a read-only account opening idle SFTP sessions cannot lock the administrator out; and the
// administrator ends them with `free ssh username`, SFTP included.
func TestUserShareAndFreeSSH(t *testing.T) {
	addr, d := serveLines(t, 2, Config{MaxSessions: 4})
	configure(t, d, "system-view", "sftp server enable")
	addUser(t, d, "oper", "operpw", "network-operator")
	oper := mustDial(t, addr, "oper", password("operpw"))
	_, ended1 := holdSFTP(t, oper)
	_, ended2 := holdSFTP(t, oper)
	ended := []<-chan struct{}{ended1, ended2}
	if r := run(t, oper, "display clock", "", false); r.status != 1 ||
		!strings.Contains(r.stderr, "The number of sessions of user oper reached the upper limit (2)") {
		t.Errorf("oper past its share: status %d, stderr %q", r.status, r.stderr)
	}
	admin := mustDial(t, addr, "admin", password("secret"))
	if r := run(t, admin, "display clock", "", false); r.status != 0 {
		t.Fatalf("admin while oper holds its share: status %d, stderr %q", r.status, r.stderr)
	}
	if r := run(t, admin, "free ssh username nobody", "", false); r.status != 1 ||
		!strings.Contains(r.stderr, "No SSH session matches.") {
		t.Errorf("free ssh of nobody: status %d, stderr %q", r.status, r.stderr)
	}
	if r := run(t, admin, "free ssh username oper", "", false); r.status != 0 {
		t.Fatalf("free ssh username oper: status %d, stderr %q", r.status, r.stderr)
	}
	for i, e := range ended {
		select {
		case <-e:
		case <-time.After(10 * time.Second):
			t.Fatalf("oper's SFTP session %d still open after free ssh", i)
		}
	}
	// The server frees a slot just after the session's channel closes.
	waitFor(t, "oper's slots to be free again", func() bool { return run(t, oper, "display clock", "", false).status == 0 })
}

func TestIdleTimeout(t *testing.T) {
	addr, d := serveLines(t, 2, Config{})
	configure(t, d, "system-view", "line vty 0 1", "idle-timeout 0 1")
	c := mustDial(t, addr, "admin", password("secret"))
	for _, term := range []string{"xterm", ""} {
		sh := openShell(t, c, term)
		sh.out.WaitFor(t, "<HPE>")
		start := time.Now()
		sh.wait(t)
		if !strings.Contains(sh.out.String(), "idle-timeout") {
			t.Errorf("TERM %q: no idle message in %q", term, sh.out.String())
		}
		if el := time.Since(start); el < 900*time.Millisecond {
			t.Errorf("TERM %q: closed after %v, before the 1 s timeout", term, el)
		}
	}
}

// TestIdleTimeoutInput: input resets the idle timer.
func TestIdleTimeoutInput(t *testing.T) {
	addr, d := serveLines(t, 2, Config{})
	configure(t, d, "system-view", "line vty 0 1", "idle-timeout 0 1")
	c := mustDial(t, addr, "admin", password("secret"))
	sh := openShell(t, c, "xterm")
	sh.out.WaitFor(t, "<HPE>")
	start := time.Now()
	for i := 0; time.Since(start) < 1500*time.Millisecond; i++ {
		sh.send(t, "display clock\r")
		sh.out.WaitFor(t, "UTC")
		sh.out.WaitFor(t, "<HPE>")
		select {
		case <-sh.done:
			t.Fatalf("closed while typing: %q", sh.out.String())
		case <-time.After(300 * time.Millisecond): // pace the typing, below the timeout
		}
	}
	sh.wait(t)
}

func TestFreeLine(t *testing.T) {
	addr, d := serveLines(t, 4, Config{})
	c := mustDial(t, addr, "admin", password("secret"))
	victim := openShell(t, c, "xterm")
	victim.out.WaitFor(t, "<HPE>")
	op := openShell(t, c, "vt100")
	op.out.WaitFor(t, "<HPE>")
	op.send(t, "free line vty 0\r")
	op.out.WaitFor(t, "[Y/N]:")
	op.send(t, "y\r")
	op.out.WaitFor(t, "<HPE>")
	victim.wait(t)
	if !strings.Contains(victim.out.String(), "freed by an administrator") {
		t.Errorf("the freed session was not told: %q", victim.out.String())
	}
	for _, l := range d.Logins() {
		if l.Info.Line == 0 {
			t.Error("line 0 is still registered")
		}
	}
	op.send(t, "quit\r")
	op.wait(t)
}

// TestRebootEndsSessions: `reboot force` tells every shell and closes it; the exec that rebooted gets
// its exit status, and the device comes back without the unsaved VLAN.
func TestRebootEndsSessions(t *testing.T) {
	addr, d := serveLines(t, 4, Config{})
	configure(t, d, "system-view", "vlan 42")
	c := mustDial(t, addr, "admin", password("secret"))
	shells := []*shellSess{openShell(t, c, "xterm"), openShell(t, c, "")}
	for _, sh := range shells {
		sh.out.WaitFor(t, "<HPE>")
	}
	if r := run(t, c, "reboot force", "", false); r.status != 0 {
		t.Errorf("reboot force: status %d, stderr %q", r.status, r.stderr)
	}
	for i, sh := range shells {
		sh.wait(t)
		if !strings.Contains(sh.out.String(), "The device is rebooting") {
			t.Errorf("shell %d was not told: %q", i, sh.out.String())
		}
	}
	if termtest.HasVLAN(d, 42) {
		t.Error("the unsaved vlan 42 survived the reboot")
	}
	if n := len(d.Logins()); n != 0 {
		t.Errorf("%d logins still registered after the reboot", n)
	}
}

// TestShutdownTellsShells: a shell is told that the server is shutting down, in the words every
// end cause has, and closes; the shutdown does not wait out its grace for it.
func TestShutdownTellsShells(t *testing.T) {
	e := startServer(t, Config{}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	sh := openShell(t, c, "vt100")
	sh.out.WaitFor(t, "<HPE>")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- e.srv.Shutdown(ctx) }()
	sh.wait(t)
	if !strings.Contains(sh.out.String(), switchctl.EndShutdown.Message()) {
		t.Errorf("the shell was not told why it ends: %q", sh.out.String())
	}
	c.Close() // as OpenSSH's ssh does when its session ends
	if err := <-shut; err != nil {
		t.Errorf("Shutdown: %v", err)
	}
}

// TestShutdownClosesIdleConnections: a logged-in connection with no session open (a client that
// left it open after its last session) does not hold Shutdown for its whole grace period.
func TestShutdownClosesIdleConnections(t *testing.T) {
	e := startServer(t, Config{}, nil)
	c := mustDial(t, e.addr, "admin", password("secret"))
	if r := run(t, c, "display clock", "", false); r.status != 0 {
		t.Fatalf("status %d", r.status)
	}
	waitFor(t, "the server to see the session closed", func() bool {
		open := int32(0)
		e.srv.conns.Range(func(_, v any) bool { open += v.(*guardConn).st.channels.Load(); return true })
		return open == 0
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := e.srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown waited on an idle connection: %v", err)
	}
	if err := c.Wait(); err == nil {
		t.Error("the idle connection was not closed")
	}
}
