package main

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"vtyd/audit"
	"vtyd/switchctl"
)

// remoteCutter finds the commands in a shell relayed byte for byte to a real switch (audit.Cutter)
// and tells them to observe as the lines a simulated device runs are told. The relay's two
// directions run on two goroutines; the cutter is one, so it is locked.
type remoteCutter struct {
	mu      sync.Mutex
	c       audit.Cutter
	observe func(switchctl.Ran)
}

// newRemoteCutter cuts a shell with a terminal (a PTY) or without: on a terminal, a paste's lines
// are one operation; without one, input is a script's, each line its own (as the line CLI has it).
func newRemoteCutter(observe func(switchctl.Ran), terminal bool) *remoteCutter {
	return &remoteCutter{c: audit.Cutter{Terminal: terminal}, observe: observe}
}

// input is what the user types, on its way to the switch.
func (r *remoteCutter) input(in io.Reader) io.Reader { return cutterInput{r: r, in: in} }

// output is what the switch sends, on its way to the user.
func (r *remoteCutter) output(out io.Writer) io.Writer { return cutterOutput{r: r, out: out} }

// close records the command still running when the relay ended, with why (nil: it ended well).
func (r *remoteCutter) close(err error) {
	r.mu.Lock()
	recs := r.c.Close(err)
	r.mu.Unlock()
	r.tell(recs)
}

func (r *remoteCutter) tell(recs []audit.Record) {
	for _, rec := range recs {
		ran := switchctl.Ran{Prompt: rec.Prompt, Line: rec.Command, Took: rec.Duration}
		if rec.Kind == audit.KindPaste {
			ran.Paste = rec.Op
		}
		switch rec.Result {
		case audit.ResultError:
			ran.Err = errors.New(rec.Error)
		case audit.ResultTimeout:
			ran.Err = fmt.Errorf("%s: %w", rec.Error, errTimeout)
		}
		r.observe(ran)
	}
}

type cutterInput struct {
	r  *remoteCutter
	in io.Reader
}

func (c cutterInput) Read(p []byte) (int, error) {
	n, err := c.in.Read(p)
	if n > 0 {
		c.r.mu.Lock()
		c.r.c.Input(p[:n])
		c.r.mu.Unlock()
	}
	return n, err
}

type cutterOutput struct {
	r   *remoteCutter
	out io.Writer
}

func (c cutterOutput) Write(p []byte) (int, error) {
	c.r.mu.Lock()
	recs := c.r.c.Output(p)
	c.r.mu.Unlock()
	c.r.tell(recs)
	return c.out.Write(p)
}
