package tui

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"vtyd/switchctl"
	"vtyd/themes"
)

// Handler serves the console on terminal sessions: the SSH layer calls Serve once per session that
// routes to the console (a PTY whose TERM can host it), in the session's goroutine. A Handler is
// shared by all sessions and never changed after it is built.
type Handler struct {
	Device *switchctl.Device
	Themes *themes.Catalog // built-in plus user themes (nil: built-in only)
	Theme  string          // the server's default theme (default themes.DefaultName)
	// UserTheme returns a user's own theme setting ("" for none); SetUserTheme keeps the one a user
	// switches to. Both are optional; main wires them to the vtyd settings file.
	UserTheme    func(user string) string
	SetUserTheme func(user, theme string)
	Logger       *slog.Logger     // process log: panics and unknown themes, never what users type
	Now          func() time.Time // default time.Now
}

// WindowSize is a terminal size change.
type WindowSize struct{ Width, Height int }

// Terminal is what the console needs from one SSH session.
type Terminal struct {
	Session *switchctl.Session // the login's CLI session: user, roles, VTY line
	In      io.Reader          // keys, as the client sends them
	Out     io.Writer          // the screen
	Environ []string           // the session's environment with TERM=<pty term> appended
	Width   int                // the PTY size at the start
	Height  int
	Resize  <-chan WindowSize // window changes; nil if none come
	// Options are appended to the program's options: for example Wish's bm.MakeOptions(sess) in
	// place of In, Out and Environ.
	Options []tea.ProgramOption
}

// Serve runs the console for one session until the user quits, the device reboots, or ctx ends
// (pass sess.Context()). It builds one tea.Program for the session with the session's input, output,
// environment, size and colour profile (from the environment: the PTY is emulated, so the profile
// cannot be read from a terminal device), so sessions never share styles or a theme. A panic in
// the console ends in an error screen for this session only (see guard); Serve returns nil then.
//
// sshsrv calls it from its router for a shell with a PTY:
//
//	pty, winCh, _ := sess.Pty()
//	resize := make(chan tui.WindowSize)
//	go func() { for w := range winCh { resize <- tui.WindowSize{Width: w.Width, Height: w.Height} } }()
//	err := h.Serve(sess.Context(), tui.Terminal{Session: cli, In: sess, Out: sess,
//		Environ: append(sess.Environ(), "TERM="+pty.Term), Width: pty.Window.Width,
//		Height: pty.Window.Height, Resize: resize})
func (h *Handler) Serve(ctx context.Context, t Terminal) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	log := h.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	info := t.Session.Info()
	log = log.With("user", info.User, "mode", "console")
	name := h.Theme
	if h.UserTheme != nil {
		if u := h.UserTheme(info.User); u != "" {
			name = u
		}
	}
	profile := colorprofile.Env(t.Environ)
	theme, err := h.Themes.ForTerminal(name, t.Environ, profile)
	if err != nil {
		log.Warn("console theme", "err", err)
	}
	b := NewSwitchBackend(h.Device, t.Session)
	defer b.Close()
	opt := Options{
		Context: ctx, Theme: theme, Themes: h.Themes, User: info.User, Role: BestRole(info.Roles),
		Width: t.Width, Height: t.Height, Now: h.Now,
	}
	if h.SetUserTheme != nil {
		opt.OnTheme = func(name string) { h.SetUserTheme(info.User, name) }
	}
	g := &guard{m: New(b, opt), OnPanic: func(v any, stack []byte) {
		log.Error("console panic", "panic", v, "stack", string(stack))
	}}
	opts := []tea.ProgramOption{
		tea.WithContext(ctx), tea.WithInput(t.In), tea.WithOutput(t.Out), tea.WithEnvironment(t.Environ),
		tea.WithColorProfile(profile), tea.WithoutSignalHandler(),
	}
	if t.Width > 0 && t.Height > 0 {
		opts = append(opts, tea.WithWindowSize(t.Width, t.Height))
	}
	p := tea.NewProgram(g, append(opts, t.Options...)...)
	if t.Resize != nil {
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				case ws, ok := <-t.Resize:
					if !ok {
						return
					}
					p.Send(tea.WindowSizeMsg{Width: ws.Width, Height: ws.Height})
				}
			}
		}()
	}
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // the session ended under the console
	}
	return err
}
