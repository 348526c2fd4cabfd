package netconf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"vtyd/switchctl"
)

// Config is one NETCONF session's setting. Device and Login are required; every other field's zero
// value means its default.
type Config struct {
	Device *switchctl.Device
	// Login is the session's registration with the device (Device.Register, Service "NETCONF"): its
	// ID is the session-id, its roles the session's, and its Freed channel (kill-session, free, a
	// reboot) ends the session. The caller ends it after Serve returns.
	Login *switchctl.Login
	Brand Brand // hp, hpe or h3c (default hpe, as vtyd's factory sysname HPE)
	// MaxMessage bounds one message's bytes (default 16 MiB); a longer one is answered with a
	// too-big error and the session closes, since the rest of it cannot be framed.
	MaxMessage int
	// IdleTimeout ends a session that sends nothing that long (default 10 minutes, as a VTY line).
	IdleTimeout time.Duration
	// MessageTimeout ends a session whose message, once begun, does not end that soon (default 60 s):
	// a message that never ends holds no session forever.
	MessageTimeout time.Duration
	Log            *slog.Logger // process log (default: discard)
}

// Defaults of Config.
const (
	DefaultMaxMessage     = 16 << 20
	DefaultIdleTimeout    = 10 * time.Minute
	DefaultMessageTimeout = time.Minute
)

func (c *Config) defaults() {
	if c.Brand == "" {
		c.Brand = BrandHPE
	}
	if c.MaxMessage <= 0 {
		c.MaxMessage = DefaultMaxMessage
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.MessageTimeout <= 0 {
		c.MessageTimeout = DefaultMessageTimeout
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
}

// ErrTimeout is a session ended by its idle or message timeout.
var ErrTimeout = errors.New("netconf: timed out")

// session is one NETCONF session's state; one goroutine runs it.
type session struct {
	cfg    Config
	d      *switchctl.Device
	login  *switchctl.Login
	f      *framer
	rw     io.ReadWriteCloser
	ctx    context.Context
	closed bool // close-session was answered

	mu       sync.Mutex
	timedOut bool
	timer    *time.Timer
}

// Serve runs one NETCONF session on rw until the client closes it (close-session, or the end of the
// stream), the login ends, ctx ends or a timeout strikes; rw is closed on return. A clean close
// returns nil.
func Serve(ctx context.Context, rw io.ReadWriteCloser, cfg Config) error {
	cfg.defaults()
	if cfg.Device == nil || cfg.Login == nil {
		return errors.New("netconf: Serve needs a Device and a Login")
	}
	s := &session{cfg: cfg, d: cfg.Device, login: cfg.Login, rw: rw, ctx: ctx}
	s.f = newFramer(rw, rw, cfg.MaxMessage)
	s.timer = time.AfterFunc(cfg.IdleTimeout, s.timeout)
	s.f.started = func() { s.timer.Reset(cfg.MessageTimeout) }
	done := make(chan struct{})
	defer close(done)
	go func() { // the one way to stop a blocked read is to close the stream
		select {
		case <-ctx.Done():
		case <-cfg.Login.Freed():
		case <-done:
		}
		_ = rw.Close()
	}()
	defer s.timer.Stop()
	err := s.run()
	s.mu.Lock()
	if s.timedOut {
		err = ErrTimeout
	}
	s.mu.Unlock()
	if s.closed || errors.Is(err, io.EOF) || (err != nil && (ctx.Err() != nil || s.login.Cause() != switchctl.EndNone)) {
		return nil
	}
	return err
}

func (s *session) timeout() {
	s.mu.Lock()
	s.timedOut = true
	s.mu.Unlock()
	_ = s.rw.Close()
}

// run sends the hello, reads the client's, then answers RPCs until the session ends.
func (s *session) run() error {
	if err := s.f.write(s.cfg.Brand.hello(s.login.ID)); err != nil {
		return err
	}
	msg, err := s.f.read()
	if err != nil {
		return err
	}
	chunked, err := clientHello(msg)
	if err != nil {
		s.cfg.Log.Info("netconf hello refused", "err", err)
		return err
	}
	s.f.chunked = chunked
	for !s.closed {
		s.timer.Reset(s.cfg.IdleTimeout)
		msg, err := s.f.read()
		if errors.Is(err, ErrTooBig) {
			_ = s.f.write(reply(nil, func(b *strings.Builder) {
				(&RPCError{Type: "rpc", Tag: "too-big", Message: fmt.Sprintf(
					"The message is longer than %d bytes; the session is closed.", s.cfg.MaxMessage)}).xml(b)
			}))
			return err
		}
		if err != nil {
			return err
		}
		s.timer.Stop()
		if err := s.f.write(s.handle(msg)); err != nil {
			return err
		}
	}
	return nil
}
