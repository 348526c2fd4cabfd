package main

import (
	"io"
	"log/slog"
	"time"

	"vtyd/sshsrv"
	"vtyd/switchctl"
	"vtyd/themes"
	"vtyd/tui"
)

// console adapts the Bubble Tea console (tui) to the SSH server's console hook, so that neither
// package imports the other: sshsrv hands over a shell with a PTY, tui draws it.
type console struct {
	h tui.Handler
}

// newConsole builds the console for a device: cat holds the themes (nil: built-in only), theme is
// the server's default, log the process log.
func newConsole(d *switchctl.Device, cat *themes.Catalog, theme string, log *slog.Logger) *console {
	return &console{h: tui.Handler{
		Open: tui.SwitchBackends(d), Themes: cat, Theme: theme, Logger: log,
		UserTheme: d.UserTheme,
		SetUserTheme: func(user, name string) {
			if err := d.SetUserTheme(user, name); err != nil {
				log.Warn("keep console theme", "user", user, "err", err)
			}
		},
	}}
}

// ServeConsole runs the console until the user quits, the connection ends, or the device ends the
// login (free line, reboot, idle timeout, shutdown), and then says why, in the words the line CLI
// uses, once the console has left the screen.
func (c *console) ServeConsole(s *sshsrv.ConsoleSession) int { return serveTerminal(&c.h, s, nil) }

// serveTerminal runs h on the session's terminal; with a fleet (the gateway's console) the console
// reaches its devices, beginning with the one the login name named.
func serveTerminal(h *tui.Handler, s *sshsrv.ConsoleSession, fleet tui.Fleet) int {
	// Keys count as activity for the idle timeout and the idle time `display users` shows: the
	// login's, and on the gateway the login on the device the console is on.
	in := activity{r: s.In, touch: s.Login.Touch}
	if f, ok := fleet.(interface{ Touch(time.Time) }); ok {
		in.touch = func(now time.Time) {
			s.Login.Touch(now)
			f.Touch(now)
		}
	}
	info := s.CLI.Info()
	t := tui.Terminal{User: info.User, Roles: info.Roles, Line: info.Line, Remote: info.Remote,
		In: in, Out: s.SSH, Environ: append(s.SSH.Environ(), "TERM="+s.Term), Width: s.Window.Width,
		Height: s.Window.Height, OnResize: s.OnResize}
	if fleet != nil && s.Gateway != nil {
		t.Fleet, t.Device = fleet, s.Gateway.Device
	}
	err := h.Serve(s.Context, t)
	if cause := s.Login.Cause(); cause != switchctl.EndNone {
		_, _ = io.WriteString(s.SSH, "\r\n"+cause.Message()+"\r\n")
		return 1
	}
	if err != nil {
		s.Log.Warn("console ended", "err", err)
		return 1
	}
	return 0
}

// activity is the session's input, telling the login of each read.
type activity struct {
	r     io.Reader
	touch func(time.Time)
}

func (a activity) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.touch(time.Now())
	}
	return n, err
}
