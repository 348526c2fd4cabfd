package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
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
	m.hand.raw = newRawView(e)
	m.setStatus("", false) // the footer shows the raw view's keys, or what they did
}

// newRawView is the raw view of e's text.
func newRawView(e exported) *rawView {
	return &rawView{title: e.what, lines: strings.Split(strings.TrimSuffix(e.text, "\n"), "\n")}
}

// rawKey scrolls the raw view; P, esc and q close it; y copies it whole.
func (m *Model) rawKey(msg tea.KeyPressMsg) tea.Cmd {
	closed, cp := m.hand.raw.key(msg, &m.keys, m.h)
	if closed {
		m.hand.raw = nil
	}
	if cp {
		return m.sendCopy(m.hand.raw.exported())
	}
	return nil
}

// key takes a key of the raw view on a screen h lines high, in the device console or the fleet's:
// closed is P, esc or q; cp is y or Y (copy the text whole).
func (r *rawView) key(msg tea.KeyPressMsg, k *KeyMap, h int) (closed, cp bool) {
	page := max(h-1, 1)
	switch s := msg.String(); {
	case s == "esc" || s == "q" || k.Raw.is(msg):
		return true, false
	case k.Copy.is(msg), k.CopyAll.is(msg):
		return false, true
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
	r.off = min(max(r.off, 0), max(len(r.lines)-page, 0))
	return false, false
}

// exported is the raw view's text, whole, to copy.
func (r *rawView) exported() exported {
	return exported{what: r.title, text: strings.Join(r.lines, "\n") + "\n", lines: len(r.lines)}
}

// rawScreen draws the raw view with the console's status.
func (m *Model) rawScreen() string { return m.hand.raw.screen(&m.st, m.w, m.h, m.status) }

// screen draws the raw view: the text from the top-left corner, cut at the screen's width (the
// footer says how many lines were cut), and one footer line that starts with status, if any.
func (r *rawView) screen(st *themes.Styles, w, h int, status string) string {
	body := max(h-1, 1)
	r.off = min(max(r.off, 0), max(len(r.lines)-body, 0))
	out := make([]string, 0, h)
	cut := 0
	for _, l := range r.lines {
		if width(l) > w {
			cut++
		}
	}
	for i := r.off; i < len(r.lines) && len(out) < body; i++ {
		out = append(out, cutPlain(r.lines[i], w))
	}
	out = padLines(out, w, body)
	foot := " " + r.title + " · " + strconv.Itoa(min(r.off+1, len(r.lines))) + "-" + strconv.Itoa(min(r.off+body, len(r.lines))) +
		" of " + strconv.Itoa(len(r.lines))
	if cut > 0 {
		foot += " · " + strconv.Itoa(cut) + " cut at " + strconv.Itoa(w) + " columns (y copies them whole)"
	}
	foot += " · select with the mouse · ↑↓ pgup/pgdn g/G · y copy · P/esc back"
	if status != "" {
		foot = " " + status + " ·" + foot
	}
	out = append(out, st.Muted.Render(fit(foot, w)))
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
