package sshsrv

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOpenSSHShellRouting drives the routing rules with the real OpenSSH client run by a script, no
// terminal behind it: `ssh -tt` with an xterm TERM and commands on its input is a program and gets
// the line CLI, as does `-o SetEnv=VTYD_CONSOLE=cli`, and `ssh -T` the line CLI without a PTY.
// Skipped where ssh (openssh-client) is not installed.
func TestOpenSSHShellRouting(t *testing.T) {
	console := ConsoleFunc(func(c *ConsoleSession) int {
		fmt.Fprintf(c.SSH, "CONSOLE term=%s\n", c.Term)
		return 0
	})
	e := startServer(t, Config{Console: console}, nil)
	o := newOSSHClient(t, e.addr)
	o.keyUser(t, e.d, "bob", "bobpw", "publickey")
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  []string
	}{
		{"a script with -tt and xterm", []string{"-tt"}, "display clock\rquit\r",
			[]string{"<HPE>display clock\r\n", "UTC", "<HPE>quit\r\n"}},
		{"VTYD_CONSOLE=cli", []string{"-tt", "-o", "SetEnv=VTYD_CONSOLE=cli"}, "display clock\rquit\r",
			[]string{"<HPE>display clock\r\n", "UTC", "<HPE>quit\r\n"}},
		{"no PTY", []string{"-T"}, "display clock\nquit\n", []string{"<HPE>\n", "UTC"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			argv := append([]string{"-F", "/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
				"-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + filepath.Join(o.home, "known_hosts"),
				"-o", "StrictHostKeyChecking=accept-new", "-o", "ConnectTimeout=10", "-p", o.port,
				"-i", filepath.Join(o.home, "bob_key")}, tc.args...)
			argv = append(argv, "bob@127.0.0.1")
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, o.ssh, argv...)
			cmd.Env = append(os.Environ(), "HOME="+o.home, "TERM=xterm")
			cmd.Stdin = strings.NewReader(tc.stdin)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("ssh: %v\n%q", err, out)
			}
			for _, want := range tc.want {
				if !strings.Contains(string(out), want) {
					t.Errorf("output lacks %q:\n%q", want, out)
				}
			}
		})
	}
}

// TestOpenSSHInTmuxGetsConsole: a person's terminal — OpenSSH's ssh inside tmux, which answers the
// server's terminal query as every terminal emulator does — gets the console. Skipped where ssh or
// tmux is not installed.
func TestOpenSSHInTmuxGetsConsole(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed")
	}
	console := ConsoleFunc(func(c *ConsoleSession) int {
		fmt.Fprintf(c.SSH, "CONSOLE term=%s\r\n", c.Term)
		return 0
	})
	e := startServer(t, Config{Console: console}, nil)
	o := newOSSHClient(t, e.addr)
	o.keyUser(t, e.d, "bob", "bobpw", "publickey")
	sshCmd := fmt.Sprintf("HOME=%s %s -F /dev/null -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes "+
		"-o UserKnownHostsFile=%s/known_hosts -o StrictHostKeyChecking=accept-new -o ConnectTimeout=10 -p %s -i %s/bob_key "+
		"bob@127.0.0.1; sleep 60", o.home, o.ssh, o.home, o.port, o.home)
	socket := filepath.Join(t.TempDir(), "tmux")
	tm := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, tmux, append([]string{"-S", socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
		return string(out), err
	}
	if out, err := tm("new-session", "-d", "-x", "100", "-y", "30", sshCmd); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _, _ = tm("kill-server") })
	deadline := time.Now().Add(15 * time.Second)
	for {
		screen, err := tm("capture-pane", "-p")
		if err != nil {
			t.Fatalf("tmux capture-pane: %v\n%s", err, screen)
		}
		if strings.Contains(screen, "CONSOLE term=") {
			break
		}
		if strings.Contains(screen, "<HPE>") || time.Now().After(deadline) {
			t.Fatalf("ssh inside tmux did not get the console:\n%s", screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
