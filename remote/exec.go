package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"vtyd/internal/outbuf"
	"vtyd/switchctl"
)

// Exec runs a command string as vtyd's exec does on a simulated device (sshsrv/session.go): the
// lines split at \n are run one by one over a Shell, their output goes to stdout and the device's
// error text (a caret line counted from the start of the command, then the message) to stderr;
// the status is 0 when every line succeeded, 1 otherwise; `quit` in user view ends it. Real
// switches run an exec request badly or not at all, so vtyd gives automation the same contract
// from both kinds of device. Questions are refused (answered N): use a command's force form.
func Exec(ctx context.Context, p *Pool, t Target, command string, stdout, stderr io.Writer) (status int) {
	return ExecObserved(ctx, p, t, command, stdout, stderr, nil)
}

// ExecObserved is Exec that tells observe (when not nil) of each line run: its prompt, the line,
// its error and how long it took (the gateway's audit).
func ExecObserved(ctx context.Context, p *Pool, t Target, command string, stdout, stderr io.Writer,
	observe func(switchctl.Ran)) (status int) {
	sh, err := p.takeShell(ctx, t)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer p.putShell(t, sh) // kept warm for the next exec when it ends at a user-view prompt
	out := outbuf.Get(stdout)
	defer func() {
		out.Flush()
		outbuf.Put(out)
	}()
	for _, line := range strings.Split(command, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "quit" && strings.HasPrefix(sh.Prompt(), "<") {
			break // the session ends, as on the device
		}
		prompt, start := sh.Prompt(), time.Now()
		err := sh.Run(ctx, line, out)
		if observe != nil && strings.TrimSpace(line) != "" {
			observe(switchctl.Ran{Prompt: prompt, Line: strings.TrimSpace(line), Err: err, Took: time.Since(start)})
		}
		if err == nil {
			continue
		}
		status = 1
		if out.Flush() != nil {
			return 1
		}
		writeError(stderr, err)
		if errors.Is(err, ErrTimeout) || errors.Is(err, ErrClosed) || ctx.Err() != nil {
			break // the shell is unusable; the rest of the command was not run
		}
	}
	if out.Flush() != nil {
		return 1
	}
	return status
}

// writeError words err as vtyd's exec does: the device's own text (with its caret counted from
// the start of the line, as exec shows no prompt), else the error.
func writeError(w io.Writer, err error) {
	if caret := switchctl.Caret(err, 0); caret != "" {
		fmt.Fprintln(w, caret)
	}
	var ce *CommandError
	var cf *ConfirmError
	switch {
	case errors.As(err, &ce):
		fmt.Fprintln(w, switchctl.Message(err))
	case errors.As(err, &cf):
		fmt.Fprintln(w, switchctl.Message(switchctl.ErrNoAnswer))
	default:
		fmt.Fprintln(w, err)
	}
}
