package sshsrv

import (
	"fmt"
	"sync"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// DefaultMaxSessions bounds the sessions that take no VTY line (exec, SFTP, SCP) when
// Config.MaxSessions is not set.
const DefaultMaxSessions = 1024

// vtyLines is the server's table of sessions: shells take a VTY line, the lowest free one as Comware
// hands them out, and the next shell beyond them is refused; exec, SFTP and SCP take none (as SFTP and
// SCP on Comware) and share a bounded number of slots instead.
type vtyLines struct {
	mu      sync.Mutex
	busy    []bool
	slots   int            // sessions without a line allowed at once
	used    int            // sessions without a line running
	perUser map[string]int // of used, by user
}

func newVTYLines(n int) *vtyLines {
	return &vtyLines{busy: make([]bool, n), slots: DefaultMaxSessions, perUser: map[string]int{}}
}

// setMaxSessions sets the bound of sessions without a line (n <= 0: DefaultMaxSessions). It is
// called while the server is built, before any session runs.
func (v *vtyLines) setMaxSessions(n int) {
	if n <= 0 {
		n = DefaultMaxSessions
	}
	v.slots = n
}

// userShare is how many of the sessions without a line one user may hold: half, so that one
// account (a read-only one, say, opening idle SFTP sessions) can never lock everyone else out.
func (v *vtyLines) userShare() int { return max(v.slots/2, 1) }

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

// takeSlot takes one of the slots of sessions without a line for user. ok is false when all are
// in use, or when user holds its share already (mine true then).
func (v *vtyLines) takeSlot(user string) (free func(), mine, ok bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.used >= v.slots {
		return nil, false, false
	}
	if v.perUser[user] >= v.userShare() {
		return nil, true, false
	}
	v.used++
	v.perUser[user]++
	var once sync.Once
	return func() {
		once.Do(func() {
			v.mu.Lock()
			defer v.mu.Unlock()
			v.used--
			if v.perUser[user]--; v.perUser[user] <= 0 {
				delete(v.perUser, user)
			}
		})
	}, false, true
}

// Messages of sessions refused for want of a line or a slot; shells get the first on their
// terminal, the others on stderr.
const (
	msgNoLine     = "%% All VTY lines are in use (%d); try again later.\n"
	msgNoSlot     = "%% The number of sessions reached the upper limit (%d); try again later.\n"
	msgNoUserSlot = "%% The number of sessions of user %s reached the upper limit (%d); try again later.\n"
	consoleGrace  = 2 * time.Second // how long a console gets to show why it ends before its session is closed
	eventsPerLine = 64              // device events a session holds before it loses some
)

// withSlot wraps a handler of sessions that take no line (the sftp subsystem) in the session limit.
func (s *Server) withSlot(h ssh.SubsystemHandler) ssh.SubsystemHandler {
	return func(sess ssh.Session) {
		user, _ := identity(sess)
		free, ok := s.slot(sess, user)
		if !ok {
			_ = sess.Exit(1)
			return
		}
		defer free()
		h(sess)
	}
}

// slot takes a session slot for user (exec, SFTP, SCP) or, when none is left to it, tells the
// client and the log why.
func (s *Server) slot(sess ssh.Session, user string) (free func(), ok bool) {
	free, mine, ok := s.lines.takeSlot(user)
	switch {
	case ok:
		return free, true
	case mine:
		s.log.Warn("ssh session refused: session limit of the user", "user", user,
			"remote", sess.RemoteAddr().String(), "limit", s.lines.userShare())
		fmt.Fprintf(sess.Stderr(), msgNoUserSlot, clip(user), s.lines.userShare())
	default:
		s.log.Warn("ssh session refused: session limit", "user", user,
			"remote", sess.RemoteAddr().String(), "limit", s.lines.slots)
		fmt.Fprintf(sess.Stderr(), msgNoSlot, s.lines.slots)
	}
	return nil, false
}

// register records a login over proto (SSH, SFTP, SCP) on line (-1: none) with the device and
// returns it with the identity its CLI session takes; End must be called when the session ends.
func (s *Server) register(sess ssh.Session, who caller, proto string, line int) (*switchctl.Login, switchctl.SessionInfo) {
	info := s.sessionInfo(sess.RemoteAddr().String(), who, proto, line)
	// display ssh server session shows the encryption the client's connection negotiated.
	if sc, ok := sess.Context().Value(ssh.ContextKeyConn).(*gossh.ServerConn); ok {
		if conn, ok := sc.Conn.(gossh.AlgorithmsConnMetadata); ok {
			info.Cipher = switchctl.AlgoName("cipher", conn.Algorithms().Read.Cipher)
		}
	}
	return s.d.Register(info), info
}

// registerFrom is register for a client at remote (host:port) whose session is not this server's
// own: a device of a fan-out, run on the gateway's connection.
func (s *Server) registerFrom(remote string, who caller, proto string, line int) (*switchctl.Login, switchctl.SessionInfo) {
	info := s.sessionInfo(remote, who, proto, line)
	return s.d.Register(info), info
}

func (s *Server) sessionInfo(remote string, who caller, proto string, line int) switchctl.SessionInfo {
	roles := who.roles
	if roles == nil {
		roles = s.d.UserRoles(who.user)
	}
	return switchctl.SessionInfo{User: who.user, Roles: roles, Line: line, Proto: proto, Remote: remote}
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
