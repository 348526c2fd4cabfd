package sshsrv

import (
	"context"
	"fmt"
	"io"
	"net/netip"
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// Gateway makes a Server the gateway (Config.Gateway): one SSH address in front of many devices,
// with users of its own. A login name is an account and, after its first '@', the device it goes
// to: `ssh alice@core1@HOST`. Authentication is the gateway's (the account's password or keys),
// with everything else a device server does at the door: admission, penalties, MaxStartups,
// identity from the signing key, sshd's log lines. A session on a device is then handed over to
// that device's own server, which serves it as its own (exec, line CLI, SFTP, SCP) for the account
// with the roles the gateway gives it; a console stays on the gateway, where it can reach every
// device of the account (ConsoleSession.Gateway). A device part that names several devices
// (`alice@tag:access`, IsSelector) runs an exec on each of them (fanexec.go). The gateway's own
// SSH settings and host keys are those of the Server's device, on which nobody logs in.
type Gateway interface {
	CheckPassword(account, password string) bool
	CheckPublicKey(account string, key gossh.PublicKey) bool
	// Known reports whether the account exists, for sshd's "Invalid user" lines.
	Known(account string) bool
	// Reach returns where the account's session on the device goes; ok is false when the device
	// does not exist or is not the account's to reach — one answer for both, so that device names
	// cannot be probed.
	Reach(account, device string) (r Route, ok bool)
	// Roles are the roles of the account's own login on the gateway (its console).
	Roles(account string) []string
	// List writes the devices the account may reach, for an exec or a shell that names none.
	List(account string, w io.Writer) error
	// Select resolves a fan-out's selector (fanexec.go) for the account: the devices its terms
	// name, in the terms' order, each once. Globs and tags match only among the devices the
	// account may reach (the others stay invisible, as in List); a name it may not reach, or that
	// does not exist, refuses the whole selector (*UnreachableError naming them all). A device the
	// account may reach that cannot be run now (not started, no account on the switch for its
	// role) is selected with Down saying why.
	Select(account string, terms []Term) ([]Selected, error)
}

// Route is where a gateway session on a device goes, and as whom: a simulated device of this
// process (Server), or a real switch over SSH (Remote).
type Route struct {
	Server *Server
	Remote Remote
	Roles  []string // the device roles the account gets: the server's login takes them
}

// Remote is a real switch behind the gateway, reached over SSH (package remote, wired by main).
// Each method serves one session until it ends or ctx does, and returns the session's exit status;
// what went wrong is written to stderr for the client.
type Remote interface {
	// User is the account the gateway logs in to the switch as: the audit's device user.
	User() string
	// Exec runs a command string with the exec contract of a simulated device: each line's output
	// on stdout, Comware's errors on stderr, status 1 when a line failed. observe, when not nil,
	// is told of each line run (the audit). err, when not nil, says the switch could not be
	// reached or the session with it ended part-way (status is then 1): it is not written to
	// stderr, so that a fan-out can tell it from a line the switch refused.
	Exec(ctx context.Context, command string, stdout, stderr io.Writer, observe func(switchctl.Ran)) (status int, err error)
	// Shell relays a shell byte for byte, with the client's PTY and its window changes.
	Shell(ctx context.Context, sh RemoteShell) int
	// Relay relays an exec request (scp -t|-f) or, with subsystem true, a subsystem (sftp)
	// verbatim, byte for byte.
	Relay(ctx context.Context, name string, subsystem bool, rw io.ReadWriter, stderr io.Writer) int
}

// RemoteShell is a shell session to relay.
type RemoteShell struct {
	PTY           bool // the client asked for one: Term and the size are its
	Term          string
	Width, Height int
	In            io.Reader
	Out, Stderr   io.Writer
	// Resize delivers the client's window changes; it is never closed.
	Resize <-chan WindowSize
	// Observe, when not nil, is told of each command the relay sees run (the audit).
	Observe func(switchctl.Ran)
}

// GatewayLogin is who opened a console on the gateway, and the device their login name named
// ("" for none: the console opens on the fleet).
type GatewayLogin struct {
	Account string
	Device  string
	Session string // the session's id in the audit, "" without one
}

// SplitLogin splits a gateway login name at its first '@': the account and the device ("" when
// the name names none).
func SplitLogin(user string) (account, device string) {
	account, device, _ = strings.Cut(user, "@")
	return account, device
}

// gatewaySession serves a session the gateway took: on the device its login name names, or the
// list of the account's devices (exec, or a shell the console cannot host), or the fleet console.
func (s *Server) gatewaySession(sess ssh.Session, user string) int {
	account, device := SplitLogin(user)
	own := caller{user: account, roles: s.cfg.Gateway.Roles(account), front: s, device: device}
	// One audit session for all the session does: its records and its recording share the id.
	own.audit = s.auditFor(sess, account, device)
	defer own.audit.ended()
	if IsSelector(device) {
		return s.fanExec(sess, own, account, device)
	}
	if device == "" {
		if sess.RawCommand() == "" {
			log := sessionLog(s, sess, own, "shell")
			if kind, in := s.shellKind(sess, own, log); kind == toConsole {
				sess, own.rec = s.recording(sess, own)
				if own.rec != nil {
					defer own.rec.Close()
				}
				return s.shell(sess, own, kind, in, log)
			}
			fmt.Fprintf(sess.Stderr(), "Log in as %s@DEVICE to reach one of these devices:\r\n", account)
		}
		if err := s.cfg.Gateway.List(account, sess); err != nil {
			return 1
		}
		return 0
	}
	r, who, ok := s.handover(sess, account, device)
	if !ok {
		return 1
	}
	if who.audit = own.audit; who.audit != nil && r.Remote != nil {
		au := *own.audit
		au.sess.DeviceUser = r.Remote.User()
		who.audit = &au
	}
	if sess.RawCommand() == "" { // an interactive session: its screen is recorded
		sess, who.rec = s.recording(sess, who)
		own.rec = who.rec
		if who.rec != nil {
			defer who.rec.Close()
		}
	}
	if sess.RawCommand() != "" {
		free, ok := s.slot(sess, user)
		if !ok {
			return 1
		}
		defer free()
		who.audit.begin()
		if r.Remote != nil {
			return s.remoteCommand(sess, who, r.Remote)
		}
		return r.Server.command(sess, who)
	}
	log := sessionLog(s, sess, who, "shell")
	kind, in := s.shellKind(sess, own, log)
	if kind == toConsole {
		return s.shell(sess, own, kind, in, log)
	}
	if r.Remote != nil {
		return s.remoteShell(sess, own, who.audit, r.Remote, in, log)
	}
	target := r.Server
	if !target.stelnet(sess, account) {
		return 1
	}
	tlog := sessionLog(target, sess, who, "shell")
	status := target.shell(sess, who, toCLI, in, tlog)
	tlog.Info("ssh session ended", "status", status)
	return status
}

// gatewaySFTP hands an sftp subsystem over to the device the login name names.
func (s *Server) gatewaySFTP(sess ssh.Session, user string) int {
	account, device := SplitLogin(user)
	if device == "" {
		fmt.Fprintf(sess.Stderr(), "Name a device: sftp %s%s@DEVICE@%s\n", portFlag(sess), account, hostAddr(sess))
		return 1
	}
	if IsSelector(device) {
		return s.refuseSelector(sess, account, device, "sftp")
	}
	r, who, ok := s.handover(sess, account, device)
	if !ok {
		return 1
	}
	if r.Remote != nil {
		return r.Remote.Relay(sess.Context(), "sftp", true, sess, sess.Stderr())
	}
	free, ok := r.Server.slot(sess, account)
	if !ok {
		return 1
	}
	defer free()
	return r.Server.sftp(sess, who)
}

// handover finds the device a session goes to, and who the session runs as there; a device the
// account may not reach is refused in words that do not say whether it exists.
func (s *Server) handover(sess ssh.Session, account, device string) (Route, caller, bool) {
	r, ok := s.cfg.Gateway.Reach(account, device)
	if !ok || (r.Server == nil) == (r.Remote == nil) {
		s.log.Info("gateway: device refused", "user", account, "device", clip(device), "remote", sess.RemoteAddr().String())
		fmt.Fprintf(sess.Stderr(), "%% Device %s is not reachable for %s: no such device, or not one of yours.\n", clip(device), clip(account))
		return Route{}, caller{}, false
	}
	who := caller{user: account, roles: r.Roles, front: s, via: "gateway", device: device}
	if r.Server != nil {
		ap := addrPort(sess.RemoteAddr())
		r.Server.sshs(sevSSHSLog, "SSHS_LOG", "Accepted gateway login for %s from %s port %d with role %s.",
			clip(account), ap.Addr(), ap.Port(), strings.Join(r.Roles, ","))
	}
	return r, who, true
}

// recording starts the recording of an interactive gateway session, and returns the session that
// records what it is sent; unchanged when the gateway records none.
func (s *Server) recording(sess ssh.Session, who caller) (ssh.Session, Recorder) {
	if s.cfg.Audit == nil {
		return sess, nil
	}
	p, _ := who.pty(sess)
	as := AuditedSession{User: who.user, Source: sess.RemoteAddr().String(), Device: who.device, DeviceUser: who.user}
	if who.audit != nil {
		as = who.audit.sess
	}
	rec := s.cfg.Audit.Recording(as, p.pty.Term, p.pty.Window.Width, p.pty.Window.Height)
	if rec == nil {
		return sess, nil
	}
	return recorded{Session: sess, rec: rec}, rec
}

// hostAddr is the address the client reached, and portFlag sftp's option for its port ("" for
// 22): a hint the client can paste back.
func hostAddr(sess ssh.Session) string {
	if ap := addrPort(sess.LocalAddr()); ap.IsValid() {
		return ap.Addr().String()
	}
	return "HOST"
}

func portFlag(sess ssh.Session) string {
	if ap := addrPort(sess.LocalAddr()); ap.IsValid() && ap.Port() != 22 {
		return fmt.Sprintf("-P %d ", ap.Port())
	}
	return ""
}

// Device is the device the server serves.
func (s *Server) Device() *switchctl.Device { return s.d }

// Attachment is a login a console on the gateway holds on a device: one of the device's VTY lines,
// registered as the account's login from the client's address, and the CLI session on it.
type Attachment struct {
	Device *switchctl.Device
	CLI    *switchctl.Session
	Login  *switchctl.Login
	free   func()
}

// Close ends the login and frees its line.
func (a *Attachment) Close() {
	a.Login.End()
	a.free()
}

// Attach logs a gateway account in to the server's device for a console on the gateway: on a VTY
// line, as a shell would, so that `display users` and `free line` see it. remote is the client.
func (s *Server) Attach(account string, roles []string, remote string) (*Attachment, error) {
	line, free, ok := s.lines.take()
	if !ok {
		return nil, fmt.Errorf("all VTY lines of the device are in use (%d); try again later", len(s.lines.busy))
	}
	info := switchctl.SessionInfo{User: account, Roles: roles, Line: line, Proto: "SSH", Remote: remote}
	login := s.d.Register(info)
	if ap, err := netip.ParseAddrPort(remote); err == nil {
		s.sshs(sevSSHSLog, "SSHS_LOG", "Accepted gateway login for %s from %s port %d with role %s.",
			clip(account), ap.Addr(), ap.Port(), strings.Join(roles, ","))
	}
	return &Attachment{Device: s.d, CLI: s.d.NewSession(info), Login: login, free: free}, nil
}
