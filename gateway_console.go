package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"vtyd/gateway"
	"vtyd/remote"
	"vtyd/sshsrv"
	"vtyd/themes"
	"vtyd/tui"
)

// gatewayConsole is the console on the gateway: a console over every device the account may reach
// (tui.Fleet), opened on the device the login name named or on the fleet dashboard.
type gatewayConsole struct {
	front *gateway.Front
	audit sshsrv.Audit // nil: none kept
	h     tui.Handler
}

func newGatewayConsole(front *gateway.Front, au sshsrv.Audit, cat *themes.Catalog, theme string, log *slog.Logger) *gatewayConsole {
	return &gatewayConsole{front: front, audit: au, h: tui.Handler{Themes: cat, Theme: theme, Logger: log}}
}

// ServeConsole implements sshsrv.ConsoleHandler. The session's own login is the gateway's; each
// device it opens is a login of the account on that device (sessionFleet.Open).
func (c *gatewayConsole) ServeConsole(s *sshsrv.ConsoleSession) int {
	if s.Gateway == nil { // the gateway's server sets it on every console
		return 1
	}
	f := &sessionFleet{ctx: s.Context, front: c.front, account: s.Gateway.Account, remote: s.CLI.Info().Remote,
		audit: c.audit, id: s.Gateway.Session}
	defer f.closeAll()
	return serveTerminal(&c.h, s, f)
}

// sessionFleet is the fleet one gateway console reaches: the account's devices.
type sessionFleet struct {
	ctx             context.Context // the console's: a real switch's backend ends with it
	front           *gateway.Front
	account, remote string
	audit           sshsrv.Audit // records the lines run on devices; nil for none
	id              string       // the console's session id in the audit

	mu   sync.Mutex
	open map[*attached]struct{} // backends not yet closed, closed when the console ends
}

var _ tui.Fleet = (*sessionFleet)(nil)

// Devices implements tui.Fleet.
func (f *sessionFleet) Devices() []tui.DeviceSummary {
	devs := f.front.Reachable(f.account)
	out := make([]tui.DeviceSummary, len(devs))
	for i, d := range devs {
		s := tui.DeviceSummary{Name: d.Name, Model: d.Model, Address: d.Address, Tags: d.Tags, State: d.State, LogLevel: -1}
		if s.State == "" && d.Health != nil {
			s.State = d.Health()
		}
		if d.Server != nil {
			sum := d.Server.Device().Summary()
			s.State, s.Uptime, s.PortsUp, s.PortsDown = "up", sum.Uptime, sum.PortsUp, sum.PortsDown
			s.Unsaved, s.LogLevel = sum.Unsaved, sum.LogLevel
		}
		out[i] = s
	}
	return out
}

// errNotReachable is the one answer for a device that does not exist and one that is not the
// account's: names cannot be probed.
var errNotReachable = errors.New("no such device, or not one of yours")

// Open implements tui.Fleet: a login of the account on the device, on one of its VTY lines.
func (f *sessionFleet) Open(name string) (tui.Backend, error) {
	r, ok := f.front.Reach(f.account, name)
	if rs, real := r.Remote.(*remoteSwitch); ok && real {
		// A real switch: its own login, over the gateway's pooled connection to it.
		b, err := remote.NewBackend(f.ctx, rs.pool, rs.target, rs.poll)
		if err == nil && f.audit != nil {
			b.(*remote.Backend).Observe(f.observer(name, rs.target.User))
		}
		return b, err
	}
	if !ok {
		if d, mine := f.front.Device(f.account, name); mine && d.State != "" {
			return nil, errors.New(d.State)
		}
		return nil, errNotReachable
	}
	a, err := r.Server.Attach(f.account, r.Roles, f.remote)
	if err != nil {
		return nil, err
	}
	b := &attached{SwitchBackend: tui.NewSwitchBackend(a.Device, a.CLI), a: a, events: make(chan tui.Event, 16),
		stop: make(chan struct{}), fleet: f}
	if f.audit != nil {
		b.Observe(f.observer(name, f.account))
	}
	go b.relay()
	f.mu.Lock()
	if f.open == nil {
		f.open = map[*attached]struct{}{}
	}
	f.open[b] = struct{}{}
	f.mu.Unlock()
	return b, nil
}

// Touch tells the logins the console holds on devices of a key: their idle time, as `display
// users` on the device shows it, is the operator's.
func (f *sessionFleet) Touch(now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for b := range f.open {
		b.a.Login.Touch(now)
	}
}

// closeAll closes what the console left open.
func (f *sessionFleet) closeAll() {
	f.mu.Lock()
	open := f.open
	f.open = nil
	f.mu.Unlock()
	for b := range open {
		_ = b.Close()
	}
}

// attached is a device's backend for a gateway console, holding the account's login there. Its
// events channel closes when the device ends the login (free line, reboot, shutdown), which tells
// the console to leave the device; EndMessage says why.
type attached struct {
	*tui.SwitchBackend
	a      *sshsrv.Attachment
	events chan tui.Event
	stop   chan struct{}
	once   sync.Once
	fleet  *sessionFleet
}

// relay passes the device's events on until the login ends or the console closes the backend.
func (b *attached) relay() {
	defer close(b.events)
	in := b.SwitchBackend.Events()
	for {
		select {
		case ev, ok := <-in:
			if !ok {
				return
			}
			select {
			case b.events <- ev:
			default: // the console is behind: it refreshes on the next event or tick
			}
		case <-b.a.Login.Freed():
			return
		case <-b.stop:
			return
		}
	}
}

// Events implements tui.Backend.
func (b *attached) Events() <-chan tui.Event { return b.events }

// EndMessage says why the device ended the login, in the words the CLI uses.
func (b *attached) EndMessage() string { return b.a.Login.Cause().Message() }

// Close implements tui.Backend: it ends the login and frees its line.
func (b *attached) Close() error {
	b.once.Do(func() {
		close(b.stop)
		_ = b.SwitchBackend.Close()
		b.a.Close()
		b.fleet.mu.Lock()
		delete(b.fleet.open, b)
		b.fleet.mu.Unlock()
	})
	return nil
}

// observer records the lines the console runs on a device for the operator.
func (f *sessionFleet) observer(device, deviceUser string) tui.ObserveFunc {
	who := sshsrv.AuditedSession{ID: f.id, User: f.account, Source: f.remote, Device: device, DeviceUser: deviceUser}
	return func(o tui.Observed) {
		f.audit.Command(sshsrv.AuditedCommand{AuditedSession: who, Kind: o.Kind, Op: o.Op, Prompt: o.Ran.Prompt,
			Command: o.Ran.Line, Masked: o.Ran.Masked, Err: o.Ran.Err, At: time.Now().Add(-o.Ran.Took), Took: o.Ran.Took})
	}
}
