package switchctl

import "fmt"

// Console modes a user may choose with `console-mode` (a vtyd extension kept in the settings file,
// not in the Comware configuration).
const (
	ConsoleCLI = "cli" // shells with a terminal get the line CLI
	ConsoleTUI = "tui" // shells with a terminal that can host it get the console
)

// UserConsole is user's console mode: ConsoleCLI, ConsoleTUI, or "" when the user has not chosen.
func (d *Device) UserConsole(user string) string {
	f := d.settings
	f.mu.Lock()
	defer f.mu.Unlock()
	if u := f.s.Users[user]; u != nil {
		return u.Console
	}
	return ""
}

// SetUserConsole sets user's console mode and saves the settings file; "" forgets the choice.
func (d *Device) SetUserConsole(user, mode string) error {
	switch mode {
	case "", ConsoleCLI, ConsoleTUI:
	default:
		return fmt.Errorf("console mode %q: %w", mode, ErrInvalidValue)
	}
	f := d.settings
	f.mu.Lock()
	defer f.mu.Unlock()
	u := f.s.Users[user]
	switch {
	case u == nil && mode == "":
		return nil
	case u == nil:
		if f.s.Users == nil {
			f.s.Users = map[string]*UserSettings{}
		}
		u = &UserSettings{}
		f.s.Users[user] = u
	}
	u.Console = mode
	if *u == (UserSettings{}) {
		delete(f.s.Users, user)
	}
	return f.saveLocked()
}

// consoleRows are `console-mode {cli|tui}` and `undo console-mode` in local-user view: how the
// user's SSH shells with a terminal start. They are not part of the configuration (display
// current-configuration never shows them), so that startup.cfg stays loadable on a real switch.
func consoleRows() []Row {
	return []Row{
		{Views: InLocalUser, Path: "console-mode {cli|tui}", Priv: PrivSecurity, Run: runConsoleMode},
		{Views: InLocalUser, Path: "undo console-mode", Priv: PrivSecurity, Run: runConsoleMode},
	}
}

// consoleHelp is the `?` text of consoleRows.
var consoleHelp = map[string]string{
	"console-mode":      "Specify what SSH shells with a terminal start (vtyd extension)",
	"console-mode cli":  "The line CLI",
	"console-mode tui":  "The full-screen console, where the terminal can host it",
	"undo console-mode": "Restore the default: the console where the terminal can host it",
}

func runConsoleMode(c *Ctx) error {
	name := c.S.View().Name
	exists := false
	c.D.read(func(cfg *Config) { exists = cfg.Users[name] != nil })
	if !exists {
		return refuse(ErrNotFound, "The local user %s does not exist.", name)
	}
	mode := ""
	switch {
	case c.A.Has("undo"):
	case c.A.Has(ConsoleCLI):
		mode = ConsoleCLI
	case c.A.Has(ConsoleTUI):
		mode = ConsoleTUI
	}
	if err := c.D.SetUserConsole(name, mode); err != nil {
		return refuse(ErrFile, "Failed to save the console mode.")
	}
	return nil
}

// UserTheme is the console theme user chose, "" when none.
func (d *Device) UserTheme(user string) string {
	f := d.settings
	f.mu.Lock()
	defer f.mu.Unlock()
	if u := f.s.Users[user]; u != nil {
		return u.Theme
	}
	return ""
}

// SetUserTheme keeps user's console theme in the settings file; "" forgets it.
func (d *Device) SetUserTheme(user, theme string) error {
	f := d.settings
	f.mu.Lock()
	defer f.mu.Unlock()
	u := f.s.Users[user]
	if u == nil {
		if theme == "" {
			return nil
		}
		if f.s.Users == nil {
			f.s.Users = map[string]*UserSettings{}
		}
		u = &UserSettings{}
		f.s.Users[user] = u
	}
	u.Theme = theme
	if *u == (UserSettings{}) {
		delete(f.s.Users, user)
	}
	return f.saveLocked()
}
