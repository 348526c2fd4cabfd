package themes

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
)

// DefaultName is the theme a session gets when nobody chose one.
const DefaultName = "comware-classic"

// MonochromeName is the theme forced on sessions without colour (NO_COLOR, a dumb terminal).
const MonochromeName = "monochrome"

// ErrUnknown is returned for a theme name that is neither built in nor loaded.
var ErrUnknown = errors.New("themes: unknown theme")

// Get returns the built-in theme called name.
func Get(name string) (Theme, error) {
	for _, t := range builtins() {
		if t.Name == name {
			return t, nil
		}
	}
	return Theme{}, fmt.Errorf("%w %q (built-in: %s)", ErrUnknown, name, strings.Join(Names(), ", "))
}

// Default returns the default theme.
func Default() Theme {
	t, _ := Get(DefaultName)
	return t
}

// Names lists the built-in themes, the default first.
func Names() []string {
	var names []string
	for _, t := range builtins() {
		names = append(names, t.Name)
	}
	return names
}

// Catalog is the built-in themes plus the user themes loaded from a directory. Build one per
// server with LoadDir and share it: it is not changed after loading.
type Catalog struct {
	user []Theme
}

// Get returns the theme called name, built-in or loaded.
func (c *Catalog) Get(name string) (Theme, error) {
	if c != nil {
		for _, t := range c.user {
			if t.Name == name {
				return t, nil
			}
		}
	}
	if t, err := Get(name); err == nil {
		return t, nil
	}
	return Theme{}, fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(c.Names(), ", "))
}

// Names lists the built-in themes, then the loaded ones in name order.
func (c *Catalog) Names() []string {
	names := Names()
	if c == nil {
		return names
	}
	for _, t := range c.user {
		names = append(names, t.Name)
	}
	return names
}

// Next is the theme after name in Names, wrapping around: the console's theme key cycles with it.
func (c *Catalog) Next(name string) Theme {
	names := c.Names()
	i := slices.Index(names, name)
	t, _ := c.Get(names[(i+1)%len(names)])
	return t
}

// ForTerminal picks a session's theme: the monochrome theme when the terminal cannot show colour
// (NO_COLOR set, TERM=dumb, or a colour profile of ASCII or less), else the theme called name, else
// the default theme. The error reports an unknown name; the theme returned is usable even then.
func (c *Catalog) ForTerminal(name string, environ []string, profile colorprofile.Profile) (Theme, error) {
	if NoColor(environ, profile) {
		t, _ := Get(MonochromeName)
		return t, nil
	}
	if name == "" {
		return Default(), nil
	}
	t, err := c.Get(name)
	if err != nil {
		return Default(), err
	}
	return t, nil
}

// NoColor reports whether a terminal should get no colour: NO_COLOR is set (https://no-color.org),
// TERM is dumb or unset, or the colour profile has no colours.
func NoColor(environ []string, profile colorprofile.Profile) bool {
	term, hasTerm := "", false
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "NO_COLOR":
			if v != "" {
				return true
			}
		case "TERM":
			term, hasTerm = v, true
		}
	}
	if !hasTerm || term == "dumb" {
		return true
	}
	return profile != colorprofile.Unknown && profile <= colorprofile.ASCII
}
