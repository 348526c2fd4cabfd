package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"vtyd/tui/readers"
)

// tabBar is the info line of a view with tabs: each tab with its row count, the one shown
// highlighted, then the keys that switch.
func (m *Model) tabBar(w int) string {
	var b strings.Builder
	b.WriteByte(' ')
	for i, title := range m.view.tabs() {
		if n := m.tabRows(i); n >= 0 {
			title = fmt.Sprintf("%s (%d)", title, n)
		}
		if i == m.tab[m.view] {
			b.WriteString(m.st.NavActive.Render(" " + title + " "))
		} else {
			b.WriteString(m.st.Muted.Render(" " + title + " "))
		}
		b.WriteByte(' ')
	}
	hint := " ←/→: tab"
	if m.view != viewUsers || m.tab[viewUsers] < 3 {
		hint += " · /: filter"
	}
	if width(b.String())+width(hint) <= w {
		b.WriteString(m.st.Muted.Render(hint))
	}
	return b.String()
}

// tabRows is the number of rows of tab i of the view shown, -1 when it is not read yet or is not
// a table.
func (m *Model) tabRows(i int) int {
	d := &m.data
	count := func(r resource, n int) int {
		if !d.have[r] {
			return -1
		}
		return n
	}
	switch m.view {
	case viewRouting:
		return count(resRouting, [...]int{len(d.routes.Entries), len(d.ipifs)}[i])
	case viewNeighbors:
		return [...]int{count(resMAC, len(d.macs)), count(resARP, len(d.arps)), count(resLLDP, len(d.lldp))}[i]
	case viewUsers:
		if i < 3 {
			return [...]int{count(resUsers, len(d.users.local)), count(resUsers, len(d.users.ssh)), count(resSSH, len(d.ssh.keys))}[i]
		}
	}
	return -1
}

// tabCellStyle colours the cells of the tabbed views: shut and down interfaces, static routes.
func (m *Model) tabCellStyle(row []string, col int) *lipgloss.Style {
	switch m.currentTable() {
	case &m.ipifs:
		if col == 1 && strings.HasPrefix(row[1], "*") {
			return &m.st.Warn
		}
		if col <= 2 && strings.HasPrefix(row[col], "down") {
			return &m.st.Muted
		}
	case &m.routes:
		if col == 1 && row[1] != "Direct" {
			return &m.st.Accent
		}
	}
	return nil
}

// startupInfo is the line the Configuration view shows above the diff: `display startup`.
func (m *Model) startupInfo() string {
	d := &m.data
	if !d.have[resStartup] {
		return orDash(d.err[resStartup])
	}
	null := func(s string) string {
		if s == "" {
			return "NULL"
		}
		return s
	}
	return fmt.Sprintf("startup: booted from %s · next %s · backup %s", null(d.startup.Current), null(d.startup.NextMain), null(d.startup.NextBackup))
}

// portOfRow is the interface a row of the MAC, ARP or LLDP table is about, for its detail.
func (m *Model) portOfRow() (string, bool) {
	t := m.currentTable()
	r, ok := t.selected()
	if !ok {
		return "", false
	}
	switch t {
	case &m.macs:
		return r[2], true
	case &m.arps:
		return r[3], true
	case &m.lldp:
		return r[0], true
	case &m.ipifs:
		return r[0], true
	case &m.routes:
		return r[5], true
	}
	return "", false
}

// ifSummary is what the detail of an interface says first: its state, VLANs and rates, read from
// the same `display interface` output the detail shows in full below.
func ifSummary(text string) []textLine {
	ifs, err := readers.ParseInterfaces(text)
	if err != nil || len(ifs) != 1 {
		return nil
	}
	i := ifs[0]
	var out []textLine
	line := func(k lineKind, f string, a ...any) { out = append(out, textLine{" " + fmt.Sprintf(f, a...), k}) }
	state := "State " + orDash(i.State)
	if i.LinkType != "" {
		state += fmt.Sprintf(" · %s port, PVID %d", strings.ToLower(i.LinkType), i.PVID)
	}
	line(kindHeader, "%s", state)
	switch i.LinkType {
	case "Trunk":
		line(kindAccent, "Trunk VLANs permitted: %s", orDash(i.Permitted))
		line(kindAccent, "Trunk VLANs passing:   %s", orDash(i.Passing))
	case "Hybrid":
		line(kindAccent, "Hybrid VLANs untagged: %s · tagged: %s", orDash(i.Untagged), orDash(i.Tagged))
	}
	if i.Rates {
		line(kindText, "Rate (last 300 s): in %sbit/s, %d packets/s · out %sbit/s, %d packets/s",
			bitRate(i.InBytes), i.InPkts, bitRate(i.OutBytes), i.OutPkts)
	}
	return append(out, textLine{"", kindText})
}
