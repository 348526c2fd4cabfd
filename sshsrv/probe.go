package sshsrv

import (
	"bytes"
	"io"
	"sync/atomic"
	"time"
)

// DefaultTerminalProbe is how long a shell waits for its terminal to answer before it takes the
// client for a program (Config.TerminalProbe).
const DefaultTerminalProbe = time.Second

// queryDA1 asks the terminal for its Primary Device Attributes. Every terminal emulator people use
// answers it (xterm, tmux, screen, PuTTY, Windows Terminal, iTerm2, the Linux console), at once
// and before any key typed after it; automation libraries never do.
const queryDA1 = "\x1b[c"

// probeTerminal tells a person's terminal from a program that asked for a PTY with a TERM that
// could host the console (scrapligo asks for xterm): it sends queryDA1 and waits up to wait for
// the answer, CSI ? … c. An answer means a terminal; silence, or any other first bytes (a program
// that types a command at once), a program. It returns the verdict and the session's input from
// then on: every byte read while probing, but the answer, is read again from in.
func probeTerminal(rw io.ReadWriter, wait time.Duration) (terminal bool, in io.Reader) {
	e := &earlyInput{r: rw, chunks: make(chan readResult, 2)}
	go e.run()
	if _, err := io.WriteString(rw, queryDA1); err != nil {
		e.stop.Store(true)
		return false, e
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	defer e.stop.Store(true)
	for {
		select {
		case c, ok := <-e.chunks:
			if !ok {
				return false, e
			}
			e.rest = append(e.rest, c.data...)
			e.err = c.err
			switch n := daReply(e.rest); {
			case n > 0:
				e.rest = e.rest[n:]
				return true, e
			case n < 0 || c.err != nil:
				return false, e
			}
		case <-t.C:
			return false, e
		}
	}
}

// daReply looks at the start of b for a Primary Device Attributes reply, CSI ? digits;digits c
// (CSI as ESC [ or the 8-bit 0x9b): its length if complete, 0 if b could still become one,
// -1 if it cannot.
func daReply(b []byte) int {
	var i int
	switch {
	case bytes.HasPrefix(b, []byte("\x1b[?")):
		i = 3
	case bytes.HasPrefix(b, []byte{0x9b, '?'}):
		i = 2
	case bytes.HasPrefix([]byte("\x1b[?"), b), len(b) == 1 && b[0] == 0x9b:
		return 0 // a prefix of the reply's start
	default:
		return -1
	}
	for ; i < len(b) && i < 64; i++ {
		switch c := b[i]; {
		case c == 'c':
			return i + 1
		case c >= '0' && c <= '9', c == ';':
		default:
			return -1
		}
	}
	if i >= 64 {
		return -1
	}
	return 0
}

// readResult is one read of the session's input.
type readResult struct {
	data []byte
	err  error
}

// earlyInput reads the session's input on a goroutine while the probe waits, and then hands the
// input on: first what the probe read, then what the goroutine's last read brings, then the
// session itself. The goroutine ends with its first read after the probe is over, so a session
// keeps no extra goroutine.
type earlyInput struct {
	r      io.Reader
	chunks chan readResult // closed when the goroutine ends
	stop   atomic.Bool
	rest   []byte // read, not yet handed on
	err    error  // the error that ended the goroutine's reads, after rest
}

func (e *earlyInput) run() {
	defer close(e.chunks)
	for !e.stop.Load() {
		buf := make([]byte, 512)
		n, err := e.r.Read(buf)
		e.chunks <- readResult{buf[:n], err}
		if err != nil {
			return
		}
	}
}

// Read hands on the input; it must not be called before probeTerminal returns.
func (e *earlyInput) Read(p []byte) (int, error) {
	for len(e.rest) == 0 && e.err == nil && e.chunks != nil {
		c, ok := <-e.chunks
		if !ok {
			e.chunks = nil
			break
		}
		e.rest, e.err = c.data, c.err
	}
	if len(e.rest) > 0 {
		n := copy(p, e.rest)
		e.rest = e.rest[n:]
		return n, nil
	}
	if e.err != nil {
		return 0, e.err
	}
	return e.r.Read(p)
}
