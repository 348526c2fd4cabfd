package sshsrv

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"

	"charm.land/ssh"

	"vtyd/switchctl"
)

// The NETCONF port: Comware serves NETCONF over SSH on `netconf ssh server port` (830 by default),
// a listener of its own while `netconf ssh server enable` is set. vtyd serves it with the device's
// one SSH server (the same host keys, algorithms, authentication, penalties, MaxStartups and
// session limits); a connection accepted there is marked netconfOnly and gets the netconf
// subsystem and nothing else, as the port is NETCONF's. The netconf subsystem also answers on the
// SSH port (netconf.go).

// ServeNetconfPort keeps a listener on host's NETCONF port while NETCONF is enabled, following the
// configuration: enabling opens it, `undo netconf ssh server enable` closes it, a new port moves it.
// It returns when ctx ends or the server shuts down. A port that cannot be opened (830 needs
// privileges; another device of a fleet on the same address took it) is logged, to the process
// and to the device's log buffer, and tried again at the next configuration change.
func (s *Server) ServeNetconfPort(ctx context.Context, host string) {
	events, unsubscribe := s.d.Subscribe(16)
	defer unsubscribe()
	var cur net.Listener
	var last switchctl.NetconfConfig // the settings last acted on
	stop := func() {
		if cur != nil {
			_ = cur.Close()
			cur = nil
		}
	}
	defer stop()
	for first := true; ; first = false {
		if n := s.d.NetconfSettings(); first || n != last {
			last = n
			stop()
			if n.Enabled {
				cur = s.openNetconfPort(host, n.Port)
			}
		}
		select {
		case <-ctx.Done():
			return
		case _, ok := <-events: // the settings are read again whatever the event (its own log lines too)
			if !ok || s.isClosed() {
				return
			}
		}
	}
}

// openNetconfPort listens on the port and serves it; nil when the port cannot be opened.
func (s *Server) openNetconfPort(host string, port int) net.Listener {
	ln, err := s.netconfListen(host, port)
	if err != nil {
		s.log.Warn("netconf port not opened", "port", port, "err", err)
		s.d.Logf("NETCONF", switchctl.SevWarning, "NETCONF_PORT", "Failed to listen on NETCONF over SSH port %d.", port)
		return nil
	}
	s.log.Info("netconf listening", "addr", ln.Addr().String())
	go func() {
		if err := s.serve(ln, true); err != nil && !errors.Is(err, ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			s.log.Warn("netconf port stopped", "err", err)
		}
	}()
	return ln
}

func (s *Server) netconfListen(host string, port int) (net.Listener, error) {
	if s.cfg.NetconfListen != nil {
		return s.cfg.NetconfListen(host, port)
	}
	return net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// onNetconfPort reports whether the session's connection came in on the NETCONF port.
func onNetconfPort(sess ssh.Session) bool {
	g, ok := sess.Context().Value(stateKey{}).(*guardConn)
	return ok && g.st.netconfOnly
}

// refuseOnNetconfPort ends a shell or exec session on the NETCONF port, saying why; it reports
// whether it did.
func (s *Server) refuseOnNetconfPort(sess ssh.Session) bool {
	if !onNetconfPort(sess) {
		return false
	}
	s.log.Info("session refused on the netconf port", "remote", sess.RemoteAddr().String())
	fmt.Fprintln(sess.Stderr(), "Only the netconf subsystem is served on this port.")
	_ = sess.Exit(1)
	return true
}

// notOnNetconfPort wraps a subsystem other than netconf: the NETCONF port refuses it.
func (s *Server) notOnNetconfPort(h ssh.SubsystemHandler) ssh.SubsystemHandler {
	return func(sess ssh.Session) {
		if !s.refuseOnNetconfPort(sess) {
			h(sess)
		}
	}
}
