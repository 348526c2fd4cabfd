package sshsrv

import (
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
// device of the account (ConsoleSession.Gateway). The gateway's own SSH settings and host keys
// are those of the Server's device, on which nobody logs in.
type Gateway interface {
	CheckPassword(account, password string) bool
	CheckPublicKey(account string, key gossh.PublicKey) bool
	// Known reports whether the account exists, for sshd's "Invalid user" lines.
	Known(account string) bool
	// Reach returns the server of the device and the device roles the account gets there; ok is
	// false when the device does not exist or is not the account's to reach — one answer for both,
	// so that device names cannot be probed.
	Reach(account, device string) (target *Server, roles []string, ok bool)
	// Roles are the roles of the account's own login on the gateway (its console).
	Roles(account string) []string
	// List writes the devices the account may reach, for an exec or a shell that names none.
	List(account string, w io.Writer) error
}

// GatewayLogin is who opened a console on the gateway, and the device their login name named
// ("" for none: the console opens on the fleet).
type GatewayLogin struct {
	Account string
	Device  string
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
	if device == "" {
		if sess.RawCommand() == "" {
			log := sessionLog(s, sess, own, "shell")
			if kind, in := s.shellKind(sess, own, log); kind == toConsole {
				return s.shell(sess, own, kind, in, log)
			}
			fmt.Fprintf(sess.Stderr(), "Log in as %s@DEVICE to reach one of these devices:\r\n", account)
		}
		if err := s.cfg.Gateway.List(account, sess); err != nil {
			return 1
		}
		return 0
	}
	target, who, ok := s.handover(sess, account, device)
	if !ok {
		return 1
	}
	if sess.RawCommand() != "" {
		free, ok := s.slot(sess, user)
		if !ok {
			return 1
		}
		defer free()
		return target.command(sess, who)
	}
	log := sessionLog(s, sess, who, "shell")
	kind, in := s.shellKind(sess, own, log)
	if kind == toConsole {
		return s.shell(sess, own, kind, in, log)
	}
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
		fmt.Fprintf(sess.Stderr(), "Name a device: sftp %s@DEVICE@%s\n", account, hostOf(sess))
		return 1
	}
	target, who, ok := s.handover(sess, account, device)
	if !ok {
		return 1
	}
	free, ok := target.slot(sess, account)
	if !ok {
		return 1
	}
	defer free()
	return target.sftp(sess, who)
}

// handover finds the device a session goes to, and who the session runs as there; a device the
// account may not reach is refused in words that do not say whether it exists.
func (s *Server) handover(sess ssh.Session, account, device string) (*Server, caller, bool) {
	target, roles, ok := s.cfg.Gateway.Reach(account, device)
	if !ok || target == nil {
		s.log.Info("gateway: device refused", "user", account, "device", clip(device), "remote", sess.RemoteAddr().String())
		fmt.Fprintf(sess.Stderr(), "%% Device %s is not reachable for %s: no such device, or not one of yours.\n", clip(device), clip(account))
		return nil, caller{}, false
	}
	who := caller{user: account, roles: roles, front: s, via: "gateway", device: device}
	r := addrPort(sess.RemoteAddr())
	target.sshs(sevSSHSLog, "SSHS_LOG", "Accepted gateway login for %s from %s port %d with role %s.",
		clip(account), r.Addr(), r.Port(), strings.Join(roles, ","))
	return target, who, true
}

// hostOf is the address the client reached, for a hint it can paste back.
func hostOf(sess ssh.Session) string {
	if ap := addrPort(sess.LocalAddr()); ap.IsValid() {
		if ap.Port() == 22 {
			return ap.Addr().String()
		}
		return fmt.Sprintf("%s -P %d", ap.Addr(), ap.Port())
	}
	return "HOST"
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
