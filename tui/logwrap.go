package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// readKey takes the reading keys of the main pane: "/", n, N and esc of a search in a text pane,
// W to wrap long lines (a text pane, or the Logs view's messages). ok false leaves the key to the
// view.
func (m *Model) readKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	p := m.searchPane()
	if p != nil {
		if cmd, ok := m.searchKeys(msg, p); ok {
			return cmd, true
		}
	}
	if !m.keys.Wrap.is(msg) {
		return nil, false
	}
	switch {
	case p != nil:
		m.setStatus(wrapStatus(p.toggleWrap()), false)
	case m.view == viewLogs:
		m.wrapLogs = !m.wrapLogs
		m.setStatus(wrapStatus(m.wrapLogs), false)
	default:
		return m.tryAction(m.keys.Wrap, nil), true
	}
	return nil, true
}

// logsBody draws the Logs table: cut to the columns, or with W each message wrapped under its
// column, so a link going down shows its port and state at 120 columns.
func (m *Model) logsBody(w, h int, focused bool) []string {
	t := &m.logs
	if !m.wrapLogs || len(t.idx) == 0 {
		return t.render(&m.st, w, h, focused, m.logCellStyle)
	}
	st := &m.st
	out := t.render(st, w, 1, focused, m.logCellStyle) // the heading
	ws := t.widths(w)
	msgW := ws[len(ws)-1]
	indent := w - msgW
	rowLines := func(i int) []string {
		row := t.rows[t.idx[i]]
		msgs := wrapText(row[len(row)-1], msgW)
		lines := make([]string, 0, len(msgs))
		cur := i == t.cur
		mark := " "
		if cur {
			mark = "▸"
			if st.ASCII {
				mark = ">"
			}
		}
		var b strings.Builder
		b.WriteString(mark)
		for c := 0; c < len(ws)-1; c++ {
			if ws[c] < 0 {
				continue
			}
			cell := fit(row[c], ws[c]) + " "
			if s := m.logCellStyle(row, c); s != nil && !(cur && focused) {
				cell = s.Render(cell)
			}
			b.WriteString(cell)
		}
		for j, text := range msgs {
			prefix := strings.Repeat(" ", indent)
			if j == 0 {
				prefix = b.String()
			}
			line := prefix + fit(text, msgW)
			switch s := m.logCellStyle(row, len(ws)-1); {
			case cur && focused:
				line = st.Selected.Render(fit(prefix+text, w))
			case s != nil:
				line = prefix + s.Render(fit(text, msgW))
			}
			lines = append(lines, fit(line, w))
		}
		return lines
	}
	// From the table's first row on screen, unless the cursor's row would not fit below it.
	first, used := t.off, 0
	for i := t.off; i <= t.cur && i < len(t.idx); i++ {
		used += len(rowLines(i))
	}
	for used > h-1 && first < t.cur {
		used -= len(rowLines(first))
		first++
	}
	for i := first; i < len(t.idx) && len(out) < h; i++ {
		out = append(out, rowLines(i)...)
	}
	return padLines(out, w, h)
}

// syncReadKeys enables the reading keys where they apply, with the reason where they do not.
func (m *Model) syncReadKeys() {
	k := &m.keys
	p := m.searchPane()
	k.Search.set(when(p == nil, "in the Configuration view, the Command log, a detail and the pager (tables filter with /)"))
	k.NextHit.set(when(p == nil || p.rd.find.pat == "", "no search held: / starts one"))
	k.Wrap.set(when(p == nil && (m.view != viewLogs || m.detail != nil), "in the Logs view, a detail, the Configuration view, the Command log and the pager"))
}
