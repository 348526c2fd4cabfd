package tui

import (
	"strings"

	"vtyd/themes"
)

// A theme choice is kept per user and terminal type: one account is often shared by a team, and a
// light-background terminal wants another theme than a dark one. The choice is kept in the one
// setting a user has (Handler.UserTheme), as a list "TERM=theme,..." (themePrefs); a plain name,
// as older versions kept it, stays the theme of every terminal without a choice of its own. The
// status says whom a choice is kept for, so that nobody sharing an account changes everyone's
// console without knowing it.

// noColorStatus is what the theme key and ":theme" say on a terminal without colour.
const noColorStatus = "no colour on this terminal (NO_COLOR or TERM=dumb): the console stays monochrome"

// maxThemePrefs bounds the terminal types kept per user; the oldest choice goes first.
const maxThemePrefs = 8

// themePref is one terminal type's theme; term "" is the theme of any other terminal.
type themePref struct{ term, theme string }

// themePrefs are a user's theme choices, the newest first.
type themePrefs []themePref

// parseThemePrefs reads a kept setting: "dark", or "xterm-256color=dark,screen=nord,light".
func parseThemePrefs(s string) themePrefs {
	var out themePrefs
	for _, e := range strings.Split(s, ",") {
		term, theme, ok := strings.Cut(strings.TrimSpace(e), "=")
		if !ok {
			term, theme = "", term
		}
		if theme != "" {
			out = append(out, themePref{term, theme})
		}
	}
	return out
}

// String is the setting to keep.
func (p themePrefs) String() string {
	var b strings.Builder
	for i, e := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		if e.term != "" {
			b.WriteString(e.term + "=")
		}
		b.WriteString(e.theme)
	}
	return b.String()
}

// forTerm is the theme chosen on term, else the one for any terminal, else "".
func (p themePrefs) forTerm(term string) string {
	other := ""
	for _, e := range p {
		switch e.term {
		case term:
			return e.theme
		case "":
			other = e.theme
		}
	}
	return other
}

// with is p with theme chosen on term, first, and at most maxThemePrefs choices.
func (p themePrefs) with(term, theme string) themePrefs {
	out := themePrefs{{term, theme}}
	for _, e := range p {
		if e.term != term && len(out) < maxThemePrefs {
			out = append(out, e)
		}
	}
	return out
}

// termType is the session's TERM as a key of the kept choices: the last TERM in the environment,
// only the characters terminal names use, at most 32 of them; "" when there is none.
func termType(environ []string) string {
	term := ""
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "TERM="); ok {
			term = v
		}
	}
	clean := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".+_-", r) {
			return r
		}
		return -1
	}, term)
	if len(clean) > 32 {
		clean = clean[:32]
	}
	return clean
}

// themeScope words whom a choice is kept for: "admin on xterm-256color".
func themeScope(user, term string) string {
	if term == "" {
		term = "any terminal"
	}
	return CleanLine(orDash(user)) + " on " + term
}

// keepTheme tells the caller of the theme now in use and returns the status that says so.
func keepTheme(opt *Options, t themes.Theme) string {
	if opt.OnTheme == nil {
		return "theme " + t.Name + " (for this session)"
	}
	opt.OnTheme(t.Name)
	if opt.ThemeScope == "" {
		return "theme " + t.Name + " (saved)"
	}
	return "theme " + t.Name + ", saved for " + opt.ThemeScope
}
