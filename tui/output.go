package tui

import (
	"bytes"
	"fmt"
	"sync"
)

// OutputKeep is how much of one command's output the console keeps while it runs: the last 256
// KiB. The CLI line's scrollback shows no more than maxScrollback lines of it anyway, and a command
// that prints without end (ping -c 20000000) must not hold its whole output in the server.
const OutputKeep = 256 << 10

// outputRing is what a running command printed and the console has not shown yet: at most the
// last keep bytes, with a count of those dropped before them. The command writes it from its own
// goroutine, the console drains it; it holds at most twice keep bytes.
type outputRing struct {
	mu        sync.Mutex
	buf       []byte
	dropped   int64
	keep      int           // bytes; default OutputKeep
	keepLines int           // default maxScrollback-1
	more      chan struct{} // signalled (without blocking) on each write, if not nil
}

func (o *outputRing) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	keep := o.keepBytes()
	n := len(p)
	if len(p) >= keep {
		o.dropped += int64(len(o.buf) + len(p) - keep)
		o.buf = append(o.buf[:0], p[len(p)-keep:]...)
	} else {
		o.buf = append(o.buf, p...)
		if len(o.buf) > 2*keep {
			cut := len(o.buf) - keep
			o.dropped += int64(cut)
			o.buf = o.buf[:copy(o.buf, o.buf[cut:])]
		}
	}
	if o.more != nil {
		select {
		case o.more <- struct{}{}:
		default:
		}
	}
	return n, nil
}

func (o *outputRing) lines() int {
	if o.keepLines > 0 {
		return o.keepLines
	}
	return maxScrollback - 1
}

func (o *outputRing) keepBytes() int {
	if o.keep > 0 {
		return o.keep
	}
	return OutputKeep
}

// take returns what was written since the last take: the last keep bytes and maxScrollback-1 lines
// at most, starting at a whole line, under a line that says how much was left out.
func (o *outputRing) take() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	keep := o.keepBytes()
	s := o.buf
	if len(s) > keep {
		o.dropped += int64(len(s) - keep)
		s = s[len(s)-keep:]
	}
	// A cut in the middle of a line drops the rest of that line.
	if o.dropped > 0 {
		if i := bytes.IndexByte(s, '\n'); i >= 0 {
			o.dropped += int64(i + 1)
			s = s[i+1:]
		}
	}
	// No more lines than the scrollback keeps, so that the line saying what was left out is kept.
	end, n := len(s), o.lines()
	if end > 0 && s[end-1] == '\n' {
		end--
	}
	for i := end - 1; i >= 0; i-- {
		if s[i] == '\n' {
			if n--; n == 0 {
				o.dropped += int64(i + 1)
				s = s[i+1:]
				break
			}
		}
	}
	out := string(s)
	if o.dropped > 0 {
		out = fmt.Sprintf("... output truncated: %d bytes not shown\n", o.dropped) + out
	}
	o.buf, o.dropped = o.buf[:0], 0
	if cap(o.buf) > 4<<10 {
		o.buf = nil // an idle console keeps no large buffer
	}
	return out
}

// String is what take would return, without draining; for the output of a line an action ran.
func (o *outputRing) String() string { return o.take() }
