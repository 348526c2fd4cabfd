package sshsrv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"charm.land/ssh"

	"vtyd/netconf"
	"vtyd/switchctl"
)

// The netconf subsystem (RFC 6242) on the device's SSH port, served by package netconf. Comware
// serves it on `netconf ssh server port` (830); ncclient's docstring notes that "some devices use the
// default SSH port of 22", and vtyd has one listener per device, so the subsystem answers there
// when `netconf ssh server enable` is set. The same authentication, penalties and session limits
// apply as to any SSH session (the subsystem handlers are wrapped by withSlot, route.go).

const serviceNetconf = "netconf"

// netconfRefusal says why the user may not start a NETCONF session, "" when it may: the switch
// (`netconf ssh server enable`) and the user's `ssh user ... service-type` (all or netconf).
func (s *Server) netconfRefusal(user string) string {
	if !s.d.NetconfSettings().Enabled {
		return "NETCONF over SSH is disabled (netconf ssh server enable)."
	}
	if su, ok := s.d.SSHUser(user); ok && su.Service != "all" && su.Service != serviceNetconf {
		return fmt.Sprintf("The user is not authorized for NETCONF (ssh user %s service-type %s).", user, su.Service)
	}
	return ""
}

// handleNetconf serves the netconf subsystem, registered as a NETCONF login that takes no VTY line;
// its ID is the NETCONF session-id, and `free`, a reboot or kill-session end it.
func (s *Server) handleNetconf(sess ssh.Session) {
	defer s.recovered("netconf session", sess.RemoteAddr().String(), func() { _ = sess.Exit(1) })
	s.d.Logf("SSHS", switchctl.SevInformational, "SSHS_LOG", "Subsystem request for netconf.")
	user, ok := identity(sess)
	if !ok {
		s.log.Error("netconf session without an authenticated user", "remote", sess.RemoteAddr().String())
		_ = sess.Exit(1)
		return
	}
	who := caller{user: user, front: s}
	log := sessionLog(s, sess, who, "netconf")
	if s.cfg.Gateway != nil {
		fmt.Fprintln(sess.Stderr(), "NETCONF is not served through the gateway; connect to the device.")
		_ = sess.Exit(1)
		return
	}
	if msg := s.netconfRefusal(user); msg != "" {
		log.Info("netconf session refused", "reason", msg)
		fmt.Fprintln(sess.Stderr(), msg)
		_ = sess.Exit(1)
		return
	}
	login, _ := s.register(sess, who, "NETCONF", -1)
	defer login.End()
	err := netconf.Serve(sess.Context(), sess, netconf.Config{Device: s.d, Login: login,
		Brand: s.brand(), Log: log})
	log.Info("netconf session ended", "err", err)
	status := 0
	if err != nil && !errors.Is(err, netconf.ErrTimeout) {
		status = 1
	}
	_ = sess.Exit(status)
}

// xmlView serves the `xml` command of a line CLI login: NETCONF on the CLI's stream, with the
// login's identity and roles (a network-operator gets the read operations only), its ID the
// session-id; the CLI comes back after <close-session>.
func (s *Server) xmlView(login *switchctl.Login, log *slog.Logger) func(context.Context, io.ReadWriteCloser) error {
	return func(ctx context.Context, rw io.ReadWriteCloser) error {
		log.Info("xml view entered")
		err := netconf.Serve(ctx, rw, netconf.Config{Device: s.d, Login: login, Brand: s.brand(), Log: log})
		log.Info("xml view left", "err", err)
		return err
	}
}

// isXMLCommand reports whether an exec's command is `xml` (as typed: any case, blanks around it).
func isXMLCommand(cmd string) bool { return strings.EqualFold(strings.TrimSpace(cmd), "xml") }

// execXML serves `ssh switch xml`: a NETCONF session on the exec's stream, which ends with it
// (the session closes the channel to stop a read on its timeouts; the exit status then goes nowhere).
func (s *Server) execXML(sess ssh.Session, login *switchctl.Login, log *slog.Logger) int {
	if err := s.xmlView(login, log)(sess.Context(), sess); err != nil && !errors.Is(err, netconf.ErrTimeout) {
		return 1
	}
	return 0
}

// brand is the device's NETCONF brand: the configured one (a fleet's netconf_brand, vtyd's
// --netconf-brand), else the model's.
func (s *Server) brand() netconf.Brand {
	if s.cfg.NetconfBrand != "" {
		return s.cfg.NetconfBrand
	}
	return deviceBrand(s.d.Model())
}

// deviceBrand is the brand the model's name starts with (HPE 5130 ... -> hpe), hpe when it names
// none.
func deviceBrand(m switchctl.Model) netconf.Brand {
	first, _, _ := strings.Cut(m.DeviceName, " ")
	if b, err := netconf.ParseBrand(first); err == nil {
		return b
	}
	return netconf.BrandHPE
}
