package linecli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"vtyd/switchctl"
)

// Why a line CLI session ended, when it was not the user's doing (quit, end of input): the device
// ended the login (switchctl.Login.EndWith) for one of these causes.
var (
	ErrIdleTimeout = errors.New("linecli: idle timeout")
	ErrLineFreed   = errors.New("linecli: line freed")
	ErrRebooting   = errors.New("linecli: device rebooting")
	ErrShutdown    = errors.New("linecli: server shutting down")
)

// endErrors are the errors of the device's end causes.
var endErrors = map[switchctl.EndCause]error{
	switchctl.EndIdle:     ErrIdleTimeout,
	switchctl.EndFreed:    ErrLineFreed,
	switchctl.EndReboot:   ErrRebooting,
	switchctl.EndShutdown: ErrShutdown,
}

// endMessage is what the user is told when the session ends with err, "" when err is no end cause.
func endMessage(err error) string {
	for cause, e := range endErrors {
		if e == err {
			return cause.Message()
		}
	}
	return ""
}

// Options configure a CLI. The zero value is a CLI without a terminal that never times out.
type Options struct {
	// Terminal says the client has a PTY: lines are echoed and edited, `?` and Tab answer at once,
	// output is paged and ends lines with \r\n, and pasted text is bounded. Without one nothing is
	// echoed, lines end with \n and input runs line by line without limit, for scripts.
	Terminal bool
	// Width and Height are the terminal's size (default 80x24); Resize changes them.
	Width, Height int
	// Banner is shown before the first prompt (header motd); "" for none.
	Banner string
	// BracketedPaste turns on the terminal's bracketed paste (for terminals that have it), so that
	// a paste is told from typing whatever its speed.
	BracketedPaste bool
	// Events are the device's events: log lines shown while `terminal monitor` is on, and the
	// reboot notice. Nil for none.
	Events <-chan switchctl.Event
	// Freed closes when the device ends the login (switchctl.Login.Freed): `free line`, reboot,
	// the idle timeout (watched by the server, from Touch), shutdown.
	Freed <-chan struct{}
	// Cause says why Freed closed (switchctl.Login.Cause); nil: as if freed by an administrator.
	Cause func() switchctl.EndCause
	// Touch is told of each input, for `display users` (switchctl.Login.Touch).
	Touch func(time.Time)
	// XML serves a NETCONF session on the CLI's stream for the `xml` command and returns when it
	// ends (close-session), back to the prompt. Nil: `xml` is refused (switchctl.ErrXMLMode).
	XML func(ctx context.Context, rw io.ReadWriteCloser) error
}

// CLI is the plain Comware command line over a byte stream. It is used by one goroutine; Resize
// may be called from another.
type CLI struct {
	s   *switchctl.Session
	opt Options
	r   io.Reader
	out *outWriter // \r\n line ends on a terminal; held until the CLI waits
	in  *input
	ctx context.Context

	width     atomic.Int64
	pending   []byte // input read but not yet decoded
	literal   []byte // pasted text still to enter, where ? and Tab are plain characters
	ahead     *chunk // input a burst looked at but that starts after it
	bracketed bool   // a bracketed paste is being read: its markers judge it, not bursts
	// pasteOp is the id of the last paste, and pasteLines how many lines of pastes are still to
	// run: they run under the id, for the audit (notePaste).
	pasteOp    string
	pasteLines int
	afterCR    bool          // the last key was CR: a LF right after it is the same Enter
	ended      error         // why the session must end, once known; sticky
	rebooting  bool          // an EventReboot came
	editing    bool          // a prompt or dialog waits for a line: log lines are shown
	paging     bool          // a pager's prompt waits for a key
	held       []string      // log lines waiting to be shown
	ed         editor        // the line being edited, on a terminal
	prompt     string        // the prompt shown, without a terminal
	cmdOut     *bufio.Writer // output of the running command, flushed before a dialog asks
}

// maxHeld bounds the log lines kept for a session that does not read them yet.
const maxHeld = 256

// New serves session s over in and out.
func New(s *switchctl.Session, in io.Reader, out io.Writer, opt Options) *CLI {
	c := &CLI{s: s, opt: opt, r: in, out: &outWriter{w: out, crlf: opt.Terminal}}
	c.width.Store(80)
	c.Resize(opt.Width, opt.Height)
	c.ed.width = func() int { return int(c.width.Load()) }
	return c
}

// Resize tells the line editor the terminal's new size.
func (c *CLI) Resize(width, height int) {
	if width > 0 && height > 0 {
		c.width.Store(int64(width))
	}
}

// Run shows the banner and the prompt, then runs lines until `quit` in user view, the end of the
// input or ctx ends, which are a normal end (nil); or until the device ends the login, which it
// tells the user and returns as the cause's error (ErrLineFreed, ErrRebooting, ErrIdleTimeout,
// ErrShutdown).
func (c *CLI) Run(ctx context.Context) error {
	c.ctx = ctx
	c.in = startInput(c.r)
	defer c.in.stop()
	defer func() { _ = c.out.Flush() }() // the last words, after bracketOff
	c.s.SetAsker(c)
	defer c.s.SetAsker(nil)
	if c.opt.Terminal && c.opt.BracketedPaste {
		if _, err := io.WriteString(c.out, bracketOn); err != nil {
			return err
		}
		defer func() { _, _ = io.WriteString(c.out, bracketOff) }()
	}
	banner := "\n"
	if c.opt.Banner != "" {
		banner += c.opt.Banner
		if banner[len(banner)-1] != '\n' {
			banner += "\n"
		}
	}
	if _, err := io.WriteString(c.out, banner); err != nil {
		return err
	}
	for {
		prompt, line, err := c.readCommand()
		if err != nil {
			return c.finish(err)
		}
		ctx := c.ctx
		if c.pasteLines > 0 { // a line of a paste: the audit records the paste as one operation
			c.pasteLines--
			ctx = switchctl.InPaste(ctx, c.pasteOp)
		}
		if err := c.exec(ctx, prompt, line); errors.Is(err, switchctl.ErrSessionEnd) {
			return nil
		}
		if len(c.pending) == 0 && len(c.literal) == 0 {
			c.pasteLines = 0 // the paste is all run, or was dropped (Ctrl+C): what follows is typed
		}
		if err := c.checkEnd(); err != nil {
			return c.finish(err)
		}
	}
}

// finish words why the session ends; the end of input and of the connection are normal ends.
func (c *CLI) finish(err error) error {
	msg := endMessage(err)
	if msg == "" {
		if errors.Is(err, io.EOF) || errors.Is(err, context.Canceled) {
			return nil
		}
		return err
	}
	_, _ = io.WriteString(c.out, "\n"+msg+"\n")
	return err
}

// exec runs one line; a refusal is printed as Comware prints it, the caret under the column of the
// offending word after the prompt. On a terminal the output is paged.
func (c *CLI) exec(ctx context.Context, prompt, line string) error {
	c.cmdOut = bufio.NewWriter(c.output())
	defer func() { c.cmdOut = nil }()
	err := c.s.Exec(ctx, line, c.cmdOut)
	if errors.Is(err, switchctl.ErrXMLMode) && c.opt.XML != nil {
		if ferr := c.cmdOut.Flush(); ferr != nil {
			return ferr
		}
		if ferr := c.out.Flush(); ferr != nil {
			return ferr
		}
		return c.xml(ctx)
	}
	if err != nil && !errors.Is(err, switchctl.ErrSessionEnd) {
		WriteError(c.cmdOut, err, prompt)
	}
	if ferr := c.cmdOut.Flush(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

// output is where a command's output goes: through a fresh pager on a terminal.
func (c *CLI) output() io.Writer {
	if !c.opt.Terminal {
		return c.out
	}
	return newPager(c.out, c.s.ScreenLength(), c.pagerKey)
}

// pagerKey is the key a pager's prompt waits for. A paste meanwhile is judged as at a prompt: a
// refusal is shown above the pager's prompt, and what is let in gives the pager its keys.
func (c *CLI) pagerKey() (key, error) {
	c.paging = true
	defer func() { c.paging = false }()
	for {
		k, err := c.nextKey()
		if err != nil || k.kind != kPasteStart {
			return k, err
		}
		c.paste()
	}
}

// WriteError words err as Comware does, the caret counted after prompt.
func WriteError(w io.Writer, err error, prompt string) {
	if caret := switchctl.Caret(err, utf8.RuneCountInString(prompt)); caret != "" {
		fmt.Fprintln(w, caret)
	}
	fmt.Fprintln(w, switchctl.Message(err))
}

// Ask shows a dialog's prompt and reads the answer line (switchctl.Asker). Ctrl+C, the end of the
// input or of the session abort the command.
func (c *CLI) Ask(_ context.Context, prompt string) (string, error) {
	if c.cmdOut != nil {
		if err := c.cmdOut.Flush(); err != nil {
			return "", err
		}
	}
	var line string
	var err error
	if c.opt.Terminal {
		_, line, err = c.edit(prompt, false)
	} else {
		line, err = c.readRaw(prompt)
	}
	if err != nil {
		return "", switchctl.ErrAborted
	}
	return line, nil
}

// readCommand shows the current view's prompt and reads a command line.
func (c *CLI) readCommand() (prompt, line string, err error) {
	if c.opt.Terminal {
		return c.edit(c.s.Prompt(), true)
	}
	prompt = c.s.Prompt()
	line, err = c.readRaw(prompt)
	return prompt, line, err
}

// checkEnd notices, between commands, that the session must end.
func (c *CLI) checkEnd() error {
	if c.ended != nil && !errors.Is(c.ended, io.EOF) {
		return c.ended
	}
	select {
	case <-c.opt.Freed:
		c.ended = c.whyFreed()
		return c.ended
	case <-c.ctx.Done():
		return c.ctx.Err()
	default:
		return nil
	}
}
