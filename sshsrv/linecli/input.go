package linecli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"vtyd/switchctl"
)

// Input is read by a goroutine of its own, so that the CLI can wait for a key, a device event, the end
// of the login and the idle timer at once, and so that each chunk is stamped when it arrives rather
// than when the CLI gets round to it: a paste is told by its arrival, whatever the CLI was doing.
const (
	inputChunk = 4096
	// inputQueue bounds the type-ahead held here, in bytes; SSH flow control holds what follows. It is
	// counted in bytes so that a tool writing a line at a time can run ahead of a slow command by
	// hundreds of lines before the reader has to wait.
	inputQueue = 32 << 10
	// escWait is how long a lone ESC (or a cut escape sequence) waits for the rest of its sequence.
	escWait = 50 * time.Millisecond
)

// errEscTimeout says an escape sequence stayed incomplete: its bytes are taken as they are.
var errEscTimeout = errors.New("linecli: incomplete escape sequence")

// chunk is what one Read returned.
type chunk struct {
	b  []byte
	at time.Time // when it was queued
	// held says the reader had waited for room before reading it: it may have arrived long before
	// at, with the chunks before it, so it belongs to their burst.
	held bool
}

// PanicError is a panic recovered in the goroutine that reads the CLI's input; Run returns it.
type PanicError struct {
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("linecli: input reader panic: %v", e.Value) }

// input is the reading goroutine's side: a queue of chunks in arrival order and the error that ended
// the input. ready and room are signals (capacity 1) for the CLI and the reader.
type input struct {
	ready chan struct{} // a chunk was queued, or the input ended
	room  chan struct{} // the CLI took a chunk
	done  chan struct{}

	mu    sync.Mutex
	queue []chunk
	size  int   // bytes queued
	err   error // why the input ended (io.EOF for its end), once it did
}

func startInput(r io.Reader) *input {
	in := &input{ready: make(chan struct{}, 1), room: make(chan struct{}, 1), done: make(chan struct{})}
	go in.read(r)
	return in
}

func (in *input) read(r io.Reader) {
	defer func() {
		// A panic under the session's reader ends this CLI's input with an error, which ends the
		// CLI and its session; the server and other sessions go on.
		if v := recover(); v != nil {
			in.mu.Lock()
			in.err = &PanicError{Value: v, Stack: debug.Stack()}
			in.mu.Unlock()
			signal(in.ready)
		}
	}()
	buf := make([]byte, inputChunk)
	held := false
	for {
		n, err := r.Read(buf)
		in.mu.Lock()
		if n > 0 {
			// Stamped under the lock: once the CLI has looked at the queue, whatever comes later
			// carries a later time (burst relies on it).
			in.queue = append(in.queue, chunk{b: bytes.Clone(buf[:n]), at: time.Now(), held: held})
			in.size += n
		}
		if err != nil {
			in.err = err
		}
		full := in.size >= inputQueue
		in.mu.Unlock()
		signal(in.ready)
		if err != nil {
			return
		}
		held = false
		for full {
			select {
			case <-in.room:
			case <-in.done:
				return
			}
			in.mu.Lock()
			full = in.size >= inputQueue
			in.mu.Unlock()
			held = true
		}
		select {
		case <-in.done:
			return
		default:
		}
	}
}

// next takes the oldest chunk queued (ok). Without one, end is why the input ended, or nil while it
// goes on.
func (in *input) next() (ch chunk, ok bool, end error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if len(in.queue) == 0 {
		return chunk{}, false, in.err
	}
	ch = in.queue[0]
	in.queue[0] = chunk{}
	in.queue = in.queue[1:]
	if len(in.queue) == 0 {
		in.queue = nil
	}
	in.size -= len(ch.b)
	signal(in.room)
	return ch, true, nil
}

// stop lets the reading goroutine go; it returns when its pending Read does (the session closes).
func (in *input) stop() { close(in.done) }

// signal wakes whoever waits on c, unless it is already due to wake.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// next is the next chunk of input: the one a burst looked at and left, else the queue's oldest.
func (c *CLI) next() (chunk, bool, error) {
	if c.ahead != nil {
		ch := *c.ahead
		c.ahead = nil
		return ch, true, nil
	}
	return c.in.next()
}

// fill waits until more input is pending. Meanwhile it shows log lines, notes the reboot notice and
// ends the session when the device ends the login or the connection ends; the reason is sticky. escape says the pending input ends in an incomplete escape sequence: fill then returns
// errEscTimeout when nothing follows soon.
func (c *CLI) fill(escape bool) error {
	if c.ended != nil {
		return c.ended
	}
	if ch, ok, end := c.next(); ok || end != nil {
		return c.take(ch, ok, end) // input in hand: the CLI does not wait, its output stays held
	}
	var escC <-chan time.Time
	if escape {
		t := time.NewTimer(escWait)
		defer t.Stop()
		escC = t.C
	}
	for {
		c.showHeld()
		// Nothing is held while the CLI waits (a write error ends the input too); input that came
		// meanwhile is taken as if it came while it waited.
		_ = c.out.Flush()
		if ch, ok, end := c.next(); ok || end != nil {
			return c.take(ch, ok, end)
		}
		select {
		case <-c.in.ready:
		case e := <-c.opt.Events:
			c.event(e)
		case <-c.opt.Freed:
			c.ended = c.whyFreed()
			return c.ended
		case <-c.ctx.Done():
			c.ended = c.ctx.Err()
			return c.ended
		case <-escC:
			return errEscTimeout
		}
	}
}

// take makes a chunk of input pending (ok false: the input ended, for end). On a terminal, a chunk
// that may start a paste (startsBurst) is judged with the rest of its burst first, whether it came
// while the CLI waited or was typed ahead while a command ran; inside a bracketed paste the markers
// judge instead.
func (c *CLI) take(ch chunk, ok bool, end error) error {
	if !ok {
		c.ended = end
		return c.ended
	}
	c.touch()
	if c.opt.Terminal && !c.bracketed && len(c.pending) == 0 && startsBurst(ch.b) {
		return c.burst(ch)
	}
	c.pending = append(c.pending, ch.b...)
	return nil
}

func (c *CLI) touch() {
	if c.opt.Touch != nil {
		c.opt.Touch(time.Now())
	}
}

// event takes a device event: log lines are kept for display while `terminal monitor` is on.
func (c *CLI) event(e switchctl.Event) {
	switch e.Kind {
	case switchctl.EventReboot:
		c.rebooting = true
	case switchctl.EventLog:
		if c.s.Monitor() && len(c.held) < maxHeld {
			c.held = append(c.held, e.Text)
		}
	}
}

// whyFreed is the error of the cause the device ended the login for.
func (c *CLI) whyFreed() error {
	if c.opt.Cause != nil {
		if err, ok := endErrors[c.opt.Cause()]; ok {
			return err
		}
	}
	return ErrLineFreed
}

// showHeld shows the log lines that came in while a line is awaited, above the prompt, and shows the
// prompt and the line again.
func (c *CLI) showHeld() {
	if len(c.held) == 0 || !c.editing || c.paging {
		return
	}
	var b bytes.Buffer
	for _, l := range c.held {
		b.WriteString(l + "\n")
	}
	c.held = c.held[:0]
	c.interject(b.String())
}

// interject writes text (lines ending in \n) on the lines below what is being edited, then shows the
// prompt and the line again.
func (c *CLI) interject(text string) {
	if !c.opt.Terminal {
		_, _ = io.WriteString(c.out, "\n"+text+c.prompt)
		return
	}
	c.ed.newline()
	c.flushEd()
	_, _ = io.WriteString(c.out, text)
	c.ed.redraw()
	c.flushEd()
}

// readRaw reads one line without a terminal: nothing is echoed but the line end, so that output
// starts under the prompt rather than after it. A last line without a newline still runs.
func (c *CLI) readRaw(prompt string) (string, error) {
	c.prompt = prompt
	if _, err := io.WriteString(c.out, prompt); err != nil {
		return "", err
	}
	c.editing = true
	defer func() { c.editing = false }()
	var line []byte
	for {
		i := bytes.IndexByte(c.pending, '\n')
		end := i
		if i < 0 {
			end = len(c.pending)
		}
		line = append(line, c.pending[:min(end, maxInputLine-len(line))]...)
		if i >= 0 {
			c.pending = c.pending[i+1:]
			break
		}
		c.pending = c.pending[:0]
		if err := c.fill(false); err != nil {
			if len(line) == 0 || !errors.Is(err, io.EOF) {
				return "", err
			}
			break
		}
	}
	if _, err := io.WriteString(c.out, "\n"); err != nil {
		return "", err
	}
	return string(bytes.TrimRight(line, "\r")), nil
}

// maxInputLine bounds what one input line may hold in memory; the engine refuses anything over
// switchctl.MaxLineLen anyway.
const maxInputLine = 64 << 10

// nextKey returns the next key typed (or pasted) on a terminal.
func (c *CLI) nextKey() (key, error) {
	for {
		if len(c.literal) > 0 {
			k, n := literalKey(c.literal)
			c.literal = c.literal[n:]
			if k.kind == kIgnore || (k.kind == kEnter && k.r == '\n' && c.afterCR) {
				c.afterCR = false
				continue
			}
			c.afterCR = k.kind == kEnter && k.r == '\r'
			return k, nil
		}
		k, n, ok := decodeKey(c.pending, false)
		if !ok {
			// The echo of every key already in hand goes out at once, before waiting for more: a
			// line typed ahead or written by a tool is echoed in one packet, not one per key.
			c.flushEd()
			err := c.fill(len(c.pending) > 0)
			if errors.Is(err, errEscTimeout) {
				k, n, _ = decodeKey(c.pending, true)
			} else if err != nil {
				return key{}, err
			} else {
				continue
			}
		}
		c.pending = c.pending[n:]
		cr := c.afterCR
		c.afterCR = k.kind == kEnter && k.r == '\r'
		if k.kind == kIgnore || (k.kind == kEnter && k.r == '\n' && cr) {
			continue
		}
		return k, nil
	}
}
