package tui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"vtyd/themes"
)

// Options configure one console session. The zero value of every field works.
type Options struct {
	// Context ends the session's background work (the event listener); default context.Background().
	Context context.Context
	// Theme is the session's theme (default themes.Default()); Themes is what the theme key cycles
	// through (default: the built-in themes).
	Theme  themes.Theme
	Themes *themes.Catalog
	// OnTheme is called with the new theme's name when the user switches theme, so that the caller
	// can keep it as the user's setting; nil: not kept.
	OnTheme func(name string)
	// ThemeScope says whom OnTheme keeps a choice for ("admin on xterm-256color"): the status names
	// it, so that a user of a shared account knows who else gets the theme. ThemeNote is a status
	// to start with (the theme a saved choice gave). Both optional.
	ThemeScope, ThemeNote string
	// NoColor says the terminal shows no colour (NO_COLOR, TERM=dumb): the theme stays monochrome,
	// whatever key is pressed.
	NoColor bool
	// LightBackground says the terminal's background is light until the terminal answers the
	// console's query (default: dark).
	LightBackground bool
	// User and Role are shown in the header; Role also decides whether actions are offered:
	// network-operator and level-0..8 see them disabled (default: network-operator).
	User, Role string
	// Width and Height are the terminal size until the first tea.WindowSizeMsg (default 80x24). The
	// console lays out at most MaxWidth×MaxHeight of it, here and on every resize.
	Width, Height int
	// Now is the clock the header's uptime advances with (default time.Now).
	Now func() time.Time
	// RefreshInterval bounds how often device events redraw the console: events are gathered for
	// this long and handled together (default 500ms, so at most about four redraws a second).
	RefreshInterval time.Duration
	// PollInterval is how often data that moves without a device event (interface rates, the MAC,
	// ARP and LLDP tables, CPU and memory, idle times) is read again while it is on screen
	// (default 10s).
	PollInterval time.Duration
	// Mouse turns on mouse reporting (wheel scrolling); off by default, so that the terminal's own
	// selection and copy keep working.
	Mouse bool
}

func (o Options) withDefaults() Options {
	if o.Context == nil {
		o.Context = context.Background()
	}
	if o.Theme.Name == "" {
		o.Theme = themes.Default()
	}
	if o.Role == "" {
		o.Role = "network-operator"
	}
	if o.Width <= 0 || o.Height <= 0 {
		o.Width, o.Height = 80, 24
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RefreshInterval <= 0 {
		o.RefreshInterval = 500 * time.Millisecond
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 10 * time.Second
	}
	return o
}

// CanWrite reports whether a Comware role may run configuration commands: network-admin and
// level-9 to level-15 may; network-operator and level-0 to level-8 only display.
func CanWrite(role string) bool {
	if role == "network-admin" {
		return true
	}
	n, ok := strings.CutPrefix(role, "level-")
	if !ok {
		return false
	}
	lvl, err := strconv.Atoi(n)
	return err == nil && lvl >= 9 && lvl <= 15
}

// CanManageUsers reports whether a Comware role may change security settings (local users, keys,
// the SSH server): network-admin and level-15 may; level-9 to level-14 may configure the rest.
func CanManageUsers(role string) bool { return role == "network-admin" || role == "level-15" }

// BestRole picks the role to run the console as from a login's roles: the first that may write,
// else the first.
func BestRole(roles []string) string {
	for _, r := range roles {
		if CanWrite(r) {
			return r
		}
	}
	if len(roles) > 0 {
		return roles[0]
	}
	return ""
}
