package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"vtyd/themes"
)

func TestThemePrefs(t *testing.T) {
	tests := []struct {
		kept, term, want string
	}{
		{"", "xterm", ""},
		{"dark", "xterm", "dark"}, // a plain name, as kept before: every terminal's
		{"xterm=light,dark", "xterm", "light"},
		{"xterm=light,dark", "screen", "dark"},
		{"xterm=light", "screen", ""},
		{"xterm=light,,=,screen=", "xterm", "light"},
	}
	for _, tt := range tests {
		if got := parseThemePrefs(tt.kept).forTerm(tt.term); got != tt.want {
			t.Errorf("%q for %q = %q, want %q", tt.kept, tt.term, got, tt.want)
		}
	}
	p := parseThemePrefs("dark").with("xterm", "light").with("screen", "nord").with("xterm", "solarized")
	if got := p.String(); got != "xterm=solarized,screen=nord,dark" {
		t.Errorf("kept %q", got)
	}
	for i := range 20 {
		p = p.with("t"+string(rune('a'+i)), "dark")
	}
	if len(p) != maxThemePrefs || p[0].term != "tt" {
		t.Errorf("%d choices kept, newest %q", len(p), p[0].term)
	}
	if got := termType([]string{"TERM=dumb", "TERM=xterm-256color,evil=x\x1b"}); got != "xterm-256colorevilx" {
		t.Errorf("termType = %q", got)
	}
}

// TestThemePerTerminal: a theme chosen on one terminal type is kept for that user and TERM only,
// the status says so, and the next console on that TERM starts with it and says whose choice it
// is; another terminal type keeps its own.
func TestThemePerTerminal(t *testing.T) {
	f := newFixture(t, fixtureOpts{noInit: true})
	kept := map[string]string{"admin": "dark"}
	h := &Handler{Open: SwitchBackends(f.d), UserTheme: func(u string) string { return kept[u] },
		SetUserTheme: func(u, v string) { kept[u] = v }}
	open := func(term string) *Model {
		t.Helper()
		tm := Terminal{User: "admin", Environ: []string{"TERM=" + term}, Width: 120, Height: 40}
		b, err := h.Open(tm)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { b.Close() })
		g, _ := h.console(context.Background(), tm, b, colorprofile.ANSI256)
		return g.(*guard).m.(*Model)
	}
	m := open("xterm-256color")
	if m.theme.Name != "dark" || !strings.Contains(m.status, "theme dark: the choice saved for admin on xterm-256color") {
		t.Fatalf("start: theme %q, status %q", m.theme.Name, m.status)
	}
	f.setModel(m)
	f.key(":")
	f.typeText("theme light")
	f.key("enter")
	if want := "theme light, saved for admin on xterm-256color"; m.status != want {
		t.Errorf("status %q, want %q", m.status, want)
	}
	if kept["admin"] != "xterm-256color=light,dark" {
		t.Errorf("kept %q", kept["admin"])
	}
	if m := open("xterm-256color"); m.theme.Name != "light" {
		t.Errorf("next console on xterm-256color: %q", m.theme.Name)
	}
	if m := open("screen"); m.theme.Name != "dark" || !strings.Contains(m.status, "admin on screen") {
		t.Errorf("console on screen: %q, status %q", m.theme.Name, m.status)
	}
}

// TestThemeNoColor: under NO_COLOR the console is monochrome and T, :theme NAME and :theme leave
// it so, saying why; nothing is kept.
func TestThemeNoColor(t *testing.T) {
	f := newFixture(t, fixtureOpts{noInit: true})
	kept := ""
	h := &Handler{Open: SwitchBackends(f.d), Theme: "dark", SetUserTheme: func(_, v string) { kept = v }}
	tm := Terminal{User: "admin", Environ: []string{"TERM=xterm-256color", "NO_COLOR=1"}, Width: 120, Height: 40}
	b, _ := h.Open(tm)
	t.Cleanup(func() { b.Close() })
	g, _ := h.console(context.Background(), tm, b, colorprofile.TrueColor)
	f.setModel(g.(*guard).m.(*Model))
	for _, keys := range [][]string{{"T"}, {":", "t", "h", "e", "m", "e", " ", "d", "a", "r", "k", "enter"}, {":", "t", "h", "e", "m", "e", "enter"}} {
		f.key(keys...)
		if f.m.theme.Name != themes.MonochromeName || f.m.picker != nil || f.m.status != noColorStatus || kept != "" {
			t.Errorf("%v: theme %q, picker %v, status %q, kept %q", keys, f.m.theme.Name, f.m.picker != nil, f.m.status, kept)
		}
	}
}
