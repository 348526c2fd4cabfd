package sshsrv

import (
	"context"
	"runtime/debug"
	"time"

	"charm.land/ssh"

	"vtyd/switchctl"
)

// idleRecheck is the longest the watcher sleeps before it reads the line's idle timeout again:
// `idle-timeout` changed later applies to the sessions already on the line within that time.
const idleRecheck = 30 * time.Second

// shellWatch is what watchShell looks after for one shell.
type shellWatch struct {
	sess   ssh.Session
	login  *switchctl.Login
	line   int
	winch  <-chan WindowSize // sizes for resize; nil when the shell reads them itself
	resize func(w, h int)
	cancel context.CancelFunc // ends the shell's context when the login ends; nil: the shell watches Freed
}

// watchShell is the one goroutine that owns a shell's life besides serving it. It relays window
// sizes, ends the login with switchctl.EndIdle when the line's idle timeout passes without input
// (activity is the login's Touch: keys, for the line CLI and the console alike), and once the
// device ends the login — for any cause — cancels the shell's context and closes the session
// consoleGrace later if the shell has not returned by then. stop ends the watch.
func (s *Server) watchShell(w shellWatch) (stop func()) {
	done := make(chan struct{})
	go func() {
		defer s.recovered("shell watcher", w.sess.RemoteAddr().String(), func() { _ = w.sess.Close() })
		idle := time.NewTimer(s.idleLeft(w.line, w.login))
		defer idle.Stop()
		for {
			select {
			case ws, ok := <-w.winch:
				if !ok {
					w.winch = nil
					continue
				}
				w.resize(ws.Width, ws.Height)
			case <-idle.C:
				if left := s.idleLeft(w.line, w.login); left > 0 {
					idle.Reset(left)
					continue
				}
				w.login.EndWith(switchctl.EndIdle)
			case <-w.login.Freed():
				if w.cancel != nil {
					w.cancel()
				}
				grace := time.NewTimer(consoleGrace)
				defer grace.Stop()
				select {
				case <-grace.C:
					_ = w.sess.Close()
				case <-done:
				}
				return
			case <-done:
				return
			}
		}
	}()
	return func() { close(done) }
}

// idleLeft is how long the watcher may sleep: 0 when the idle timeout of the login's line has
// passed, else the time left, at most idleRecheck.
func (s *Server) idleLeft(line int, login *switchctl.Login) time.Duration {
	d := s.idleTimeout(line)()
	if d <= 0 {
		return idleRecheck
	}
	return min(max(time.Until(login.LastActive().Add(d)), 0), idleRecheck)
}

// recovered ends only one session when a goroutine serving it panics: the panic and its stack go
// to the process log and end closes what the goroutine served; the server and every other session
// go on. Defer it first thing in every goroutine that handles a client's bytes.
func (s *Server) recovered(what, remote string, end func()) {
	v := recover()
	if v == nil {
		return
	}
	s.log.Error("panic: session closed", "in", what, "remote", remote, "panic", v, "stack", string(debug.Stack()))
	if end != nil {
		end()
	}
}
