package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The dashboard's columns. Address gives way below 110 cells (the info line shows the selected
// device's); the rest fit 80 columns.
const (
	fcName = iota
	fcModel
	fcState
	fcUptime
	fcPorts
	fcUnsaved
	fcLog
	fcTags
	fcAddress
)

func fleetColumns() []column {
	return []column{{title: "Device", width: 12}, {title: "Model", width: 17}, {title: "State", width: 10},
		{title: "Uptime", width: 7}, {title: "Up/Dn", width: 7}, {title: "", width: 1}, {title: "Log", width: 4},
		{title: "Tags", width: 6, flex: true}, {title: "Address", width: 21, hideBelow: 110}}
}

// setDevices fills the dashboard from a read of the fleet; the filter matches a device's name,
// tags, model and state.
func (f *fleetModel) setDevices(devs []DeviceSummary) {
	f.devs = devs
	if f.ui == nil {
		return // a read that arrives once a device is open: dashboard() builds the rows on return
	}
	rows := make([][]string, 0, len(devs))
	keys := make([]string, 0, len(devs))
	mark := "●"
	if f.ui.st.ASCII {
		mark = "*"
	}
	for _, d := range devs {
		uptime, ports, unsaved := "", "", ""
		// A device that is not up has no uptime or ports to speak of; a real switch that is up has
		// them only once someone opens it (the gateway does not poll what nobody looks at).
		if d.State == "up" && d.Uptime > 0 {
			uptime = shortDuration(d.Uptime)
		}
		if d.State == "up" && d.PortsUp+d.PortsDown > 0 {
			ports = fmt.Sprintf("%d/%d", d.PortsUp, d.PortsDown)
		}
		if d.Unsaved {
			unsaved = mark
		}
		tags := CleanLine(strings.Join(d.Tags, ","))
		rows = append(rows, []string{CleanLine(d.Name), CleanLine(d.Model), CleanLine(d.State), uptime,
			ports, unsaved, sevShort(d.LogLevel), tags, CleanLine(d.Address)})
		keys = append(keys, d.Name+" "+tagWords(d.Tags)+" "+d.Model+" "+d.State)
	}
	f.table.setRowsKeyed(rows, keys)
}

func (f *fleetModel) cellStyle(row []string, col int) *lipgloss.Style {
	switch col {
	case fcState:
		if row[fcState] == "up" {
			return &f.ui.st.OK
		}
		return &f.ui.st.Error
	case fcUnsaved:
		return &f.ui.st.Warn
	case fcLog:
		return severityStyle(&f.ui.st, row[fcLog])
	}
	return nil
}

// geometry of the dashboard: the header, the box, the status line and the footer.
func (f *fleetModel) layout() {
	f.table.setHeight(max(f.h-3-4, 1)) // the box's borders, the info line, the table heading
	f.ui.help.SetWidth(f.w)
}

func (f *fleetModel) tooSmall() bool { return f.w < MinWidth || f.h < MinHeight }

// View draws the device console shown, or the dashboard.
func (f *fleetModel) View() tea.View {
	if f.dev != nil {
		return f.dev.View()
	}
	var v tea.View
	v.AltScreen = true
	if f.ui == nil {
		return v // before Init
	}
	if f.tools.mouse && f.tools.raw == nil { // the plain view is for the terminal's own selection
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "fleet - vtyd console"
	if f.tooSmall() {
		v.SetContent(lipgloss.Place(f.w, f.h, lipgloss.Center, lipgloss.Center, f.ui.st.Warn.Render(fmt.Sprintf(
			"Terminal too small: %d×%d.\nThe console needs at least %d×%d.\n\nq quits.", f.w, f.h, MinWidth, MinHeight))))
		return v
	}
	if f.tools.raw != nil && f.dlg == nil {
		v.SetContent(f.tools.raw.screen(&f.ui.st, f.w, f.h, f.status))
		return v
	}
	lines := make([]string, 0, f.h)
	lines = append(lines, f.headerView())
	bodyH := f.h - 3
	if f.dlg != nil {
		lines = append(lines, f.dlg.renderStyled(&f.ui.st, f.typedAway, f.w, bodyH)...)
	} else if f.tools.picker != nil {
		lines = append(lines, f.tools.picker.view(&f.ui.st, f.w, bodyH)...)
	} else if f.chg != nil { // a change before an ask's results, as its keys come first
		lines = append(lines, f.changeView(bodyH)...)
	} else if f.fan != nil {
		lines = append(lines, box(&f.ui.st, f.fan.box, f.fanView(f.w-2, bodyH-2), f.w, bodyH, true)...)
	} else {
		in := append([]string{f.ui.st.Muted.Render(fit(f.infoLine(), f.w-2))}, f.table.render(&f.ui.st, f.w-2, bodyH-3, true, f.cellStyle)...)
		lines = append(lines, box(&f.ui.st, "Fleet", in, f.w, bodyH, true)...)
	}
	status := f.ui.st.Muted.Render(fit(" enter opens a device · F2 or :dev comes back here", f.w))
	if f.chg != nil {
		status = f.ui.st.Muted.Render(fit(" change many · operation "+f.chg.id, f.w))
	}
	if f.tools.picker != nil {
		status = f.ui.st.Muted.Render(fit(" the dashboard is drawn in the theme under the cursor", f.w))
	}
	if f.status != "" {
		style := f.ui.st.OK
		if f.statusErr {
			style = f.ui.st.Error
		}
		status = style.Render(fit(" "+f.status, f.w))
	}
	lines = append(lines, status, f.footerView())
	v.SetContent(strings.Join(lines, "\n"))
	return v
}

// headerView names the fleet, counts its devices and says who is logged in.
func (f *fleetModel) headerView() string {
	up := 0
	for _, d := range f.devs {
		if d.State == "up" {
			up++
		}
	}
	sep := "  │  "
	if f.ui.st.ASCII {
		sep = "  |  "
	}
	user := CleanLine(orDash(f.opt.User)) + " (" + f.opt.Role + ")"
	left := " Fleet" + sep + fmt.Sprintf("%d devices, %d up", len(f.devs), up) + sep + user
	return f.ui.st.Title.Render(fit(left, f.w))
}

// infoLine counts the devices (those the filter shows of them) and describes the selected one.
func (f *fleetModel) infoLine() string {
	s := fmt.Sprintf(" %d devices", len(f.table.rows))
	if f.table.filter != "" {
		s = " " + filterLine(&f.table, "")
	}
	s += f.selectionInfo()
	if n := f.unsavedCount(); n > 0 {
		mark := "●"
		if f.ui.st.ASCII {
			mark = "*"
		}
		s += fmt.Sprintf(" · %s %d unsaved", mark, n)
	}
	if r, ok := f.table.selected(); ok {
		s += " · " + r[fcName]
		if r[fcAddress] != "" {
			s += " " + r[fcAddress]
		}
		if r[fcState] != "up" {
			s += " · " + r[fcState]
		}
	}
	return s
}

func (f *fleetModel) unsavedCount() int {
	n := 0
	for _, d := range f.devs {
		if d.Unsaved {
			n++
		}
	}
	return n
}

func (f *fleetModel) footerView() string {
	if f.tools.find.typing {
		return fit(f.tools.find.barView(&f.ui.st, f.w), f.w)
	}
	if f.bar.active {
		return fit(f.bar.view(&f.ui.st, f.w), f.w)
	}
	if f.dlg != nil {
		return fit("", f.w)
	}
	if f.tools.picker != nil {
		return fit(" ↑/↓: preview · enter: keep · esc: put back "+f.tools.picker.was.Name, f.w)
	}
	if f.chg != nil {
		return fit(f.changeHint(), f.w)
	}
	if f.fan != nil {
		return fit(f.fanFooter(), f.w)
	}
	k := &f.ui.keys
	return fit(" "+f.ui.help.ShortHelpView(keyList(k.Help, k.Quit, k.Up, k.Down, k.Open, markKey(), k.Filter, k.Command, k.Theme,
		shortKey(k.Sort, "sort"), shortKey(k.Copy, "copy"))), f.w)
}

// key handles a key on the dashboard, as the device console does its own: the too-small screen, a
// dialog (after DialogGuard), the ":" or "/" line, then the dashboard's keys.
func (f *fleetModel) key(msg tea.KeyPressMsg) tea.Cmd {
	s := msg.String()
	k := &f.ui.keys
	switch {
	case f.tooSmall():
		if s == "q" {
			return f.quit(nil, false)
		}
		return nil
	case f.tools.picker != nil:
		f.pickerKey(msg)
		return nil
	case f.tools.raw != nil:
		return f.rawKey(msg)
	case f.tools.find.typing:
		if status, isErr, set := f.tools.find.key(msg); set {
			f.setStatus(status, isErr)
		}
		return nil
	case f.chg != nil:
		return f.changeKey(msg)
	case f.dlg != nil && f.keyNow().Sub(f.dlgAt) < DialogGuard:
		f.typedAway++
		return nil
	case f.dlg != nil:
		return f.dialogKey(s)
	case f.bar.active:
		return f.barKey(msg)
	case f.fan != nil:
		return f.fanKey(msg)
	}
	if cmd, ok := f.toolKey(msg); ok { // sort, copy, the plain view, the mouse
		return cmd
	}
	switch {
	case s == "ctrl+c":
		return f.quit(nil, true)
	case k.Quit.is(msg):
		return f.quit(nil, false)
	case k.Help.is(msg):
		f.dlg = f.helpDialog()
	case k.Command.is(msg):
		f.bar.open(':', "")
	case k.Filter.is(msg):
		f.bar.open('/', f.table.filter)
	case askKey().is(msg):
		f.bar.open(':', "ask ")
	case k.Back.is(msg):
		f.table.setFilter("")
	case markKey().is(msg):
		f.table.toggleMark()
	case markShownKey().is(msg):
		f.table.markShown()
	case k.Open.is(msg):
		if r, ok := f.table.selected(); ok {
			return f.switchTo(r[fcName])
		}
	case k.Theme.is(msg) && f.opt.NoColor:
		f.setStatus(noColorStatus, false)
	case k.Theme.is(msg):
		f.theme = f.opt.Themes.Next(f.theme.Name)
		f.restyle()
		f.setStatus(keepTheme(&f.opt, f.theme), false)
	case k.Up.is(msg):
		f.table.move(-1)
	case k.Down.is(msg):
		f.table.move(1)
	case k.PageUp.is(msg):
		f.table.move(-f.table.height)
	case k.PageDown.is(msg):
		f.table.move(f.table.height)
	case k.Top.is(msg):
		f.table.top()
	case k.Bottom.is(msg):
		f.table.bottom()
	}
	return nil
}

// barKey edits the dashboard's ":" or "/" line; the filter applies as it is typed.
func (f *fleetModel) barKey(msg tea.KeyPressMsg) tea.Cmd {
	b := &f.bar
	switch msg.String() {
	case "esc", "ctrl+c":
		b.active = false
		if b.kind == '/' {
			f.table.setFilter("")
		}
		return nil
	case "enter":
		b.active = false
		if b.kind == ':' {
			return f.command(b.in.Value())
		}
		return nil
	case "tab":
		if line, ok := completeDev(b.in.Value(), f.names()); b.kind == ':' && ok {
			b.in.SetValue(line)
			b.in.CursorEnd()
		}
		return nil
	}
	b.in.Update(msg)
	if b.kind == '/' {
		f.table.setFilter(b.in.Value())
	}
	return nil
}

// searchKey is "/" in a text: a search, then n/N.
func searchKey() Binding { return bind("/", "search (n/N: next)", "/") }

// command runs a ":" command of the dashboard.
func (f *fleetModel) command(text string) tea.Cmd {
	fs := strings.Fields(text)
	if len(fs) == 0 {
		return nil
	}
	verb, arg := strings.ToLower(fs[0]), strings.Join(fs[1:], " ")
	switch verb {
	case "dev", "device":
		if arg == "" {
			return nil // already here
		}
		return f.switchTo(arg)
	case "fleet":
		return nil
	case "select", "sel":
		f.selectCommand(arg)
		return nil
	case "ask":
		return f.askCommand(arg)
	case "compare", "cmp":
		return f.compareCommand(arg)
	case "change":
		return f.changeCommand(arg)
	case "q", "quit", "exit":
		return f.quit(nil, false)
	case "help", "h":
		f.dlg = f.helpDialog()
		return nil
	case "theme":
		f.themeCommand(arg)
		return nil
	case "copy", "yank", "y":
		return f.copyShown(strings.ToLower(arg))
	case "mouse":
		f.mouseCommand(arg)
		return nil
	}
	f.setStatus("unknown command :"+verb+" (try :dev NAME, :ask, :compare, :change, :copy, :theme, :help, :q)", true)
	return nil
}

// dialogKey answers the dashboard's dialog: the quit question or the help.
func (f *fleetModel) dialogKey(s string) tea.Cmd {
	d := f.dlg
	switch s {
	case "up", "k":
		d.body.scroll(-1)
		return nil
	case "down", "j":
		d.body.scroll(1)
		return nil
	}
	switch {
	case d.kind == dlgQuit && (s == "q" || s == "y"):
		return tea.Quit
	case d.kind == dlgQuit && (s == "esc" || s == "n"):
		f.dlg = nil
	case d.kind != dlgQuit && (s == "esc" || s == "enter" || s == "q" || s == "?" || s == "f1"):
		f.dlg = nil
	}
	return nil
}

// helpDialog lists the dashboard's keys and the fleet's ":" commands.
func (f *fleetModel) helpDialog() *dialog {
	var lines []textLine
	k := &f.ui.keys
	for _, b := range []Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom,
		bind("enter", "open the device", "enter"), markKey(), markShownKey(), askKey(), k.Filter, bind("esc", "clear the filter", "esc"),
		k.Sort, k.SortOrder, searchKey(), k.Copy, k.CopyAll, k.Raw, k.Mouse,
		k.Command, k.Theme, k.Quit, bind("ctrl+c", "quit (always asks)", "ctrl+c")} {
		lines = append(lines, textLine{"   " + fit(keyLabel(b), 12) + " " + b.Help().Desc, kindText}) // with the vim keys
	}
	lines = append(lines, textLine{"", kindText},
		textLine{" / filters on a device's name, tags (also as tag:NAME), model and state; re:EXPR is", kindMuted},
		textLine{"   a regular expression, a leading ! keeps what does not match. A table of results", kindMuted},
		textLine{"   filters the same way; in a text (groups, diffs, a preview, a transcript) / searches.", kindMuted},
		textLine{" : commands: dev NAME (open a device), select NAME,GLOB,tag:TAG (mark devices;", kindMuted},
		textLine{"   select none clears), change (a batch for the selection), copy row|table|csv,", kindMuted},
		textLine{"   mouse [on|off], theme [NAME] (alone: the list, previewed), help, q.", kindMuted},
		textLine{" :ask DISPLAY-COMMAND runs it on the selection (or: down ports, unsaved changes,", kindMuted},
		textLine{"   version); :compare DEVICE, :compare flash:FILE [on DEVICE] (a template with", kindMuted},
		textLine{"   {{sysname}} {{name}} {{address}} {{mask}}), :compare saved. esc: back.", kindMuted},
		textLine{" A paste here, or :change, checks a batch on every selected device, then runs it", kindMuted},
		textLine{fmt.Sprintf(" staged (canary, waves) once confirmed; at most %d KiB and %d lines (larger: SFTP).", ChangeMaxBytes>>10, ChangeMaxLines), kindMuted},
		textLine{" On a device, F2 or :dev comes back here and :dev NAME opens another; the", kindMuted},
		textLine{" command log (0) lists what this session ran on every device.", kindMuted})
	return &dialog{kind: dlgHelp, title: "Fleet keys", body: pane{lines: lines}, text: lines, hint: "esc/?: close · ↑/↓: scroll"}
}
