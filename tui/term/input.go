package term

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// Defaults of Input.
const (
	DefaultMaxPaste   = 64 << 10
	DefaultEscTimeout = 50 * time.Millisecond
)

// maxPending bounds the bytes kept while a sequence is incomplete: a client that streams an
// escape sequence without end cannot grow it further; what is kept is decoded as it stands.
const maxPending = 4096

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

	mu      sync.Mutex
	send    func(tea.Msg)
	dec     uv.EventDecoder
	pending []byte // bytes not decoded yet: the start of a sequence, or a paste's possible end
	inPaste bool
	paste   []byte // the paste so far, while it is within MaxPaste
	pasted  int    // the paste's length so far
	timer   *time.Timer
	gen     int // counts reads, so that a timer armed before the last read does nothing
}

// Run reads r until it ends and sends each message to send (a program's Send, which returns at
// once after the program ended). It returns nil at the end of input.
func (in *Input) Run(r io.Reader, send func(tea.Msg)) error {
	in.mu.Lock()
	in.send = send
	in.mu.Unlock()
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			in.feed(buf[:n])
		}
		if err != nil {
			in.mu.Lock()
			in.stopTimer()
			in.scan(true)
			in.mu.Unlock()
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// feed decodes what has arrived; an incomplete sequence waits for the rest, for EscTimeout at most.
func (in *Input) feed(p []byte) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.stopTimer()
	in.gen++
	in.pending = append(in.pending, p...)
	in.scan(len(in.pending) > maxPending && !in.inPaste)
	if len(in.pending) == 0 {
		in.pending = nil // do not keep a large read's buffer
		return
	}
	if in.inPaste {
		return // the rest of the paste will come; no timeout ends a paste
	}
	gen := in.gen
	in.timer = time.AfterFunc(in.escTimeout(), func() {
		in.mu.Lock()
		defer in.mu.Unlock()
		if gen == in.gen {
			in.scan(true)
		}
	})
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
		if in.inPaste {
			if !in.scanPaste() {
				return
			}
			continue
		}
		n, ev := in.dec.Decode(in.pending)
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

func (in *Input) escTimeout() time.Duration {
	if in.EscTimeout > 0 {
		return in.EscTimeout
	}
	return DefaultEscTimeout
}
