package interop

import (
	"bytes"
	"io"
	"net"
	"regexp"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestTerminalRouting: which shell a PTY gets, as the README's compatibility notes say. A terminal
// type that can draw (xterm, as OpenSSH and PuTTY send) is asked a terminal query: a terminal that
// answers gets the full-screen console, a program that sends xterm and never answers (scrapligo
// does) the line CLI; vt100 (what paramiko, netmiko and Oxidized send) gets the line CLI at once;
// VTYD_CONSOLE=cli in the environment or the user's `console-mode cli` gives the line CLI to any
// terminal.
func TestTerminalRouting(t *testing.T) {
	v := startVtyd(t)
	cli := map[string]string{"VTYD_CONSOLE": "cli"}
	for _, tc := range []struct {
		name, term string
		env        map[string]string
		answers    bool // the client answers the terminal query, as a terminal emulator does
		want       string
	}{
		{"xterm terminal", "xterm", nil, true, "console"},
		{"xterm-256color terminal", "xterm-256color", nil, true, "console"},
		{"xterm program", "xterm", nil, false, "line CLI"},
		{"vt100", "vt100", nil, false, "line CLI"},
		{"xterm with VTYD_CONSOLE=cli", "xterm", cli, true, "line CLI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := routedShell(t, v, "admin", adminPassword, tc.term, tc.env, tc.answers); got != tc.want {
				t.Errorf("TERM=%s env %v answers %v: %s, want %s", tc.term, tc.env, tc.answers, got, tc.want)
			}
		})
	}
	t.Run("console-mode cli", func(t *testing.T) {
		v.exec(t, "system-view", "local-user ops class manage", "password simple Ops-pass1", "service-type ssh",
			"authorization-attribute user-role network-operator", "console-mode cli")
		if got := routedShell(t, v, "ops", "Ops-pass1", "xterm", nil, true); got != "line CLI" {
			t.Errorf("TERM=xterm for a user with console-mode cli: %s, want line CLI", got)
		}
	})
}

// routedShell opens a shell with a PTY of term and returns where vtyd's log says it went: "console"
// or "line CLI". With answers, the client answers vtyd's device attributes query as xterm does.
func routedShell(t *testing.T, v *vtyd, user, password, term string, env map[string]string, answers bool) string {
	t.Helper()
	c := v.dial(t, user, password)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for k, val := range env {
		if err := s.Setenv(k, val); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	if err := s.RequestPty(term, 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	in, err := s.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	go answerQuery(out, in, answers)
	m := v.waitLog(t, `ssh shell: (console|line CLI) session=\d+ user=`+regexp.QuoteMeta(user)+` remote=127\.0\.0\.1:`+
		localPort(c)+` .*term=`+regexp.QuoteMeta(term)+`$`)
	return m[1]
}

// answerQuery reads a session's output until it ends; with answer, it answers the first primary
// device attributes query (ESC [ c) as xterm does.
func answerQuery(out io.Reader, in io.Writer, answer bool) {
	var seen []byte
	buf := make([]byte, 4096)
	for {
		n, err := out.Read(buf)
		if answer {
			if seen = append(seen, buf[:n]...); bytes.Contains(seen, []byte("\x1b[c")) {
				_, _ = io.WriteString(in, "\x1b[?62;22c")
				answer, seen = false, nil
			}
		}
		if err != nil {
			return
		}
	}
}

// localPort is the client end's port of c, as vtyd logs it in remote=.
func localPort(c *gossh.Client) string {
	_, port, _ := net.SplitHostPort(c.LocalAddr().String())
	return port
}
