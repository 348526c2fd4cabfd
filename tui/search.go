package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
)

// A search ("/" then n/N) reads a long text pane: the configuration, the command log, a detail,
// the pager (the CLI's output). Tables filter with "/" instead; a text pane keeps every line and
// highlights the matches, because the lines around a match are what the reader needs.

// finding is a pane's search: the text sought (ignoring case) and the lines that hold it.
type finding struct {
	pat  string // as typed; "" when no search is held
	hits []int  // indexes of the lines holding pat, in order
	at   int    // the current hit, an index into hits
}

// readAids are a text pane's reading aids: the search, and wrapping on demand (raw is the text
// before wrapping, wrapW the width it was wrapped to).
type readAids struct {
	find  finding
	wrap  bool
	wrapW int
	raw   []textLine
}

// shape is what set stores: the lines wrapped when wrapping is on, the search run again.
func (p *pane) shape(lines []textLine) []textLine {
	if p.rd.wrap {
		p.rd.raw, p.rd.wrapW = lines, 0 // wrapped at the next render, at its width
	}
	return lines
}

// refind runs the held search again over the pane's lines, keeping the current hit near where it
// was.
func (p *pane) refind() {
	f := &p.rd.find
	if f.pat == "" {
		f.hits = nil
		return
	}
	was := -1
	if f.at < len(f.hits) {
		was = f.hits[f.at]
	}
	low := strings.ToLower(f.pat)
	f.hits = f.hits[:0]
	f.at = 0
	for i, l := range p.lines {
		if strings.Contains(strings.ToLower(l.text), low) {
			if i <= was {
				f.at = len(f.hits)
			}
			f.hits = append(f.hits, i)
		}
	}
}

// search starts a search for pat: the first hit at or below the top of the screen becomes the
// current one and is shown.
func (p *pane) search(pat string) {
	f := &p.rd.find
	f.pat, f.at = pat, 0
	f.hits = nil
	p.refind()
	f.at = 0
	for i, h := range f.hits {
		if h >= p.off {
			f.at = i
			break
		}
	}
	p.showHit()
}

// nextHit moves to the next (d 1) or previous (d -1) hit, wrapping around the text.
func (p *pane) nextHit(d int) {
	f := &p.rd.find
	if len(f.hits) == 0 {
		return
	}
	f.at = (f.at + d + len(f.hits)) % len(f.hits)
	p.showHit()
}

// showHit scrolls so that the current hit is on screen, a third of the way down when it was not.
func (p *pane) showHit() {
	f := &p.rd.find
	if f.at >= len(f.hits) {
		return
	}
	h := f.hits[f.at]
	if h < p.off || h >= p.off+max(p.height, 1) {
		p.off = h - max(p.height, 1)/3
		p.clamp()
	}
}

// findStatus says where the search stands: "/vlan: 2 of 7" or "/vlan: not found".
func (p *pane) findStatus() string {
	f := &p.rd.find
	if len(f.hits) == 0 {
		return "/" + f.pat + ": not found"
	}
	return "/" + f.pat + ": " + strconv.Itoa(f.at+1) + " of " + strconv.Itoa(len(f.hits)) + " · n/N: next/previous · esc: clear"
}

// rewrap wraps the pane's text to w cells when wrapping is on and the width changed, keeping the
// top line's text on screen.
func (p *pane) rewrap(w int) {
	if !p.rd.wrap || p.rd.wrapW == w {
		return
	}
	top := p.rawIndex(p.off)
	p.rd.wrapW = w
	p.lines = wrapLines(p.rd.raw, w)
	p.off = 0
	for i, n := 0, 0; i < len(p.rd.raw) && i < top; i++ {
		n += len(wrapText(p.rd.raw[i].text, w))
		p.off = n
	}
	p.clamp()
	p.refind()
}

// rawIndex is the index in raw of the text shown on line i.
func (p *pane) rawIndex(i int) int {
	if p.rd.wrapW == 0 {
		return i
	}
	for r, n := 0, 0; r < len(p.rd.raw); r++ {
		n += len(wrapText(p.rd.raw[r].text, p.rd.wrapW))
		if n > i {
			return r
		}
	}
	return len(p.rd.raw)
}

// toggleWrap turns wrapping on or off; it reports the new state.
func (p *pane) toggleWrap() bool {
	if p.rd.wrap {
		top := p.rawIndex(p.off)
		p.rd.wrap, p.lines, p.rd.raw = false, p.rd.raw, nil
		p.off = top
		p.clamp()
		p.refind()
		return false
	}
	p.rd.wrap, p.rd.raw, p.rd.wrapW = true, p.lines, 0
	return true
}

// renderHit draws line l in w cells with the search's matches highlighted; cur marks the current
// hit's line, whose matches are drawn as the selection is.
func renderHit(st *themes.Styles, l textLine, pat string, w int, cur bool) string {
	s := fit(l.text, w)
	low := strings.ToLower(s)
	lp := strings.ToLower(pat)
	base, mark := l.kind.style(st), st.Accent.Reverse(true)
	if cur {
		mark = st.Selected
	}
	if len(low) != len(s) || lp == "" || !strings.Contains(low, lp) {
		return base.Render(s) // case folding changed the length: drawn plain rather than cut wrong
	}
	var b strings.Builder
	for {
		i := strings.Index(low, lp)
		if i < 0 {
			b.WriteString(base.Render(s))
			return b.String()
		}
		if i > 0 {
			b.WriteString(base.Render(s[:i]))
		}
		b.WriteString(mark.Render(s[i : i+len(lp)]))
		s, low = s[i+len(lp):], low[i+len(lp):]
	}
}

// finder is the "/" line while a search is typed: the pane it searches and the search it replaces
// if cancelled.
type finder struct {
	typing bool
	in     lineEdit
	target *pane
	was    string
}

// searchPane is the text pane "/" searches in the main pane now, nil where "/" filters a table.
func (m *Model) searchPane() *pane {
	switch {
	case m.pager != nil:
		return &m.pager.text
	case m.detail != nil:
		return m.detail
	case m.view == viewConfig:
		return &m.conf
	case m.view == viewCommands:
		return &m.clog
	}
	return nil
}

// startSearch opens the "/" line over pane p.
func (m *Model) startSearch(p *pane) { m.find.start(p) }

// start opens the "/" line of a search over pane p, keeping the search it holds to put back.
func (f *finder) start(p *pane) {
	*f = finder{typing: true, in: lineEdit{limit: 200}, target: p, was: p.rd.find.pat}
}

// findKey edits the "/" line of a search: the matches follow the typing; enter keeps the search,
// esc puts back the one held before.
func (m *Model) findKey(msg tea.KeyPressMsg) tea.Cmd {
	if status, isErr, set := m.find.key(msg); set {
		m.setStatus(status, isErr)
	}
	return nil
}

// key edits the "/" line of a search; set reports that the status should say status (a search
// kept with enter says where it stands). The device console and the fleet's share it.
func (f *finder) key(msg tea.KeyPressMsg) (status string, isErr, set bool) {
	p := f.target
	switch msg.String() {
	case "esc", "ctrl+c":
		f.typing = false
		p.search(f.was)
		if f.was == "" {
			p.rd.find = finding{}
		}
		return "", false, false
	case "enter":
		f.typing = false
		if f.in.Value() == "" {
			p.rd.find = finding{}
			return "", false, false
		}
		return p.findStatus(), len(p.rd.find.hits) == 0, true
	}
	f.in.Update(msg)
	p.search(f.in.Value())
	return "", false, false
}

// searchKeys are the keys of a held search in a text pane: "/" starts one, n and N move, esc clears
// it. ok is false for the keys it leaves to the pane.
func (m *Model) searchKeys(msg tea.KeyPressMsg, p *pane) (tea.Cmd, bool) {
	status, isErr, ok := m.find.held(msg, p)
	if ok && !m.find.typing {
		m.setStatus(status, isErr)
	}
	return nil, ok
}

// held takes the keys of a held search in pane p: "/" starts one (the finder then types it), n
// and N move, esc clears it; status is what the status line says after. ok is false for the keys
// it leaves to the pane.
func (f *finder) held(msg tea.KeyPressMsg, p *pane) (status string, isErr, ok bool) {
	h := &p.rd.find
	switch s := msg.String(); {
	case s == "/":
		f.start(p)
		return "", false, true
	case (s == "n" || s == "N") && h.pat != "":
		d := 1
		if s == "N" {
			d = -1
		}
		p.nextHit(d)
		return p.findStatus(), len(h.hits) == 0, true
	case s == "esc" && h.pat != "":
		p.rd.find = finding{}
		return "", false, true
	}
	return "", false, false
}

// findBarView is the footer while a search is typed.
func (m *Model) findBarView() string { return m.find.barView(&m.st, m.w) }

// barView is the "/" line of a search being typed, w cells wide.
func (f *finder) barView(st *themes.Styles, w int) string {
	hint := "  (enter: keep · esc: cancel)"
	if p := f.target; f.in.Value() != "" {
		hint = "  " + strconv.Itoa(len(p.rd.find.hits)) + " matches" + hint
	}
	return st.Accent.Render(" /") + f.in.View(max(w-width(hint)-3, 10), st.Text, st.Accent, true) + st.Muted.Render(hint)
}
