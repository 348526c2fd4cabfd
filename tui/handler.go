package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"vtyd/themes"
	"vtyd/tui/term"
)

// Handler serves the console on terminal sessions: the SSH layer calls Serve once per session that
// routes to the console (a PTY whose TERM can host it), in the session's goroutine. A Handler is
// shared by all sessions and never changed after it is built.
type Handler struct {
	// Open opens the device a session's console works on: the embedded switch (SwitchBackends),
	// and in time a device of a fleet or a real switch over SSH. The console asks the device only
	// through the Backend it returns.
	Open   Backends
	Themes *themes.Catalog // built-in plus user themes (nil: built-in only)
	Theme  string          // the server's default theme (default themes.DefaultName)
	// UserTheme returns a user's own theme setting ("" for none); SetUserTheme keeps the one a user
	// switches to. Both are optional; main wires them to the vtyd settings file. The setting holds
	// a choice per terminal type (theme_choice.go); a plain theme name is every terminal's.
	UserTheme    func(user string) string
	SetUserTheme func(user, theme string)
	Logger       *slog.Logger     // process log: panics and unknown themes, never what users type
	Now          func() time.Time // default time.Now
}

// Terminal is what the console needs from one SSH session: who logged in, and the terminal.
type Terminal struct {
	User    string    // the login's user name
	Roles   []string  // the login's roles: the console offers what the best of them allows
	Line    int       // the VTY line the login holds, -1 for none
	Remote  string    // the client, host:port
	In      io.Reader // keys, as the client sends them
	Out     io.Writer // the screen
	Environ []string  // the session's environment with TERM=<pty term> appended
	Width   int       // the PTY size at the start
	Height  int
	// OnResize, if set, is called once the console runs, with the function that tells it of a new
	// terminal size; the SSH layer calls that function on each window change (it returns once the
	// console has taken the size, at once after the console ended).
	OnResize func(resize func(width, height int))
	// Fleet, when set, makes the console one over a fleet (a session through the gateway): it opens
	// the devices through Fleet, not through Handler.Open. Nil: the console of Handler.Open's device.
	Fleet Fleet
	// Device is the fleet device to open first (the login named it: alice@core1); "" starts on the
	// fleet dashboard, as does a device that cannot be opened (with the reason shown).
	Device string
}

// Serve runs the console for one session until the user quits or ctx ends (the SSH layer ends it
// when the connection ends or the device ends the login), on the device h.Open opens for t, or over
// t.Fleet (the fleet dashboard and the devices it opens). It builds one tea.Program for the session
// with the session's environment, size and colour profile (from the environment: the PTY is
// emulated, so the profile cannot be read from a terminal device), so sessions never share styles
// or a theme; package term draws on Out and reads In. A panic in the console ends in an error
// screen for this session only (see guard); Serve returns nil then.
//
// The console adapter in main (console.go) calls it for a shell with a PTY, in this way:
//
//	err := h.Serve(c.Context, tui.Terminal{User: info.User, Roles: info.Roles, Line: info.Line,
//		Remote: info.Remote, In: c.In, Out: c.SSH, Environ: append(c.SSH.Environ(), "TERM="+c.Term),
//		Width: c.Window.Width, Height: c.Window.Height, OnResize: c.OnResize})
func (h *Handler) Serve(ctx context.Context, t Terminal) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var b Backend
	if t.Fleet == nil {
		var err error
		if b, err = h.Open(t); err != nil {
			return fmt.Errorf("console: open the device: %w", err)
		}
		defer b.Close()
	}
	profile := colorprofile.Env(t.Environ)
	// The console draws and reads the terminal itself (package term): Bubble Tea's renderer and
	// input reader hold some 600 KB a session, which hundreds of open consoles cannot afford.
	r := term.NewRenderer(t.Out, profile, t.Width, t.Height)
	opts := append(term.ProgramOptions(), tea.WithContext(ctx), tea.WithEnvironment(t.Environ),
		tea.WithColorProfile(profile), tea.WithoutSignalHandler())
	if t.Width > 0 && t.Height > 0 {
		opts = append(opts, tea.WithWindowSize(t.Width, t.Height))
	}
	console, closeConsole := h.console(ctx, t, b, profile)
	defer closeConsole() // a fleet's console closes the device it is on once the program has ended
	p := tea.NewProgram(term.Drawn(console, r), opts...)
	// A read cannot be interrupted, so the input goroutine ends with the session, after the
	// program; what it reads in between is dropped (Send returns at once after the program ends).
	// A panic in it (or in its timer) ends this console with an error, never the server.
	var failed atomic.Pointer[term.PanicError]
	onPanic := func(e *term.PanicError) {
		if failed.CompareAndSwap(nil, e) {
			h.logger(t).Error("console input panic", "panic", e.Value, "stack", string(e.Stack))
			cancel() // ends the program (p.Kill races with a program still starting)
		}
	}
	// A fleet's dashboard takes a change batch up to its own limit; a device's console refuses a
	// paste over PasteLimit itself, with the upload workflow.
	maxPaste := PasteLimit
	if t.Fleet != nil {
		maxPaste = ChangeMaxBytes
	}
	in := &term.Input{MaxPaste: maxPaste, OnPanic: onPanic}
	go func() {
		defer func() {
			if v := recover(); v != nil {
				onPanic(&term.PanicError{Value: v, Stack: debug.Stack()})
			}
		}()
		_ = in.Run(t.In, p.Send)
	}()
	if t.OnResize != nil {
		// Registered on a goroutine of its own, which ends at once: a size that came before is
		// delivered during the call, and Send waits for the program to run.
		go t.OnResize(func(w, h int) { p.Send(tea.WindowSizeMsg{Width: w, Height: h}) })
	}
	// The model's Init asks for the background colour through Bubble Tea, which has no input here
	// and so does not ask; the renderer asks instead, and Input delivers the reply.
	_, _ = io.WriteString(r, ansi.RequestBackgroundColor)
	_, err := p.Run()
	closeErr := r.Close()
	if e := failed.Load(); e != nil {
		return fmt.Errorf("console: %w", e)
	}
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		return nil // the session ended under the console
	}
	if err == nil && closeErr != nil && ctx.Err() == nil {
		err = fmt.Errorf("console: restore the terminal: %w", closeErr)
	}
	return err
}

// console builds the session's model: the user's theme (else the server's), role and size, inside
// the panic guard; on b, or over t.Fleet, with the function that closes the fleet device it ends
// on. It is a function of its own so that what building needs stays off the stack of the goroutine
// that then runs the console for the whole session.
func (h *Handler) console(ctx context.Context, t Terminal, b Backend, profile colorprofile.Profile) (tea.Model, func()) {
	log := h.logger(t)
	name, term, saved := h.Theme, termType(t.Environ), ""
	if h.UserTheme != nil {
		saved = parseThemePrefs(h.UserTheme(t.User)).forTerm(term)
		if saved != "" {
			name = saved
		}
	}
	theme, err := h.Themes.ForTerminal(name, t.Environ, profile)
	if err != nil {
		log.Warn("console theme", "err", err)
	}
	opt := Options{
		Context: ctx, Theme: theme, Themes: h.Themes, User: t.User, Role: BestRole(t.Roles),
		Width: t.Width, Height: t.Height, Now: h.Now, NoColor: themes.NoColor(t.Environ, profile),
		ThemeScope: themeScope(t.User, term),
	}
	if saved != "" && saved == theme.Name {
		opt.ThemeNote = "theme " + saved + ": the choice saved for " + opt.ThemeScope + " (T: another)"
	}
	if h.SetUserTheme != nil {
		opt.OnTheme = func(name string) {
			// Read again: another session of the user may have kept a choice for its terminal.
			var prefs themePrefs
			if h.UserTheme != nil {
				prefs = parseThemePrefs(h.UserTheme(t.User))
			}
			h.SetUserTheme(t.User, prefs.with(term, name).String())
		}
	}
	onPanic := func(v any, stack []byte) { log.Error("console panic", "panic", v, "stack", string(stack)) }
	if t.Fleet != nil {
		f := newFleetModel(t.Fleet, t.Device, opt)
		return &guard{m: f, OnPanic: onPanic}, f.close
	}
	return &guard{m: New(b, opt), OnPanic: onPanic}, func() {}
}

// logger is the process log for a console session.
func (h *Handler) logger(t Terminal) *slog.Logger {
	log := h.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return log.With("user", t.User, "mode", "console")
}
