package sshsrv

import (
	"sync"

	"charm.land/ssh"
)

// ptyInfo is what a session's pty-req asked for, and the channel of its window changes.
type ptyInfo struct {
	pty   ssh.Pty
	winch <-chan ssh.Window
}

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
			t.m.Store(sess, ptyInfo{pty: p, winch: winch})
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
