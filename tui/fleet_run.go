package tui

import (
	"context"
	"fmt"
	"io"

	"vtyd/fanout"
)

// Fan-out from the fleet console: the targets fanout.Run runs are the session's devices, each
// opened for this session (a login of the operator's there, as :dev opens it) for the one run and
// closed after it, so that a fan-out over 100 devices holds no more VTY lines than its parallelism.

// deviceTarget is a fanout target that opens the named device, runs run on its backend and closes
// it. A device that cannot be opened is an Error result with the fleet's reason.
func deviceTarget(fl Fleet, name string, run func(ctx context.Context, b Backend, stdout, stderr io.Writer) (int, error)) fanout.Target {
	return fanout.Target{Name: name, Run: func(ctx context.Context, stdout, stderr io.Writer) (int, error) {
		b, err := fl.Open(name)
		if err != nil {
			return 1, fmt.Errorf("cannot open %s: %s", name, CleanLine(err.Error()))
		}
		defer b.Close()
		return run(ctx, b, stdout, stderr)
	}}
}

// linesTarget runs lines on a device's console session as part of operation (kind, id), as an exec
// does: each line's output to stdout, the first error in the device's words to stderr, and the
// rest not run. A line that ends the session (quit, reboot) ends the run there.
func linesTarget(fl Fleet, name string, lines []string, kind, id string) fanout.Target {
	return deviceTarget(fl, name, func(ctx context.Context, b Backend, stdout, stderr io.Writer) (int, error) {
		sh := b.Console()
		o := runLinesIn(ctx, sh, lines, nil, kind, id)
		if !o.ended {
			defer sh.Reset()
		}
		for _, r := range o.results {
			if r.output != "" {
				fmt.Fprintln(stdout, r.output)
			}
			if r.err != "" {
				fmt.Fprintf(stderr, "%s\n", r.err)
			}
		}
		if ctx.Err() != nil && o.failed {
			return 1, context.Cause(ctx)
		}
		if o.failed {
			return 1, nil
		}
		return 0, nil
	})
}
