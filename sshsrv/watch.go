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
	owner  *Server // the server of the shell's device, whose line settings apply
	sess   ssh.Session
	login  *switchctl.Login
	line   int
	resize func(w, h int)     // told of window changes; nil: they are dropped
	rec    Recorder           // the session's recording, told of window changes too; nil for none
	cancel context.CancelFunc // ends the shell's context when the login ends; nil: the shell watches Freed
	done   chan struct{}      // closed by stop
}

// watchShell has a shell's life looked after while it is served: on its session's ptyWatch (pw),
// which also relays its window changes, or, without a PTY, on a goroutine of its own. stop ends
// the watch.
func (s *Server) watchShell(w shellWatch, pw *ptyWatch) (stop func()) {
	w.owner, w.done = s, make(chan struct{})
	stop = func() { close(w.done) }
	if pw != nil {
		select {
		case pw.attach <- w:
			return stop
		case <-pw.gone: // the session's requests already ended
		}
	}
	go s.runWatch(w, nil)
	return stop
}

// runWatch owns a shell's life besides serving it. It relays window sizes, ends the login with
// switchctl.EndIdle when the line's idle timeout passes without input (activity is the login's
// Touch: keys, for the line CLI and the console alike), and once the device ends the login — for
// any cause — cancels the shell's context and closes the session consoleGrace later if the shell
// has not returned by then. It returns when the watch stops.
func (s *Server) runWatch(w shellWatch, winch <-chan ssh.Window) {
	defer s.recovered("shell watcher", w.sess.RemoteAddr().String(), func() { _ = w.sess.Close() })
	idle := time.NewTimer(s.idleLeft(w.line, w.login))
	defer idle.Stop()
	for {
		select {
		case ws, ok := <-winch:
			if !ok {
				// The session's requests ended: the client closed the channel (a multiplexed
				// connection lives on), so nothing the shell writes reaches anyone. A console
				// never reads an end of input from a PTY; it is ended here.
				winch = nil
				if w.cancel != nil {
					w.cancel()
				}
				continue
			}
			if w.resize != nil {
				w.resize(ws.Width, ws.Height)
			}
			if w.rec != nil {
				w.rec.Resize(ws.Width, ws.Height)
			}
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
			case <-w.done:
			}
			return
		case <-w.done:
			return
		}
	}
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
