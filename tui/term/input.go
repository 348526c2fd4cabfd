package term

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// Defaults of Input.
const (
	DefaultMaxPaste    = 64 << 10
	DefaultEscTimeout  = 50 * time.Millisecond
	DefaultBurstWindow = 10 * time.Millisecond
)

// burstMinText is how many printable characters, with a line break, make a burst a paste: more
// than a person types between two reads.
const burstMinText = 3

// maxPending bounds the bytes kept while a sequence is incomplete: a client that streams an
// escape sequence without end cannot grow it further. A longer control string or CSI sequence is
// dropped whole, up to its terminator, without keeping it (see discard); anything else is decoded
// as it stands.
const maxPending = 4096

// PanicError is a panic of the input decoder, recovered: Run returns it, and the console that
// reads this terminal ends, not the server.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("term: input decoder panic: %v", e.Value) }

// pasteEnd ends a bracketed paste.
const pasteEnd = "\x1b[201~"

// PasteTooLongMsg reports a bracketed paste longer than Input.MaxPaste: its length in bytes. The
// text itself was not kept.
type PasteTooLongMsg struct{ Bytes int }

// Input reads what a terminal sends and delivers it as Bubble Tea messages: keys, mouse events, a
// bracketed paste as one message, and the terminal's reply to the background-colour query. It uses
// Ultraviolet's decoder, which knows the key sequences of xterm, VT, rxvt and the Linux console
// without a lookup table. The zero value is ready to use.
type Input struct {
	MaxPaste   int           // the most bytes of one paste that are kept (default DefaultMaxPaste)
	EscTimeout time.Duration // how long a sequence may take to arrive whole (default DefaultEscTimeout)
	// BurstWindow is how soon a read of text must follow the one before to belong to the same burst
	// (default DefaultBurstWindow); see feed.
	BurstWindow time.Duration
	// OnPanic, if set, is told of a panic in the decoder (in Run's goroutine or in its timer's) once,
	// with the stack; Run returns the same error. The caller ends the session (a timer's panic
	// reaches Run only at the next read).
	OnPanic func(*PanicError)

	mu      sync.Mutex
	send    func(tea.Msg)
	dec     uv.EventDecoder
	pending []byte // bytes not decoded yet: the start of a sequence, or a paste's possible end
	inPaste bool
	paste   []byte // the paste so far, while it is within MaxPaste
	pasted  int    // the paste's length so far
	timer   *time.Timer
	gen     int         // counts reads, so that a timer armed before the last read does nothing
	burst   []byte      // text read at once and not delivered yet: a paste or keys (see feed)
	bursted int         // the burst's length so far
	discard byte        // while an over-long sequence is dropped: its kind (discardString, discardCSI)
	failed  *PanicError // the decoder panicked: nothing more is decoded

	decode func(p []byte, expired bool) (int, uv.Event) // tests: a decoder in place of dec
}

// The kinds of sequence discard drops.
const (
	discardString = 'S' // OSC, DCS, APC, PM, SOS: up to BEL or ST (ESC \)
	discardCSI    = 'C' // CSI: up to its final byte
)

// Run reads r until it ends and sends each message to send (a program's Send, which returns at
// once after the program ended). It returns nil at the end of input, and a *PanicError if the
// decoder panicked.
func (in *Input) Run(r io.Reader, send func(tea.Msg)) error {
	in.mu.Lock()
	in.send = send
	in.mu.Unlock()
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if perr := in.failure(); perr != nil {
			return perr
		}
		if n > 0 {
			if perr := in.safely(func() { in.feed(buf[:n]) }); perr != nil {
				return perr
			}
		}
		if err != nil {
			perr := in.safely(func() {
				in.mu.Lock()
				defer in.mu.Unlock()
				in.stopTimer()
				in.scan(true)
			})
			if perr != nil {
				return perr
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// safely runs f, turning a panic into a reported PanicError.
func (in *Input) safely(f func()) (perr *PanicError) {
	defer func() {
		if v := recover(); v != nil {
			perr = &PanicError{Value: v, Stack: debug.Stack()}
			in.fail(perr)
		}
	}()
	f()
	return nil
}

// fail records the first panic and reports it.
func (in *Input) fail(e *PanicError) {
	in.mu.Lock()
	first := in.failed == nil
	if first {
		in.failed = e
		in.stopTimer()
	}
	in.mu.Unlock()
	if first && in.OnPanic != nil {
		in.OnPanic(e)
	}
}

func (in *Input) failure() *PanicError {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.failed
}

// feed decodes what has arrived; an incomplete sequence waits for the rest, for EscTimeout at most.
func (in *Input) feed(p []byte) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.failed != nil {
		return
	}
	in.stopTimer()
	in.gen++
	// Text that arrives at once (several characters in one read, or reads within BurstWindow of
	// each other) is held until the burst ends: with a line break in it, it was pasted (or
	// written by a program), not typed, and is delivered as one PasteMsg, so that it never acts
	// as keys (a pasted "shutdown" in a table view must not press s). A key typed alone is
	// delivered at once.
	if len(in.pending) == 0 && !in.inPaste && in.discard == 0 && isText(p) && (in.bursted > 0 || len(p) > 1) {
		in.addBurst(p)
		gen := in.gen
		in.timer = time.AfterFunc(in.burstWindow(), func() {
			in.safely(func() {
				in.mu.Lock()
				defer in.mu.Unlock()
				if gen == in.gen && in.failed == nil {
					in.flushBurst()
				}
			})
		})
		return
	}
	in.flushBurst()
	in.pending = append(in.pending, p...)
	in.scan(false)
	if len(in.pending) > maxPending && !in.inPaste && in.discard == 0 {
		if kind, n := introducer(in.pending); kind != 0 {
			in.discard, in.pending = kind, in.pending[n:]
			in.scan(false)
		} else {
			in.scan(true)
		}
	}
	if len(in.pending) == 0 {
		in.pending = nil // do not keep a large read's buffer
		return
	}
	if in.inPaste || in.discard != 0 {
		return // the rest of the paste or of the dropped sequence will come; no timeout ends them
	}
	gen := in.gen
	in.timer = time.AfterFunc(in.escTimeout(), func() {
		in.safely(func() {
			in.mu.Lock()
			defer in.mu.Unlock()
			if gen == in.gen && in.failed == nil {
				in.scan(true)
			}
		})
	})
}

// isText reports whether p is only printable characters (UTF-8 included), tabs and line ends.
func isText(p []byte) bool {
	for _, c := range p {
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0x7f {
			return false
		}
	}
	return true
}

func (in *Input) addBurst(p []byte) {
	in.bursted += len(p)
	if in.bursted > in.maxPaste() {
		in.burst = nil
		return
	}
	in.burst = append(in.burst, p...)
}

// flushBurst delivers the burst: a paste if it holds a line break and some text, else keys.
func (in *Input) flushBurst() {
	if in.bursted == 0 {
		return
	}
	b, n := in.burst, in.bursted
	in.burst, in.bursted = nil, 0
	switch {
	case n > in.maxPaste():
		in.send(PasteTooLongMsg{Bytes: n})
	case bytes.ContainsAny(b, "\r\n") && len(bytes.Trim(b, "\r\n\t ")) >= burstMinText:
		in.send(tea.PasteMsg{Content: strings.ToValidUTF8(string(b), "")})
	default:
		in.pending = append(in.pending, b...)
		in.scan(false)
	}
}

// introducer is the kind of sequence p starts with that discard can drop, and the length of its
// introducer; 0 for anything else.
func introducer(p []byte) (byte, int) {
	if len(p) >= 2 && p[0] == ansi.ESC {
		switch p[1] {
		case ']', 'P', '_', '^', 'X':
			return discardString, 2
		case '[':
			return discardCSI, 2
		}
	}
	return 0, 0
}

// skip drops pending bytes of the sequence being discarded, up to its terminator (included; an
// ESC that starts another sequence is kept). It reports whether the sequence ended. CAN and SUB
// cancel any sequence, as on a terminal.
func (in *Input) skip() bool {
	p := in.pending
	for i, c := range p {
		switch {
		case c == 0x18 || c == 0x1a:
			in.pending, in.discard = p[i+1:], 0
			return true
		case c == ansi.ESC:
			if i+1 == len(p) {
				in.pending = p[i:] // ST or another sequence: the next read says
				return false
			}
			in.pending, in.discard = p[i:], 0 // another sequence starts here
			if p[i+1] == '\\' {
				in.pending = p[i+2:] // ST
			}
			return true
		case in.discard == discardString && c == ansi.BEL,
			in.discard == discardCSI && c >= 0x40 && c <= 0x7e:
			in.pending, in.discard = p[i+1:], 0
			return true
		}
	}
	in.pending = in.pending[:0]
	return false
}

func (in *Input) stopTimer() {
	if in.timer != nil {
		in.timer.Stop()
		in.timer = nil
	}
}

// scan decodes pending bytes into messages. Unless expired, it stops at what may be the start of a
// longer sequence (a lone ESC is the Escape key only if nothing follows it in time).
func (in *Input) scan(expired bool) {
	for len(in.pending) > 0 {
		if in.discard != 0 {
			if !in.skip() {
				return
			}
			continue
		}
		if in.inPaste {
			if !in.scanPaste() {
				return
			}
			continue
		}
		var n int
		var ev uv.Event
		if in.decode != nil {
			n, ev = in.decode(in.pending, expired)
		} else {
			n, ev = in.dec.Decode(in.pending)
		}
		if n <= 0 {
			return
		}
		esc := in.pending[0] == ansi.ESC
		switch ev.(type) {
		case uv.UnknownEvent:
			if !expired {
				return
			}
			// an unknown sequence, complete or not, is dropped
		case uv.PasteStartEvent:
			in.inPaste, in.paste, in.pasted = true, nil, 0
		default:
			if esc && n <= 2 && n == len(in.pending) && !expired {
				return
			}
			in.deliver(ev)
		}
		in.pending = in.pending[n:]
	}
}

// scanPaste adds pending bytes to the paste up to its end, and delivers it once the end has come.
// It reports whether the paste ended.
func (in *Input) scanPaste() bool {
	end := bytes.Index(in.pending, []byte(pasteEnd))
	if end < 0 {
		// Keep what could be the first bytes of the end marker.
		keep := len(in.pending) - (len(pasteEnd) - 1)
		if keep > 0 {
			in.addPaste(in.pending[:keep])
			in.pending = in.pending[keep:]
		}
		return false
	}
	in.addPaste(in.pending[:end])
	in.pending = in.pending[end+len(pasteEnd):]
	if in.pasted > in.maxPaste() {
		in.send(PasteTooLongMsg{Bytes: in.pasted})
	} else {
		in.send(tea.PasteMsg{Content: strings.ToValidUTF8(string(in.paste), "")})
	}
	in.inPaste, in.paste, in.pasted = false, nil, 0
	return true
}

func (in *Input) addPaste(p []byte) {
	in.pasted += len(p)
	if in.pasted > in.maxPaste() {
		in.paste = nil
		return
	}
	in.paste = append(in.paste, p...)
}

// deliver sends an event as the Bubble Tea message it stands for; events the console has no use for
// (key releases, focus, replies to queries it did not make) are dropped.
func (in *Input) deliver(ev uv.Event) {
	switch e := ev.(type) {
	case uv.MultiEvent:
		for _, e := range e {
			in.deliver(e)
		}
	case uv.KeyPressEvent:
		in.send(tea.KeyPressMsg(e))
	case uv.MouseClickEvent:
		in.send(tea.MouseClickMsg(e))
	case uv.MouseReleaseEvent:
		in.send(tea.MouseReleaseMsg(e))
	case uv.MouseWheelEvent:
		in.send(tea.MouseWheelMsg(e))
	case uv.MouseMotionEvent:
		in.send(tea.MouseMotionMsg(e))
	case uv.BackgroundColorEvent:
		in.send(tea.BackgroundColorMsg(e))
	}
}

func (in *Input) maxPaste() int {
	if in.MaxPaste > 0 {
		return in.MaxPaste
	}
	return DefaultMaxPaste
}

func (in *Input) burstWindow() time.Duration {
	if in.BurstWindow > 0 {
		return in.BurstWindow
	}
	return DefaultBurstWindow
}

func (in *Input) escTimeout() time.Duration {
	if in.EscTimeout > 0 {
		return in.EscTimeout
	}
	return DefaultEscTimeout
}
