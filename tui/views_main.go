package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"vtyd/themes"
	"vtyd/tui/readers"
)

// mainView draws the main pane: a dialog when one is open, else the detail or the view shown.
func (m *Model) mainView(w, h int) []string {
	if m.dlg != nil {
		return m.dlg.render(m, w, h)
	}
	if m.picker != nil {
		return m.pickerView(w, h)
	}
	focused := m.focus == focusMain
	iw, ih := w-2, h-2
	if m.detail != nil {
		in := append([]string{m.st.Muted.Render(fit(m.liveInfo(), iw))}, m.detail.render(&m.st, iw, ih-1)...)
		return box(&m.st, m.detail.title, in, w, h, focused)
	}
	var info string
	var body []string
	bh := ih - 1 // below the info line
	switch m.view {
	case viewDashboard:
		return box(&m.st, "Dashboard", m.dashboardView(iw, ih), w, h, focused)
	case viewInterfaces:
		info = m.ifInfoAt(iw)
		body = m.ifs.render(&m.st, iw, bh, focused, m.ifCellStyle)
	case viewVLANs:
		info = fmt.Sprintf("%d VLANs · enter: detail", m.data.vlanCount)
		body = m.vlans.render(&m.st, iw, bh, focused, plainCells)
	case viewLogs:
		info = fmt.Sprintf("%d entries · newest last", len(m.data.logs))
		body = m.logsBody(iw, bh, focused)
	case viewSessions:
		info = fmt.Sprintf("%d sessions · display users, display ssh server session", len(m.sessions.rows))
		body = m.sessions.render(&m.st, iw, bh, focused, m.sessionCellStyle)
	case viewConfig:
		info = m.configInfo()
		body = append([]string{m.st.Muted.Render(fit(" "+m.startupInfo(), iw))}, m.conf.render(&m.st, iw, bh-1)...)
	case viewRouting, viewNeighbors, viewUsers:
		info = m.tabBar(iw)
		if t := m.currentTable(); t != nil {
			body = t.render(&m.st, iw, bh, focused, m.tabCellStyle)
		} else {
			body = m.sshinfo.render(&m.st, iw, bh)
		}
	case viewCommands:
		if len(m.clog.lines) == 0 {
			body = []string{m.st.Muted.Render(" No commands yet: the commands that actions and pastes run are listed here.")}
		} else {
			body = m.clog.render(&m.st, iw, ih)
		}
		return box(&m.st, "Command log", padLines(body, iw, ih), w, h, focused)
	}
	if t := m.currentTable(); t != nil {
		if t.onlyLabel != "" {
			info += " · only " + t.onlyLabel + " (esc: all)"
		}
		info += t.filterInfo() + t.sortInfo() + m.markInfo(t)
	}
	if e := m.viewError(); e != "" {
		return box(&m.st, m.view.String(), append([]string{m.st.Error.Render(fit(" "+e, iw))}, body...), w, h, focused)
	}
	if m.view.tabs() != nil {
		return box(&m.st, m.view.String(), append([]string{fit(info, iw)}, body...), w, h, focused)
	}
	return box(&m.st, m.view.String(), append([]string{m.st.Muted.Render(fit(" "+info, iw))}, body...), w, h, focused)
}

func plainCells([]string, int) *lipgloss.Style { return nil }

// viewError is the error of the last read of what the view shows. When an earlier read worked,
// what is shown is that read's, and the error says so: a switch that stopped answering leaves its
// last known state on screen, marked stale.
func (m *Model) viewError() string {
	for _, r := range m.needs() {
		if e := m.data.err[r]; e != "" {
			if m.data.have[r] && !m.data.readAt[r].IsZero() {
				return "stale, as read at " + m.data.readAt[r].Format("15:04:05") + ": " + e
			}
			return e
		}
	}
	return ""
}

// currentTable is the table of the view shown (of its tab shown), if it has one.
func (m *Model) currentTable() *table {
	tab := m.tab[m.view]
	switch m.view {
	case viewInterfaces:
		return &m.ifs
	case viewVLANs:
		return &m.vlans
	case viewLogs:
		return &m.logs
	case viewSessions:
		return &m.sessions
	case viewRouting:
		return [...]*table{&m.routes, &m.ipifs}[tab]
	case viewNeighbors:
		return [...]*table{&m.macs, &m.arps, &m.lldp}[tab]
	case viewUsers:
		if tab < 3 {
			return [...]*table{&m.locals, &m.sshusers, &m.hostkeys}[tab]
		}
	}
	return nil
}

// tables are all the tables, for the layout.
func (m *Model) tables() []*table {
	return []*table{&m.ifs, &m.vlans, &m.logs, &m.routes, &m.ipifs, &m.macs, &m.arps, &m.lldp, &m.sessions,
		&m.locals, &m.sshusers, &m.hostkeys}
}

// rebuild refreshes the tables and panes whose data was read again since they were built. Only
// what is on screen is built: a 10,000-entry MAC table costs nothing until it is shown.
func (m *Model) rebuild() {
	shown := map[resource]bool{}
	for _, r := range m.needs() {
		shown[r] = true
	}
	// The dashboard draws its counts and few log lines from the data, and every view's header only
	// asks whether the configuration is saved: their tables and the diff are built when shown.
	shown[resLogs] = m.view == viewLogs
	shown[resConfig] = m.view == viewConfig
	if m.view == viewDashboard {
		shown[resIfBrief], shown[resVLANs], shown[resIfRates] = false, false, false
	}
	changed := func(r resource) bool {
		if m.built[r] == m.data.gen[r] || !shown[r] {
			return false
		}
		m.built[r] = m.data.gen[r]
		return true
	}
	lldp := changed(resLLDP)
	if ifs, rates := changed(resIfBrief), changed(resIfRates); ifs || rates || lldp && m.view == viewInterfaces {
		m.ifs.setRows(ifRows(m.data.ifs, m.data.rates, neighbours(m.data.lldp)))
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
	if changed(resRouting) {
		m.routes.setRows(routeRows(m.data.routes))
		m.ipifs.setRows(ipifRows(m.data.ipifs))
	}
	if changed(resMAC) {
		m.macs.setRows(macRows(m.data.macs))
	}
	if changed(resARP) {
		m.arps.setRows(arpRows(m.data.arps))
	}
	if lldp {
		m.lldp.setRows(lldpRows(m.data.lldp))
	}
	if changed(resSessions) {
		m.sessions.setRows(sessionRows(sessionList(m.data.sessions)))
	}
	if changed(resUsers) {
		m.locals.setRows(localUserRows(m.data.users))
		m.sshusers.setRows(sshUserRows(m.data.users.ssh))
	}
	if changed(resSSH) {
		m.hostkeys.setRows(hostKeyRows(m.data.ssh.keys))
		m.sshinfo.set(sshInfoLines(m.data.ssh))
	}
}

// ifColumns are the Interfaces table's; rows hold the cells in this order.
func ifColumns() []column {
	return []column{{title: "Interface", width: 10}, {title: "Link", width: 4}, {title: "Speed", width: 7},
		{title: "Duplex", width: 6, hideBelow: 76}, {title: "Mode", width: 6}, {title: "PVID", width: 4},
		{title: "In b/s", width: 7}, {title: "Out b/s", width: 7}, {title: "Description", width: 7, flex: true, capW: 36},
		// Wide terminals add columns rather than stretch the description (ifwide.go).
		{title: "Errors i/o", width: 10, hideBelow: wideErrors}, {title: "Last flap", width: 9, hideBelow: wideFlap},
		{title: "LLDP neighbour", width: 20, flex: true, hideBelow: wideLLDP}}
}

// ifRows joins the brief table with the rates (in bits per second), error counters and last flap
// of `display interface`, and the LLDP neighbours (by full local port name).
func ifRows(b readers.IfBrief, rates map[string]readers.Interface, nbrs map[string]string) [][]string {
	rows := make([][]string, 0, len(b.Bridge))
	for _, p := range b.Bridge {
		pvid := "-"
		if p.PVID > 0 {
			pvid = strconv.Itoa(p.PVID)
		}
		in, out, desc := "", "", p.Description
		r, ok := rates[readers.FullIfName(p.Name)]
		if ok && r.Rates {
			in, out = bitRate(r.InBytes), bitRate(r.OutBytes)
		}
		if ok && desc != "" && strings.HasPrefix(r.Description, desc) {
			desc = r.Description // whole, where the brief display cuts it (a port without one shows its default)
		}
		errs, flap := wideCells(r, ok)
		rows = append(rows, []string{p.Name, p.Link, p.Speed, p.Duplex, p.Mode(), pvid, in, out, desc,
			errs, flap, nbrs[readers.FullIfName(p.Name)]})
	}
	return rows
}

// bitRate is a rate in bytes per second as bits per second with an SI prefix: 928, 12.4k, 1.2M.
func bitRate(bytesPerSec int64) string {
	b := float64(bytesPerSec) * 8
	for _, u := range []string{"", "k", "M", "G", "T"} {
		if b < 1000 {
			if u == "" || b >= 100 {
				return fmt.Sprintf("%.0f%s", b, u)
			}
			return fmt.Sprintf("%.1f%s", b, u)
		}
		b /= 1000
	}
	return fmt.Sprintf("%.0fP", b)
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
	if col != 1 && col != 3 {
		return nil
	}
	return severityStyle(&m.st, row[1])
}

// severityStyle is the colour of a log severity as sevShort names it: errors and worse, warnings,
// debug; nil for the rest.
func severityStyle(st *themes.Styles, sev string) *lipgloss.Style {
	switch sev {
	case "emrg", "alrt", "crit", "err":
		return &st.Error
	case "warn":
		return &st.Warn
	case "dbg":
		return &st.Muted
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
	case viewRouting, viewNeighbors:
		port, ok := m.portOfRow()
		if !ok || strings.HasPrefix(port, "InLoop") || strings.HasPrefix(port, "NULL") {
			if ok {
				m.setStatus("nothing to open: "+port+" is the device itself or a null route", false)
			}
			return nil
		}
		title, line = port, "display interface "+readers.FullIfName(port)
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
	if strings.HasPrefix(line, "display interface ") {
		m.startLive(m.detail, title, line, detailEvery, false) // it refreshes itself (trend.go)
	}
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
		m.portRead("", msg.err)
		m.detail.set([]textLine{{msg.err, kindError}})
		return
	}
	var ls []textLine
	if strings.Contains(m.detail.title, "display interface ") {
		ls = m.portRead(msg.text, "") // the summary and the trend (trend_port.go)
	}
	for _, l := range strings.Split(strings.TrimRight(msg.text, "\n"), "\n") {
		ls = append(ls, textLine{" " + l, kindText})
	}
	m.detail.set(ls)
}
