package sshsrv

import (
	"fmt"
	"sync"
	"time"

	"charm.land/ssh"

	"vtyd/switchctl"
)

// DefaultMaxSessions bounds the sessions that take no VTY line (exec, SFTP, SCP) when
// Config.MaxSessions is not set.
const DefaultMaxSessions = 1024

// vtyLines is the server's table of sessions: shells take a VTY line, the lowest free one as Comware
// hands them out, and the next shell beyond them is refused; exec, SFTP and SCP take none (as SFTP and
// SCP on Comware) and share a bounded number of slots instead.
type vtyLines struct {
	mu    sync.Mutex
	busy  []bool
	slots chan struct{} // one token per running session without a line
}

func newVTYLines(n int) *vtyLines {
	return &vtyLines{busy: make([]bool, n), slots: make(chan struct{}, DefaultMaxSessions)}
}

// setMaxSessions sets the bound of sessions without a line (n <= 0: DefaultMaxSessions). It is
// called while the server is built, before any session runs.
func (v *vtyLines) setMaxSessions(n int) {
	if n <= 0 {
		n = DefaultMaxSessions
	}
	v.slots = make(chan struct{}, n)
}

// take returns a free line and a function that frees it, or ok false when every line is in use.
func (v *vtyLines) take() (line int, free func(), ok bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, b := range v.busy {
		if !b {
			v.busy[i] = true
			var once sync.Once
			return i, func() {
				once.Do(func() {
					v.mu.Lock()
					v.busy[i] = false
					v.mu.Unlock()
				})
			}, true
		}
	}
	return -1, nil, false
}

// takeSlot takes one of the slots of sessions without a line; ok is false when all are in use.
func (v *vtyLines) takeSlot() (free func(), ok bool) {
	select {
	case v.slots <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-v.slots }) }, true
	default:
		return nil, false
	}
}

// Messages of sessions refused for want of a line or a slot; shells get the first on their
// terminal, the others on stderr.
const (
	msgNoLine     = "%% All VTY lines are in use (%d); try again later.\n"
	msgNoSlot     = "%% The number of sessions reached the upper limit (%d); try again later.\n"
	consoleGrace  = 2 * time.Second // how long a console gets to show why it ends before its session is closed
	eventsPerLine = 64              // device events a session holds before it loses some
)

// withSlot wraps a handler of sessions that take no line (the sftp subsystem) in the session limit.
func (s *Server) withSlot(h ssh.SubsystemHandler) ssh.SubsystemHandler {
	return func(sess ssh.Session) {
		free, ok := s.lines.takeSlot()
		if !ok {
			s.log.Warn("ssh session refused: session limit", "subsystem", sess.Subsystem(),
				"remote", sess.RemoteAddr().String(), "limit", cap(s.lines.slots))
			fmt.Fprintf(sess.Stderr(), msgNoSlot, cap(s.lines.slots))
			_ = sess.Exit(1)
			return
		}
		defer free()
		h(sess)
	}
}

// register records a login with the device; End must be called when the session ends.
func (s *Server) register(sess ssh.Session, user string, line int) *switchctl.Login {
	return s.d.Register(switchctl.LoginInfo{User: user, Roles: s.d.UserRoles(user), Line: line,
		Proto: "SSH", Remote: sess.RemoteAddr().String()})
}

// idleTimeout returns the idle timeout of VTY line n as its settings say now (0: never), so that
// `idle-timeout` applies to sessions already on the line.
func (s *Server) idleTimeout(n int) func() time.Duration {
	return func() time.Duration {
		lc, ok := s.d.Line(n)
		if !ok {
			return 0
		}
		return time.Duration(lc.IdleMin)*time.Minute + time.Duration(lc.IdleSec)*time.Second
	}
}
