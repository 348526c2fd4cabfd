package switchctl

import (
	"errors"
	"net"
	"sort"
	"sync"
	"time"
)

// service is the SSH service name Comware shows for the login.
func (i SessionInfo) service() string {
	if i.Service != "" {
		return i.Service
	}
	switch i.Proto {
	case "SFTP", "SCP", "NETCONF":
		return i.Proto
	}
	return "Stelnet"
}

// Login is a registered login; End deregisters it. Freed is closed when the login must end — an
// operator frees it (`free line`, `free ssh`), the device reboots, the line's idle timeout passes,
// the server shuts down — and Cause says which: the SSH layer then ends the session, whichever way
// the user is served, and calls End.
type Login struct {
	d       *Device
	ID      int // registration number, from 1; never reused while the device runs
	Info    SessionInfo
	Started time.Time
	freed   chan struct{}
	once    sync.Once
	cause   EndCause // set once, before freed closes

	mu   sync.Mutex
	last time.Time
}

// registry is the device's table of who is logged in.
type registry struct {
	mu     sync.Mutex
	nextID int
	logins map[int]*Login
}

// ErrNoSuchLine is returned by FreeLine when nobody holds the line.
var ErrNoSuchLine = errors.New("switchctl: no session on that line")

// pidBase makes process IDs look like a switch's: the first login is PID 1001.
const pidBase = 1000

// Register records a login and returns its handle. It logs the login as Comware does: a shell on a
// VTY line as `SHELL/5/SHELL_LOGIN: VTY logged in from IP.`, a login without a line (exec, SFTP,
// SCP) as `SSHS/6/SSHS_CONNECT: SSH user U (IP: IP) connected to the server successfully.`
func (d *Device) Register(info SessionInfo) *Login {
	now := d.now()
	r := &d.reg
	r.mu.Lock()
	if r.logins == nil {
		r.logins = map[int]*Login{}
	}
	r.nextID++
	l := &Login{d: d, ID: r.nextID, Info: info, Started: now, last: now, freed: make(chan struct{})}
	r.logins[l.ID] = l
	r.mu.Unlock()
	ip := remoteHost(info.Remote)
	if info.Line >= 0 {
		d.Logf("SHELL", SevNotification, "SHELL_LOGIN", "VTY logged in from %s.", ip)
	} else {
		d.Logf("SSHS", SevInformational, "SSHS_CONNECT", "SSH user %s (IP: %s) connected to the server successfully.", info.User, ip)
	}
	return l
}

// End deregisters the login and logs its end (SHELL_LOGOUT, or SSHS_DISCONNECT for a login without
// a line); calling it again does nothing.
func (l *Login) End() {
	r := &l.d.reg
	r.mu.Lock()
	_, was := r.logins[l.ID]
	delete(r.logins, l.ID)
	r.mu.Unlock()
	l.free()
	if !was {
		return
	}
	ip := remoteHost(l.Info.Remote)
	if l.Info.Line >= 0 {
		l.d.Logf("SHELL", SevNotification, "SHELL_LOGOUT", "VTY logged out from %s.", ip)
	} else {
		l.d.Logf("SSHS", SevInformational, "SSHS_DISCONNECT", "SSH user %s (IP: %s) disconnected from the server.", l.Info.User, ip)
	}
}

// Touch records activity, for idle times.
func (l *Login) Touch(now time.Time) {
	l.mu.Lock()
	l.last = now
	l.mu.Unlock()
}

// LastActive is the time of the last Touch.
func (l *Login) LastActive() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.last
}

// Pid is the login's process ID, as `display users` (Pid) and `display ssh server session`
// (UserPid) show it.
func (l *Login) Pid() int { return pidBase + l.ID }

// Freed is closed when the login must end.
func (l *Login) Freed() <-chan struct{} { return l.freed }

// EndWith ends the login for cause: Freed closes and Cause reports cause. The first cause wins, so
// a session ended by a reboot still says so when its idle timer strikes while it closes.
func (l *Login) EndWith(cause EndCause) {
	l.once.Do(func() {
		l.cause = cause
		close(l.freed)
	})
}

// Cause is why the login had to end, EndNone while it need not (read it after Freed closes).
func (l *Login) Cause() EndCause {
	select {
	case <-l.freed:
		return l.cause
	default:
		return EndNone
	}
}

func (l *Login) free() { l.EndWith(EndFreed) }

// Logins lists the registered logins by ID.
func (d *Device) Logins() []*Login {
	r := &d.reg
	r.mu.Lock()
	out := make([]*Login, 0, len(r.logins))
	for _, l := range r.logins {
		out = append(out, l)
	}
	r.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// lineLogins maps each held VTY line to its login.
func (d *Device) lineLogins() map[int]*Login {
	out := map[int]*Login{}
	for _, l := range d.Logins() {
		if l.Info.Line >= 0 {
			out[l.Info.Line] = l
		}
	}
	return out
}

// FreeLine ends the session on a VTY line: its Freed channel closes and the SSH layer closes the
// connection. ErrNoSuchLine when nobody holds the line.
func (d *Device) FreeLine(n int) error {
	l := d.lineLogins()[n]
	if l == nil {
		return ErrNoSuchLine
	}
	l.free()
	return nil
}

// freeAll ends every session (reboot).
func (d *Device) freeAll() {
	for _, l := range d.Logins() {
		l.EndWith(EndReboot)
	}
}

// remoteHost is the address part of host:port; an address without a port is returned as it is.
func remoteHost(remote string) string {
	if h, _, err := net.SplitHostPort(remote); err == nil {
		return h
	}
	return remote
}
