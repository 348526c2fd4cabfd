package sshsrv

import (
	"errors"
	"io"
	"testing"
	"time"

	"vtyd/internal/termtest"

	gossh "golang.org/x/crypto/ssh"
)

// shellSess is an interactive shell over SSH.
type shellSess struct {
	sess *gossh.Session
	in   io.WriteCloser
	out  *termtest.Buffer
	done chan error
}

// openShell starts a shell as a person's terminal does: it answers the server's terminal query.
// term "" asks for no PTY, "-" for a PTY with an empty TERM.
func openShell(t *testing.T, c *gossh.Client, term string, env ...string) *shellSess {
	t.Helper()
	return startShell(t, c, term, true, env...)
}

// openProgram starts a shell as an automation library does: it never answers a terminal query.
func openProgram(t *testing.T, c *gossh.Client, term string, env ...string) *shellSess {
	t.Helper()
	return startShell(t, c, term, false, env...)
}

func startShell(t *testing.T, c *gossh.Client, term string, terminal bool, env ...string) *shellSess {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	for i := 0; i+1 < len(env); i += 2 {
		if err := sess.Setenv(env[i], env[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if term != "" {
		if term == "-" {
			term = ""
		}
		if err := sess.RequestPty(term, 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
	}
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out := termtest.NewBuffer()
	if terminal {
		out.AnswerQueries(in)
	}
	sess.Stdout, sess.Stderr = out, out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	sh := &shellSess{sess: sess, in: in, out: out, done: make(chan error, 1)}
	go func() { sh.done <- sess.Wait() }()
	return sh
}

func (sh *shellSess) send(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(sh.in, keys); err != nil {
		t.Fatal(err)
	}
}

// wait waits for the shell to end and returns its exit status.
func (sh *shellSess) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-sh.done:
		if status := exitStatus(err); status >= 0 {
			return status
		}
		t.Fatalf("shell: %v; output %q", err, sh.out.String())
	case <-time.After(10 * time.Second):
		t.Fatalf("the shell did not end; output %q", sh.out.String())
	}
	return -1
}

// exitStatus is the exit status in what a session's Wait or Run returned, or -1 when it holds none.
func exitStatus(err error) int {
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitStatus()
	}
	return -1
}
