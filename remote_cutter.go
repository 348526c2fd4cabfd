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

func newRemoteCutter(observe func(switchctl.Ran)) *remoteCutter {
	return &remoteCutter{observe: observe}
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
