package sshsrv

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"charm.land/ssh"

	"vtyd/switchctl"
)

// Audit is where the gateway records what its sessions do on devices (Config.Audit, with
// Config.Gateway; main wires package audit): a record per command, and the screen of every
// interactive session.
type Audit interface {
	// Command records one line run on a device. It returns once the record is kept; a failure is
	// the audit's to report.
	Command(c AuditedCommand)
	// Recording starts recording an interactive session's output; nil when none is kept.
	Recording(s AuditedSession, term string, width, height int) Recorder
	// Begin says a command of the session with that ID is under way: its record will follow, and
	// the audit may hold other sessions' records a moment to keep them together.
	Begin(id string)
	// Ended says the session with that ID records no more: the audit need not wait for it.
	Ended(id string)
}

// AuditedSession is who did something on which device, from where.
type AuditedSession struct {
	ID         string // the gateway session
	User       string // the gateway account
	Source     string // its address, host:port
	Device     string // the device's name ("" for the fleet console before it opens one)
	DeviceUser string // the account on the device
}

// Kinds of session a command came from (AuditedCommand.Kind).
const (
	AuditExec    = "exec"
	AuditCLI     = "cli"
	AuditConsole = "console"
	AuditPaste   = "paste" // the lines of one paste, under the paste's op (switchctl.Ran.Paste)
)

// AuditedCommand is one line run on a device.
type AuditedCommand struct {
	AuditedSession
	Kind    string // AuditExec, AuditCLI, AuditConsole, AuditPaste
	Op      string // shared by the lines of one exec or paste; "" for a command of its own
	Prompt  string
	Command string // with the secrets the grammar knows masked when Masked
	Masked  bool
	Err     error // nil when it succeeded
	At      time.Time
	Took    time.Duration
}

// Recorder records one session's screen.
type Recorder interface {
	Output(p []byte)
	Resize(width, height int)
	Close() error
}

// newAuditID is a session or operation id: random, so that ids from a restarted gateway never
// repeat those already in the log.
func newAuditID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// audited is a gateway session's audit: nil when the gateway keeps none.
type audited struct {
	a    Audit
	sess AuditedSession
}

// observe has cs's lines recorded as kind, under op.
func (au *audited) observe(cs *switchctl.Session, kind, op string) {
	if f := au.observer(kind, op); f != nil {
		cs.Observe(f)
	}
}

// observer records the lines it is told of as kind, under op, and a paste's lines as its; nil
// without an audit.
func (au *audited) observer(kind, op string) func(switchctl.Ran) {
	if au == nil {
		return nil
	}
	return func(r switchctl.Ran) {
		kind, op := kind, op
		if r.Paste != "" {
			kind, op = AuditPaste, r.Paste
		}
		au.a.Command(AuditedCommand{AuditedSession: au.sess, Kind: kind, Op: op, Prompt: r.Prompt, Command: r.Line,
			Masked: r.Masked, Err: r.Err, At: time.Now().Add(-r.Took), Took: r.Took})
	}
}

// begin tells the audit that a command of the session is under way (an exec's).
func (au *audited) begin() {
	if au != nil {
		au.a.Begin(au.sess.ID)
	}
}

// ended tells the audit that the session records no more.
func (au *audited) ended() {
	if au != nil {
		au.a.Ended(au.sess.ID)
	}
}

// on is the audit of the session's work on one device of a fan-out, as user on it; nil without
// an audit.
func (au *audited) on(device, user string) *audited {
	if au == nil {
		return nil
	}
	d := *au
	d.sess.Device, d.sess.DeviceUser = device, user
	return &d
}

// auditFor starts the audit of a gateway session on device (account "" for none).
func (s *Server) auditFor(sess ssh.Session, account, device string) *audited {
	if s.cfg.Audit == nil {
		return nil
	}
	return &audited{a: s.cfg.Audit, sess: AuditedSession{ID: newAuditID(), User: account,
		Source: sess.RemoteAddr().String(), Device: device, DeviceUser: account}}
}

// recorded is a session whose output is recorded as well as sent.
type recorded struct {
	ssh.Session
	rec Recorder
}

func (r recorded) Write(p []byte) (int, error) {
	n, err := r.Session.Write(p)
	if n > 0 {
		r.rec.Output(p[:n])
	}
	return n, err
}

// unwrap is the session the SSH library made: what the PTY table knows.
func unwrap(sess ssh.Session) ssh.Session {
	if r, ok := sess.(recorded); ok {
		return r.Session
	}
	return sess
}
