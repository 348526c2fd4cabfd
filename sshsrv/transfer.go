package sshsrv

import (
	"fmt"
	"log/slog"
	"time"

	"charm.land/ssh"

	"vtyd/sshsrv/xfer"
	"vtyd/switchctl"
)

// The SSH side of file transfers: who may transfer and on what terms. The protocols themselves are
// package xfer.

// Transfer services, as `ssh user ... service-type` names them.
const (
	serviceSFTP = "sftp"
	serviceSCP  = "scp"
)

// transferRefusal checks the server switch (`sftp server enable`, `scp server enable`) and the
// user's `ssh user ... service-type` for service: "all" or the service itself. A user without an
// `ssh user` entry may use every service, as on Comware, where the entry only narrows access. It
// returns "" when the session may go on, else the reason, worded for the client.
func (s *Server) transferRefusal(user, service string) string {
	set := s.d.SSHSettings()
	on, name := set.SFTP, "SFTP"
	if service == serviceSCP {
		on, name = set.SCP, "SCP"
	}
	if !on {
		return fmt.Sprintf("The %s server is disabled.", name)
	}
	if su, ok := s.d.SSHUser(user); ok && su.Service != "all" && su.Service != service {
		return fmt.Sprintf("The user is not authorized for %s (ssh user %s service-type %s).", name, user, su.Service)
	}
	return ""
}

// transferIdleTimeout is the idle timeout of SFTP and SCP sessions: Config.TransferIdleTimeout,
// else the device's `sftp server idle-timeout`, read for each session.
func (s *Server) transferIdleTimeout() time.Duration {
	if s.cfg.TransferIdleTimeout > 0 {
		return s.cfg.TransferIdleTimeout
	}
	if m := s.d.SSHSettings().SFTPIdle; m > 0 {
		return time.Duration(m) * time.Minute
	}
	return xfer.DefaultIdleTimeout
}

// handleSFTP serves the sftp subsystem on flash: (xfer.ServeSFTP), registered as an SFTP login that
// takes no VTY line. The channel ends with the exit status ServeSFTP gives; refusals exit 1.
// A subsystem handler is not run by route, so it recovers here.
func (s *Server) handleSFTP(sess ssh.Session) {
	defer s.recovered("sftp session", sess.RemoteAddr().String(), func() { _ = sess.Exit(1) })
	s.d.Logf("SSHS", switchctl.SevInformational, "SSHS_LOG", "Subsystem request for sftp.")
	user, ok := identity(sess)
	if !ok {
		s.log.Error("sftp session without an authenticated user", "remote", sess.RemoteAddr().String())
		_ = sess.Exit(1)
		return
	}
	if s.cfg.Gateway != nil {
		_ = sess.Exit(s.gatewaySFTP(sess, user))
		return
	}
	_ = sess.Exit(s.sftp(sess, caller{user: user, front: s}))
}

// sftp serves an SFTP session for who and returns its exit status.
func (s *Server) sftp(sess ssh.Session, who caller) int {
	user := who.user
	log := sessionLog(s, sess, who, "sftp")
	if msg := s.transferRefusal(user, serviceSFTP); msg != "" {
		log.Info("sftp session refused", "reason", msg)
		if su, ok := s.d.SSHUser(user); ok && su.Service == serviceSCP {
			// OpenSSH 9's scp speaks SFTP unless told otherwise.
			msg += " For SCP, use the legacy protocol: scp -O."
		}
		fmt.Fprintln(sess.Stderr(), msg)
		return 1
	}
	login, _ := s.register(sess, who, "SFTP", -1)
	defer login.End()
	return xfer.ServeSFTP(s.transferSession(sess, login, log, s.transferIdleTimeout()))
}

// handleSCP serves an exec of the legacy SCP protocol (`scp -t PATH`, `scp -f PATH`) on flash:
// (xfer.ServeSCP). It reports handled false for any other command, which then goes to the CLI;
// otherwise the caller ends the session with status. It must run before the Stelnet service-type
// check, since SCP has its own (`ssh user ... service-type scp|all`) and its own switch (`scp server
// enable`). An SCP session takes no VTY line and registers as SCP.
func (s *Server) handleSCP(sess ssh.Session, who caller) (handled bool, status int) {
	a, ok, err := xfer.ParseSCP(sess.Command())
	if !ok {
		return false, 0
	}
	user := who.user
	log := sessionLog(s, sess, who, "scp")
	refuse := func(reason string) (bool, int) {
		log.Info("scp refused", "reason", reason)
		return true, xfer.RefuseSCP(sess, reason)
	}
	if err != nil {
		return refuse(err.Error())
	}
	if msg := s.transferRefusal(user, serviceSCP); msg != "" {
		return refuse(msg)
	}
	if _, isPty := who.pty(sess); isPty {
		// A PTY would rewrite the bytes of the file (newlines); OpenSSH's scp never asks for one.
		return refuse("binary transfers need a session without a terminal (ssh -T)")
	}
	login, _ := s.register(sess, who, "SCP", -1)
	defer login.End()
	return true, xfer.ServeSCP(s.transferSession(sess, login, log, s.transferIdleTimeout()), a)
}

// transferSession is what xfer needs of one session.
func (s *Server) transferSession(sess ssh.Session, login *switchctl.Login, log *slog.Logger, idle time.Duration) xfer.Session {
	return xfer.Session{Stream: sess, Stderr: sess.Stderr(), Done: sess.Context().Done(), Freed: login.Freed(),
		FS: s.d.Flash(), Log: log, Idle: idle}
}

// sessionLog is the process logger of one session.
func sessionLog(s *Server, sess ssh.Session, who caller, mode string) *slog.Logger {
	return sessionLogFrom(s, sess.RemoteAddr().String(), who, mode)
}

// sessionLogFrom is sessionLog for a client at remote whose session is not s's own (a fan-out's).
func sessionLogFrom(s *Server, remote string, who caller, mode string) *slog.Logger {
	log := s.log.With("session", s.seq.Add(1), "user", who.user, "remote", remote, "mode", mode)
	if who.via != "" {
		log = log.With("via", who.via)
	}
	return log
}
