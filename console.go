package main

import (
	"context"
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
		Device: d, Themes: cat, Theme: theme, Logger: log,
		UserTheme: d.UserTheme,
		SetUserTheme: func(user, name string) {
			if err := d.SetUserTheme(user, name); err != nil {
				log.Warn("keep console theme", "user", user, "err", err)
			}
		},
	}}
}

// Why a console ends when the device ends its login, in the line CLI's words.
const (
	msgFreed     = "\r\n% The line was freed by an administrator (free line); the session is closed.\r\n"
	msgRebooting = "\r\n% The device is rebooting; the session is closed.\r\n"
)

// ServeConsole runs the console until the user quits, the connection ends, or the login must end
// (free line, reboot), and says why in the last case, once the console has left the screen.
func (c *console) ServeConsole(s *sshsrv.ConsoleSession) int {
	ctx, cancel := context.WithCancel(s.SSH.Context())
	defer cancel()
	// One goroutine ends the console when the login is freed and relays window changes.
	freed := make(chan struct{})
	resize := make(chan tui.WindowSize, 1)
	go func() {
		sizes := s.Resize
		for {
			select {
			case <-s.Login.Freed():
				close(freed)
				cancel()
				return
			case w, ok := <-sizes:
				if !ok {
					sizes = nil // no more window changes; still watch Freed
					continue
				}
				select {
				case resize <- tui.WindowSize{Width: w.Width, Height: w.Height}:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	// Keys count as activity for the idle time `display users` shows, as in the line CLI.
	in := activity{r: s.SSH, touch: s.Login.Touch}
	err := c.h.Serve(ctx, tui.Terminal{Session: s.CLI, In: in, Out: s.SSH,
		Environ: append(s.SSH.Environ(), "TERM="+s.Term), Width: s.Window.Width, Height: s.Window.Height,
		Resize: resize})
	select {
	case <-freed:
		msg := msgFreed
		if rebooting(s.Events) {
			msg = msgRebooting
		}
		_, _ = io.WriteString(s.SSH, msg)
		return 1
	default:
	}
	if err != nil {
		s.Log.Warn("console ended", "err", err)
		return 1
	}
	return 0
}

// rebooting reports whether the device announced a reboot among the events not read yet.
func rebooting(events <-chan switchctl.Event) bool {
	for {
		select {
		case e, ok := <-events:
			if !ok {
				return false
			}
			if e.Kind == switchctl.EventReboot {
				return true
			}
		default:
			return false
		}
	}
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
