package switchctl

import (
	"errors"
	"fmt"
	"strings"
)

// ParseKind is one of the five ways Comware rejects a command line.
type ParseKind int

// The parse error kinds, in Comware's wording order.
const (
	Unrecognized ParseKind = iota
	Incomplete
	Ambiguous
	TooMany
	WrongParam
)

var parseKindText = [...]string{
	Unrecognized: "Unrecognized command",
	Incomplete:   "Incomplete command",
	Ambiguous:    "Ambiguous command",
	TooMany:      "Too many parameters",
	WrongParam:   "Wrong parameter",
}

func (k ParseKind) String() string { return parseKindText[k] }

// ParseError is a line the grammar rejected; Pos is the byte offset in the line under which Comware
// draws its caret.
type ParseError struct {
	Kind ParseKind
	Pos  int
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("switchctl: %s found at position %d", e.Kind, e.Pos)
}

// Comware reports what the device refuses in its own words; these sentinels let callers test for the
// reason with errors.Is while Message gives the text the device prints.
var (
	ErrPermissionDenied = errors.New("switchctl: permission denied")
	ErrLineTooLong      = errors.New("switchctl: command line longer than 511 characters")
	ErrNoAnswer         = errors.New("switchctl: the command asks for confirmation and nobody can answer")
	ErrAborted          = errors.New("switchctl: command aborted")
	ErrSessionEnd       = errors.New("switchctl: the session ended")
	ErrInvalidValue     = errors.New("switchctl: invalid value")
	ErrNotFound         = errors.New("switchctl: no such object")
	ErrInUse            = errors.New("switchctl: object in use")
	ErrUnsupported      = errors.New("switchctl: not supported")
	ErrFile             = errors.New("switchctl: file operation failed")
)

// MaxLineLen is the size of Comware's edit buffer: a longer line is not executed.
const MaxLineLen = 511

// CommandError is a refusal worded as the device prints it; Err is the sentinel behind it.
type CommandError struct {
	Text string
	Err  error
}

func (e *CommandError) Error() string { return "switchctl: " + e.Text }
func (e *CommandError) Unwrap() error { return e.Err }

// refuse builds a CommandError with Comware's text for a sentinel reason.
func refuse(reason error, format string, args ...any) error {
	return &CommandError{Text: fmt.Sprintf(format, args...), Err: reason}
}

// Message is the text a Comware device prints for err (without a caret line; see Caret).
func Message(err error) string {
	if err == nil {
		return ""
	}
	var pe *ParseError
	var ce *CommandError
	switch {
	case errors.As(err, &pe):
		return " % " + pe.Kind.String() + " found at '^' position."
	case errors.As(err, &ce):
		return ce.Text
	case errors.Is(err, ErrPermissionDenied):
		return "Permission denied."
	case errors.Is(err, ErrLineTooLong):
		return " % The command line is too long (maximum 511 characters); it was not executed."
	case errors.Is(err, ErrNoAnswer):
		return "This command needs a confirmation that cannot be given here; use its force form or an interactive session."
	}
	return strings.TrimPrefix(err.Error(), "switchctl: ")
}

// Caret is the caret line Comware prints above a parse error for a line typed after a prompt of
// promptLen characters, or "" when err carries no position.
func Caret(err error, promptLen int) string {
	var pe *ParseError
	if !errors.As(err, &pe) {
		return ""
	}
	return strings.Repeat(" ", promptLen+pe.Pos) + "^"
}
