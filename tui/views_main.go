package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"vtyd/tui/readers"
)

// mainView draws the main pane: a dialog when one is open, else the detail or the view shown.
func (m *Model) mainView(w, h int) []string {
	if m.dlg != nil {
		return m.dlg.render(m, w, h)
	}
	focused := m.focus == focusMain
	iw, ih := w-2, h-2
	if m.detail != nil {
		in := append([]string{m.st.Muted.Render(fit(" esc: back · ↑/↓ pgup/pgdn: scroll", iw))}, m.detail.render(&m.st, iw, ih-1)...)
		return box(&m.st, m.detail.title, in, w, h, focused)
	}
	var info string
	var body []string
	switch m.view {
	case viewDashboard:
		return box(&m.st, "Dashboard", m.dashboardView(iw, ih), w, h, focused)
	case viewInterfaces:
		info = m.ifInfo()
		body = m.ifs.render(&m.st, iw, ih-1, focused, m.ifCellStyle)
	case viewVLANs:
		info = fmt.Sprintf("%d VLANs", len(m.data.vlans))
		body = m.vlans.render(&m.st, iw, ih-1, focused, func([]string, int) *lipgloss.Style { return nil })
	case viewLogs:
		info = fmt.Sprintf("%d entries · newest last", len(m.data.logs))
		body = m.logs.render(&m.st, iw, ih-1, focused, m.logCellStyle)
	case viewConfig:
		info = m.configInfo()
		body = m.conf.render(&m.st, iw, ih-1)
	case viewCommands:
		if len(m.clog.lines) == 0 {
			body = []string{m.st.Muted.Render(" No commands yet: the commands that actions and pastes run are listed here.")}
		} else {
			body = m.clog.render(&m.st, iw, ih)
		}
		return box(&m.st, "Command log", padLines(body, iw, ih), w, h, focused)
	}
	if t := m.currentTable(); t != nil && t.filter != "" {
		info += " · filter /" + t.filter
	}
	if e := m.viewError(); e != "" {
		info = e
		return box(&m.st, m.view.String(), append([]string{m.st.Error.Render(fit(" "+info, iw))}, body...), w, h, focused)
	}
	return box(&m.st, m.view.String(), append([]string{m.st.Muted.Render(fit(" "+info, iw))}, body...), w, h, focused)
}

// viewError is the error of the last read of what the view shows.
func (m *Model) viewError() string {
	for _, r := range m.view.needs() {
		if e := m.data.err[r]; e != "" {
			return e
		}
	}
	return ""
}

// currentTable is the table of the view shown, if it has one.
func (m *Model) currentTable() *table {
	switch m.view {
	case viewInterfaces:
		return &m.ifs
	case viewVLANs:
		return &m.vlans
	case viewLogs:
		return &m.logs
	}
	return nil
}

// rebuild refreshes the tables and panes whose data was read again since they were built.
func (m *Model) rebuild() {
	changed := func(r resource) bool {
		if m.built[r] == m.data.gen[r] {
			return false
		}
		m.built[r] = m.data.gen[r]
		return true
	}
	if changed(resIfBrief) {
		m.ifs.setRows(ifRows(m.data.ifs))
	}
	if changed(resVLANs) {
		m.vlans.setRows(vlanRows(m.data.vlans))
	}
	if changed(resLogs) {
		m.logs.follow = true
		m.logs.setRows(logRows(m.data.logs))
	}
	if changed(resConfig) {
		m.conf.set(configLines(&m.data, m.fullConfig))
	}
}

func ifColumns() []column {
	return []column{{title: "Interface", width: 10}, {title: "Link", width: 4}, {title: "Speed", width: 7},
		{title: "Duplex", width: 6}, {title: "Mode", width: 6}, {title: "PVID", width: 4}, {title: "Description", width: 11, flex: true}}
}

func ifRows(b readers.IfBrief) [][]string {
	rows := make([][]string, 0, len(b.Bridge))
	for _, p := range b.Bridge {
		pvid := "-"
		if p.PVID > 0 {
			pvid = strconv.Itoa(p.PVID)
		}
		rows = append(rows, []string{p.Name, p.Link, p.Speed, p.Duplex, p.Mode(), pvid, p.Description})
	}
	return rows
}

func (m *Model) ifCellStyle(row []string, col int) *lipgloss.Style {
	if col != 1 {
		return nil
	}
	switch row[1] {
	case "UP":
		return &m.st.OK
	case "ADM":
		return &m.st.Warn
	case "DOWN":
		return &m.st.Muted
	}
	return nil
}

func portCounts(d *deviceData) (up, down, adm int) {
	for _, p := range d.ifs.Bridge {
		switch {
		case p.Up():
			up++
		case p.AdminDown():
			adm++
		default:
			down++
		}
	}
	return up, down, adm
}

func (m *Model) ifInfo() string {
	up, down, adm := portCounts(&m.data)
	return fmt.Sprintf("%d ports · %d up · %d down · %d shut · enter: detail", len(m.data.ifs.Bridge), up, down, adm)
}

func vlanColumns() []column {
	return []column{{title: "VLAN", width: 5}, {title: "Name", width: 20}, {title: "Ports", width: 5}, {title: "Members", width: 10, flex: true}}
}

func vlanRows(vs []readers.VLAN) [][]string {
	rows := make([][]string, 0, len(vs))
	for _, v := range vs {
		rows = append(rows, []string{strconv.Itoa(v.ID), v.Name, strconv.Itoa(len(v.Ports)), strings.Join(v.Ports, " ")})
	}
	return rows
}

func logColumns() []column {
	return []column{{title: "Time", width: 15}, {title: "Sev", width: 4}, {title: "Source", width: 20}, {title: "Message", width: 10, flex: true}}
}

func logRows(es []readers.LogEntry) [][]string {
	rows := make([][]string, 0, len(es))
	for _, e := range es {
		if e.Severity < 0 {
			rows = append(rows, []string{"", "", "", e.Text})
			continue
		}
		rows = append(rows, []string{e.Time.Format("Jan _2 15:04:05"), sevShort(e.Severity),
			e.Module + "/" + e.Mnemonic, e.Text})
	}
	return rows
}

func sevShort(s int) string {
	if s < 0 || s > 7 {
		return ""
	}
	return [...]string{"emrg", "alrt", "crit", "err", "warn", "note", "info", "dbg"}[s]
}

func (m *Model) logCellStyle(row []string, col int) *lipgloss.Style {
	if col != 1 && col != 3 || row[1] == "" {
		return nil
	}
	switch row[1] {
	case "emrg", "alrt", "crit", "err":
		return &m.st.Error
	case "warn":
		return &m.st.Warn
	case "dbg":
		return &m.st.Muted
	}
	return nil
}

// detailMsg is the text of `display interface NAME` or `display vlan ID`.
type detailMsg struct {
	title, text, err string
}

// openDetail reads the detail of the selected interface or VLAN.
func (m *Model) openDetail() tea.Cmd {
	var title, line string
	switch m.view {
	case viewInterfaces:
		r, ok := m.ifs.selected()
		if !ok {
			return nil
		}
		title, line = r[0], "display interface "+readers.FullIfName(r[0])
	case viewVLANs:
		r, ok := m.vlans.selected()
		if !ok {
			return nil
		}
		title, line = "VLAN "+r[0], "display vlan "+r[0]
	case viewLogs:
		if i := m.logs.cur; i >= 0 && i < len(m.logs.idx) && m.logs.idx[i] < len(m.data.logs) {
			e := m.data.logs[m.logs.idx[i]]
			w := max(m.geometry().mainW-4, 20)
			var ls []textLine
			for _, l := range strings.Split(ansi.Wrap(e.Raw, w, ""), "\n") {
				ls = append(ls, textLine{" " + l, kindText})
			}
			m.detail = &pane{title: "Log entry", lines: ls}
			m.layout()
		}
		return nil
	default:
		return nil
	}
	m.detail = &pane{title: title + " · " + line, lines: []textLine{{"reading " + line + " ...", kindMuted}}}
	m.layout()
	sh, ctx := m.b.Console(), m.opt.Context
	return func() tea.Msg {
		out, err := run(ctx, sh, line)
		if err != nil {
			return detailMsg{title: title, err: line + ": " + strings.TrimSpace(errText(err))}
		}
		return detailMsg{title: title, text: out}
	}
}

func (m *Model) showDetail(msg detailMsg) {
	if m.detail == nil || !strings.HasPrefix(m.detail.title, msg.title+" ") {
		return
	}
	if msg.err != "" {
		m.detail.set([]textLine{{msg.err, kindError}})
		return
	}
	var ls []textLine
	for _, l := range strings.Split(strings.TrimRight(msg.text, "\n"), "\n") {
		ls = append(ls, textLine{" " + l, kindText})
	}
	m.detail.set(ls)
}
