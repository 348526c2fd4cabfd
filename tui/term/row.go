package term

import (
	"bytes"
	"sync"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// rowPool holds the scratch rows every renderer parses into while it compares frames: one pool for
// all sessions, so an idle console holds none and the GC empties what nobody draws with.
var rowPool = sync.Pool{New: func() any { return new(rowCells) }}

// rowCells is a row of text parsed into one cell a column: a wide character takes its cell and a
// placeholder of width 0 after it. It is the one-row uv.Screen the styled text is drawn on.
type rowCells struct {
	line uv.Line
}

// parse fills the cells from a styled row (SGR sequences as Lip Gloss writes them), w columns wide.
func (c *rowCells) parse(row string, w int) uv.Line {
	if cap(c.line) < w {
		c.line = make(uv.Line, w)
	}
	c.line = c.line[:w]
	uv.NewStyledString(row).Draw(c, c.Bounds()) // it clears the row first
	return c.line
}

func (c *rowCells) Bounds() uv.Rectangle            { return uv.Rect(0, 0, len(c.line), 1) }
func (c *rowCells) CellAt(x, _ int) *uv.Cell        { return c.line.At(x) }
func (c *rowCells) SetCell(x, _ int, cell *uv.Cell) { c.line.Set(x, cell) }
func (c *rowCells) WidthMethod() uv.WidthMethod     { return ansi.WcWidth }

// drawRow sends what turns row y from old into row: the cells from the first that differs to the
// last that differs, the trailing blanks as one erase.
func (r *Renderer) drawRow(b *bytes.Buffer, y int, old, row string) {
	oc, nc := rowPool.Get().(*rowCells), rowPool.Get().(*rowCells)
	defer rowPool.Put(oc)
	defer rowPool.Put(nc)
	was, now := oc.parse(old, r.w), nc.parse(row, r.w)

	first, last := -1, -1
	for x := range now {
		if !now[x].Equal(&was[x]) {
			if first < 0 {
				first = x
			}
			last = x
		}
	}
	if first < 0 {
		return
	}
	// first and last are whole characters in both rows: a wide character's placeholder follows
	// it, so if a placeholder differs, so does the character before it.
	// Blank, unstyled cells up to the end of the row are erased at once.
	blankFrom := len(now)
	for blankFrom > first && isBlank(&now[blankFrom-1]) {
		blankFrom--
	}
	erase := last >= blankFrom
	if erase {
		last = blankFrom - 1
	}

	r.moveTo(b, first, y)
	var pen uv.Style
	for x := first; x <= last; x++ {
		c := &now[x]
		if c.Width == 0 {
			continue
		}
		st := uv.ConvertStyle(c.Style, r.profile)
		if !st.Equal(&pen) {
			b.WriteString(uv.StyleDiff(&pen, &st))
			pen = st
		}
		if c.Content == "" {
			b.WriteByte(' ')
		} else {
			b.WriteString(c.Content)
		}
	}
	if !pen.IsZero() {
		b.WriteString(ansi.ResetStyle)
	}
	x := last + 1
	if erase {
		b.WriteString(ansi.EraseLineRight)
	}
	r.cursor.x, r.cursor.y = x, y
	if x >= r.w {
		// The cursor waits past the last column: where the next character would go depends on the
		// terminal, so the next row or the cursor starts with an absolute move.
		r.cursor.x = -1
	}
}

// isBlank reports whether an erase draws c: a space with no style and no link.
func isBlank(c *uv.Cell) bool {
	return c.Width == 1 && c.Content == " " && c.Style.IsZero() && c.Link.IsZero()
}
