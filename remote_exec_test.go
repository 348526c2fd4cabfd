package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"vtyd/remote"
	"vtyd/switchctl"
)

// TestExecWatch: what remote.ExecObserved writes before any line ran, or after a line lost the
// session, is the exec's error (a fan-out's "unreachable"); a line the switch refused stays on
// stderr, a failed line, not an error.
func TestExecWatch(t *testing.T) {
	refused := errors.New("% Unrecognized command found at '^' position.")
	for _, c := range []struct {
		name    string
		lines   []error // each line run, with its error
		stderr  string  // what the exec writes to stderr after them
		status  int
		cancel  bool
		wantErr string
		wantOut string
	}{
		{name: "unreachable", stderr: "real3: dial tcp 127.0.0.1:1: connect: connection refused\n", status: 1,
			wantErr: "real3: dial tcp 127.0.0.1:1: connect: connection refused"},
		{name: "a refused line", lines: []error{nil, refused}, stderr: "^\n % Unrecognized command\n", status: 1,
			wantOut: "^\n % Unrecognized command\n"},
		{name: "lost part-way", lines: []error{nil, remote.ErrClosed}, stderr: "remote: the session with the device ended\n",
			status: 1, wantErr: "remote: the session with the device ended"},
		{name: "timed out on the switch", lines: []error{fmt.Errorf("x: %w", remote.ErrTimeout)},
			stderr: "remote: the device did not answer in time\n", status: 1, wantErr: "remote: the device did not answer in time"},
		{name: "cancelled", lines: []error{nil}, status: 1, cancel: true, wantErr: "context canceled"},
		{name: "all ran", lines: []error{nil, nil}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			var observed int
			w := &execWatch{stderr: &stderr, observe: func(switchctl.Ran) { observed++ }}
			for _, err := range c.lines {
				w.ran(switchctl.Ran{Line: "display clock", Err: err})
			}
			_, _ = w.Write([]byte(c.stderr))
			ctx, cancel := context.WithCancel(context.Background())
			if c.cancel {
				cancel()
			}
			defer cancel()
			err := w.result(ctx, c.status)
			if got := fmt.Sprint(err); c.wantErr != "" && got != c.wantErr || c.wantErr == "" && err != nil {
				t.Errorf("error %v, want %q", err, c.wantErr)
			}
			if stderr.String() != c.wantOut || observed != len(c.lines) {
				t.Errorf("stderr %q (want %q), %d lines observed of %d", stderr.String(), c.wantOut, observed, len(c.lines))
			}
		})
	}
}
