package sshsrv

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// fakeRemote is a real switch as the gateway sees it: it says what it was asked to serve.
type fakeRemote struct {
	mu     sync.Mutex
	relays []string // "subsystem sftp", "exec scp -t flash:/x"
}

func (f *fakeRemote) User() string { return "ro" }

func (f *fakeRemote) Exec(_ context.Context, command string, stdout, stderr io.Writer, _ func(switchctl.Ran)) (int, error) {
	switch command {
	case "bad":
		fmt.Fprintln(stderr, "% Unrecognized command found at '^' position.")
		return 1, nil
	case "unreachable":
		return 1, errors.New("real1: dial tcp 127.0.0.1:9: connect: connection refused")
	}
	fmt.Fprintf(stdout, "ran %q\n", command)
	return 0, nil
}

// Shell echoes each line it reads with the terminal it was given, and reports window changes.
func (f *fakeRemote) Shell(ctx context.Context, sh RemoteShell) int {
	fmt.Fprintf(sh.Out, "<real> pty=%v term=%s %dx%d\r\n", sh.PTY, sh.Term, sh.Width, sh.Height)
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(sh.In)
		sc.Split(scanCR)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return 1
		case ws := <-sh.Resize:
			fmt.Fprintf(sh.Out, "resized %dx%d\r\n", ws.Width, ws.Height)
		case l, ok := <-lines:
			if !ok || l == "quit" {
				return 0
			}
			fmt.Fprintf(sh.Out, "echo %s\r\n", l)
		}
	}
}

// scanCR splits at \r, the Enter of a terminal.
func scanCR(data []byte, atEOF bool) (int, []byte, error) {
	if i := strings.IndexAny(string(data), "\r\n"); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func (f *fakeRemote) Relay(_ context.Context, name string, subsystem bool, rw io.ReadWriter, _ io.Writer) int {
	kind := "exec"
	if subsystem {
		kind = "subsystem"
	}
	f.mu.Lock()
	f.relays = append(f.relays, kind+" "+name)
	f.mu.Unlock()
	_, _ = io.WriteString(rw, "relayed "+name)
	return 0
}

// remoteGateway is a gateway whose one device, real1, is a fakeRemote, for alice.
type remoteGateway struct{ real *fakeRemote }

func (g *remoteGateway) CheckPassword(account, pw string) bool {
	return account == "alice" && pw == "pw"
}
func (g *remoteGateway) CheckPublicKey(string, gossh.PublicKey) bool { return false }
func (g *remoteGateway) Known(account string) bool                   { return account == "alice" }
func (g *remoteGateway) Roles(string) []string                       { return []string{switchctl.RoleAdmin} }
func (g *remoteGateway) List(string, io.Writer) error                { return nil }
func (g *remoteGateway) Select(string, []Term) ([]Selected, error)   { return nil, nil }
func (g *remoteGateway) Reach(account, device string) (Route, bool) {
	if account != "alice" || device != "real1" {
		return Route{}, false
	}
	return Route{Remote: g.real, Roles: []string{switchctl.RoleAdmin}}, true
}

// TestGatewayRemoteRoutes: on a real switch, an exec keeps the exec contract, SCP and SFTP are
// relayed verbatim, and a shell is relayed with its PTY and window changes on a line of the
// gateway's, which `free` ends as it ends any shell.
func TestGatewayRemoteRoutes(t *testing.T) {
	real := &fakeRemote{}
	e := startServer(t, Config{Gateway: &remoteGateway{real: real}}, nil)
	c := mustDial(t, e.addr, "alice@real1", password("pw"))

	if r := run(t, c, "display version", "", false); r.status != 0 || r.stdout != "ran \"display version\"\n" {
		t.Errorf("exec: %+v", r)
	}
	if r := run(t, c, "bad", "", false); r.status != 1 || !strings.Contains(r.stderr, "% Unrecognized command") {
		t.Errorf("a failing exec: %+v", r)
	}
	if r := run(t, c, "unreachable", "", false); r.status != 1 || r.stderr != "real1: dial tcp 127.0.0.1:9: connect: connection refused\n" {
		t.Errorf("an unreachable switch: want its error on stderr, status 1: %+v", r)
	}
	if r := run(t, c, "scp -t flash:/x.cfg", "", false); r.status != 0 || r.stdout != "relayed scp -t flash:/x.cfg" {
		t.Errorf("scp: %+v", r)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, _ := sess.StdoutPipe()
	if err := sess.RequestSubsystem("sftp"); err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(out); string(b) != "relayed sftp" {
		t.Errorf("sftp relay sent %q", b)
	}
	sess.Close()
	real.mu.Lock()
	if got := strings.Join(real.relays, "; "); got != "exec scp -t flash:/x.cfg; subsystem sftp" {
		t.Errorf("relays: %s", got)
	}
	real.mu.Unlock()

	sh := openProgram(t, c, "vt100")
	sh.out.WaitFor(t, "<real> pty=true term=vt100 80x24")
	sh.send(t, "display clock\r")
	sh.out.WaitFor(t, "echo display clock")
	if err := sh.sess.WindowChange(50, 132); err != nil {
		t.Fatal(err)
	}
	sh.out.WaitFor(t, "resized 132x50")
	var login *switchctl.Login
	for _, l := range e.d.Logins() {
		if l.Info.User == "alice" && l.Info.Line >= 0 {
			login = l
		}
	}
	if login == nil {
		t.Fatal("the relayed shell holds no line of the gateway's")
	}
	login.EndWith(switchctl.EndFreed)
	sh.out.WaitFor(t, switchctl.EndFreed.Message())
	if status := sh.wait(t); status != 1 {
		t.Errorf("a freed relay exited %d, want 1", status)
	}
}
