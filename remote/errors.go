package remote

import (
	"errors"
	"strings"

	"vtyd/switchctl"
)

// ErrTimeout: the device printed no prompt within the target's timeout. The shell is then in an
// unknown state and unusable: close it.
var ErrTimeout = errors.New("remote: the device did not answer in time")

// ErrClosed: the device (or Close) ended the session.
var ErrClosed = errors.New("remote: the session with the device ended")

// CommandError is a line the device refused with a `%` error. It unwraps to the switchctl error
// that words it the same way (a ParseError with the caret's position for the five syntax errors,
// else a CommandError), so switchctl.Message and switchctl.Caret render it as for a simulated
// device.
type CommandError struct {
	Line  string // the command line as sent
	Text  string // the device's error line, as printed (" % Unrecognized command found at '^' position.")
	Caret int    // the caret's offset in Line, or -1 when the device drew none
}

func (e *CommandError) Error() string { return strings.TrimSpace(e.Text) }

// Unwrap gives the switchctl error that prints as the device printed.
func (e *CommandError) Unwrap() error {
	if e.Caret >= 0 {
		for k := switchctl.Unrecognized; k <= switchctl.WrongParam; k++ {
			if strings.Contains(e.Text, k.String()+" found at") {
				return &switchctl.ParseError{Kind: k, Pos: e.Caret}
			}
		}
	}
	return &switchctl.CommandError{Text: e.Text}
}

// ConfirmError: the command asked a question ("... [Y/N]:") and nobody could answer it (no Asker,
// or the Asker declined); it was answered N (or interrupted) and did not run. It reads as vtyd's
// exec words the same refusal.
type ConfirmError struct {
	Line     string
	Question string
}

func (e *ConfirmError) Error() string {
	return "remote: " + e.Line + ": needs a confirmation (" + e.Question + ")"
}

func (e *ConfirmError) Unwrap() error { return switchctl.ErrNoAnswer }
