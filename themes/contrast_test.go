package themes

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// The terminal backgrounds a built-in theme must read on: black and a common dark grey for the
// dark variant, white and a common light grey for the light one.
var (
	darkBackgrounds  = []string{"#000000", "#1e1e1e"}
	lightBackgrounds = []string{"#ffffff", "#f0f0f0"}
)

// TestContrast computes the WCAG 2 contrast ratio of every built-in theme's colours: text slots at
// least 4.5:1, state colours (link up/down, warnings, diff lines, the focused border) at least 3:1,
// against their own background or, without one, against dark and light terminal backgrounds for
// the dark and light variants. A slot with a background and no foreground would put the
// terminal's own text colour, unknown, on it, so it fails too. Borders are decoration and exempt.
func TestContrast(t *testing.T) {
	text := map[string]bool{"title": true, "header": true, "nav": true, "nav-active": true, "text": true,
		"muted": true, "accent": true, "selected": true, "prompt": true, "key": true, "desc": true}
	state := map[string]bool{"ok": true, "warn": true, "error": true, "added": true, "removed": true, "border-focus": true}
	for _, name := range Names() {
		th, _ := Get(name)
		for _, r := range th.slots() {
			want := 0.0
			switch {
			case text[r.name]:
				want = 4.5
			case state[r.name]:
				want = 3
			default:
				continue
			}
			for _, dark := range []bool{true, false} {
				fg, bg := r.slot.FG.Light, r.slot.BG.Light
				bgs := lightBackgrounds
				if dark {
					fg, bg, bgs = r.slot.FG.Dark, r.slot.BG.Dark, darkBackgrounds
				}
				if bg != "" {
					bgs = []string{bg}
				}
				if fg == "" {
					if bg != "" {
						t.Errorf("%s %s (dark=%v): background %s without a foreground", name, r.name, dark, bg)
					}
					continue
				}
				for _, b := range bgs {
					c, err := contrast(fg, b)
					if err != nil {
						t.Fatalf("%s %s: %v", name, r.name, err)
					}
					if c < want {
						t.Errorf("%s %s (dark=%v): %s on %s is %.2f:1, want >= %.1f:1", name, r.name, dark, fg, b, c, want)
					}
				}
			}
		}
	}
}

func TestContrastFormula(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#ffffff", "#ffffff", 1}, {"#777777", "#ffffff", 4.48}, {"#f00", "#000", 5.25}}
	for _, tt := range tests {
		got, err := contrast(tt.a, tt.b)
		if err != nil || math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.3f, %v; want %.2f", tt.a, tt.b, got, err, tt.want)
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two "#rgb" or "#rrggbb" colours.
func contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05), nil
}

// luminance is WCAG 2's relative luminance of a hex colour.
func luminance(hex string) (float64, error) {
	r, g, b, err := hexRGB(hex)
	if err != nil {
		return 0, err
	}
	lin := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b), nil
}

func hexRGB(s string) (r, g, b uint8, err error) {
	h, ok := strings.CutPrefix(s, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, perr := strconv.ParseUint(h, 16, 32)
	if !ok || len(h) != 6 || perr != nil {
		return 0, 0, 0, fmt.Errorf("not a hex colour: %q", s)
	}
	return uint8(v >> 16), uint8(v >> 8), uint8(v), nil
}
