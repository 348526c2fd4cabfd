package audit

import (
	"encoding/json"
	"time"
)

// Results of a command, the values of Record.Result.
const (
	ResultOK      = "ok"
	ResultError   = "error"
	ResultTimeout = "timeout"
	ResultRefused = "refused" // the gateway refused the line; the device never saw it
)

// Kinds of session a command came from, the values of Record.Kind.
const (
	KindExec    = "exec"
	KindCLI     = "cli"
	KindConsole = "console"
	KindPaste   = "paste"
	KindAction  = "action"
)

// timeLayout is RFC 3339 with milliseconds, always in UTC ("Z").
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// Record is one command run on a device. Its JSON form is the line written to the log; the field
// names are documented in the package comment.
type Record struct {
	Time       time.Time     // when the command was entered; Log.Write sets it when zero
	User       string        // gateway user
	Source     string        // the gateway user's address
	Device     string        // device name
	DeviceUser string        // account on the device
	Prompt     string        // the prompt (the view) the command was typed at
	Command    string        // the command line; Log.Write masks its secrets
	Result     string        // ResultOK, ResultError, ResultTimeout or ResultRefused
	Error      string        // the error line or reason when Result is not ok
	Duration   time.Duration // Enter to the next prompt
	Op         string        // operation id shared by the lines of one paste or exec
	Session    string        // gateway session id
	Kind       string        // KindExec, KindCLI, KindConsole, KindPaste or KindAction
}

// recordJSON is Record as written: the order and names of the fields are the file format.
type recordJSON struct {
	Time       string `json:"time"`
	User       string `json:"user"`
	Source     string `json:"src"`
	Device     string `json:"device"`
	DeviceUser string `json:"device_user"`
	Prompt     string `json:"prompt"`
	Command    string `json:"cmd"`
	Result     string `json:"result"`
	Error      string `json:"error"`
	DurationMS int64  `json:"duration_ms"`
	Op         string `json:"op"`
	Session    string `json:"session"`
	Kind       string `json:"kind"`
}

// MarshalJSON writes r in the log's format. Prompts stay as the device prints them (<core1>, not
// \u003ccore1\u003e): the log is read with grep as much as with jq, and never embedded in HTML.
func (r Record) MarshalJSON() ([]byte, error) {
	return appendRecord(make([]byte, 0, 256), r), nil
}

// UnmarshalJSON reads a line of the log back, for tools and tests.
func (r *Record) UnmarshalJSON(b []byte) error {
	var j recordJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, j.Time)
	if err != nil {
		return err
	}
	*r = Record{Time: t, User: j.User, Source: j.Source, Device: j.Device, DeviceUser: j.DeviceUser,
		Prompt: j.Prompt, Command: j.Command, Result: j.Result, Error: j.Error,
		Duration: time.Duration(j.DurationMS) * time.Millisecond, Op: j.Op, Session: j.Session, Kind: j.Kind}
	return nil
}

// line is r as one log line: masked, timed, "\n"-terminated.
func (r Record) line(now time.Time) ([]byte, error) {
	if r.Time.IsZero() {
		r.Time = now
	}
	r.Command = Mask(r.Command)
	return append(appendRecord(make([]byte, 0, 256), r), '\n'), nil
}
