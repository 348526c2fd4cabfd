package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
	"vtyd/tui/readers"
)

// inputBar is the footer line while a ":" command or a "/" filter is typed.
type inputBar struct {
	active bool
	kind   byte // ':' or '/'
	in     lineEdit
}

func (b *inputBar) open(kind byte, value string) {
	b.in = lineEdit{limit: 200}
	b.in.SetValue(value)
	b.in.CursorEnd()
	b.active, b.kind = true, kind
}

func (b *inputBar) view(st *themes.Styles, w int) string {
	hint := "  (enter: go · esc: cancel)"
	if b.kind == '/' {
		hint = "  (filters as you type · enter: keep · esc: clear)"
	}
	return st.Accent.Render(" "+string(b.kind)) + b.in.View(max(w-width(hint)-3, 10), st.Text, st.Accent, true) + st.Muted.Render(hint)
}

// barKey edits the ":" or "/" line; a filter applies as it is typed.
func (m *Model) barKey(msg tea.KeyPressMsg) tea.Cmd {
	b := &m.bar
	if b.kind == ':' {
		if cmd, ok := m.cmdlineKey(msg); ok {
			return cmd
		}
	}
	switch msg.String() {
	case "esc", "ctrl+c":
		b.active = false
		if t := m.currentTable(); b.kind == '/' && t != nil {
			t.setFilter("")
		}
		return nil
	case "enter":
		b.active = false
		if b.kind == ':' {
			return m.command(b.in.Value())
		}
		return nil
	case "tab":
		return nil // on the ":" line, cmdlineKey completes
	}
	b.in.Update(msg)
	if t := m.currentTable(); b.kind == '/' && t != nil {
		t.setFilter(b.in.Value())
	}
	return nil
}

// command runs a ":" command: jump to a view (and an interface or VLAN in it), pick a theme, save
// or quit.
func (m *Model) command(text string) tea.Cmd {
	f := strings.Fields(text)
	if len(f) == 0 {
		return nil
	}
	verb, arg := strings.ToLower(f[0]), strings.Join(f[1:], " ")
	is := func(names ...string) bool {
		for _, n := range names {
			if verb == n {
				return true
			}
		}
		return false
	}
	switch {
	case is("int", "interface", "interfaces", "if", "ints", "port", "ports"):
		cmd := m.switchView(viewInterfaces)
		if arg == "" {
			return cmd
		}
		if !m.data.ready(resIfBrief) {
			m.waitFor(resIfBrief, text, "interfaces")
			return cmd
		}
		if !m.ifs.selectWhere(func(r []string) bool { return readers.MatchIfName(arg, r[0]) }) {
			// Not a port's name: text to filter the ports by (a description, a state).
			m.focus = focusMain
			if m.ifs.setFilter(arg); len(m.ifs.idx) == 0 {
				m.ifs.setFilter("")
				m.setStatus("no interface "+arg+" (and no port shows "+arg+")", true)
				return cmd
			}
			m.setStatus(strconv.Itoa(len(m.ifs.idx))+" ports show "+arg+" (esc: all)", false)
			return cmd
		}
		m.focus = focusMain
		return tea.Batch(cmd, m.openDetail())
	case is("vlan", "vlans"):
		cmd := m.switchView(viewVLANs)
		if arg != "" && !m.data.ready(resVLANs) {
			m.waitFor(resVLANs, text, "VLANs")
			return cmd
		}
		if lo, hi, ok := vlanRange(arg); ok {
			m.showVLANRange(lo, hi)
			m.focus = focusMain
			return cmd
		}
		if _, err := strconv.Atoi(arg); arg != "" && err != nil {
			m.vlans.setFilter(arg) // a name: the VLANs that show it
			m.focus = focusMain
			return cmd
		}
		if arg != "" && !m.vlans.selectWhere(func(r []string) bool { return r[0] == strings.TrimLeft(arg, "0") || r[0] == arg }) {
			if _, err := strconv.Atoi(arg); err == nil {
				m.setStatus("no VLAN "+arg+" (n in the VLANs view creates one)", true)
			} else {
				m.setStatus("no VLAN "+arg, true)
			}
		}
		m.focus = focusMain
		return cmd
	case is("route", "routes", "routing", "ip"):
		return m.jumpFilter(viewRouting, 0, arg)
	case is("mac"):
		return m.jumpFilter(viewNeighbors, 0, arg)
	case is("arp"):
		return m.jumpFilter(viewNeighbors, 1, arg)
	case is("lldp", "neighbors", "neighbours"):
		return m.jumpFilter(viewNeighbors, 2, arg)
	case is("sessions", "users", "who", "lines"):
		if verb == "users" {
			return m.jumpFilter(viewUsers, 0, arg)
		}
		return m.jumpFilter(viewSessions, 0, arg)
	case isDisplay(verb):
		return m.runIntoPager(text)
	case is("watch"):
		return m.startWatch(arg)
	case is("ssh", "keys"):
		if verb == "keys" {
			return m.jumpTab(viewUsers, 2)
		}
		return m.jumpTab(viewUsers, 3)
	case is("reboot"):
		var cmd tea.Cmd
		if m.view != viewDashboard && m.view != viewConfig {
			cmd = m.switchView(viewDashboard)
			m.syncKeys()
		}
		return tea.Batch(cmd, m.tryAction(m.keys.Reboot, m.actReboot))
	case is("log", "logs"):
		cmd := m.switchView(viewLogs)
		m.logs.setFilter(arg)
		m.focus = focusMain
		return cmd
	case is("dash", "dashboard", "home"):
		return m.switchView(viewDashboard)
	case is("config", "conf", "cfg", "diff", "configuration"):
		return m.switchView(viewConfig)
	case is("cmds", "commands", "cmdlog", "history"):
		return m.switchView(viewCommands)
	case is("theme"):
		if m.opt.NoColor {
			m.setStatus(noColorStatus, false)
			return nil
		}
		if arg == "" {
			m.openThemePicker()
			return nil
		}
		t, err := m.opt.Themes.Get(arg)
		if err != nil {
			m.setStatus(err.Error(), true)
			return nil
		}
		m.theme = t
		m.restyle()
		m.setStatus(keepTheme(&m.opt, t), false)
		return nil
	case is("w", "save", "write"):
		return m.tryAction(m.keys.Save, func() tea.Cmd { m.confirm(savePlan()); return nil })
	case is("q", "quit", "exit"):
		return m.requestQuit()
	case m.seat != nil && is("dev", "device", "fleet"):
		if verb == "fleet" {
			arg = ""
		}
		return func() tea.Msg { return devSwitchMsg{name: arg} }
	case is("help", "h"):
		m.dlg = helpDialog(m)
		return nil
	case is("copy", "yank", "y"):
		return m.copyCommand(arg, text)
	case is("save-to", "saveto", "export"):
		return m.saveTo(arg)
	case is("mouse"):
		return m.mouseCommand(arg)
	}
	if m.seat != nil {
		m.setStatus("unknown command :"+verb+" (try :dev NAME, :dev, :int NAME, :vlan ID, :logs, :config, :cmds, :w, :q)", true)
		return nil
	}
	m.setStatus("unknown command :"+verb+" (tab lists them; try :int NAME, :vlan ID, :route, :mac, :arp, :lldp, :logs, :sessions, :users, :ssh, :config, :display CMD, :theme, :w, :q)", true)
	return nil
}

// jumpTab shows a view at one of its tabs, with the focus on it.
func (m *Model) jumpTab(v viewID, tab int) tea.Cmd {
	m.tab[v] = tab
	m.focus = focusMain
	return m.switchView(v)
}

// pendingJump is a ":" command that names an interface or VLAN before the console has read the
// table it is in (typed right after login): it runs again once the table arrives.
type pendingJump struct {
	res  resource
	text string
}

// waitFor keeps a ":" command until resource r (what says, for the status line) has been read.
func (m *Model) waitFor(r resource, text, what string) {
	m.jump = pendingJump{res: r, text: text}
	m.setStatus("reading the "+what+" ...", false)
}

// jumpNow runs the waiting ":" command if its table has been read, or drops it when it failed.
func (m *Model) jumpNow() tea.Cmd {
	j := m.jump
	switch {
	case j.text == "":
		return nil
	case m.data.err[j.res] != "":
		m.jump = pendingJump{}
		m.setStatus(j.text+": "+m.data.err[j.res], true)
		return nil
	case !m.data.ready(j.res):
		return nil
	}
	m.jump = pendingJump{}
	m.setStatus("", false)
	return m.command(j.text)
}
