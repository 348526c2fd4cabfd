package sshsrv

import (
	"sync"

	"charm.land/ssh"
)

// ptyInfo is what a session's pty-req asked for, and its window changes.
type ptyInfo struct {
	pty ssh.Pty
	// winch holds the latest window size not read yet, and closes when the session's requests
	// end; a session that never reads it loses nothing but stale sizes.
	winch <-chan WindowSize
}

// WindowSize is a terminal's size in characters. It is an alias of an unnamed struct type, as
// tui.WindowSize is, so the channel of sizes reaches the console as it is, with no relay.
type WindowSize = struct{ Width, Height int }

// ptyTable works around a data race in charm.land/ssh v0.4.3 (charmbracelet/ssh#58, open):
// Session.Pty() copies the PTY while the session's request loop writes its Window on every
// window-change, and Pty() is the only way to the window channel. The PTY handler runs inside that
// loop, so it reads the PTY there and session handlers look it up here; never call Pty() elsewhere.
type ptyTable struct {
	m sync.Map // ssh.Session -> ptyInfo
}

// handler wraps the library's emulated-PTY handler (the default, which keeps window changes
// working; see STACK.md) and records each session's PTY until its requests end.
func (t *ptyTable) handler() (ssh.PtyHandler, error) {
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
			t.m.Store(sess, ptyInfo{pty: p, winch: latest(winch)})
		}
		return func() error {
			t.m.Delete(sess)
			return closer()
		}, nil
	}, nil
}

// get returns the PTY sess asked for, ok false when it has none.
func (t *ptyTable) get(sess ssh.Session) (ptyInfo, bool) {
	v, ok := t.m.Load(sess)
	if !ok {
		return ptyInfo{}, false
	}
	return v.(ptyInfo), true
}

// latest drains the library's window changes from the pty-req on and keeps only the newest for
// whoever reads the returned channel. charm.land/ssh pushes each window-change into a one-slot
// channel from the session's request loop: left unread (a subsystem, or before the shell starts)
// the second resize blocks that loop, then the connection's mux, which then never sees the client
// leave — the connection and its goroutines stayed forever. sshd only hands the size to the pty.
func latest(winch <-chan ssh.Window) <-chan WindowSize {
	out := make(chan WindowSize, 1)
	go func() {
		defer close(out)
		for w := range winch {
			select { // drop the size nobody read yet
			case <-out:
			default:
			}
			out <- WindowSize{Width: w.Width, Height: w.Height}
		}
	}()
	return out
}
