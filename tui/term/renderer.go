// Package term is the console's side of one terminal: it draws a Bubble Tea program's frames and
// decodes the keys, pastes and replies the terminal sends, for a program run with Bubble Tea's own
// renderer and input reader turned off.
//
// Why: Bubble Tea's renderer keeps two cell buffers of about 100 bytes a cell (some 450 KB a
// session at 80×24, several MB at 250×80) and its input reader a key table of some 130 KB, both per
// program. A switch has 64 VTY lines and vtyd serves up to 256; with hundreds of consoles open the
// renderer here keeps the last frame as the text the program drew (a few KB) and parses rows into
// cells only while it compares them, and the input reader decodes with Ultraviolet's decoder, which
// needs no table.
package term

import (
	"bytes"
	"io"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// The largest terminal a Renderer draws on: a client may claim any size up to 65535×65535, and a
// frame of that size would take gigabytes. On a larger terminal the renderer draws the top-left
// MaxWidth×MaxHeight cells and leaves the rest blank.
const (
	MaxWidth  = 512
	MaxHeight = 256
)

// Renderer draws frames on a terminal, sending only the cells that changed since the frame before.
// It honours what the console's views ask of the terminal: the content, the cursor, the alternate
// screen, bracketed paste, mouse reporting and the window title. Other View fields (colours of the
// terminal itself, keyboard enhancements, focus reports, progress bars) are ignored. It is safe for
// concurrent use; every frame is written with a single Write, so frames never interleave with other
// writers that also write whole sequences.
type Renderer struct {
	mu      sync.Mutex
	out     io.Writer
	profile colorprofile.Profile
	w, h    int

	shown  []string // the rows on the terminal, as the last frame drew them; nil: repaint all
	cursor cursorState
	modes  modes
	title  string
	err    error // the first write error: the terminal has gone
}

// cursorState is what the renderer knows of the terminal's cursor.
type cursorState struct {
	x, y    int  // -1: unknown
	visible bool // shown
}

// modes are the terminal modes a frame has set.
type modes struct {
	started, alt, paste bool
	mouse               tea.MouseMode
}

// NewRenderer returns a renderer for a w×h terminal that writes to out, downsampling colours to
// profile.
func NewRenderer(out io.Writer, profile colorprofile.Profile, w, h int) *Renderer {
	r := &Renderer{out: out, profile: profile, cursor: cursorState{x: -1, y: -1}}
	r.w, r.h = ClampSize(w, h)
	return r
}

// ClampSize is the size a renderer draws on for a w×h terminal: at least 1×1, at most
// MaxWidth×MaxHeight.
func ClampSize(w, h int) (int, int) {
	return min(max(w, 1), MaxWidth), min(max(h, 1), MaxHeight)
}

// Resize tells the renderer the terminal's new size; the next frame repaints the whole screen, as
// the terminal may have reflowed or cleared what it showed.
func (r *Renderer) Resize(w, h int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w, r.h = ClampSize(w, h)
	r.shown = nil
}

// Write sends p to the terminal between frames: a query such as the one for the background colour.
func (r *Renderer) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.write(p)
}

// Render draws v. After an error writing to the terminal it does nothing and returns that error.
func (r *Renderer) Render(v tea.View) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	var b bytes.Buffer
	r.setModes(&b, v)
	rows := splitRows(v.Content, r.h)
	repaint := r.shown == nil
	if repaint {
		// The erase paints with the current background: reset it first (the terminal's pen is
		// unknown before the first frame).
		b.WriteString(ansi.ResetStyle + ansi.CursorHomePosition + ansi.EraseEntireScreen)
		r.cursor.x, r.cursor.y = 0, 0
	}
	for y, row := range rows {
		old := ""
		if !repaint {
			old = r.shown[y]
		}
		if row != old {
			r.drawRow(&b, y, old, row)
		}
	}
	r.placeCursor(&b, v.Cursor)
	r.shown = rows
	if b.Len() == 0 {
		return nil
	}
	_, err := r.write(b.Bytes())
	return err
}

// Close restores the terminal: styles reset, the mouse and bracketed paste off, the cursor shown,
// the alternate screen left (or, on the main screen, the cursor put below the last frame).
func (r *Renderer) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.modes.started || r.err != nil {
		return r.err
	}
	var b bytes.Buffer
	b.WriteString(ansi.ResetStyle)
	r.setMouse(&b, tea.MouseModeNone)
	if r.modes.paste {
		b.WriteString(ansi.ResetModeBracketedPaste)
	}
	if r.modes.alt {
		b.WriteString(ansi.ResetModeAltScreenSaveCursor)
	} else {
		b.WriteString(ansi.CursorPosition(1, r.h) + "\r\n")
	}
	b.WriteString(ansi.ShowCursor)
	r.modes = modes{}
	_, err := r.write(b.Bytes())
	return err
}

func (r *Renderer) write(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.out.Write(p)
	if err != nil {
		r.err = err
	}
	return n, err
}

// setModes switches the terminal modes v asks for; the first frame sets them all.
func (r *Renderer) setModes(b *bytes.Buffer, v tea.View) {
	// The cursor is hidden after entering a screen and shown after leaving it (Close): some
	// terminals keep a cursor state per screen.
	first := !r.modes.started
	if first || v.AltScreen != r.modes.alt {
		if v.AltScreen {
			b.WriteString(ansi.SetModeAltScreenSaveCursor)
		} else if !first {
			b.WriteString(ansi.ResetModeAltScreenSaveCursor)
		}
		r.modes.alt = v.AltScreen
		r.modes.started = true
		r.shown = nil
		b.WriteString(ansi.HideCursor)
		r.cursor.visible = false
	}
	if paste := !v.DisableBracketedPasteMode; first || paste != r.modes.paste {
		if paste {
			b.WriteString(ansi.SetModeBracketedPaste)
		} else {
			b.WriteString(ansi.ResetModeBracketedPaste)
		}
		r.modes.paste = paste
	}
	r.setMouse(b, v.MouseMode)
	if t := cleanTitle(v.WindowTitle); t != r.title {
		b.WriteString(ansi.SetWindowTitle(t))
		r.title = t
	}
}

// setMouse turns mouse reporting to mode (SGR encoding, which has no coordinate limit).
func (r *Renderer) setMouse(b *bytes.Buffer, mode tea.MouseMode) {
	if mode == r.modes.mouse {
		return
	}
	switch r.modes.mouse {
	case tea.MouseModeCellMotion:
		b.WriteString(ansi.ResetModeMouseButtonEvent)
	case tea.MouseModeAllMotion:
		b.WriteString(ansi.ResetModeMouseAnyEvent)
	}
	switch mode {
	case tea.MouseModeCellMotion:
		b.WriteString(ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr)
	case tea.MouseModeAllMotion:
		b.WriteString(ansi.SetModeMouseAnyEvent + ansi.SetModeMouseExtSgr)
	default:
		b.WriteString(ansi.ResetModeMouseExtSgr)
	}
	r.modes.mouse = mode
}

// placeCursor shows the cursor where the frame puts it, or hides it.
func (r *Renderer) placeCursor(b *bytes.Buffer, c *tea.Cursor) {
	if c == nil {
		if r.cursor.visible {
			b.WriteString(ansi.HideCursor)
			r.cursor.visible = false
		}
		return
	}
	r.moveTo(b, min(max(c.X, 0), r.w-1), min(max(c.Y, 0), r.h-1))
	if !r.cursor.visible {
		b.WriteString(ansi.ShowCursor)
		r.cursor.visible = true
	}
}

// moveTo moves the cursor to column x of row y, with the shortest sequence that does it.
func (r *Renderer) moveTo(b *bytes.Buffer, x, y int) {
	cx, cy := r.cursor.x, r.cursor.y
	r.cursor.x, r.cursor.y = x, y
	if cx < 0 || cy < 0 {
		b.WriteString(ansi.CursorPosition(x+1, y+1))
		return
	}
	var rel string
	switch {
	case cx == x && cy == y:
		return
	case cy == y && x > cx:
		rel = ansi.CursorForward(x - cx)
	case cy == y:
		rel = ansi.CursorBackward(cx - x)
	case cx == x && y > cy:
		rel = ansi.CursorDown(y - cy)
	case cx == x:
		rel = ansi.CursorUp(cy - y)
	}
	if abs := ansi.CursorPosition(x+1, y+1); rel == "" || len(abs) <= len(rel) {
		rel = abs
	}
	b.WriteString(rel)
}

// splitRows cuts content into exactly h rows (missing rows are blank, extra rows dropped, a CR
// before a line feed too). The rows share content's memory, so keeping them keeps one string; what
// lies below the last row is not looked at.
func splitRows(content string, h int) []string {
	rows := make([]string, 0, h)
	for len(rows) < h && content != "" {
		row, rest, _ := strings.Cut(content, "\n")
		rows = append(rows, strings.TrimSuffix(row, "\r"))
		content = rest
	}
	for len(rows) < h {
		rows = append(rows, "")
	}
	return rows
}

// cleanTitle keeps a window title from carrying control characters into an OSC sequence: the
// title shows the sysname, which a user sets.
func cleanTitle(s string) string {
	return strings.Map(func(c rune) rune {
		if c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 {
			return -1
		}
		return c
	}, s)
}
