package switchctl

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// Ctx is what a handler gets: the session, the device, the matched arguments and where output goes.
type Ctx struct {
	ctx      context.Context
	S        *Session
	D        *Device
	A        *Args
	Out      io.Writer
	row      *Row
	line     string
	checking bool
}

// Context is the request's context.
func (c *Ctx) Context() context.Context { return c.ctx }

// Checking reports whether the line is only being checked (Session.Check): change nothing.
func (c *Ctx) Checking() bool { return c.checking }

// Printf writes formatted output.
func (c *Ctx) Printf(format string, args ...any) { fmt.Fprintf(c.Out, format, args...) }

// Println writes a line of output.
func (c *Ctx) Println(s string) { io.WriteString(c.Out, s+"\n") }

// Ask shows a dialog prompt and returns the answer; without an Asker it fails with ErrNoAnswer.
func (c *Ctx) Ask(prompt string) (string, error) {
	if c.S.asker == nil {
		return "", ErrNoAnswer
	}
	return c.S.asker.Ask(c.ctx, prompt)
}

// Confirm asks a [Y/N] question as Comware does, repeating it until the answer is Y or N.
func (c *Ctx) Confirm(question string) (bool, error) {
	prompt := question + " [Y/N]:"
	for i := 0; i < 5; i++ {
		a, err := c.Ask(prompt)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(a)) {
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		prompt = "Before pressing ENTER you must choose 'YES' or 'NO'[Y/N]:"
	}
	return false, ErrAborted
}
