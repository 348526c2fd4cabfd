// Package sshsrv is vtyd's SSH server: it identifies as a Comware switch, authenticates against the
// device's local users and peer keys, and routes each session to the device's command engine
// (exec commands, or the plain line CLI for shells).
package sshsrv

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"

	"vtyd/switchctl"
)

// Version is the identification line the server sends, as a Comware 7 switch does.
const Version = "SSH-2.0-Comware-" + switchctl.SoftwareVersion

// Config configures a Server. The zero value works.
type Config struct {
	// HandshakeTimeout bounds version exchange, key exchange and authentication
	// (default: the device's ssh server authentication-timeout when the server starts).
	HandshakeTimeout time.Duration
}

// Server serves one device over SSH.
type Server struct {
	d     *switchctl.Device
	log   *slog.Logger
	ssh   *ssh.Server
	lines *vtyLines
	ptys  ptyTable
	seq   atomic.Uint64 // session numbers for the process log
}

// New builds a server for d. Host keys are the device's (d.Keys()) and shells take one of its VTY
// lines (d.VTYCount()), both read once here.
func New(cfg Config, d *switchctl.Device, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = time.Duration(max(d.SSHSettings().AuthTimeout, 1)) * time.Second
	}
	signers, err := d.Keys().Signers(false)
	if err != nil {
		return nil, fmt.Errorf("sshsrv: host keys: %w", err)
	}
	if len(signers) == 0 {
		return nil, errors.New("sshsrv: the device has no host keys")
	}
	s := &Server{d: d, log: logger, lines: newVTYLines(d.VTYCount())}
	ptyHandler, err := s.ptys.handler()
	if err != nil {
		return nil, fmt.Errorf("sshsrv: %w", err)
	}
	s.ssh, err = wish.NewServer(
		// Host keys must come first: without any, wish.NewServer writes id_ed25519 into the cwd.
		func(srv *ssh.Server) error {
			for _, sg := range signers {
				srv.AddHostKey(sg)
			}
			return nil
		},
		func(srv *ssh.Server) error {
			srv.HandshakeTimeout = cfg.HandshakeTimeout
			srv.ServerConfigCallback = s.serverConfig
			srv.ConnCallback = s.admit
			srv.ConnectionFailedCallback = s.connFailed
			srv.PtyHandler = ptyHandler
			return nil
		},
		wish.WithMiddleware(s.route),
	)
	if err != nil {
		return nil, fmt.Errorf("sshsrv: %w", err)
	}
	return s, nil
}

// Serve accepts connections on ln until Shutdown; it returns ssh.ErrServerClosed after a Shutdown.
func (s *Server) Serve(ln net.Listener) error { return s.ssh.Serve(ln) }

// Shutdown stops accepting connections and waits for open ones to end until ctx is done, then
// closes them.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.ssh.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return errors.Join(err, s.ssh.Close())
	}
	return err
}

// ErrServerClosed is what Serve returns after Shutdown.
var ErrServerClosed = ssh.ErrServerClosed

// admit refuses connections while the device's SSH server is disabled (undo ssh server enable),
// as a switch with the server off does: the connection closes before the version exchange.
func (s *Server) admit(_ ssh.Context, c net.Conn) net.Conn {
	if !s.d.SSHSettings().Enabled {
		s.log.Info("connection refused: ssh server disabled", "remote", c.RemoteAddr().String())
		return nil
	}
	return c
}

func (s *Server) connFailed(c net.Conn, err error) {
	s.log.Info("ssh connection failed", "remote", c.RemoteAddr().String(), "err", err)
}
