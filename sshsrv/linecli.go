package sshsrv

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/term"

	"vtyd/switchctl"
)

// LineOptions configure a LineCLI. The zero value is a CLI without a terminal.
type LineOptions struct {
	// Terminal says the client has a PTY: lines are echoed and edited (golang.org/x/term) and output
	// lines end with \r\n. Without one nothing is echoed and lines end with \n, for scripts that pipe
	// commands in.
	Terminal bool
	// Width and Height are the terminal's size (default 80x24); Resize changes them.
	Width, Height int
	// Banner is shown before the first prompt (header motd); "" for none.
	Banner string
}

// LineCLI is the plain Comware command line over a byte stream: the prompt, one command per line
// through the device's engine, Comware's caret errors, and dialogs answered on the same input. It
// is what automation tools (netmiko, scrapli, Oxidized, scripts) talk to.
type LineCLI struct {
	s       *switchctl.Session
	opt     LineOptions
	out     io.Writer      // where output goes: the terminal (which adds \r) or the raw stream
	term    *term.Terminal // nil without a terminal
	in      *bufio.Reader  // nil with a terminal
	pending *bufio.Writer  // output of the running command, flushed before a dialog asks
}

// maxInputLine bounds what one input line may hold in memory; the engine refuses anything over
// switchctl.MaxLineLen anyway.
const maxInputLine = 64 << 10

// NewLineCLI serves session s over in and out.
func NewLineCLI(s *switchctl.Session, in io.Reader, out io.Writer, opt LineOptions) *LineCLI {
	c := &LineCLI{s: s, opt: opt, out: out}
	if opt.Terminal {
		c.term = term.NewTerminal(struct {
			io.Reader
			io.Writer
		}{in, out}, "")
		c.out = c.term
		if opt.Width > 0 && opt.Height > 0 {
			c.Resize(opt.Width, opt.Height)
		}
	} else {
		c.in = bufio.NewReaderSize(in, 4096)
	}
	return c
}

// Resize tells the line editor the terminal's new size.
func (c *LineCLI) Resize(width, height int) {
	if c.term != nil && width > 0 && height > 0 {
		_ = c.term.SetSize(width, height)
	}
}

// Run shows the banner and the prompt, then runs lines until `quit` in user view, the end of the
// input or ctx ends; all three are a normal end (nil). Dialogs are answered from the same input.
func (c *LineCLI) Run(ctx context.Context) error {
	c.s.SetAsker(c)
	defer c.s.SetAsker(nil)
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
	for ctx.Err() == nil {
		prompt := c.s.Prompt()
		line, err := c.readLine(prompt)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := c.exec(ctx, prompt, line); errors.Is(err, switchctl.ErrSessionEnd) {
			return nil
		}
	}
	return nil
}

// exec runs one line; a refusal is printed as Comware prints it, the caret under the column of the
// offending word after the prompt.
func (c *LineCLI) exec(ctx context.Context, prompt, line string) error {
	c.pending = bufio.NewWriter(c.out)
	defer func() { c.pending = nil }()
	err := c.s.Exec(ctx, line, c.pending)
	if err != nil && !errors.Is(err, switchctl.ErrSessionEnd) {
		if caret := switchctl.Caret(err, utf8.RuneCountInString(prompt)); caret != "" {
			fmt.Fprintln(c.pending, caret)
		}
		fmt.Fprintln(c.pending, switchctl.Message(err))
	}
	if ferr := c.pending.Flush(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

// Ask shows a dialog's prompt and reads the answer line (switchctl.Asker).
func (c *LineCLI) Ask(_ context.Context, prompt string) (string, error) {
	if c.pending != nil {
		if err := c.pending.Flush(); err != nil {
			return "", err
		}
	}
	line, err := c.readLine(prompt)
	if err != nil {
		return "", switchctl.ErrAborted
	}
	return line, nil
}

// readLine shows prompt and reads one line. Without a terminal nothing is echoed, but the line end
// is, so that output starts under the prompt rather than after it.
func (c *LineCLI) readLine(prompt string) (string, error) {
	if c.term != nil {
		c.term.SetPrompt(prompt)
		return c.term.ReadLine()
	}
	if _, err := io.WriteString(c.out, prompt); err != nil {
		return "", err
	}
	var line []byte
	for {
		chunk, err := c.in.ReadSlice('\n')
		if len(line) < maxInputLine {
			line = append(line, chunk[:min(len(chunk), maxInputLine-len(line))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && (len(line) == 0 || !errors.Is(err, io.EOF)) {
			return "", err
		}
		break // a last line without a newline still runs; the next read sees EOF
	}
	if _, err := io.WriteString(c.out, "\n"); err != nil {
		return "", err
	}
	return string(bytes.TrimRight(line, "\r\n")), nil
}
