package term

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// terminal is a renderer drawing on an emulated terminal, with the bytes it was sent.
type terminal struct {
	emu   *vt.Emulator
	r     *Renderer
	sent  bytes.Buffer
	title string
	alt   bool
}

func newTerminal(w, h int, p colorprofile.Profile) *terminal {
	t := &terminal{emu: vt.NewEmulator(w, h)}
	t.emu.SetCallbacks(vt.Callbacks{Title: func(s string) { t.title = s }, AltScreen: func(on bool) { t.alt = on }})
	t.r = NewRenderer(&tee{t}, p, w, h)
	return t
}

type tee struct{ t *terminal }

func (w *tee) Write(p []byte) (int, error) {
	w.t.sent.Write(p)
	return w.t.emu.Write(p)
}

func (t *terminal) resize(w, h int) {
	t.emu.Resize(w, h)
	t.r.Resize(w, h)
}

// render draws v and returns the bytes it sent.
func (t *terminal) render(tb testing.TB, v tea.View) int {
	tb.Helper()
	before := t.sent.Len()
	if err := t.r.Render(v); err != nil {
		tb.Fatal(err)
	}
	return t.sent.Len() - before
}

// matches fails unless every cell of the emulated screen shows what content draws: the same
// character, width and style (colours as profile turns them).
func (t *terminal) matches(tb testing.TB, content string, p colorprofile.Profile) {
	tb.Helper()
	w, h := t.emu.Width(), t.emu.Height()
	want := uv.NewScreenBuffer(w, h)
	uv.NewStyledString(strings.Join(splitRows(content, h), "\n")).Draw(want, want.Bounds())
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			wc, gc := want.CellAt(x, y), t.emu.CellAt(x, y)
			if wc.Width == 0 && gc != nil && gc.Width == 0 {
				continue // the second half of a wide character
			}
			ws := uv.ConvertStyle(wc.Style, p)
			if gc == nil || gc.Content != wc.Content || gc.Width != wc.Width || !gc.Style.Equal(&ws) {
				tb.Fatalf("cell %d,%d: got %+v, want %q width %d style %+v\nscreen:\n%s\nframe:\n%s",
					x, y, gc, wc.Content, wc.Width, ws, t.emu.String(), ansi.Strip(content))
			}
		}
	}
}

// randomRow makes a row of styled text as the console draws it: words in colours, bold, reverse,
// box lines, wide characters, rows of every length up to w.
func randomRow(rnd *rand.Rand, w int) string {
	styles := []lipgloss.Style{
		lipgloss.NewStyle(),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#ff8800")),
		lipgloss.NewStyle().Foreground(lipgloss.Color("141")).Bold(true),
		lipgloss.NewStyle().Background(lipgloss.Color("62")).Foreground(lipgloss.Color("231")),
		lipgloss.NewStyle().Reverse(true),
		lipgloss.NewStyle().Foreground(lipgloss.Color("2")).Underline(true),
	}
	words := []string{"GE1/0/1", "UP", "DOWN", "│", "──", "display", "interface", "世界", "é", "  ", "<HPE>", "·", "▸"}
	var b strings.Builder
	n := rnd.IntN(12)
	for i := 0; i < n; i++ {
		b.WriteString(styles[rnd.IntN(len(styles))].Render(words[rnd.IntN(len(words))]))
		if rnd.IntN(3) == 0 {
			b.WriteString(" ")
		}
	}
	return ansi.Truncate(b.String(), w, "")
}

// TestRendererFrames draws random sequences of frames, each a few rows changed from the one before,
// with the cursor here or there or hidden and resizes between, and checks the emulated screen and
// cursor after every frame, in three colour profiles.
func TestRendererFrames(t *testing.T) {
	for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256, colorprofile.Ascii} {
		t.Run(p.String(), func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(1, uint64(p)))
			w, h := 40, 10
			term := newTerminal(w, h, p)
			rows := make([]string, h)
			for frame := 0; frame < 300; frame++ {
				if frame%50 == 49 {
					w, h = 20+rnd.IntN(60), 5+rnd.IntN(15)
					term.resize(w, h)
					rows = make([]string, h)
				}
				for i := rnd.IntN(4); i >= 0; i-- {
					rows[rnd.IntN(h)] = randomRow(rnd, w)
				}
				content := strings.Join(rows, "\n")
				v := tea.View{Content: content, AltScreen: true}
				if rnd.IntN(2) == 0 {
					v.Cursor = tea.NewCursor(rnd.IntN(w), rnd.IntN(h))
				}
				term.render(t, v)
				term.matches(t, content, p)
				if hidden := term.emu.CursorHidden(); hidden != (v.Cursor == nil) {
					t.Fatalf("frame %d: cursor hidden %v, want %v", frame, hidden, v.Cursor == nil)
				}
				if c, at := v.Cursor, term.emu.CursorPosition(); c != nil && (at.X != c.X || at.Y != c.Y) {
					t.Fatalf("frame %d: cursor at %v, want %v", frame, at, c.Position)
				}
			}
		})
	}
}

// TestRendererSendsOnlyChanges: a frame equal to the last sends nothing, one changed character
// sends little more than the character, and the screen holds the frame either way.
func TestRendererSendsOnlyChanges(t *testing.T) {
	term := newTerminal(80, 24, colorprofile.ANSI256)
	rows := make([]string, 24)
	for i := range rows {
		rows[i] = lipgloss.NewStyle().Foreground(lipgloss.Color("141")).Render(fmt.Sprintf("row %d of the frame", i))
	}
	prompt := " <HPE> display interface"
	frame := func(line string, x int) tea.View {
		rows[22] = line
		v := tea.View{Content: strings.Join(rows, "\n"), AltScreen: true}
		v.Cursor = tea.NewCursor(x, 22)
		return v
	}
	if n := term.render(t, frame(prompt, len(prompt))); n < 24*len("row 1 of the frame") {
		t.Fatalf("the first frame sent %d bytes", n)
	}
	if n := term.render(t, frame(prompt, len(prompt))); n != 0 {
		t.Errorf("the same frame again sent %d bytes", n)
	}
	// A space typed at the end of the line changes no cell: the cursor moves one column. Then a
	// character, with the cursor after it: the terminal's cursor is already there, so the
	// character is all it takes.
	if n := term.render(t, frame(prompt+" ", len(prompt)+1)); n > 3 {
		t.Errorf("a space typed at the end of the line sent %d bytes: %q", n, term.sent.Bytes()[term.sent.Len()-n:])
	}
	if n := term.render(t, frame(prompt+" b", len(prompt)+2)); n != 1 {
		t.Errorf("a character typed at the end of the line sent %d bytes", n)
	}
	// A character changed in the middle of a styled row: a move, the style, the character.
	rows[5] = lipgloss.NewStyle().Foreground(lipgloss.Color("141")).Render("row 5 of the frXme")
	if n := term.render(t, frame(prompt+" b", len(prompt)+2)); n > 40 {
		t.Errorf("one changed character sent %d bytes", n)
	}
	term.matches(t, strings.Join(rows, "\n"), colorprofile.ANSI256)
	if x, y := term.emu.CursorPosition().X, term.emu.CursorPosition().Y; x != len(prompt)+2 || y != 22 {
		t.Errorf("cursor at %d,%d", x, y)
	}
}

// TestRendererCursorAndModes: the first frame enters the alternate screen, turns on bracketed
// paste and hides the cursor until a frame places it; a title cannot carry control characters;
// Close leaves the terminal as it found it.
func TestRendererCursorAndModes(t *testing.T) {
	term := newTerminal(30, 5, colorprofile.TrueColor)
	v := tea.View{Content: "hello", AltScreen: true, WindowTitle: "SW1\x1b[31m\a\u009b\xff - vtyd"}
	term.render(t, v)
	if !term.alt || !term.emu.CursorHidden() {
		t.Errorf("alternate screen %v, cursor hidden %v", term.alt, term.emu.CursorHidden())
	}
	if !bytes.Contains(term.sent.Bytes(), []byte(ansi.SetModeBracketedPaste)) {
		t.Error("bracketed paste was not turned on")
	}
	if term.title != "SW1[31m\uFFFD - vtyd" { // no control character; a stray byte shows as U+FFFD
		t.Errorf("title %q", term.title)
	}
	v.Cursor = tea.NewCursor(3, 2)
	term.render(t, v)
	if p := term.emu.CursorPosition(); term.emu.CursorHidden() || p.X != 3 || p.Y != 2 {
		t.Errorf("cursor hidden %v at %v", term.emu.CursorHidden(), p)
	}
	v.Cursor, v.MouseMode = nil, tea.MouseModeCellMotion
	term.render(t, v)
	if !term.emu.CursorHidden() || !bytes.Contains(term.sent.Bytes(), []byte(ansi.SetModeMouseButtonEvent)) {
		t.Errorf("cursor hidden %v, mouse turned on %v", term.emu.CursorHidden(), bytes.Contains(term.sent.Bytes(), []byte(ansi.SetModeMouseButtonEvent)))
	}
	term.sent.Reset()
	if err := term.r.Close(); err != nil {
		t.Fatal(err)
	}
	for _, seq := range []string{ansi.ResetModeMouseButtonEvent, ansi.ResetModeBracketedPaste, ansi.ShowCursor} {
		if !strings.Contains(term.sent.String(), seq) {
			t.Errorf("Close did not send %q: %q", seq, term.sent.String())
		}
	}
	if term.alt || term.emu.CursorHidden() {
		t.Errorf("after Close: alternate screen %v, cursor hidden %v", term.alt, term.emu.CursorHidden())
	}
}

type brokenWriter struct{ n int }

func (w *brokenWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, errors.New("connection reset")
}

// TestRendererGoneTerminal: once a write fails, the renderer stops writing and says why.
func TestRendererGoneTerminal(t *testing.T) {
	w := &brokenWriter{}
	r := NewRenderer(w, colorprofile.TrueColor, 10, 3)
	for i := 0; i < 3; i++ {
		if err := r.Render(tea.View{Content: fmt.Sprint(i)}); err == nil {
			t.Fatal("no error from a broken terminal")
		}
	}
	if err := r.Close(); err == nil || w.n != 1 {
		t.Errorf("Close: %v after %d writes", err, w.n)
	}
}

// TestRendererHugeTerminal: a renderer for a 65535×65535 terminal draws at most MaxWidth×MaxHeight
// cells and allocates for that, not for the size the client claims.
func TestRendererHugeTerminal(t *testing.T) {
	var out bytes.Buffer
	r := NewRenderer(&out, colorprofile.TrueColor, 65535, 65535)
	content := strings.Repeat(strings.Repeat("x", 70000)+"\n", 70000/100)
	v := tea.NewView(content)
	allocs := testing.AllocsPerRun(3, func() {
		r.Resize(65535, 65535)
		out.Reset()
		if err := r.Render(v); err != nil {
			t.Fatal(err)
		}
	})
	if max := MaxWidth*MaxHeight + 64<<10; out.Len() > max {
		t.Errorf("a frame of the huge terminal is %d bytes, more than %d", out.Len(), max)
	}
	if allocs > 5000 {
		t.Errorf("%.0f allocations a frame", allocs)
	}
}
