package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The mouse (issue 15, point 9) is off by default, so that the terminal's own selection and copy
// work; M, ":mouse" and Options.Mouse turn it on. Then a click focuses the pane under it, selects
// the row or the view clicked, and the wheel scrolls what has the focus.

// setMouse turns mouse reporting on or off and says what that means.
func (m *Model) setMouse(on bool) {
	m.hand.mouse = on
	if on {
		m.setStatus("mouse on: click focuses a pane and selects a row or a view, the wheel scrolls; the terminal selects with shift+drag (M: off)", false)
		return
	}
	m.setStatus("mouse off: the terminal selects and copies as usual (M: on)", false)
}

// mouseCommand is ":mouse [on|off]"; no argument toggles.
func (m *Model) mouseCommand(arg string) tea.Cmd {
	switch strings.ToLower(strings.TrimSpace(arg)) {
	case "":
		m.setMouse(!m.hand.mouse)
	case "on", "yes", "1":
		m.setMouse(true)
	case "off", "no", "0":
		m.setMouse(false)
	default:
		m.setStatus("mouse on or off? :mouse, :mouse on, :mouse off", true)
	}
	return nil
}

// click handles a left click: on the views list it shows the view clicked, in the main pane it
// selects the row clicked, in the CLI pane it gives the CLI line the focus. Clicks do nothing
// while a dialog, the theme list, the pager, the raw view or a line being typed is up, so that
// a stray click never answers a question.
func (m *Model) click(msg tea.MouseClickMsg) tea.Cmd {
	if !m.hand.mouse || msg.Button != tea.MouseLeft || m.tooSmall() || m.dlg != nil || m.picker != nil ||
		m.pager != nil || m.hand.raw != nil || m.bar.active || m.find.typing {
		return nil
	}
	g := m.geometry()
	x, y := msg.X, msg.Y
	switch {
	case y >= 1 && y <= g.bodyH && x < g.navW:
		m.focus = focusNav
		if v := viewID(y - 2); y >= 2 && v >= 0 && v < numViews { // the list starts under the border
			return m.switchView(v)
		}
	case y >= 1 && y <= g.bodyH:
		m.focus = focusMain
		m.clickRow(y)
	case y > g.bodyH && y < m.h-1:
		m.focus = focusCLI
	}
	return nil
}

// clickRow selects the table row drawn on screen line y: the main pane's border, its info line
// and the table's heading come first.
func (m *Model) clickRow(y int) {
	t := m.currentTable()
	if t == nil || m.detail != nil || m.view == viewLogs && m.wrapLogs || m.viewError() != "" {
		return // no table, or rows that are not one line each from line 4
	}
	if i := t.off + y - 4; y >= 4 && i < len(t.idx) {
		t.cur = i
		t.clamp()
	}
}
