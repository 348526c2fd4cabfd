package sshsrv

import (
	"bytes"
	"errors"
	"io"
	"time"

	"vtyd/switchctl"
)

// Input is read by a goroutine of its own, so that the CLI can wait for a key, a device event, the end
// of the login and the idle timer at once. What it holds is bounded: a few chunks here, SSH flow
// control behind them.
const (
	inputChunk  = 4096
	inputChunks = 8
	// escWait is how long a lone ESC (or a cut escape sequence) waits for the rest of its sequence.
	escWait = 50 * time.Millisecond
)

// errEscTimeout says an escape sequence stayed incomplete: its bytes are taken as they are.
var errEscTimeout = errors.New("sshsrv: incomplete escape sequence")

// input is the reading goroutine's side: chunks of input in arrival order, closed at the end of the
// input (err says why).
type input struct {
	chunks chan []byte
	done   chan struct{}
	err    error // set before chunks closes
}

func startInput(r io.Reader) *input {
	in := &input{chunks: make(chan []byte, inputChunks), done: make(chan struct{})}
	go func() {
		defer close(in.chunks)
		buf := make([]byte, inputChunk)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				select {
				case in.chunks <- append([]byte(nil), buf[:n]...):
				case <-in.done:
					return
				}
			}
			if err != nil {
				in.err = err
				return
			}
		}
	}()
	return in
}

// stop lets the reading goroutine go; it returns when its pending Read does (the session closes).
func (in *input) stop() { close(in.done) }

// fill waits until more input is pending. Meanwhile it shows log lines, notes the reboot notice and
// ends the session when the login is freed, the idle timeout passes or the connection ends; the reason
// is sticky. escape says the pending input ends in an incomplete escape sequence: fill then returns
// errEscTimeout when nothing follows soon.
func (c *LineCLI) fill(escape bool) error {
	if c.ended == nil && c.eof {
		c.ended = io.EOF
	}
	if c.ended != nil {
		return c.ended
	}
	// Input already queued was typed ahead while a command ran: it is no paste, whatever its size.
	select {
	case b, ok := <-c.in.chunks:
		return c.take(b, ok, false)
	default:
	}
	var escC <-chan time.Time
	if escape {
		t := time.NewTimer(escWait)
		defer t.Stop()
		escC = t.C
	}
	for {
		c.showHeld()
		idle := c.idleTimer()
		select {
		case b, ok := <-c.in.chunks:
			idle.Stop()
			return c.take(b, ok, !escape)
		case e := <-c.opt.Events:
			idle.Stop()
			c.event(e)
		case <-c.opt.Freed:
			idle.Stop()
			c.ended = c.whyFreed()
			return c.ended
		case <-idle.C:
			c.ended = ErrIdleTimeout
			return c.ended
		case <-c.ctx.Done():
			idle.Stop()
			c.ended = c.ctx.Err()
			return c.ended
		case <-escC:
			idle.Stop()
			return errEscTimeout
		}
	}
}

// take makes a chunk of input pending (ok false: the input ended). waited says it arrived while the
// CLI waited for it, which is when a burst of it is a paste to check (startsBurst).
func (c *LineCLI) take(b []byte, ok, waited bool) error {
	if !ok {
		c.ended = io.EOF
		if c.in.err != nil && !errors.Is(c.in.err, io.EOF) {
			c.ended = c.in.err
		}
		return c.ended
	}
	c.touch()
	if waited && c.opt.Terminal && c.editing && len(c.pending) == 0 && startsBurst(b) {
		return c.burst(b)
	}
	c.pending = append(c.pending, b...)
	return nil
}

// idleTimer fires when the line's idle timeout passes without input; a timeout of 0 never fires.
func (c *LineCLI) idleTimer() *time.Timer {
	var d time.Duration
	if c.opt.Idle != nil {
		d = c.opt.Idle()
	}
	if d <= 0 {
		t := time.NewTimer(time.Hour)
		t.Stop()
		return t
	}
	return time.NewTimer(max(time.Until(c.lastInput.Add(d)), 0))
}

func (c *LineCLI) touch() {
	c.lastInput = time.Now()
	if c.opt.Touch != nil {
		c.opt.Touch(c.lastInput)
	}
}

// event takes a device event: log lines are kept for display while `terminal monitor` is on.
func (c *LineCLI) event(e switchctl.Event) {
	switch e.Kind {
	case switchctl.EventReboot:
		c.rebooting = true
	case switchctl.EventLog:
		if c.s.Monitor() && len(c.held) < maxHeld {
			c.held = append(c.held, e.Text)
		}
	}
}

// whyFreed tells a reboot from `free line`: the reboot notice is published before the logins are
// freed, so it is already queued when Freed closes.
func (c *LineCLI) whyFreed() error {
drain:
	for !c.rebooting {
		select {
		case e := <-c.opt.Events:
			c.event(e)
		default:
			break drain
		}
	}
	if c.rebooting {
		return ErrRebooting
	}
	return ErrLineFreed
}

// showHeld shows the log lines that came in while a line is awaited, above the prompt, and shows the
// prompt and the line again.
func (c *LineCLI) showHeld() {
	if len(c.held) == 0 || !c.editing {
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
func (c *LineCLI) interject(text string) {
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
func (c *LineCLI) readRaw(prompt string) (string, error) {
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
func (c *LineCLI) nextKey() (key, error) {
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
