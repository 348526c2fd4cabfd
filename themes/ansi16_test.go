package themes

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// ansi16 is what a 16-colour terminal shows for a theme colour: the renderer downsamples with
// colorprofile.ANSI. ok is false for the terminal's own colour.
func ansi16(hex string) (ansi.BasicColor, bool) {
	if hex == "" {
		return 0, false
	}
	c, isBasic := colorprofile.ANSI.Convert(lipgloss.Color(hex)).(ansi.BasicColor)
	return c, isBasic
}

// hue16 names the colour families of the 16 ANSI colours, normal and bright alike.
func hue16(c ansi.BasicColor) string {
	return [...]string{"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}[c%8]
}

// TestSixteenColours downsamples every built-in theme to 16 colours, as the console does for a
// TERM=xterm session, and checks that colours keep their meaning: errors and removed lines red,
// link up and added lines green, warnings yellow, and nothing else red (a heading that turns red
// reads as an error); and that no slot's text lands on its own background colour.
func TestSixteenColours(t *testing.T) {
	want := map[string]string{"error": "red", "removed": "red", "ok": "green", "added": "green", "warn": "yellow"}
	for _, name := range Names() {
		th, _ := Get(name)
		for _, r := range th.slots() {
			for _, dark := range []bool{true, false} {
				fg, bg := r.slot.FG.Light, r.slot.BG.Light
				if dark {
					fg, bg = r.slot.FG.Dark, r.slot.BG.Dark
				}
				f, hasF := ansi16(fg)
				b, hasB := ansi16(bg)
				if hasF && hasB && f == b {
					t.Errorf("%s %s (dark=%v): %s on %s are both ANSI colour %d", name, r.name, dark, fg, bg, f)
				}
				for _, c := range []struct {
					hex string
					c   ansi.BasicColor
					has bool
				}{{fg, f, hasF}, {bg, b, hasB}} {
					if !c.has {
						continue
					}
					got := hue16(c.c)
					if w, ok := want[r.name]; ok && c.hex == fg && got != w {
						t.Errorf("%s %s (dark=%v): %s shows as ANSI %d (%s), want %s", name, r.name, dark, c.hex, c.c, got, w)
					}
					if _, ok := want[r.name]; !ok && got == "red" {
						t.Errorf("%s %s (dark=%v): %s shows as ANSI %d, red, which reads as an error", name, r.name, dark, c.hex, c.c)
					}
				}
			}
		}
	}
}
