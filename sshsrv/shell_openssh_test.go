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

	gossh "golang.org/x/crypto/ssh"
)

// TestOpenSSHShellRouting drives the routing rules with the real OpenSSH client: `ssh -tt` with an
// xterm TERM gets the console, `-o SetEnv=VTYD_CONSOLE=cli` the line CLI on a PTY, and `ssh -T` the
// line CLI without one. Skipped where ssh (openssh-client) is not installed.
func TestOpenSSHShellRouting(t *testing.T) {
	console := ConsoleFunc(func(c *ConsoleSession) int {
		fmt.Fprintf(c.SSH, "CONSOLE term=%s\n", c.Term)
		return 0
	})
	e := startServer(t, Config{Console: console}, nil)
	o := newOSSHClient(t, e.addr)
	key := o.key(t, "bob_key")
	addUser(t, e.d, "bob", "bobpw", "network-admin")
	if err := os.WriteFile(filepath.Join(e.d.Flash().Dir(), "bob.pub"), gossh.MarshalAuthorizedKey(key.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	configure(t, e.d, "system-view", "public-key peer bobkey import sshkey flash:/bob.pub",
		"ssh user bob service-type all authentication-type publickey assign publickey bobkey")
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  []string
	}{
		{"xterm gets the console", []string{"-tt"}, "", []string{"CONSOLE term=xterm"}},
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
