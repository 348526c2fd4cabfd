// Package sshsrv is vtyd's SSH server: it identifies as a Comware switch, authenticates against the
// device's local users and peer keys, and routes each session to the device's command engine
// (exec commands, or the plain line CLI for shells: package linecli), to the console, or to file
// transfers on flash: (SFTP and SCP: package xfer).
package sshsrv

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"

	"vtyd/netconf"
	"vtyd/switchctl"
)

// Config configures a Server. The zero value works.
type Config struct {
	// HandshakeTimeout, when set, bounds version exchange, key exchange and authentication instead
	// of the device's `ssh server authentication-timeout`, which is read for every connection.
	HandshakeTimeout time.Duration
	// MaxStartups caps unauthenticated connections (default DefaultStartups, 200:30:400).
	MaxStartups Startups
	// Penalty refuses a source for a while after repeated failed logins (default DefaultPenalty).
	Penalty Penalty
	// PenaltyExempt lists sources never penalised (default none; loopback is not exempt).
	PenaltyExempt []netip.Prefix
	// Console serves shells with a terminal that can host it (see shellRoute.decide); nil serves
	// the line CLI to every shell.
	Console ConsoleHandler
	// MaxSessions bounds the sessions that take no VTY line: exec, SFTP, SCP (default
	// DefaultMaxSessions, 1024).
	MaxSessions int
	// MaxChannels bounds the session channels one connection may have open at once (default
	// DefaultMaxChannels, 10, as OpenSSH's MaxSessions).
	MaxChannels int
	// MaxPasswordChecks bounds the password hash checks that run at once (default
	// max(1, GOMAXPROCS-1)), so that guessed passwords cannot starve other logins (hashgate.go).
	MaxPasswordChecks int

	// TerminalProbe is how long a shell waits for its terminal to answer a device attributes
	// query before it takes the client for a program and serves it the line CLI (default
	// DefaultTerminalProbe, 1 s; see probeTerminal).
	TerminalProbe time.Duration
	// TransferIdleTimeout, when set, is the idle timeout of SFTP and SCP sessions instead of the
	// device's `sftp server idle-timeout` (minutes; tests want less).
	TransferIdleTimeout time.Duration
	// NetconfListen opens the NETCONF port's listener for ServeNetconfPort (default: TCP on the
	// host ServeNetconfPort is given and port); tests hand out 127.0.0.1:0 listeners.
	NetconfListen func(host string, port int) (net.Listener, error)
	// NetconfBrand is whose Comware the device's NETCONF speaks as (hello, table namespaces):
	// hp, hpe or h3c; "" for the brand the model's name starts with (netconf.go).
	NetconfBrand netconf.Brand

	// AuthLog, when set, gets the sshd-format lines (authentication, refused connections) instead
	// of the server's logger: a logger without attributes, since fail2ban's sshd filter reads a
	// line to its end and a fleet's device loggers add device=NAME.
	AuthLog *slog.Logger

	// Audit, with Gateway, records what the gateway's sessions do on devices (audit.go).
	Audit Audit

	// Gateway, when set, makes the server the gateway in front of many devices (gateway.go): its
	// users and sessions are the Gateway's, its SSH settings and host keys the device's.
	Gateway Gateway

	// checkPassword replaces the device's password check in tests.
	checkPassword func(user, password string) bool
}

// Server serves one device over SSH.
type Server struct {
	cfg   Config
	d     *switchctl.Device
	log   *slog.Logger
	auth  *slog.Logger // sshd-format lines (Config.AuthLog)
	ssh   *ssh.Server
	lines *vtyLines
	ptys  ptyTable
	seq   atomic.Uint64 // session numbers for the process log

	connSeq  atomic.Uint64 // connection numbers, sshd's "#N"
	starting *startups     // unauthenticated connections (MaxStartups)
	penalty  *penalties    // per-source refusals after failures
	hashing  *hashGate     // concurrent password hash checks
	conns    sync.Map      // connKey -> *connState, from the handshake to the connection's end

	handlers  sync.WaitGroup // connection goroutines
	mu        sync.Mutex     // guards closed and listeners
	closed    bool
	listeners map[net.Listener]struct{}
}

// New builds a server for d. Host keys, algorithms and authentication settings are read from the
// device for every connection; shells take one of its VTY lines (d.VTYCount(), read once here).
func New(cfg Config, d *switchctl.Device, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, d: d, log: logger, lines: newVTYLines(d.VTYCount()),
		starting: newStartups(cfg.MaxStartups), penalty: newPenalties(cfg.Penalty, cfg.PenaltyExempt),
		hashing:   newHashGate(cfg.MaxPasswordChecks),
		listeners: map[net.Listener]struct{}{}}
	if s.auth = cfg.AuthLog; s.auth == nil {
		s.auth = logger
	}
	switch {
	case s.cfg.checkPassword != nil:
	case cfg.Gateway != nil:
		s.cfg.checkPassword = func(user, password string) bool {
			account, _ := SplitLogin(user)
			return cfg.Gateway.CheckPassword(account, password)
		}
	default:
		s.cfg.checkPassword = d.CheckPassword
	}
	if keys, err := s.HostKeys(); err != nil {
		return nil, err
	} else if len(keys) == 0 {
		return nil, errors.New("sshsrv: the device has no host keys")
	}
	ptyHandler, err := s.ptys.handler(s.watchPTY)
	if err != nil {
		return nil, fmt.Errorf("sshsrv: %w", err)
	}
	// Not wish.NewServer: without a host key option it writes id_ed25519 into the working
	// directory, and host keys are chosen per connection here (hostkeys.go).
	s.ssh = &ssh.Server{}
	for _, opt := range []ssh.Option{
		func(srv *ssh.Server) error {
			srv.ServerConfigCallback = s.serverConfig
			srv.ConnCallback = s.bind
			srv.ConnectionFailedCallback = s.connFailed
			srv.ConnectionCloseCallback = s.connClosed
			srv.PtyHandler = ptyHandler
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{"sftp": s.notOnNetconfPort(s.handleSFTP), // transfer.go
				"netconf": s.handleNetconf} // netconf.go
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": ssh.DefaultSessionHandler}
			return nil
		},
		wish.WithMiddleware(s.route),
		s.sessionOptions(), // route.go: login banner, forwarding and agent refused, session limit
	} {
		if err := s.ssh.SetOption(opt); err != nil {
			return nil, fmt.Errorf("sshsrv: %w", err)
		}
	}
	return s, nil
}

func (s *Server) terminalProbe() time.Duration {
	if s.cfg.TerminalProbe > 0 {
		return s.cfg.TerminalProbe
	}
	return DefaultTerminalProbe
}

// ErrServerClosed is what Serve returns after Shutdown.
var ErrServerClosed = ssh.ErrServerClosed

// Serve accepts connections on ln until Shutdown; it returns ErrServerClosed after a Shutdown. Each
// connection is admitted (ssh server enable, per-source penalties, MaxStartups) before it costs
// more than a file descriptor, then served on its own goroutine.
func (s *Server) Serve(ln net.Listener) error { return s.serve(ln, false) }

// serve is Serve; netconfOnly marks the connections of the NETCONF port (netconf_port.go).
func (s *Server) serve(ln net.Listener, netconfOnly bool) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ln.Close()
		return ErrServerClosed
	}
	s.listeners[ln] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, ln)
		s.mu.Unlock()
		_ = ln.Close()
	}()

	var delay time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			s.mu.Lock()
			closed := s.closed
			s.mu.Unlock()
			if closed {
				return ErrServerClosed
			}
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			// Out of descriptors and the like: back off as net/http does, then try again.
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			s.log.Warn("accept failed", "err", err, "retry_in", delay.String())
			time.Sleep(delay)
			continue
		}
		delay = 0
		g := s.admit(c, netconfOnly)
		if g == nil {
			continue
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = g.Close()
			return ErrServerClosed
		}
		s.handlers.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.handlers.Done()
			s.ssh.HandleConn(g)
		}()
	}
}

// Shutdown stops accepting connections, closes the unauthenticated ones and waits for logged-in
// sessions to end until ctx is done, then closes them.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	var lnErr error
	for ln := range s.listeners {
		if err := ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			lnErr = errors.Join(lnErr, err)
		}
	}
	s.mu.Unlock()
	s.starting.closeAll()
	// Every login of the device is this server's (one server serves one device). Shells are told
	// why they end, in the line CLI and the console alike, and close soon after; exec, SFTP and SCP
	// get the grace of ctx to finish what they are doing.
	for _, l := range s.d.Logins() {
		if l.Info.Line >= 0 {
			l.EndWith(switchctl.EndShutdown)
		}
	}
	s.closeIdle()

	// Not the library's Shutdown: its connection count is added to by a connection that finishes
	// authenticating while Shutdown waits on it (a WaitGroup misuse the race detector reports), and
	// the server accepts connections itself (Serve), whose goroutines s.handlers counts.
	err := s.wait(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		err = errors.Join(err, s.ssh.Close())
		s.starting.closeAll()
	}
	return errors.Join(lnErr, err)
}

// closeIdle closes the logged-in connections that have no session open: nothing of theirs is
// under way, so the grace period is not theirs to wait for (a client that left its connection
// open after its last session, as scrapligo does when the switch ended the session first).
func (s *Server) closeIdle() {
	s.conns.Range(func(_, v any) bool {
		if g := v.(*guardConn); g.st.authed.Load() && g.st.channels.Load() == 0 {
			_ = g.Close()
		}
		return true
	})
}

// wait waits for every connection goroutine, or for ctx.
func (s *Server) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		s.handlers.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// admit decides, right after accept, whether a connection may go on; it returns the guarded
// connection, or nil after closing it. Refusals are logged with sshd's words.
func (s *Server) admit(c net.Conn, netconfOnly bool) *guardConn {
	st := &connState{n: s.connSeq.Add(1), remote: addrPort(c.RemoteAddr()), local: addrPort(c.LocalAddr()), netconfOnly: netconfOnly}
	set := s.d.SSHSettings()
	if netconfOnly && !s.d.NetconfSettings().Enabled { // the NETCONF port answers while NETCONF is on
		s.log.Info("connection refused: netconf ssh server disabled", "remote", st.remote.String())
		_ = c.Close()
		return nil
	}
	if !netconfOnly && !set.Enabled { // undo ssh server enable: closed before the version exchange, as on the device
		s.log.Info("connection refused: ssh server disabled", "remote", st.remote.String())
		_ = c.Close()
		return nil
	}
	if !s.d.SSHPermits(st.remote.Addr()) { // ssh server acl: the source is denied before anything is said
		s.log.Info("connection refused: ssh server acl", "remote", st.remote.String(), "acl", set.ACL)
		s.d.Logf("SSHS", switchctl.SevNotification, "SSHS_ACL_DENY", "The SSH connection request from %s was denied by ACL rules.", st.remote.Addr())
		_ = c.Close()
		return nil
	}
	if d := s.penalty.refused(st.remote.Addr()); d > 0 {
		s.sshd(slog.LevelInfo, "drop connection #%d from [%s]:%d on [%s]:%d penalty: failed authentication (%s left)",
			st.n, st.remote.Addr(), st.remote.Port(), st.local.Addr(), st.local.Port(), d.Round(time.Second))
		_ = c.Close()
		return nil
	}
	timeout := s.cfg.HandshakeTimeout
	if timeout <= 0 {
		timeout = time.Duration(max(set.AuthTimeout, 1)) * time.Second
	}
	st.deadline = time.Now().Add(timeout)
	g := &guardConn{Conn: c, st: st, slots: s.starting}
	if n, perSource, ok := s.starting.take(g); !ok {
		limit := fmt.Sprintf("past MaxStartups (%d unauthenticated, %s)", n, s.starting.cfg)
		if perSource {
			limit = fmt.Sprintf("past PerSourceMaxStartups (%d unauthenticated from this source)", n)
		}
		s.sshd(slog.LevelInfo, "drop connection #%d from [%s]:%d on [%s]:%d %s",
			st.n, st.remote.Addr(), st.remote.Port(), st.local.Addr(), st.local.Port(), limit)
		_ = c.Close()
		return nil
	}
	_ = g.SetDeadline(time.Time{}) // the authentication deadline, until the client authenticates
	return g
}

// stateKey is the ssh.Context key of a connection's *guardConn.
type stateKey struct{}

// bind hands a connection's state to the callbacks that run with its context.
func (s *Server) bind(ctx ssh.Context, c net.Conn) net.Conn {
	if g, ok := c.(*guardConn); ok {
		ctx.SetValue(stateKey{}, g)
		s.conns.Store(connKey(c), g)
	}
	return c
}

// connKey names a live connection by its two ends: the callbacks that report a failed handshake
// or a closed connection get the library's wrapper, not ours.
func connKey(c net.Conn) string { return c.LocalAddr().String() + "|" + c.RemoteAddr().String() }

// guard finds the guarded connection behind c, as bound by bind.
func (s *Server) guard(c net.Conn) *guardConn {
	if v, ok := s.conns.Load(connKey(c)); ok {
		return v.(*guardConn)
	}
	return nil
}

func (s *Server) connClosed(c net.Conn) { s.conns.Delete(connKey(c)) }
