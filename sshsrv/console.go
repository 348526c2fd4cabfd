package sshsrv

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"

	"charm.land/ssh"

	"vtyd/switchctl"
)

// ConsoleHandler serves the full-screen console on a shell session that has a terminal. main injects
// it (Config.Console) so that sshsrv never imports the console and is tested without a screen; nil
// serves the line CLI to every shell.
type ConsoleHandler interface {
	// ServeConsole runs the console until the user leaves or c.Context ends (the connection ended,
	// or the device ended the login: c.Login.Cause() is then not switchctl.EndNone and says why,
	// in switchctl.EndCause.Message's words), and returns the session's exit status. The session is
	// closed on its behalf consoleGrace after the login ends, so a console should say why at once.
	ServeConsole(c *ConsoleSession) int
}

// ConsoleFunc adapts a function to ConsoleHandler.
type ConsoleFunc func(c *ConsoleSession) int

// ServeConsole calls f(c).
func (f ConsoleFunc) ServeConsole(c *ConsoleSession) int { return f(c) }

// ConsoleSession is what the console gets for one SSH shell. The session holds a VTY line and is
// registered with the device for as long as ServeConsole runs.
type ConsoleSession struct {
	// SSH is the session: its input and output, Environ, User, RemoteAddr. Do not call its Pty
	// method, which races with window changes in charm.land/ssh (see ptyTable): use Term, Window
	// and OnResize.
	SSH ssh.Session
	// In is the session's input: read it, not SSH, since what the client sent while the server
	// asked its terminal (probeTerminal) is read again from here.
	In io.Reader
	// CLI is the login's command session on its VTY line: Exec, Help, Complete, Prompt.
	CLI *switchctl.Session
	// Login is the device's record of the login: Touch it on input; Freed says it must end.
	Login *switchctl.Login
	// Events are the device's events (log lines, configuration changes, reboot) for this session;
	// the subscription ends when ServeConsole returns. A reader that falls behind loses events.
	Events <-chan switchctl.Event
	// Term is the TERM the client sent with its PTY request; Window the terminal's size then.
	Term   string
	Window ssh.Window
	// Context ends when the session ends or the device ends the login (Login.Cause says why).
	Context context.Context
	// Log is the process logger of this session (session, user, remote, mode).
	Log *slog.Logger
	// Gateway is set for a console on the gateway (Config.Gateway): the console then serves the
	// fleet the account may reach, and CLI, Login and Events are the gateway's own.
	Gateway *GatewayLogin

	resize atomic.Pointer[func(width, height int)] // OnResize's f
	mu     sync.Mutex
	size   WindowSize // the latest window change, zero before any
}

// OnResize has f told of the terminal's size after each window change from now on, on the shell's
// watcher goroutine (f may block for a moment, never for long), and at once of a change that came
// before the call. The console registers its program here: no goroutine relays the sizes.
func (c *ConsoleSession) OnResize(f func(width, height int)) {
	c.resize.Store(&f)
	c.mu.Lock()
	size := c.size
	c.mu.Unlock()
	if size != (WindowSize{}) {
		f(size.Width, size.Height)
	}
}

// resized is the watcher's window change for the console.
func (c *ConsoleSession) resized(width, height int) {
	c.mu.Lock()
	c.size = WindowSize{Width: width, Height: height}
	c.mu.Unlock()
	if f := c.resize.Load(); f != nil {
		(*f)(width, height)
	}
}
