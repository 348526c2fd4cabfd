package themes

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

func TestBuiltins(t *testing.T) {
	names := Names()
	if len(names) < 6 || names[0] != DefaultName {
		t.Fatalf("Names() = %v, want at least six with %s first", names, DefaultName)
	}
	for _, want := range []string{"comware-classic", "dark", "light", "high-contrast", "monochrome", "solarized"} {
		th, err := Get(want)
		if err != nil {
			t.Fatalf("Get(%q): %v", want, err)
		}
		if th.Name != want || th.Description == "" {
			t.Errorf("Get(%q) = %q, description %q", want, th.Name, th.Description)
		}
	}
	if _, err := Get("nope"); !errors.Is(err, ErrUnknown) {
		t.Errorf("Get(nope) error = %v, want ErrUnknown", err)
	}
}

// TestThemesDiffer makes sure every built-in theme gives the error and selected slots a look that
// differs from plain text, so nothing important vanishes in any theme.
func TestThemesDiffer(t *testing.T) {
	for _, name := range Names() {
		th, _ := Get(name)
		for _, dark := range []bool{true, false} {
			st := th.Styles(dark)
			plain := lipgloss.NewStyle().Render("x")
			for slot, s := range map[string]lipgloss.Style{"error": st.Error, "selected": st.Selected, "title": st.Title, "added": st.Added} {
				if s.Render("x") == plain {
					t.Errorf("%s (dark=%v): slot %s renders like plain text", name, dark, slot)
				}
			}
		}
	}
}

func TestMonochromeHasNoColour(t *testing.T) {
	th, _ := Get(MonochromeName)
	for _, r := range th.slots() {
		if r.slot.FG != (Color{}) || r.slot.BG != (Color{}) {
			t.Errorf("monochrome slot %s has a colour", r.name)
		}
	}
	if !th.ASCII {
		t.Error("monochrome should draw ASCII borders")
	}
}

func TestForTerminal(t *testing.T) {
	var c *Catalog
	tests := []struct {
		name    string
		env     []string
		profile colorprofile.Profile
		want    string
	}{
		{"dark", []string{"TERM=xterm-256color"}, colorprofile.ANSI256, "dark"},
		{"", []string{"TERM=xterm-256color"}, colorprofile.TrueColor, DefaultName},
		{"dark", []string{"TERM=xterm-256color", "NO_COLOR=1"}, colorprofile.ANSI256, MonochromeName},
		{"dark", []string{"TERM=dumb"}, colorprofile.ANSI256, MonochromeName},
		{"dark", nil, colorprofile.ANSI256, MonochromeName},
		{"dark", []string{"TERM=xterm"}, colorprofile.ASCII, MonochromeName},
		{"solarized", []string{"TERM=dumb", "TERM=xterm"}, colorprofile.ANSI, "solarized"},
	}
	for _, tt := range tests {
		got, err := c.ForTerminal(tt.name, tt.env, tt.profile)
		if err != nil || got.Name != tt.want {
			t.Errorf("ForTerminal(%q, %v, %v) = %q, %v; want %q", tt.name, tt.env, tt.profile, got.Name, err, tt.want)
		}
	}
	got, err := c.ForTerminal("missing", []string{"TERM=xterm"}, colorprofile.ANSI)
	if !errors.Is(err, ErrUnknown) || got.Name != DefaultName {
		t.Errorf("unknown name: got %q, %v", got.Name, err)
	}
}

func TestParse(t *testing.T) {
	src := `# deep sea
description = deep sea blues
inherit = dark
title = #ffffff on #005f87 bold   # the bar
accent.dark = #5fd7ff
accent.light = 24 underline
ascii = true
`
	th, err := Parse("ocean.theme", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := Get("dark")
	want := base
	want.Name, want.Description, want.ASCII = "ocean", "deep sea blues", true
	want.Title = Slot{FG: C("#ffffff"), BG: C("#005f87"), Bold: true}
	want.Accent.FG = DL("#5fd7ff", "24")
	want.Accent.Underline = true
	if !reflect.DeepEqual(th, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", th, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		file, src string
		want      error
		msg       string
	}{
		{"a.theme", "title #fff", ErrSyntax, `themes: a.theme:1: expected key = value: got "title #fff"`},
		{"a.theme", "\n\ntitel = #fff", ErrUnknownKey, "themes: a.theme:3: titel: unknown setting"},
		{"a.theme", "accent = #ggg", ErrBadColor, `themes: a.theme:1: accent: bad colour: "#ggg": want #rgb, #rrggbb, 0-255 or default`},
		{"a.theme", "accent = 300", ErrBadColor, `a.theme:1: accent: bad colour: "300"`},
		{"a.theme", "accent = red", ErrBadColor, `"red": want #rgb`},
		{"a.theme", "accent = #fff #000", ErrBadValue, `a.theme:1: accent: bad value: "#000"`},
		{"a.theme", "accent = #fff on", ErrBadColor, `"on" needs a background colour`},
		{"a.theme", "accent.dim = #fff", ErrUnknownKey, "a.theme:1: accent.dim: unknown setting"},
		{"a.theme", "ascii = maybe", ErrBadValue, `a.theme:1: ascii: bad value: "maybe": want true or false`},
		{"a.theme", "inherit = sepia", ErrUnknown, `a.theme:1: inherit: themes: unknown theme: "sepia"`},
		{"a.theme", "name = b", ErrBadName, `a.theme:1: name: bad theme name: "b" differs from the file name "a"`},
		{"Bad Name.theme", "", ErrBadName, "themes: Bad Name.theme: bad theme name"},
		{"dark.theme", "", ErrBadName, `"dark" is a built-in theme`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.file, strings.NewReader(tt.src))
		var fe *FileError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Parse(%q, %q) = %v; want %v containing %q", tt.file, tt.src, err, tt.want, tt.msg)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ocean.theme", "inherit = dark\naccent = #00afff\n")
	write("broken.theme", "accent = #00afff\nerror = #12\n")
	write("notes.txt", "not a theme")
	c, err := LoadDir(dir)
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != "broken.theme" || fe.Line != 2 || fe.Field != "error" {
		t.Fatalf("LoadDir error = %v, want broken.theme:2 error", err)
	}
	if got := c.Names(); got[len(got)-1] != "ocean" || len(got) != len(Names())+1 {
		t.Errorf("Names() = %v, want the built-ins then ocean", got)
	}
	if th, err := c.Get("ocean"); err != nil || th.Accent.FG != C("#00afff") {
		t.Errorf("Get(ocean) = %+v, %v", th.Accent, err)
	}
	if next := c.Next("ocean"); next.Name != DefaultName {
		t.Errorf("Next(ocean) = %q, want wrap to %q", next.Name, DefaultName)
	}
	if c, err := LoadDir(filepath.Join(dir, "missing")); err != nil || len(c.Names()) != len(Names()) {
		t.Errorf("missing dir: %v, %v", c.Names(), err)
	}
}
