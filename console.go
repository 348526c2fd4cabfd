package main

import (
	"context"
	"log/slog"

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

// ServeConsole runs the console until the user quits, the connection ends, or the login must end
// (free line, reboot).
func (c *console) ServeConsole(s *sshsrv.ConsoleSession) int {
	ctx, cancel := context.WithCancel(s.SSH.Context())
	defer cancel()
	go func() {
		select {
		case <-s.Login.Freed():
			cancel()
		case <-ctx.Done():
		}
	}()
	resize := make(chan tui.WindowSize, 1)
	go func() {
		for {
			select {
			case w, ok := <-s.Resize:
				if !ok {
					return
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
	err := c.h.Serve(ctx, tui.Terminal{Session: s.CLI, In: s.SSH, Out: s.SSH,
		Environ: append(s.SSH.Environ(), "TERM="+s.Term), Width: s.Window.Width, Height: s.Window.Height,
		Resize: resize})
	if err != nil {
		s.Log.Warn("console ended", "err", err)
		return 1
	}
	return 0
}
