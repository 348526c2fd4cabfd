package sshsrv

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// watchBuffer collects a session's output and lets a test wait for what it expects, each wait
// looking after the previous match.
type watchBuffer struct {
	mu       sync.Mutex
	b        bytes.Buffer
	mark     int
	changed  chan struct{}
	answer   io.Writer // where a terminal's answer to the server's device attributes query goes; nil: none
	answered bool
}

// daAnswer is what xterm answers to the primary device attributes query (VT220 with colour).
const daAnswer = "\x1b[?62;22c"

func newWatchBuffer() *watchBuffer { return &watchBuffer{changed: make(chan struct{})} }

func (w *watchBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if w.answer != nil && !w.answered && bytes.Contains(w.b.Bytes(), []byte(queryDA1)) {
		w.answered = true
		go func(a io.Writer) { _, _ = io.WriteString(a, daAnswer) }(w.answer)
	}
	close(w.changed)
	w.changed = make(chan struct{})
	return len(p), nil
}

func (w *watchBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// since returns the output after the last match.
func (w *watchBuffer) since() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()[w.mark:]
}

// waitFor waits (up to 10 s) until want appears after the last match, and returns the output from
// the last match to the end of this one.
func (w *watchBuffer) waitFor(t *testing.T, want string) string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		w.mu.Lock()
		all := w.b.String()
		if i := strings.Index(all[w.mark:], want); i >= 0 {
			got := all[w.mark : w.mark+i+len(want)]
			w.mark += i + len(want)
			w.mu.Unlock()
			return got
		}
		changed := w.changed
		w.mu.Unlock()
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("output lacks %q after:\n%q", want, w.since())
		}
	}
}

// shellSess is an interactive shell over SSH.
type shellSess struct {
	sess *gossh.Session
	in   io.WriteCloser
	out  *watchBuffer
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
	out := newWatchBuffer()
	if terminal {
		out.answer = in
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
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		default:
			t.Fatalf("shell: %v; output %q", err, sh.out.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the shell did not end; output %q", sh.out.String())
	}
	return -1
}
