package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"vtyd/remote"
	"vtyd/switchctl"
)

// execWatch is the stderr and the observer of one remote.ExecObserved: it tells a switch that
// could not be run (an error written before any line ran) or that was lost part-way (a line that
// ended the session) from a line the switch refused, so that a fan-out reports the first two as
// "unreachable or timed out" and the third as failed. What it holds back of stderr is the error.
type execWatch struct {
	stderr  io.Writer
	observe func(switchctl.Ran)

	mu   sync.Mutex
	any  bool // a line ran on the switch
	lost bool // a line ended the session with it
	held bytes.Buffer
}

func (w *execWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.any || w.lost {
		return w.held.Write(p)
	}
	return w.stderr.Write(p)
}

// ran is the observer: each line run, before its error is written.
func (w *execWatch) ran(r switchctl.Ran) {
	w.mu.Lock()
	w.any = true
	w.lost = w.lost || errors.Is(r.Err, remote.ErrTimeout) || errors.Is(r.Err, remote.ErrClosed)
	w.mu.Unlock()
	if w.observe != nil {
		w.observe(r)
	}
}

// result is the exec's error: nil when the switch ran every line, refused or not.
func (w *execWatch) result(ctx context.Context, status int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	held := strings.TrimSpace(w.held.String())
	switch {
	case status != 0 && ctx.Err() != nil: // the fan-out's timeout, or the client went away
		return context.Cause(ctx)
	case status == 0 || w.any && !w.lost:
		if held != "" { // not expected: nothing is held once a line ran, unless it was lost
			_, _ = io.WriteString(w.stderr, held+"\n")
		}
		return nil
	case held == "":
		return remote.ErrClosed
	}
	return errors.New(held)
}
