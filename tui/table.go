package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"vtyd/themes"
)

// column is a table column: a fixed width, or flex to take what the others leave. A column with
// hideBelow is left out of tables narrower than that, so that narrow terminals keep the columns
// that matter.
type column struct {
	title     string
	width     int
	flex      bool
	hideBelow int
	capW      int // a flex column's widest while a later flex column shows (it takes the rest)
}

// table is a filterable list of rows with a cursor. It renders only the rows on screen, so a
// 416-port chassis or a full log buffer costs no more per frame than a 28-port switch.
type table struct {
	cols   []column
	rows   [][]string
	lower  []string // each row lower-cased and joined, for the filter
	filter string
	idx    []int           // the rows that pass the filter, in order
	cur    int             // cursor, an index into idx
	off    int             // first row on screen, an index into idx
	height int             // rows on screen, set by the layout
	follow bool            // keep the cursor on the last row as rows arrive (logs)
	marks  map[string]bool // the marked rows' keys (first cells); nil: not markable (table_marks.go)
	// only, when set, keeps just the rows it accepts (":vlan 100-110"), labelled onlyLabel.
	only      func(row []string) bool
	onlyLabel string
	anchor    string     // the row a range of marks starts at (keys_tables.go); "": none
	lazy      bool       // the marks column shows only while a row is marked (table_marks.go)
	match     rowMatcher // the filter compiled (table_filter.go)
	sortBy    int        // the column the rows are sorted by, plus one; 0: as the device lists them (table_sort.go)
	desc      bool       // sorted in descending order
	shownW    int        // the width last drawn at: o skips the columns hidden there
}

func newTable(cols []column) table { return table{cols: cols} }

// setRows replaces the rows, keeping the cursor on the row with the same first cell if there is one.
func (t *table) setRows(rows [][]string) { t.setRowsKeyed(rows, nil) }

// setRowsKeyed is setRows with the text the filter matches for each row (nil: all its cells).
func (t *table) setRowsKeyed(rows [][]string, keys []string) {
	var key string
	if r, ok := t.selected(); ok {
		key = r[0]
	}
	atEnd := t.follow && (len(t.idx) == 0 || t.cur == len(t.idx)-1)
	t.rows = rows
	t.lower = make([]string, len(rows))
	for i, r := range rows {
		if keys != nil {
			t.lower[i] = strings.ToLower(keys[i])
		} else {
			t.lower[i] = strings.ToLower(strings.Join(r, " "))
		}
	}
	t.refilter()
	switch {
	case atEnd:
		t.cur = len(t.idx) - 1
	case key != "":
		t.selectWhere(func(r []string) bool { return r[0] == key })
	}
	t.clamp()
}

// appendRows adds rows at the end, dropping the oldest beyond most: a live log costs the new lines
// only, not a rebuild of the table.
func (t *table) appendRows(rows [][]string, most int) {
	atEnd := t.follow && (len(t.idx) == 0 || t.cur == len(t.idx)-1)
	for _, r := range rows {
		low := strings.ToLower(strings.Join(r, " "))
		t.rows, t.lower = append(t.rows, r), append(t.lower, low)
		if t.match.ok(low) && (t.only == nil || t.only(r)) {
			t.idx = append(t.idx, len(t.rows)-1)
		}
	}
	if n := len(t.rows) - most; n > 0 || t.sortBy > 0 { // a sorted table places new rows by their value
		t.rows, t.lower = t.rows[max(n, 0):], t.lower[max(n, 0):]
		t.refilter()
	}
	if atEnd {
		t.cur = len(t.idx) - 1
	}
	t.clamp()
}

// setFilter shows only the rows that f matches: text contained ignoring case, or a regular
// expression or an inverse (table_filter.go).
func (t *table) setFilter(f string) {
	t.filter = f
	t.match = compileFilter(f)
	if f == "" {
		t.only, t.onlyLabel = nil, ""
	}
	t.refilter()
	t.cur, t.off = 0, 0
	if t.follow {
		t.cur = len(t.idx) - 1
	}
	t.clamp()
}

func (t *table) refilter() {
	t.idx = t.idx[:0]
	for i := range t.rows {
		if t.match.ok(t.lower[i]) && (t.only == nil || t.only(t.rows[i])) {
			t.idx = append(t.idx, i)
		}
	}
	t.sortIdx()
}

// move moves the cursor by n rows.
func (t *table) move(n int) {
	t.cur += n
	t.clamp()
}

func (t *table) top()    { t.cur = 0; t.clamp() }
func (t *table) bottom() { t.cur = len(t.idx) - 1; t.clamp() }

// setHeight sets how many rows are on screen.
func (t *table) setHeight(h int) {
	t.height = max(1, h)
	t.clamp()
}

// clamp keeps the cursor in range and on screen.
func (t *table) clamp() {
	t.cur = min(max(t.cur, 0), max(len(t.idx)-1, 0))
	h := max(t.height, 1)
	if t.cur < t.off {
		t.off = t.cur
	}
	if t.cur >= t.off+h {
		t.off = t.cur - h + 1
	}
	t.off = min(max(t.off, 0), max(len(t.idx)-h, 0))
}

// selected is the row under the cursor.
func (t *table) selected() ([]string, bool) {
	if t.cur < 0 || t.cur >= len(t.idx) {
		return nil, false
	}
	return t.rows[t.idx[t.cur]], true
}

// selectWhere moves the cursor to the first shown row for which f is true.
func (t *table) selectWhere(f func([]string) bool) bool {
	for i, r := range t.idx {
		if f(t.rows[r]) {
			t.cur = i
			t.clamp()
			return true
		}
	}
	return false
}

// widths gives each column its width for a table w cells wide (a gutter column comes first); a
// hidden column gets -1.
func (t *table) widths(w int) []int {
	ws := make([]int, len(t.cols))
	used := 1
	if t.gutter() {
		used += 2
	}
	for i, c := range t.cols {
		switch {
		case w < c.hideBelow:
			ws[i] = -1
		case !c.flex:
			ws[i] = c.width
			used += c.width + 1
		}
	}
	// Flex columns share what is left (a wide Interfaces table has two); the last takes the rest.
	var flex []int
	for i, c := range t.cols {
		if c.flex && ws[i] >= 0 {
			flex = append(flex, i)
		}
	}
	avail := w - used - (len(flex) - 1)
	for n, i := range flex {
		share := avail / len(flex)
		if n == len(flex)-1 {
			share = avail - share*(len(flex)-1)
		}
		ws[i] = max(share, t.cols[i].width)
	}
	if len(flex) > 1 {
		last := flex[len(flex)-1]
		for _, i := range flex[:len(flex)-1] {
			if c := t.cols[i].capW; c > 0 && ws[i] > c {
				ws[last] += ws[i] - c
				ws[i] = c
			}
		}
	}
	return ws
}

// cellStyler picks the style of a cell; nil means the text style.
type cellStyler func(row []string, col int) *lipgloss.Style

// render draws the heading and the rows on screen, exactly h lines of w cells.
func (t *table) render(st *themes.Styles, w, h int, focused bool, style cellStyler) []string {
	out := make([]string, 0, h)
	ws := t.widths(w)
	t.shownW = w
	var hb strings.Builder
	hb.WriteByte(' ')
	if t.gutter() {
		hb.WriteString("  ")
	}
	first := true
	for i, c := range t.cols {
		if ws[i] < 0 {
			continue
		}
		if !first {
			hb.WriteByte(' ')
		}
		first = false
		hb.WriteString(fit(t.colTitle(i, c.title, ws[i], st.ASCII), ws[i]))
	}
	out = append(out, st.Header.Render(fit(hb.String(), w)))
	mark := "▸"
	if st.ASCII {
		mark = ">"
	}
	for i := t.off; i < len(t.idx) && len(out) < h; i++ {
		row := t.rows[t.idx[i]]
		if i == t.cur && focused {
			out = append(out, st.Selected.Render(fit(mark+t.markCell(row, st.ASCII)+plainRow(row, ws), w)))
			continue
		}
		var b strings.Builder
		if i == t.cur {
			b.WriteString(mark)
		} else {
			b.WriteByte(' ')
		}
		if m := t.markCell(row, st.ASCII); m != "" {
			b.WriteString(st.Key.Render(m))
		}
		first := true
		for c := range t.cols {
			if ws[c] < 0 {
				continue
			}
			if !first {
				b.WriteByte(' ')
			}
			first = false
			cell := ""
			if c < len(row) {
				cell = fit(row[c], ws[c])
			} else {
				cell = fit("", ws[c])
			}
			if s := style(row, c); s != nil {
				cell = s.Render(cell)
			}
			b.WriteString(cell)
		}
		out = append(out, fit(b.String(), w))
	}
	if len(t.idx) == 0 && len(out) < h {
		msg := "  (no rows)"
		if t.filter != "" {
			msg = "  (no rows match /" + t.filter + ")"
		} else if t.onlyLabel != "" {
			msg = "  (no rows: " + t.onlyLabel + ")"
		}
		out = append(out, st.Muted.Render(fit(msg, w)))
	}
	return padLines(out, w, h)
}

func plainRow(row []string, ws []int) string {
	var b strings.Builder
	first := true
	for c, wd := range ws {
		if wd < 0 {
			continue
		}
		if !first {
			b.WriteByte(' ')
		}
		first = false
		cell := ""
		if c < len(row) {
			cell = row[c]
		}
		b.WriteString(fit(cell, wd))
	}
	return b.String()
}

// fit pads or truncates s (which may hold styles) to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := width(s)
	if sw > w {
		s = ansi.Truncate(s, w, "…")
		sw = width(s)
	}
	if sw < w {
		s += strings.Repeat(" ", w-sw)
	}
	return s
}

// width is the number of cells s takes, with a fast path for plain ASCII.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// padLines makes lines exactly h lines of w blank cells at least.
func padLines(lines []string, w, h int) []string {
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return lines[:h]
}

// lineKind is how a line of a text pane is drawn.
type lineKind int

const (
	kindText lineKind = iota
	kindMuted
	kindHeader
	kindAccent
	kindOK
	kindWarn
	kindError
	kindAdded
	kindRemoved
)

func (k lineKind) style(st *themes.Styles) lipgloss.Style {
	return [...]lipgloss.Style{st.Text, st.Muted, st.Header, st.Accent, st.OK, st.Warn, st.Error, st.Added, st.Removed}[k]
}

// textLine is a line of a text pane.
type textLine struct {
	text string
	kind lineKind
}

// pane is a scrollable text: the configuration diff, the command log, an interface's detail.
type pane struct {
	title  string
	lines  []textLine
	off    int
	height int
	rd     readAids // search and wrapping (search.go)
}

func (p *pane) set(lines []textLine) {
	p.lines = p.shape(lines)
	p.clamp()
	p.refind()
}

func (p *pane) scroll(n int) {
	p.off += n
	p.clamp()
}

func (p *pane) bottom() {
	p.off = len(p.lines)
	p.clamp()
}

func (p *pane) setHeight(h int) {
	p.height = max(1, h)
	p.clamp()
}

func (p *pane) clamp() {
	p.off = min(max(p.off, 0), max(len(p.lines)-max(p.height, 1), 0))
}

// render draws the lines on screen, exactly h lines of w cells.
func (p *pane) render(st *themes.Styles, w, h int) []string {
	p.rewrap(w)
	out := make([]string, 0, h)
	f := &p.rd.find
	for i := p.off; i < len(p.lines) && len(out) < h; i++ {
		l := p.lines[i]
		if f.pat != "" {
			out = append(out, renderHit(st, l, f.pat, w, f.at < len(f.hits) && f.hits[f.at] == i))
			continue
		}
		out = append(out, l.kind.style(st).Render(fit(l.text, w)))
	}
	return padLines(out, w, h)
}
