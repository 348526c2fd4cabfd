package netconf

import (
	"sort"
	"strconv"
	"strings"

	"vtyd/switchctl"
)

// The session operations: lock and unlock of running, close-session, kill-session.

// runningTarget checks that a <lock>/<unlock> names <target><running/></target>: Comware has no
// candidate or startup datastore to lock.
func runningTarget(op *node) *RPCError {
	t := op.kid("target")
	if t == nil || len(t.kids) != 1 {
		return &RPCError{Type: "protocol", Tag: "missing-element", Message: "The target element is missing.",
			Info: []infoItem{{"bad-element", "target"}}}
	}
	if t.kids[0].name.Local != "running" {
		return invalidValue("/rpc/"+op.name.Local+"/target", "Only the running configuration can be locked.")
	}
	return nil
}

func (s *session) lock(op *node) (string, *RPCError) {
	if e := runningTarget(op); e != nil {
		return "", e
	}
	if holder, ok := s.d.LockRunning(s.login); !ok {
		// The words of the HPE 5940's and 5510 HI's configuration guides ("Example for locking the
		// configuration"): it is NETCONF's lock, which holds off NETCONF changes only (README).
		return "", &RPCError{Type: "protocol", Tag: "lock-denied",
			Message: "Lock failed because the NETCONF lock is held by another session.",
			Info:    []infoItem{{"session-id", strconv.Itoa(holder)}}}
	}
	return okReply, nil
}

// unlock's failure says "Unlock Failed": pyhpecw7 tells an UnlockConflictError by those words.
func (s *session) unlock(op *node) (string, *RPCError) {
	if e := runningTarget(op); e != nil {
		return "", e
	}
	if !s.d.UnlockRunning(s.login) {
		return "", operationFailed("Unlock Failed, because the configuration is not locked by this session.")
	}
	return okReply, nil
}

// closeSession answers <ok/> and ends the session after the reply; the lock it held goes with the
// login.
func (s *session) closeSession(*node) (string, *RPCError) {
	s.d.UnlockRunning(s.login)
	s.closed = true
	return okReply, nil
}

// killSession ends another NETCONF session: its login is ended as `free` ends one, which closes its
// stream, and the lock it held is let go.
func (s *session) killSession(op *node) (string, *RPCError) {
	idEl := op.kid("session-id")
	if idEl == nil {
		return "", &RPCError{Type: "protocol", Tag: "missing-element", Message: "The session-id element is missing.",
			Info: []infoItem{{"bad-element", "session-id"}}}
	}
	id, err := strconv.Atoi(idEl.value())
	path := "/rpc/kill-session/session-id"
	if err != nil || id <= 0 {
		return "", invalidValue(path, "The session ID is invalid.")
	}
	if id == s.login.ID {
		return "", invalidValue(path, "A session cannot kill itself; use close-session.")
	}
	for _, l := range s.d.Logins() {
		if l.ID == id && (l.Info.Service == "NETCONF" || l.Info.Proto == "NETCONF") {
			l.EndWith(switchctl.EndFreed)
			return okReply, nil
		}
	}
	return "", invalidValue(path, "The session does not exist.")
}

// getSessions lists the NETCONF sessions, as an HPE 5940 answers <get-sessions> (exsver/netconf's
// test fixture): SessionID, Line, UserName, Since and LockHeld.
func (s *session) getSessions(*node) (string, *RPCError) {
	holder := s.d.RunningLockHolder()
	var b strings.Builder
	b.WriteString("<get-sessions>")
	logins := s.d.Logins()
	sort.Slice(logins, func(i, j int) bool { return logins[i].ID < logins[j].ID })
	for _, l := range logins {
		if l.Info.Service != "NETCONF" && l.Info.Proto != "NETCONF" {
			continue
		}
		line := "vty" + strconv.Itoa(l.Info.Line)
		if l.Info.Line < 0 {
			line = "" // a NETCONF over SSH session takes no VTY line
		}
		b.WriteString("<Session>")
		el(&b, "SessionID", strconv.Itoa(l.ID))
		el(&b, "Line", line)
		el(&b, "UserName", l.Info.User)
		el(&b, "Since", l.Started.Format("2006-01-02T15:04:05"))
		el(&b, "LockHeld", strconv.FormatBool(l.ID == holder))
		b.WriteString("</Session>")
	}
	b.WriteString("</get-sessions>")
	return b.String(), nil
}
