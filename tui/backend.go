package tui

import (
	"context"
	"errors"
	"io"
	"sync"

	"vtyd/switchctl"
)

// Shell is one CLI session on the device: the console runs display commands and actions through
// it and nothing else, so that it works unchanged in front of a real switch.
type Shell interface {
	// Exec runs one command line and writes its output to w. Errors read as the device words them
	// through switchctl.Message (and switchctl.Caret for a position).
	Exec(ctx context.Context, line string, w io.Writer) error
	// Prompt is the prompt for the next line: <Sysname>, [Sysname], [Sysname-vlan10].
	Prompt() string
	// Help answers "?" typed at the end of line.
	Help(line string, w io.Writer) error
	// Complete is Tab: the completed line, or the line unchanged and the candidates.
	Complete(line string) (string, []string)
	// Check parses a batch through its view changes without running it and returns the index of
	// the first line it rejects (-1 when all parse) and why. A device that cannot check a batch
	// without running it (a real switch has no dry run) returns -1 and ErrNoDryRun: the console
	// then shows the batch unchecked and runs it, line by line and stopping at the first error,
	// only when the operator asks.
	Check(lines []string) (int, error)
	// Reset returns to user view (Ctrl+Z).
	Reset()
	// SetAsker sets who answers the questions commands ask ("... [Y/N]:"); nil refuses them.
	SetAsker(a Asker)
}

// ErrNoDryRun is what Shell.Check returns on a device that cannot check a batch without running it.
var ErrNoDryRun = errors.New("tui: the device cannot check commands without running them")

// Asker answers a command's questions; it is the switchctl type, which a backend for a real switch
// drives from the prompts the switch prints.
type Asker = switchctl.Asker

// Event is a change on the device (a configuration change, a log line, a reboot). It is the
// switchctl type: a backend for a real switch makes the same values by polling.
type Event = switchctl.Event

// The event kinds the console reacts to.
const (
	EventConfig = switchctl.EventConfig
	EventLog    = switchctl.EventLog
	EventReboot = switchctl.EventReboot
)

// Backend is the device as one console session sees it: two CLI sessions and a stream of events.
type Backend interface {
	// CLI is the session behind the CLI line: typed and pasted commands, with its own view stack.
	CLI() Shell
	// Console is the session the views read through and the actions run on; it is returned to user
	// view after each action, so actions do not disturb what the operator is typing.
	Console() Shell
	// Events delivers device events; the channel may drop events when the console falls behind,
	// which only delays a refresh. Nil means no events (views refresh on demand only).
	Events() <-chan Event
	// Close releases the event subscription.
	Close() error
}

// Backends opens the device behind one console session; t says who logged in.
type Backends func(t Terminal) (Backend, error)

// SwitchBackends opens the embedded switchctl device for each session: its two CLI sessions carry
// the login's user, roles, line and address, so the device logs and shows them as the user's.
func SwitchBackends(d *switchctl.Device) Backends {
	return func(t Terminal) (Backend, error) {
		return NewSwitchBackend(d, d.NewSession(switchctl.SessionInfo{User: t.User, Roles: t.Roles, Line: t.Line,
			Proto: "SSH", Remote: t.Remote})), nil
	}
}

// SwitchBackend is the Backend of the embedded switchctl device.
type SwitchBackend struct {
	dev          *switchctl.Device // its flash: takes ":save-to" (export_flash.go)
	cli, console *lockedSession
	events       <-chan Event
	unsubscribe  func()
}

// NewSwitchBackend fronts the device for one login: cli is the login's CLI session (opened by the
// SSH layer with the login's line and roles); the console session is opened beside it with the same
// identity, so the device logs actions under the user who ran them.
func NewSwitchBackend(d *switchctl.Device, cli *switchctl.Session) *SwitchBackend {
	ch, unsub := d.Subscribe(256)
	return &SwitchBackend{
		dev:         d,
		cli:         &lockedSession{s: cli},
		console:     &lockedSession{s: d.NewSession(cli.Info())},
		events:      ch,
		unsubscribe: unsub,
	}
}

// Observe has the lines the operator runs told to f (the gateway's audit), before the console runs
// anything: the CLI pane's lines as "console" or as the paste they belong to, the actions' lines as
// "action" — not the display commands the views read the device with, which nobody typed.
func (b *SwitchBackend) Observe(f ObserveFunc) {
	b.cli.s.Observe(func(r switchctl.Ran) { ObservedLine(&b.cli.OpTracker, false, r, f) })
	b.console.s.Observe(func(r switchctl.Ran) { ObservedLine(&b.console.OpTracker, true, r, f) })
}

// CLI implements Backend.
func (b *SwitchBackend) CLI() Shell { return b.cli }

// Console implements Backend.
func (b *SwitchBackend) Console() Shell { return b.console }

// Events implements Backend.
func (b *SwitchBackend) Events() <-chan Event { return b.events }

// Close implements Backend.
func (b *SwitchBackend) Close() error {
	b.unsubscribe()
	return nil
}

// lockedSession serialises a switchctl.Session, which one goroutine at a time may use: the console
// runs commands from Bubble Tea command goroutines.
type lockedSession struct {
	OpTracker // the operation its lines belong to, for the audit
	mu        sync.Mutex
	s         *switchctl.Session
}

func (l *lockedSession) Exec(ctx context.Context, line string, w io.Writer) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s.Exec(ctx, line, w)
}

func (l *lockedSession) Prompt() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s.Prompt()
}

func (l *lockedSession) Help(line string, w io.Writer) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s.Help(line, w)
}

func (l *lockedSession) Complete(line string) (string, []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s.Complete(line)
}

func (l *lockedSession) Check(lines []string) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.s.Check(lines)
}

func (l *lockedSession) SetAsker(a Asker) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.s.SetAsker(a)
}

func (l *lockedSession) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.s.CtrlZ()
}

// errText is an error as the device prints it.
func errText(err error) string { return switchctl.Message(err) }

// caret is the caret line under a command typed after a prompt of promptLen characters, or "".
func caret(err error, promptLen int) string { return switchctl.Caret(err, promptLen) }
