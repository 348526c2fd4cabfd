package tui

import (
	"reflect"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Fleet is the devices one console session may reach through the gateway: the fleet dashboard
// lists them, and Enter or `:dev NAME` opens one. Implementations are safe for concurrent use.
type Fleet interface {
	// Devices returns the devices the session may reach, sorted by name, as they are now. It must be
	// cheap (the dashboard calls it about once a second).
	Devices() []DeviceSummary
	// Open opens the named device for this session: a Backend whose sessions carry the session's user
	// and roles on that device (a login of its own there, on one of its VTY lines). An error says why
	// in words for the operator (all lines busy, device down, not allowed/unknown — one wording for both).
	Open(name string) (Backend, error)
}

// DeviceSummary is one row of the fleet dashboard.
type DeviceSummary struct {
	Name               string
	Model              string
	Address            string // host:port of the device's own SSH server, "" if none
	Tags               []string
	State              string // "up", or why not ("not started: address in use", "unreachable")
	Uptime             time.Duration
	PortsUp, PortsDown int
	Unsaved            bool // the running configuration differs from the saved one
	LogLevel           int  // the most severe log buffer entry of the last hour: 0 emergency .. 7 debug, -1 none
}

// fleetSeat is what a device's console knows of the fleet session it runs in. A Model without one
// is a single device's console and behaves as it always has.
type fleetSeat struct {
	device string // the device's name in the fleet
	// quit is the fleet's quit rule (it knows the other devices this session left unsaved); confirm
	// is Ctrl+C's: always a question.
	quit func(m *Model, confirm bool) tea.Cmd
	// names lists the fleet's devices, for Tab after `:dev `.
	names func() []string
}

// ended tells the fleet console that the device ended this console's session, and why: it goes
// back to the dashboard and says so.
func (s *fleetSeat) ended(why string) tea.Cmd {
	return func() tea.Msg { return deviceEndedMsg{why: why} }
}

// completeDev is Tab on the ":" line: `dev PREFIX` is completed to the one device name that starts
// with PREFIX, or as far as all that do agree. ok is false for a line that is not a `:dev`.
func completeDev(line string, names []string) (out string, ok bool) {
	verb, prefix, found := strings.Cut(strings.TrimLeft(line, " "), " ")
	if !found || (verb != "dev" && verb != "device") {
		return line, false
	}
	prefix = strings.TrimLeft(prefix, " ")
	common, n := "", 0
	for _, name := range names {
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		if n == 0 {
			common = name
		}
		for !strings.HasPrefix(name, common) {
			common = common[:len(common)-1]
		}
		n++
	}
	if n == 0 {
		return line, true
	}
	return verb + " " + common, true
}

// fleetKey is the key that goes back to the fleet dashboard from a device.
func fleetKey() Binding { return bind("F2", "fleet", "f2") }

// endMessage is why a backend ended: its own words when it has them.
func endMessage(b Backend) string {
	if e, ok := b.(interface{ EndMessage() string }); ok {
		if s := CleanLine(e.EndMessage()); s != "" {
			return s
		}
	}
	return "the device ended the session"
}

// deviceEndedMsg is a device console's session ending under it (reboot, quit, freed line).
type deviceEndedMsg struct{ why string }

// devSwitchMsg is `:dev NAME` typed in a device console: open NAME, or "" for the dashboard.
type devSwitchMsg struct{ name string }

// devMsg is a message of the device console opened gen-th: one that arrives after the console left
// that device (a late read, an event batch) is dropped, never given to the next device's.
type devMsg struct {
	gen int
	msg tea.Msg
}

// tuiPkg is this package's import path: the messages it defines belong to a device console.
var tuiPkg = reflect.TypeOf(devMsg{}).PkgPath()

// tagCmd makes the messages of a device console's command its own (devMsg); Bubble Tea's messages
// (quit, terminal queries) still go to the program, and a batch is tagged as it is unpacked.
// tea.Sequence would escape the tagging; the console does not use it.
func tagCmd(gen int, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			for i := range msg {
				msg[i] = tagCmd(gen, msg[i])
			}
			return msg
		default:
			if reflect.TypeOf(msg).PkgPath() != tuiPkg {
				return msg
			}
			return devMsg{gen: gen, msg: msg}
		}
	}
}
