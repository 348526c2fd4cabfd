package interop

import (
	"net"
	"regexp"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestTerminalRouting: which shell a PTY gets, as the README's compatibility notes say. A terminal
// type that can draw (xterm, as OpenSSH and PuTTY send) gets the full-screen console; vt100 (what
// paramiko, netmiko and Oxidized send) gets the line CLI; VTYD_CONSOLE=cli in the environment or
// the user's `console-mode cli` gives the line CLI to any terminal.
func TestTerminalRouting(t *testing.T) {
	v := startVtyd(t)
	shell := func(t *testing.T, user, password, term string, env map[string]string) string {
		t.Helper()
		c := v.dial(t, user, password)
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		for k, val := range env {
			if err := s.Setenv(k, val); err != nil {
				t.Fatalf("setenv %s: %v", k, err)
			}
		}
		if err := s.RequestPty(term, 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		if err := s.Shell(); err != nil {
			t.Fatal(err)
		}
		m := v.waitLog(t, `ssh shell: (console|line CLI) session=\d+ user=`+regexp.QuoteMeta(user)+` remote=127\.0\.0\.1:`+
			localPort(c)+` .*term=`+regexp.QuoteMeta(term)+`$`)
		return m[1]
	}
	cli := map[string]string{"VTYD_CONSOLE": "cli"}
	for _, tc := range []struct {
		name, term string
		env        map[string]string
		want       string
	}{
		{"xterm", "xterm", nil, "console"},
		{"xterm-256color", "xterm-256color", nil, "console"},
		{"vt100", "vt100", nil, "line CLI"},
		{"xterm with VTYD_CONSOLE=cli", "xterm", cli, "line CLI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := shell(t, "admin", adminPassword, tc.term, tc.env); got != tc.want {
				t.Errorf("TERM=%s env %v: %s, want %s", tc.term, tc.env, got, tc.want)
			}
		})
	}
	t.Run("console-mode cli", func(t *testing.T) {
		v.exec(t, "system-view", "local-user ops class manage", "password simple Ops-pass1", "service-type ssh",
			"authorization-attribute user-role network-operator", "console-mode cli")
		if got := shell(t, "ops", "Ops-pass1", "xterm", nil); got != "line CLI" {
			t.Errorf("TERM=xterm for a user with console-mode cli: %s, want line CLI", got)
		}
	})
}

// localPort is the client end's port of c, as vtyd logs it in remote=.
func localPort(c *gossh.Client) string {
	_, port, _ := net.SplitHostPort(c.LocalAddr().String())
	return port
}
