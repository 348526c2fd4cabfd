// Package termtest is what the tests of the SSH server, the line CLI and the file transfers share: a
// buffer that collects a session's output and waits for what a test expects, answering the server's
// terminal query as a terminal emulator would; SFTP helpers; and the client side of SCP.
package termtest

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// The primary device attributes query the server asks a terminal (sshsrv's terminal probe), and
// xterm's answer (a VT220 with colour).
const (
	DAQuery  = "\x1b[c"
	DAAnswer = "\x1b[?62;22c"
)

// Buffer collects output and lets a test wait for what it expects, each wait looking after the
// previous match. It is safe for the writing session and the waiting test.
type Buffer struct {
	mu       sync.Mutex
	b        bytes.Buffer
	mark     int
	changed  chan struct{}
	answer   io.Writer
	answered bool
}

// NewBuffer returns an empty Buffer.
func NewBuffer() *Buffer { return &Buffer{changed: make(chan struct{})} }

// AnswerQueries makes the buffer answer the first DAQuery written to it with DAAnswer on to, as a
// person's terminal does; without it the buffer is a program that never answers.
func (w *Buffer) AnswerQueries(to io.Writer) {
	w.mu.Lock()
	w.answer = to
	w.mu.Unlock()
}

func (w *Buffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	if w.answer != nil && !w.answered && bytes.Contains(w.b.Bytes(), []byte(DAQuery)) {
		w.answered = true
		go func(a io.Writer) { _, _ = io.WriteString(a, DAAnswer) }(w.answer)
	}
	close(w.changed)
	w.changed = make(chan struct{})
	return len(p), nil
}

// String is everything written so far.
func (w *Buffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// Since is what was written after the last match.
func (w *Buffer) Since() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()[w.mark:]
}

// WaitFor waits (up to 10 s) until want appears after the last match, and returns the output from
// the last match to the end of this one; it fails the test otherwise.
func (w *Buffer) WaitFor(t testing.TB, want string) string {
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
			t.Fatalf("output lacks %q after:\n%q", want, w.Since())
		}
	}
}
