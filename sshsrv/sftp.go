package sshsrv

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"charm.land/ssh"
	"github.com/pkg/sftp"

	"vtyd/switchctl"
)

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

// handleSFTP serves the sftp subsystem on flash: (pkg/sftp's request server over flashHandlers),
// registered as an SFTP login that takes no VTY line. The channel ends with exit status 0, without
// which OpenSSH's scp (SFTP protocol) exits 1 although the file arrived; refusals exit 1.
func (s *Server) handleSFTP(sess ssh.Session) { s.serveSFTP(sess, s.transferIdleTimeout()) }

// serveSFTP is handleSFTP with the idle timeout given: a session that passes no bytes for idle is
// closed (0: never).
func (s *Server) serveSFTP(sess ssh.Session, idle time.Duration) {
	s.d.Logf("SSHS", switchctl.SevInformational, "SSHS_LOG", "Subsystem request for sftp.")
	user, ok := identity(sess)
	if !ok {
		s.log.Error("sftp session without an authenticated user", "remote", sess.RemoteAddr().String())
		_ = sess.Exit(1)
		return
	}
	log := sessionLog(s, sess, user, "sftp")
	if msg := s.transferRefusal(user, serviceSFTP); msg != "" {
		log.Info("sftp session refused", "reason", msg)
		if su, ok := s.d.SSHUser(user); ok && su.Service == serviceSCP {
			// OpenSSH 9's scp speaks SFTP unless told otherwise.
			msg += " For SCP, use the legacy protocol: scp -O."
		}
		fmt.Fprintln(sess.Stderr(), msg)
		_ = sess.Exit(1)
		return
	}
	login := s.d.Register(switchctl.LoginInfo{User: user, Roles: s.d.UserRoles(user), Line: -1,
		Proto: "SFTP", Remote: sess.RemoteAddr().String()})
	defer login.End()

	stream, stopIdle := watchIdle(sess, idle, func() {
		log.Info("sftp session idle: closed", "idle_timeout", idle.String())
		fmt.Fprintf(sess.Stderr(), msgTransferIdle, "SFTP", idleText(idle))
		_ = sess.Close() // the request server's read ends
	})
	defer stopIdle()
	rs := sftp.NewRequestServer(stream, newFlashHandlers(s.d.Flash(), log).handlers())
	stop := closeOnEnd(sess, login, rs)
	defer stop()
	log.Info("sftp session")
	status := 0
	if err := rs.Serve(); err != nil && !errors.Is(err, io.EOF) {
		// The client went away mid-request or the login was freed; uploads in flight were
		// discarded (flashUpload.TransferError).
		log.Info("sftp session ended with an error", "err", err)
		status = 1
	} else {
		log.Info("sftp session ended")
	}
	_ = sess.Exit(status)
}

// msgTransferIdle tells a client why its SFTP or SCP session was closed.
const msgTransferIdle = "The %s session was idle for %s and is closed.\n"

// idleText words an idle timeout: "10 minutes", "1 minute", "500ms".
func idleText(d time.Duration) string {
	switch {
	case d == time.Minute:
		return "1 minute"
	case d%time.Minute == 0:
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return d.String()
}

// closeOnEnd closes c when the login is freed (reboot, free ...) or the connection ends, so that a
// blocked read returns. The returned func stops the watch and waits for it: Login.End frees the login
// too, and a watch still running then would close the session before its exit status goes out.
func closeOnEnd(sess ssh.Session, login *switchctl.Login, c io.Closer) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		select {
		case <-login.Freed():
			_ = c.Close()
		case <-sess.Context().Done():
			_ = c.Close()
		case <-done:
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}

// sessionLog is the process logger of one transfer session.
func sessionLog(s *Server, sess ssh.Session, user, mode string) *slog.Logger {
	return s.log.With("session", s.seq.Add(1), "user", user, "remote", sess.RemoteAddr().String(), "mode", mode)
}
