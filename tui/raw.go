package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The raw view (P) shows what y would copy — the table with every column, the configuration, a
// detail, the pager's text — as plain text on the whole screen: no borders, no colours, no
// margin, so that the terminal's own selection (and its copy) takes exactly the text. Mouse
// reporting is off while it is shown, whatever M says, or the terminal could not select.

// rawView is the text the raw view shows and where it is scrolled to.
type rawView struct {
	title string
	lines []string
	off   int
}

// openRaw shows what y would copy in the raw view, or says why there is nothing.
func (m *Model) openRaw() {
	e, err := m.exportText("")
	if t := m.currentTable(); t != nil && m.pager == nil && m.detail == nil {
		e, err = newExported(strconv.Itoa(len(t.idx))+" rows", tableText(t)), nil
	}
	if err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	m.hand.raw = &rawView{title: e.what, lines: strings.Split(strings.TrimSuffix(e.text, "\n"), "\n")}
	m.setStatus("", false) // the footer shows the raw view's keys, or what they did
}

// rawKey scrolls the raw view; P, esc and q close it; y copies it whole.
func (m *Model) rawKey(msg tea.KeyPressMsg) tea.Cmd {
	r, k := m.hand.raw, &m.keys
	page := max(m.h-1, 1)
	switch s := msg.String(); {
	case s == "esc" || s == "q" || k.Raw.is(msg):
		m.hand.raw = nil
	case k.Copy.is(msg), k.CopyAll.is(msg):
		return m.sendCopy(exported{what: r.title, text: strings.Join(r.lines, "\n") + "\n", lines: len(r.lines)})
	case k.Up.is(msg):
		r.off--
	case k.Down.is(msg):
		r.off++
	case k.PageUp.is(msg):
		r.off -= page
	case k.PageDown.is(msg):
		r.off += page
	case k.Top.is(msg):
		r.off = 0
	case k.Bottom.is(msg):
		r.off = len(r.lines)
	}
	if m.hand.raw != nil {
		r.off = min(max(r.off, 0), max(len(r.lines)-page, 0))
	}
	return nil
}

// rawScreen draws the raw view: the text from the top-left corner, cut at the screen's width (the
// footer says how many lines were cut), and one footer line.
func (m *Model) rawScreen() string {
	r := m.hand.raw
	body := max(m.h-1, 1)
	r.off = min(max(r.off, 0), max(len(r.lines)-body, 0))
	out := make([]string, 0, m.h)
	cut := 0
	for _, l := range r.lines {
		if width(l) > m.w {
			cut++
		}
	}
	for i := r.off; i < len(r.lines) && len(out) < body; i++ {
		out = append(out, cutPlain(r.lines[i], m.w))
	}
	out = padLines(out, m.w, body)
	foot := " " + r.title + " · " + strconv.Itoa(min(r.off+1, len(r.lines))) + "-" + strconv.Itoa(min(r.off+body, len(r.lines))) +
		" of " + strconv.Itoa(len(r.lines))
	if cut > 0 {
		foot += " · " + strconv.Itoa(cut) + " cut at " + strconv.Itoa(m.w) + " columns (y copies them whole)"
	}
	foot += " · select with the mouse · ↑↓ pgup/pgdn g/G · y copy · P/esc back"
	if m.status != "" {
		foot = " " + m.status + " ·" + foot
	}
	out = append(out, m.st.Muted.Render(fit(foot, m.w)))
	return strings.Join(out, "\n")
}

// cutPlain cuts s to w cells with no ellipsis, so a selection never takes a character that is not
// in the text, and pads it.
func cutPlain(s string, w int) string {
	if width(s) > w {
		var b strings.Builder
		n := 0
		for _, r := range s {
			rw := width(string(r))
			if n+rw > w {
				break
			}
			b.WriteRune(r)
			n += rw
		}
		s = b.String()
	}
	return fit(s, w)
}
