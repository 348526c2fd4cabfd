package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"vtyd/themes"
	"vtyd/tui/term"
)

// The console's smallest usable terminal; below it the console shows only a "too small" screen.
const (
	MinWidth  = 80
	MinHeight = 24
)

// The console's largest layout: a client may claim a terminal of up to 65535×65535, and laying that
// out would take gigabytes. A larger terminal shows the console at this size in its top-left corner
// (the renderer draws no more either; term.MaxWidth and term.MaxHeight are the same).
const (
	MaxWidth  = term.MaxWidth
	MaxHeight = term.MaxHeight
)

// geometry is the layout for the terminal size: the width of the navigation, the height of the
// boxes of the navigation and main pane (borders included) and the lines of CLI output.
type geometry struct {
	navW, mainW, bodyH, cliH int
}

func (m *Model) geometry() geometry {
	g := geometry{navW: 18, cliH: 3}
	if m.w >= 120 {
		g.navW = 22
	}
	if m.h >= 30 {
		g.cliH = min(m.h/4, 12)
	}
	g.mainW = m.w - g.navW
	g.bodyH = m.h - 2 - (g.cliH + 2)
	return m.shape(g) // the folded sidebar and the zoom (layout.go)
}

// layout sizes the tables and panes after a resize.
func (m *Model) layout() {
	m.laid = m.layoutState()
	g := m.geometry()
	rows := max(g.bodyH-4, 1) // borders, the info line, the table heading
	for _, t := range m.tables() {
		t.setHeight(rows)
	}
	m.sshinfo.setHeight(rows + 1)
	m.conf.setHeight(g.bodyH - 4)
	m.clog.setHeight(g.bodyH - 2)
	if m.detail != nil {
		m.detail.setHeight(g.bodyH - 3)
	}
	m.cli.setSize(m.w, g.cliH)
	m.help.SetWidth(m.w)
}

func (m *Model) tooSmall() bool { return m.w < MinWidth || m.h < MinHeight }

// View draws the console.
func (m *Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	if m.hand.mouse && m.hand.raw == nil { // the raw view is for the terminal's own selection
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = m.data.sysname + " - vtyd console"
	if m.tooSmall() {
		v.SetContent(m.tooSmallView())
		return v
	}
	v.SetContent(m.render())
	if m.focus == focusCLI && m.dlg == nil && !m.bar.active {
		v.Cursor = tea.NewCursor(m.cli.cursorX(), m.h-2)
	}
	return v
}

// render draws the full screen: exactly m.h lines.
func (m *Model) render() string {
	if m.hand.raw != nil && m.dlg == nil {
		return m.rawScreen()
	}
	if m.pager != nil && m.dlg == nil {
		return m.pagerView()
	}
	g := m.geometry()
	lines := make([]string, 0, m.h)
	lines = append(lines, m.headerView())
	var nav []string
	switch {
	case g.bodyH == 0 || g.navW == 0: // a zoomed pane (layout.go)
	case m.navFolded():
		nav = m.foldedNavView(g.navW, g.bodyH)
	default:
		nav = m.navView(g.navW, g.bodyH)
	}
	var main []string
	if g.bodyH > 0 {
		main = m.mainView(g.mainW, g.bodyH)
	}
	for i := 0; i < g.bodyH; i++ {
		if nav != nil {
			lines = append(lines, nav[i]+main[i])
		} else {
			lines = append(lines, main[i])
		}
	}
	lines = append(lines, m.cliView(g.cliH)...)
	lines = m.overSuggestions(lines)
	lines = append(lines, m.footerView())
	return strings.Join(lines, "\n")
}

func (m *Model) tooSmallView() string {
	text := fmt.Sprintf("Terminal too small: %d×%d.\nThe console needs at least %d×%d.\n\n"+
		"Enlarge the window, or use the line CLI\n(log in with VTYD_CONSOLE=cli).\n\nq quits.", m.w, m.h, MinWidth, MinHeight)
	return lipgloss.Place(m.w, m.h, lipgloss.Center, lipgloss.Center, m.st.Warn.Render(text))
}

// headerView is the top bar: sysname, model, uptime, user and role, the unsaved marker.
func (m *Model) headerView() string {
	d := &m.data
	product, uptime := "", ""
	if d.version.Product != "" {
		product = d.version.Vendor + " " + d.version.Product
	}
	if d.have[resVersion] {
		uptime = "up " + shortDuration(d.version.Uptime+m.opt.Now().Sub(d.versionAt))
	}
	user := CleanLine(orDash(m.opt.User)) + " (" + m.opt.Role + ")"
	right := ""
	if d.unsaved() {
		right = "● unsaved changes "
		if m.st.ASCII {
			right = "* unsaved changes "
		}
	}
	right = m.zoomMark() + right // the zoom's reminder (layout.go)
	sep := "  │  "
	if m.st.ASCII {
		sep = "  |  "
	}
	// In a fleet the device's name in the fleet comes first: the sysname is the device's to change.
	name, sysname := d.sysname, ""
	if m.seat != nil {
		dot := " · "
		if m.st.ASCII {
			dot = " - "
		}
		name = m.seat.device + dot + "via gateway"
		if !strings.EqualFold(d.sysname, m.seat.device) {
			sysname = d.sysname
		}
	}
	// Parts give way from the least useful when the line is narrow; the marker stays.
	for _, parts := range [][]string{{name, sysname, product, uptime, user}, {name, product, uptime, user}, {name, uptime, user}, {name, user}, {name}} {
		var keep []string
		for _, p := range parts {
			if p != "" {
				keep = append(keep, p)
			}
		}
		left := " " + strings.Join(keep, sep)
		if gap := m.w - width(left) - width(right); gap >= 1 {
			return m.st.Title.Render(left + strings.Repeat(" ", gap) + right)
		}
	}
	return m.st.Title.Render(fit(" "+name+" "+right, m.w))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// shortDuration is an uptime in the header: 3h 07m, 12d 4h, 5w 2d.
func shortDuration(d time.Duration) string {
	mins := int(d / time.Minute)
	days, h, mn := mins/(24*60), mins/60%24, mins%60
	switch {
	case days >= 7:
		return fmt.Sprintf("%dw %dd", days/7, days%7)
	case days > 0:
		return fmt.Sprintf("%dd %dh", days, h)
	}
	return fmt.Sprintf("%dh %02dm", h, mn)
}

// navView is the list of views with a summary of the ports under it.
func (m *Model) navView(w, h int) []string {
	iw := w - 2
	var in []string
	for v := viewID(0); v < numViews; v++ {
		label := fit(" "+v.key()+" "+v.String(), iw)
		switch {
		case v == m.view:
			in = append(in, m.st.NavActive.Render(label))
		default:
			in = append(in, m.st.Nav.Render(label))
		}
	}
	// The counts are drawn while they are current: views that do not show ports or VLANs do not
	// read them again after a change, and a stale count would mislead.
	if d := &m.data; d.have[resIfBrief] && !d.stale[resIfBrief] && h-2 > len(in)+5 {
		up, down, adm := portCounts(d)
		in = append(in, "", m.st.Muted.Render(fit(" Ports", iw)),
			m.st.OK.Render(fit(fmt.Sprintf("  up   %4d", up), iw)),
			m.st.Muted.Render(fit(fmt.Sprintf("  down %4d", down), iw)),
			m.st.Warn.Render(fit(fmt.Sprintf("  shut %4d", adm), iw)))
		if d.have[resVLANs] && !d.stale[resVLANs] {
			in = append(in, m.st.Muted.Render(fit(fmt.Sprintf(" VLANs %4d", d.vlanCount), iw)))
		}
	}
	return box(&m.st, "Views", padLines(in, iw, h-2), w, h, m.focus == focusNav)
}

// footerView is the short help of the focused pane, or the ":" / "/" line being typed.
func (m *Model) footerView() string {
	if m.find.typing {
		return fit(m.findBarView(), m.w)
	}
	if m.bar.active {
		return fit(m.bar.view(&m.st, m.w), m.w)
	}
	return fit(" "+m.help.ShortHelpView(m.shortHelp()), m.w)
}

// box draws a bordered box of w×h cells around content (h-2 lines of w-2 cells) with a title.
func box(st *themes.Styles, title string, content []string, w, h int, focused bool) []string {
	bs := st.Border
	if focused {
		bs = st.BorderFocus
	}
	return boxWith(st, bs, title, content, w, h)
}

func boxWith(st *themes.Styles, bs lipgloss.Style, title string, content []string, w, h int) []string {
	tl, tr, bl, br, hz, vt := "╭", "╮", "╰", "╯", "─", "│"
	if st.ASCII {
		tl, tr, bl, br, hz, vt = "+", "+", "+", "+", "-", "|"
	}
	out := make([]string, 0, h)
	if title == "" { // a rule without a title (the folded sidebar)
		out = append(out, bs.Render(tl+strings.Repeat(hz, max(w-2, 0))+tr))
	} else {
		title = fit(" "+title+" ", min(width(title)+2, max(w-4, 0)))
		rest := max(w-3-width(title), 0)
		out = append(out, bs.Render(tl+hz)+st.Accent.Render(title)+bs.Render(strings.Repeat(hz, rest)+tr))
	}
	side := bs.Render(vt)
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(content) {
			line = content[i]
		}
		out = append(out, side+fit(line, w-2)+side)
	}
	out = append(out, bs.Render(bl+strings.Repeat(hz, max(w-2, 0))+br))
	return out
}
