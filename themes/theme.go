// Package themes holds the console's named themes: semantic palettes (a title, a border, an error, an
// added line...) that turn into Lip Gloss styles for one session. A theme is a value; there is no
// package-level style and no global theme: every console session asks for its own Styles.
package themes

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Color is one colour in a dark and a light variant: "#rrggbb", "#rgb", an ANSI index "0"-"255", or ""
// for the terminal's own colour.
type Color struct {
	Dark, Light string
}

// C is a Color with the same value on dark and light backgrounds.
func C(s string) Color { return Color{Dark: s, Light: s} }

// DL is a Color with a dark-background and a light-background value.
func DL(dark, light string) Color { return Color{Dark: dark, Light: light} }

func (c Color) pick(isDark bool) color.Color {
	s := c.Light
	if isDark {
		s = c.Dark
	}
	if s == "" {
		return nil
	}
	return lipgloss.Color(s)
}

// Slot is the look of one semantic element: colours and text attributes.
type Slot struct {
	FG, BG                                  Color
	Bold, Italic, Underline, Reverse, Faint bool
}

func (s Slot) style(isDark bool) lipgloss.Style {
	st := lipgloss.NewStyle()
	if c := s.FG.pick(isDark); c != nil {
		st = st.Foreground(c)
	}
	if c := s.BG.pick(isDark); c != nil {
		st = st.Background(c)
	}
	if s.Bold {
		st = st.Bold(true)
	}
	if s.Italic {
		st = st.Italic(true)
	}
	if s.Underline {
		st = st.Underline(true)
	}
	if s.Reverse {
		st = st.Reverse(true)
	}
	if s.Faint {
		st = st.Faint(true)
	}
	return st
}

// Theme is a named palette with one Slot per semantic element of the console.
type Theme struct {
	Name        string
	Description string
	// ASCII draws borders and markers with ASCII characters only (+-|>*), for terminals that lack
	// box-drawing glyphs; the monochrome theme sets it.
	ASCII bool

	Title       Slot // the header bar: sysname, model, uptime
	Header      Slot // table column headings
	Nav         Slot // a view in the navigation list
	NavActive   Slot // the view shown
	Border      Slot // pane borders
	BorderFocus Slot // the border of the focused pane
	Text        Slot // ordinary text
	Muted       Slot // secondary text: hints, counters, context lines
	Accent      Slot // emphasis: pane titles, the unsaved marker
	OK          Slot // link up, a command that succeeded
	Warn        Slot // administratively down, a disruptive action
	Error       Slot // link down, a rejected command
	Added       Slot // a line the running configuration has and the saved one does not
	Removed     Slot // a line only the saved configuration has
	Selected    Slot // the row under the cursor
	Prompt      Slot // the CLI prompt
	Key         Slot // a key in the help
	Desc        Slot // what a key does
}

// slotRef names a slot of a theme, for the file loader and the tests.
type slotRef struct {
	name string
	slot *Slot
}

// slots lists the theme's slots by their file names.
func (t *Theme) slots() []slotRef {
	return []slotRef{
		{"title", &t.Title}, {"header", &t.Header}, {"nav", &t.Nav}, {"nav-active", &t.NavActive},
		{"border", &t.Border}, {"border-focus", &t.BorderFocus}, {"text", &t.Text}, {"muted", &t.Muted},
		{"accent", &t.Accent}, {"ok", &t.OK}, {"warn", &t.Warn}, {"error", &t.Error},
		{"added", &t.Added}, {"removed", &t.Removed}, {"selected", &t.Selected}, {"prompt", &t.Prompt},
		{"key", &t.Key}, {"desc", &t.Desc},
	}
}

// SlotNames lists the names of the slots a theme file may set, in display order.
func SlotNames() []string {
	var t Theme
	var names []string
	for _, r := range t.slots() {
		names = append(names, r.name)
	}
	return names
}

// Styles are a theme's slots as Lip Gloss styles for one background. They are plain values: the
// program that renders them downsamples colours to the session's colour profile.
type Styles struct {
	ASCII bool

	Title, Header, Nav, NavActive, Border, BorderFocus, Text, Muted, Accent lipgloss.Style
	OK, Warn, Error, Added, Removed, Selected, Prompt, Key, Desc            lipgloss.Style
}

// Styles returns the theme's styles for a dark (isDark) or light terminal background.
func (t Theme) Styles(isDark bool) Styles {
	return Styles{
		ASCII:       t.ASCII,
		Title:       t.Title.style(isDark),
		Header:      t.Header.style(isDark),
		Nav:         t.Nav.style(isDark),
		NavActive:   t.NavActive.style(isDark),
		Border:      t.Border.style(isDark),
		BorderFocus: t.BorderFocus.style(isDark),
		Text:        t.Text.style(isDark),
		Muted:       t.Muted.style(isDark),
		Accent:      t.Accent.style(isDark),
		OK:          t.OK.style(isDark),
		Warn:        t.Warn.style(isDark),
		Error:       t.Error.style(isDark),
		Added:       t.Added.style(isDark),
		Removed:     t.Removed.style(isDark),
		Selected:    t.Selected.style(isDark),
		Prompt:      t.Prompt.style(isDark),
		Key:         t.Key.style(isDark),
		Desc:        t.Desc.style(isDark),
	}
}
