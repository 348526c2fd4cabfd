package xfer

import (
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"vtyd/switchctl/flash"
)

// Session is what one SFTP or SCP session needs. Only Stream and FS are required.
type Session struct {
	// Stream carries the protocol (the SSH channel); closing it ends the session.
	Stream io.ReadWriteCloser
	// Stderr takes what the client is told outside the protocol (the idle timeout); nil drops it.
	Stderr io.Writer
	// Done closes when the connection ends, Freed when the device ends the login (reboot, free):
	// either closes Stream, so that a blocked read returns. Nil never closes.
	Done, Freed <-chan struct{}
	// FS is the flash: the session reads and writes.
	FS *flash.FS
	// Log is the session's process logger; nil logs nothing.
	Log *slog.Logger
	// Idle closes a session that passes no bytes either way for that long (0: never); the server
	// reads it from `sftp server idle-timeout`, DefaultIdleTimeout by default.
	Idle time.Duration

	// fault, set by tests, sees every name a request resolves on flash:, to make a request fail
	// in ways flash: cannot (a panic).
	fault func(name string)
}

// withDefaults fills in what a caller may leave out.
func (s Session) withDefaults() Session {
	if s.Stderr == nil {
		s.Stderr = io.Discard
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	return s
}

// resolve is flash.Resolve for a name a client sent.
func (s Session) resolve(name string) (string, error) {
	if s.fault != nil {
		s.fault(name)
	}
	return flash.Resolve(name)
}

// DefaultIdleTimeout is how long an SFTP or SCP session may pass no bytes either way before it is
// closed: the default of Comware's `sftp server idle-timeout`, 10 minutes, which `display ssh server
// status` shows. Without it an idle SFTP session held its session slot for ever (PROBE M1).
const DefaultIdleTimeout = 10 * time.Minute

// msgIdle tells a client why its SFTP or SCP session was closed.
const msgIdle = "The %s session was idle for %s and is closed.\n"

// watch starts what closes a session's stream on its own: the idle timeout (proto names the
// session to the client), the end of the connection and the end of the login. stream is s.Stream
// noting the bytes that pass; stop ends both watches and waits for them.
func (s Session) watch(proto string) (stream io.ReadWriteCloser, stop func()) {
	stream, stopIdle := watchIdle(s.Stream, s.Idle, s.closeIdle(proto), s.Log)
	stopEnd := s.closeOnEnd()
	return stream, func() {
		stopEnd()
		stopIdle()
	}
}

// fail is how a session that panicked ends: its stream closed, exit status 1.
func (s Session) fail(status *int) func() {
	return func() {
		_ = s.Stream.Close()
		*status = 1
	}
}

// closeIdle is what a session does when it has been idle for s.Idle: says so, to the log and to the
// client, and closes the stream, which ends a blocked read.
func (s Session) closeIdle(proto string) func() {
	return func() {
		s.Log.Info(strings.ToLower(proto)+" session idle: closed", "idle_timeout", s.Idle.String())
		fmt.Fprintf(s.Stderr, msgIdle, proto, idleText(s.Idle))
		_ = s.Stream.Close()
	}
}

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

// closeOnEnd closes the stream when the login is freed (reboot, free ...) or the connection ends, so
// that a blocked read returns. The returned func stops the watch and waits for it: the server ends the login
// once the session returns, and a watch still running then would close the session before its exit
// status goes out.
func (s Session) closeOnEnd() (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		defer recovered(s.Log, "transfer end watch", func() { _ = s.Stream.Close() })
		select {
		case <-s.Freed:
			_ = s.Stream.Close()
		case <-s.Done:
			_ = s.Stream.Close()
		case <-done:
		}
	}()
	return func() {
		close(done)
		<-exited
	}
}

// recovered ends only one session when the goroutine it is deferred in panics: the panic and its
// stack go to log and end closes the session; the process and every other session go on. Defer it
// first thing in every goroutine that serves a transfer.
func recovered(log *slog.Logger, what string, end func()) {
	if v := recover(); v != nil {
		logPanic(log, what, v)
		end()
	}
}

func logPanic(log *slog.Logger, what string, v any) {
	log.Error("panic: session closed", "in", what, "panic", v, "stack", string(debug.Stack()))
}
