package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// key routes a key press: the too-small screen, an open dialog, the ":" or "/" line, then the
// global keys, then the focused pane.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	s := msg.String()
	switch {
	case m.tooSmall():
		if s == "q" {
			return m.requestQuit()
		}
		return nil
	case m.dlg != nil && m.keyNow().Sub(m.dlgAt) < DialogGuard:
		m.typedAway++ // typed ahead: never an answer (DialogGuard)
		return nil
	case m.dlg != nil:
		return m.dialogKey(msg)
	case m.picker != nil:
		return m.pickerKey(msg)
	case m.find.typing:
		return m.findKey(msg)
	case m.bar.active:
		return m.barKey(msg)
	case s == "ctrl+c" && m.cli.ask != nil:
		return m.answer("", errAborted)
	case s == "ctrl+c" && m.cli.busy && m.cli.stop != nil:
		m.interrupt()
		return nil
	case s == "ctrl+c":
		if m.focus == focusCLI && m.cli.in.Value() != "" {
			m.cli.in.Reset()
			return nil
		}
		return m.confirmQuit()
	case s == "f1":
		m.dlg = helpDialog(m)
		return nil
	case m.hand.raw != nil:
		return m.rawKey(msg)
	case (m.pager != nil || m.focus != focusCLI) && m.keys.isExport(msg):
		return m.exportKey(msg)
	case m.pager != nil:
		return m.pagerKey(msg)
	case m.keys.Pager.is(msg):
		m.openLastOutput()
		return nil
	case s == "alt+z" || s == "z" && m.focus != focusCLI:
		m.toggleZoom()
		return nil
	case m.focus == focusCLI && s == "/" && m.cli.in.Value() == "" && m.cli.ask == nil:
		m.searchScrollback() // no Comware command starts with "/"
		return nil
	case m.focus == focusCLI:
		return m.cliKey(msg)
	}
	k := &m.keys
	switch {
	case k.NextFocus.is(msg):
		m.focus = (m.focus + 1) % numFocus
	case k.PrevFocus.is(msg):
		m.focus = (m.focus + numFocus - 1) % numFocus
	case k.Help.is(msg):
		m.dlg = helpDialog(m)
	case k.Quit.is(msg):
		return m.requestQuit()
	case k.Command.is(msg):
		m.openCmdline()
	case k.Theme.is(msg):
		m.nextTheme()
	case k.Views.is(msg):
		return m.switchView(viewID((int(s[0]-'0') + 9) % 10))
	case k.Save.is(msg):
		return m.tryAction(k.Save, func() tea.Cmd { m.confirm(savePlan()); return nil })
	case m.focus == focusNav:
		return m.navKey(msg)
	default:
		return m.mainKey(msg)
	}
	return nil
}

// navKey moves through the views; enter gives the focus to the view.
func (m *Model) navKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	switch {
	case k.Up.is(msg):
		return m.switchView((m.view + numViews - 1) % numViews)
	case k.Down.is(msg):
		return m.switchView((m.view + 1) % numViews)
	case k.Open.is(msg), msg.String() == "right":
		m.focus = focusMain
	}
	return nil
}

// mainKey handles the keys of the view shown.
func (m *Model) mainKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	if cmd, ok := m.readKey(msg); ok {
		return cmd
	}
	if m.detail != nil {
		return m.scrollKey(msg, m.detail, func() { m.detail = nil })
	}
	switch m.view {
	case viewConfig:
		if k.FullConfig.is(msg) {
			return m.tryAction(k.FullConfig, func() tea.Cmd {
				m.fullConfig = !m.fullConfig
				m.conf.set(configLines(&m.data, m.fullConfig))
				return nil
			})
		}
		if k.Reboot.is(msg) {
			return m.tryAction(k.Reboot, m.actReboot)
		}
		return m.scrollKey(msg, &m.conf, nil)
	case viewCommands:
		return m.scrollKey(msg, &m.clog, nil)
	case viewUsers:
		if m.currentTable() == nil && !k.NextTab.is(msg) && !k.PrevTab.is(msg) {
			return m.scrollKey(msg, &m.sshinfo, nil)
		}
	}
	if t := m.currentTable(); t != nil {
		if cmd, ok := m.tableKey(msg, t); ok { // sort and marks (keys_tables.go)
			return cmd
		}
		switch {
		case k.Up.is(msg):
			t.move(-1)
			return nil
		case k.Down.is(msg):
			t.move(1)
			return nil
		case k.PageUp.is(msg):
			t.move(-t.height)
			return nil
		case k.PageDown.is(msg):
			t.move(t.height)
			return nil
		case k.Top.is(msg):
			t.top()
			return nil
		case k.Bottom.is(msg):
			t.bottom()
			return nil
		case k.Filter.is(msg):
			m.bar.open('/', t.filter)
			return nil
		case k.Back.is(msg):
			t.setFilter("")
			return nil
		case k.Open.is(msg):
			return m.openDetail()
		}
	}
	switch {
	case k.NextTab.is(msg) && m.view.tabs() != nil:
		return m.switchTab(1)
	case k.PrevTab.is(msg) && m.view.tabs() != nil:
		return m.switchTab(-1)
	}
	for _, a := range m.viewActions() {
		if a.b.is(msg) {
			return m.tryAction(a.b, a.f)
		}
	}
	for _, b := range []Binding{k.Filter, k.FullConfig} {
		if b.is(msg) && !b.Enabled() {
			return m.tryAction(b, nil) // says why the key does nothing here
		}
	}
	return nil
}

// scrollKey scrolls a text pane; esc calls back when there is somewhere to go back to.
func (m *Model) scrollKey(msg tea.KeyPressMsg, p *pane, back func()) tea.Cmd {
	k := &m.keys
	switch {
	case k.Up.is(msg):
		p.scroll(-1)
	case k.Down.is(msg):
		p.scroll(1)
	case k.PageUp.is(msg):
		p.scroll(-p.height)
	case k.PageDown.is(msg):
		p.scroll(p.height)
	case k.Top.is(msg):
		p.scroll(-len(p.lines))
	case k.Bottom.is(msg):
		p.bottom()
	case k.Back.is(msg) && back != nil:
		back()
	}
	return nil
}

// wheel scrolls what is under the focus (mouse reporting is on only with Options.Mouse).
func (m *Model) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	d := 3
	if msg.Button == tea.MouseWheelUp {
		d = -3
	}
	switch {
	case m.focus == focusCLI:
		m.cli.scroll(d)
	case m.detail != nil:
		m.detail.scroll(d)
	case m.currentTable() != nil:
		m.currentTable().move(d)
	case m.view == viewConfig:
		m.conf.scroll(d)
	case m.view == viewCommands:
		m.clog.scroll(d)
	case m.view == viewUsers:
		m.sshinfo.scroll(d)
	}
	return nil
}

// viewAction is an action key of the view shown.
type viewAction struct {
	b Binding
	f func() tea.Cmd
}

// viewActions are the action keys of the view shown: a key may mean different actions in
// different views (x deletes a VLAN, frees a line).
func (m *Model) viewActions() []viewAction {
	k := &m.keys
	switch m.view {
	case viewInterfaces:
		return []viewAction{{k.Shut, func() tea.Cmd { return m.actShut(true) }}, {k.NoShut, func() tea.Cmd { return m.actShut(false) }},
			{k.Describe, m.actDescribe}, {k.Access, m.actAccess}, {k.Trunk, m.actTrunk}}
	case viewVLANs:
		return []viewAction{{k.NewVLAN, m.actNewVLANs}, {k.RenameVLAN, m.actRenameVLAN}, {k.DeleteVLAN, m.actDeleteVLAN}}
	case viewSessions:
		return []viewAction{{k.FreeLine, m.actFreeLine}}
	case viewUsers:
		return []viewAction{{k.AddUser, m.actAddUser}, {k.DeleteUser, m.actDeleteUser}, {k.Password, m.actPassword}, {k.Role, m.actRole}}
	case viewRouting:
		return []viewAction{{k.AddRoute, m.actAddRoute}, {k.DeleteRoute, m.actDeleteRoute}}
	case viewDashboard, viewConfig:
		return []viewAction{{k.Reboot, m.actReboot}}
	}
	return nil
}

// shortHelp is the footer: the keys of the focused pane that apply now; in a fleet, F2 first.
func (m *Model) shortHelp() []key.Binding {
	ks := m.paneHelp()
	if m.seat != nil && ks != nil {
		ks = append([]key.Binding{fleetKey().Binding}, ks...)
	}
	return ks
}

// paneHelp is the keys of the focused pane that apply now.
func (m *Model) paneHelp() []key.Binding {
	k := &m.keys
	f1 := bind("F1", "help", "f1")
	switch {
	case m.dlg != nil:
		return nil
	case m.focus == focusNav:
		return keyList(k.Help, k.Quit, k.Up, k.Down, k.Open, k.NextFocus, k.Views, k.Command)
	case m.focus == focusCLI && m.cli.ask != nil:
		return keyList(bind("enter", "answer", "enter"), bind("ctrl+c", "abort the command", "ctrl+c"), k.Leave, f1)
	case m.focus == focusCLI:
		return keyList(k.Run, k.Complete, k.GrammarHelp, k.History, k.Scroll, k.UserView, k.Leave, f1)
	case m.detail != nil:
		return keyList(k.Up, k.Down, k.PageDown, k.Back, k.Search, k.NextHit, k.Wrap, k.Zoom, k.Help)
	}
	switch m.view {
	case viewInterfaces:
		return keyList(k.Help, k.Quit, k.Open, k.Filter, k.Mark, k.Shut, k.NoShut, k.Describe, k.Access, k.Trunk, k.Sort, k.Save, k.Command, k.NextFocus)
	case viewVLANs:
		return keyList(k.Help, k.Quit, k.Open, k.Filter, k.NewVLAN, k.RenameVLAN, k.DeleteVLAN, k.Save, k.Command, k.NextFocus)
	case viewRouting:
		return keyList(k.Help, k.Quit, k.NextTab, k.Open, k.Filter, k.AddRoute, k.DeleteRoute, k.Sort, k.Command, k.NextFocus)
	case viewNeighbors:
		return keyList(k.Help, k.Quit, k.NextTab, k.Open, k.Filter, k.Sort, k.Command, k.NextFocus)
	case viewLogs:
		return keyList(k.Help, k.Quit, k.Open, k.Filter, k.Wrap, k.Bottom, k.Up, k.Down, k.Command, k.NextFocus)
	case viewSessions:
		return keyList(k.Help, k.Quit, k.FreeLine, k.Filter, k.Command, k.NextFocus)
	case viewUsers:
		return keyList(k.Help, k.Quit, k.NextTab, k.AddUser, k.DeleteUser, k.Password, k.Role, k.Filter, k.Save, k.Command, k.NextFocus)
	case viewConfig:
		return keyList(k.Help, k.Quit, k.Search, k.NextHit, k.FullConfig, k.Save, k.Reboot, k.PageDown, k.Command, k.NextFocus)
	case viewCommands:
		return keyList(k.Help, k.Quit, k.Search, k.NextHit, k.Up, k.Down, k.PageDown, k.Command, k.NextFocus)
	}
	return keyList(k.Help, k.Quit, k.Views, k.NextFocus, k.Command, k.Zoom, k.Save, k.Reboot, k.Theme)
}

// helpDialog lists every key by group; a disabled key shows why it does not apply now.
func helpDialog(m *Model) *dialog {
	var lines []textLine
	colW := 10 // the keys' column: as wide as the widest label ("pgdn/ctrl+f/space")
	for _, g := range m.keys.fullHelp() {
		for _, b := range g.keys {
			colW = max(colW, width(keyLabel(b)))
		}
	}
	for _, g := range m.keys.fullHelp() {
		lines = append(lines, textLine{" " + g.title, kindHeader})
		for _, b := range g.keys {
			h, label := b.Help(), keyLabel(b)
			if b.Enabled() {
				lines = append(lines, textLine{"   " + fit(label, colW) + " " + h.Desc, kindText})
				continue
			}
			lines = append(lines, textLine{"   " + fit(label, colW) + " " + h.Desc + " (" + b.Why + ")", kindMuted})
		}
	}
	lines = append(lines, textLine{"", kindText},
		textLine{" In the CLI line ? and Tab work as on the switch; F1 opens this help from anywhere.", kindMuted},
		textLine{" Ctrl+C stops the running command, as on the switch; with none running it asks before quitting.", kindMuted},
		textLine{fmt.Sprintf(" Pasted text runs in the CLI after every line was checked (at most %d bytes).", PasteLimit), kindMuted},
		textLine{" Filters: /text, /re:EXPR (a regular expression), /!… keeps the rows that do not match; o/O sort.", kindMuted},
		textLine{" Interfaces: space marks, v…v a range, * all shown, esc clears; s u d a t act on the marked ports.", kindMuted},
		textLine{" A paste's preview: f uses force forms; after a paste stops, i offers the inverse of what ran.", kindMuted},
		textLine{" : commands (tab completes and lists them, ↑/↓ recall): int NAME|TEXT, vlan ID|A-B|TEXT, route, mac, arp,", kindMuted},
		textLine{"   lldp, logs, sessions, users [TEXT: filters the table], ssh, keys, dash, config, cmds, watch [5s] CMD, display CMD (runs it", kindMuted},
		textLine{"   into the pager: :dis vlan), theme [NAME] (no name: a list previewed as you move), w, reboot, help, q", kindMuted},
		textLine{" ctrl+o shows the last CLI output full screen; / on an empty CLI line searches the whole scrollback there.", kindMuted},
		textLine{" Copy (OSC 52, where the terminal takes it): y the row or the text shown, Y the table; :copy row|table|csv|", kindMuted},
		textLine{"   config|diff|output; P shows it plain for selecting by hand; :save-to flash:/NAME [WHAT] writes it for SFTP.", kindMuted},
		textLine{" The mouse is off (the terminal selects); M or :mouse [on|off]: click focuses and selects, the wheel scrolls.", kindMuted},
		textLine{" z zooms the focused pane (alt+z in the CLI line); a port's detail refreshes every 2 s with rate sparklines", kindMuted},
		textLine{"   and counter deltas; :watch [5s] display ... reruns a display command into the pane (esc stops it).", kindMuted})
	if m.seat != nil {
		lines = append(lines, textLine{" F2 or :dev goes back to the fleet; :dev NAME opens another device of it.", kindMuted})
	}
	return &dialog{kind: dlgHelp, title: "Keys", body: pane{lines: lines}, text: lines, hint: "esc/?: close · ↑/↓: scroll"}
}
