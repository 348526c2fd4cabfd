package sshsrv

import (
	"sync"

	"charm.land/ssh"
)

// ptyInfo is what a session's pty-req asked for, and the goroutine that drains its window changes.
type ptyInfo struct {
	pty   ssh.Pty
	watch *ptyWatch
}

// WindowSize is a terminal's size in characters.
type WindowSize struct{ Width, Height int }

// ptyTable works around a data race in charm.land/ssh v0.4.3 (charmbracelet/ssh#58, open):
// Session.Pty() copies the PTY while the session's request loop writes its Window on every
// window-change, and Pty() is the only way to the window channel. The PTY handler runs inside that
// loop, so it reads the PTY there and session handlers look it up here; never call Pty() elsewhere.
type ptyTable struct {
	m sync.Map // ssh.Session -> ptyInfo
}

// handler wraps the library's emulated-PTY handler (the default, which keeps window changes
// working; see STACK.md) and records each session's PTY until its requests end.
func (t *ptyTable) handler(watch func(winch <-chan ssh.Window) *ptyWatch) (ssh.PtyHandler, error) {
	var probe ssh.Server
	if err := ssh.EmulatePty()(&probe); err != nil {
		return nil, err
	}
	emulate := probe.PtyHandler
	return func(ctx ssh.Context, sess ssh.Session, pty ssh.Pty) (func() error, error) {
		closer, err := emulate(ctx, sess, pty)
		if err != nil {
			return nil, err
		}
		if p, winch, ok := sess.Pty(); ok { // safe here: this is the goroutine that writes it
			t.m.Store(sess, ptyInfo{pty: p, watch: watch(winch)})
		}
		return func() error {
			t.m.Delete(sess)
			return closer()
		}, nil
	}, nil
}

// get returns the PTY sess asked for, ok false when it has none.
func (t *ptyTable) get(sess ssh.Session) (ptyInfo, bool) {
	v, ok := t.m.Load(unwrap(sess))
	if !ok {
		return ptyInfo{}, false
	}
	return v.(ptyInfo), true
}

// ptyWatch is the one goroutine a PTY session has besides serving it: it drains the library's
// window changes from the pty-req on and, once a shell attaches, runs that shell's watch
// (watchShell) with them. charm.land/ssh pushes each window-change into a one-slot channel from
// the session's request loop: left unread (a subsystem, a shell not started yet, a shell that
// ended) the second resize blocks that loop, then the connection's mux, which then never sees the
// client leave — the connection and its goroutines stayed forever. sshd only hands the size to
// the pty.
type ptyWatch struct {
	attach chan shellWatch // a shell's watch to run (unbuffered: taken only while the goroutine runs)
	gone   chan struct{}   // closed when the goroutine ends: the session's requests ended
}

// watchPTY starts a session's ptyWatch on the library's window changes.
func (s *Server) watchPTY(winch <-chan ssh.Window) *ptyWatch {
	pw := &ptyWatch{attach: make(chan shellWatch), gone: make(chan struct{})}
	go func() {
		defer close(pw.gone)
		var first, last ssh.Window // the pty-req's size, and the latest
		seen := false
		for {
			select {
			case w, ok := <-winch:
				if !ok {
					return
				}
				if !seen {
					first, seen = w, true
				}
				last = w
			case sw := <-pw.attach:
				if last != first && sw.resize != nil { // resized before the shell started
					sw.resize(last.Width, last.Height)
				}
				// The shell's device's server: the gateway hands shells over to device servers.
				sw.owner.runWatch(sw, winch)
				for range winch { // the shell is over; its session's requests are not yet
				}
				return
			}
		}
	}()
	return pw
}
