package switchctl

import (
	"errors"
	"sort"
	"sync"
	"time"
)

// LoginInfo describes a login the SSH layer registers with the device.
type LoginInfo struct {
	User   string
	Roles  []string
	Line   int    // VTY line, -1 for exec, SFTP and SCP, which take none
	Proto  string // "SSH", "SFTP", "SCP"
	Remote string // host:port of the client
}

// Login is a registered login; End deregisters it. Freed is closed when an operator frees its line
// (`free line vty N`) or the device reboots: the SSH layer then ends the session.
type Login struct {
	reg     *registry
	ID      int
	Info    LoginInfo
	Started time.Time
	freed   chan struct{}
	once    sync.Once

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

// Register records a login and returns its handle.
func (d *Device) Register(info LoginInfo) *Login {
	now := d.now()
	r := &d.reg
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.logins == nil {
		r.logins = map[int]*Login{}
	}
	r.nextID++
	l := &Login{reg: r, ID: r.nextID, Info: info, Started: now, last: now, freed: make(chan struct{})}
	r.logins[l.ID] = l
	return l
}

// End deregisters the login; calling it again does nothing.
func (l *Login) End() {
	l.reg.mu.Lock()
	delete(l.reg.logins, l.ID)
	l.reg.mu.Unlock()
	l.free()
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

// Freed is closed when the login must end.
func (l *Login) Freed() <-chan struct{} { return l.freed }

func (l *Login) free() { l.once.Do(func() { close(l.freed) }) }

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

// FreeLine ends the session on a VTY line.
func (d *Device) FreeLine(n int) error {
	for _, l := range d.Logins() {
		if l.Info.Line == n {
			l.free()
			return nil
		}
	}
	return ErrNoSuchLine
}

// freeAll ends every session (reboot).
func (d *Device) freeAll() {
	for _, l := range d.Logins() {
		l.free()
	}
}
