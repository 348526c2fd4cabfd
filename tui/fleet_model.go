package tui

import (
	"context"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
	"vtyd/tui/term"
)

// fleetModel is the console of a session that came in through the gateway: the fleet dashboard,
// and over it the console of one device at a time (a Model on the Backend Fleet.Open gave). It owns
// what outlives a device: the session's command log, the devices it left with unsaved changes, the
// theme and the terminal's size and background. Only the device shown has a Model, a backend and
// goroutines; leaving a device closes its backend and ends its background work.
type fleetModel struct {
	fleet Fleet
	opt   Options  // the session's; each device's console gets them with a context of its own
	ui    *fleetUI // the dashboard's keys and styles, while it is shown
	theme themes.Theme
	dark  bool
	w, h  int
	first string // the device to open at the start ("" for the dashboard)

	devs   []DeviceSummary // as last read
	table  table           // the dashboard
	bar    inputBar        // the dashboard's ":" command or "/" filter being typed
	dlg    *dialog         // the dashboard's dialog (quit, help)
	dlgAt  time.Time
	keyNow func() time.Time
	// typedAway counts keys dropped because they came within DialogGuard of the dialog.
	typedAway int
	status    string
	statusErr bool

	dev     *Model             // the device console shown; nil on the dashboard
	b       Backend            // its backend
	cancel  context.CancelFunc // ends its background work and running commands
	gen     int                // bumped on leaving a device: its late messages are dropped
	tickGen int                // the dashboard's refresh timer; a timer of an earlier visit is dropped
	cmdlog  []logRecord        // the session's command log while no device is shown
	changed map[string]bool    // devices left with configuration changes of this session's, unsaved

	manual bool // no timers: tests drive the model message by message

	fan    *fanPane      // the results of :ask or :compare over the dashboard (fleet_ask_pane.go); nil: none
	chg    *changeMany   // the change across the selection, while open (fleet_change.go)
	chgGen int           // counts changes: a closed change's late messages are dropped
	opID   func() string // a change's operation id: NewOpID, or a test's

	tools fleetTools // search, the plain view, the theme list, the mouse (fleet_tools.go)
}

// fleetUI is what drawing the dashboard takes: some 20 KB, which a session on a device does without
// (the device's console has its own).
type fleetUI struct {
	keys KeyMap
	help help.Model
	st   themes.Styles
}

// devicesMsg is a read of Fleet.Devices.
type devicesMsg struct{ devs []DeviceSummary }

// fleetTickMsg is the dashboard's refresh, about once a second while it is shown.
type fleetTickMsg struct{ gen int }

// newFleetModel builds the console of a fleet session; device "" starts on the dashboard.
func newFleetModel(fl Fleet, device string, opt Options) *fleetModel {
	opt = opt.withDefaults()
	f := &fleetModel{
		fleet: fl, opt: opt, theme: opt.Theme, dark: !opt.LightBackground,
		first: device, table: newTable(fleetColumns()), keyNow: opt.Now, changed: map[string]bool{},
	}
	f.table.markable()
	f.tools.mouse = opt.Mouse
	f.w, f.h = term.ClampSize(opt.Width, opt.Height)
	return f
}

// Init opens the first device, or the dashboard if there is none or it cannot be opened.
func (f *fleetModel) Init() tea.Cmd {
	cmd := f.switchTo(f.first)
	f.first = ""
	return tea.Batch(cmd, tea.RequestBackgroundColor)
}

func (f *fleetModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	shown := f.dlg
	cmd := f.update(msg)
	if f.dlg != nil && f.dlg != shown {
		f.dlgAt, f.typedAway = f.keyNow(), 0
	}
	return f, cmd
}

func (f *fleetModel) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.w, f.h = term.ClampSize(msg.Width, msg.Height)
		if f.ui != nil {
			f.layout()
		}
	case tea.BackgroundColorMsg:
		f.dark = msg.IsDark()
		f.restyle()
	case devMsg:
		if msg.gen != f.gen || f.dev == nil {
			return nil // a device this console has left
		}
		switch m := msg.msg.(type) {
		case deviceEndedMsg:
			name := f.dev.seat.device
			f.leave()
			f.setStatus(name+": "+m.why, true)
			return f.dashboard()
		case devSwitchMsg:
			return f.switchTo(m.name)
		case term.CopyMsg: // for the renderer (term.Drawn), which takes it as the device sent it
			return func() tea.Msg { return m }
		}
		return f.forward(msg.msg)
	case devicesMsg:
		f.setDevices(msg.devs)
		return nil
	case fanProgressMsg, fanDoneMsg:
		return f.fanMsg(msg)
	case chgMsg:
		return f.onChange(msg)
	case fleetTickMsg:
		if msg.gen != f.tickGen || f.dev != nil {
			return nil
		}
		return tea.Batch(f.readDevices(), f.tick())
	}
	if f.dev != nil {
		if k, ok := msg.(tea.KeyPressMsg); ok && fleetKey().is(k) {
			return f.switchTo("")
		}
		return f.forward(msg)
	}
	if f.ui == nil {
		return nil // before Init
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return f.key(msg)
	case tea.PasteMsg:
		return f.changePaste(msg.Content)
	case term.PasteTooLongMsg:
		f.changeTooLong(msg)
	case tea.MouseWheelMsg:
		f.wheel(msg.Button == tea.MouseWheelUp)
	case tea.MouseClickMsg:
		f.click(msg)
	}
	return nil
}

// forward gives a message to the device console; what it starts is tagged as its own.
func (f *fleetModel) forward(msg tea.Msg) tea.Cmd {
	_, cmd := f.dev.Update(msg)
	return tagCmd(f.gen, cmd)
}

// switchTo opens device name, leaving the one shown, or goes back to the dashboard for "". A device
// that cannot be opened leaves the console where it was, with the fleet's reason. Open runs in
// Update, not in a command: a backend opened after the console moved on or ended would hold a
// VTY line of the device that nobody closes.
func (f *fleetModel) switchTo(name string) tea.Cmd {
	name = CleanLine(strings.TrimSpace(name))
	if name == "" {
		f.leave()
		return f.dashboard()
	}
	if f.dev != nil && f.dev.seat.device == name {
		f.dev.setStatus("already on "+name, false)
		return nil
	}
	b, err := f.fleet.Open(name)
	if err != nil {
		why := "cannot open " + name + ": " + CleanLine(err.Error())
		if f.dev != nil {
			f.dev.setStatus(why, true)
			return nil
		}
		f.setStatus(why, true)
		return f.dashboard()
	}
	f.leave()
	ctx, cancel := context.WithCancel(f.opt.Context)
	opt := f.opt
	opt.Context, opt.Theme, opt.LightBackground, opt.Width, opt.Height = ctx, f.theme, !f.dark, f.w, f.h
	opt.Mouse = f.tools.mouse
	m := New(b, opt)
	m.manual, m.keyNow = f.manual, f.keyNow
	m.seat = &fleetSeat{device: name, quit: f.quit, names: f.names}
	m.ownChanges = f.changed[name] // this session's changes there, made before it left the device
	m.cmdlog = f.cmdlog
	m.showLog()
	f.cmdlog = nil
	f.dev, f.b, f.cancel = m, b, cancel
	f.status, f.ui = "", nil
	f.tools = fleetTools{mouse: f.tools.mouse, copied: f.tools.copied}
	return tagCmd(f.gen, tea.Batch(m.initCmds()...))
}

// names are the fleet's devices as they are now.
func (f *fleetModel) names() []string {
	devs := f.fleet.Devices()
	out := make([]string, len(devs))
	for i, d := range devs {
		out[i] = d.Name
	}
	return out
}

// leave closes the device shown, keeping what the session needs of it.
func (f *fleetModel) leave() {
	if f.dev == nil {
		return
	}
	d := f.dev
	f.changed[d.seat.device] = d.ownChanges && d.canWrite()
	f.cmdlog, f.theme, f.tools.mouse = d.cmdlog, d.theme, d.hand.mouse
	f.cancel()
	_ = f.b.Close()
	f.dev, f.b, f.cancel = nil, nil, nil
	f.gen++
}

// close releases the device shown when the console ends (Handler.Serve calls it after the program).
func (f *fleetModel) close() { f.leave() }

// dashboard shows the fleet: the devices read now and about once a second after.
func (f *fleetModel) dashboard() tea.Cmd {
	if f.ui == nil {
		f.ui = &fleetUI{keys: DefaultKeyMap(), help: help.New()}
	}
	f.restyle() // a device's console may have switched theme
	f.layout()
	f.setDevices(f.devs)
	f.tickGen++
	return tea.Batch(f.readDevices(), f.tick())
}

func (f *fleetModel) readDevices() tea.Cmd {
	fl := f.fleet
	return func() tea.Msg { return devicesMsg{devs: fl.Devices()} }
}

func (f *fleetModel) tick() tea.Cmd {
	if f.manual {
		return nil
	}
	gen := f.tickGen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return fleetTickMsg{gen: gen} })
}

func (f *fleetModel) restyle() {
	if f.ui == nil {
		return
	}
	st := f.theme.Styles(f.dark)
	f.ui.st = st
	f.ui.help.Styles = help.Styles{
		ShortKey: st.Key, ShortDesc: st.Desc, ShortSeparator: st.Muted, Ellipsis: st.Muted,
		FullKey: st.Key, FullDesc: st.Desc, FullSeparator: st.Muted,
	}
}

func (f *fleetModel) setStatus(text string, isErr bool) {
	f.status, f.statusErr = CleanLine(text), isErr
}

// quit is the quit rule over the fleet, for the dashboard (m nil) and for a device's console: as
// in a single device's console, it asks only about this session's own unsaved changes, here on
// every device it worked on, and names them. Only the device shown can be saved from the question.
func (f *fleetModel) quit(m *Model, confirm bool) tea.Cmd {
	names := f.unsavedOwn()
	var dlg *dialog
	switch {
	case len(names) == 0 && !confirm:
		return tea.Quit
	case len(names) == 0:
		dlg = confirmQuitDialog()
	case m != nil && len(names) == 1 && names[0] == m.seat.device:
		dlg = quitDialog(m)
	default:
		dlg = fleetQuitDialog(names)
	}
	if m != nil {
		m.dlg = dlg
	} else {
		f.dlg = dlg
	}
	return nil
}

// unsavedOwn names the devices whose configuration this session changed and nobody saved since.
func (f *fleetModel) unsavedOwn() []string {
	if !CanWrite(f.opt.Role) {
		return nil
	}
	var names []string
	cur := ""
	if f.dev != nil {
		cur = f.dev.seat.device
		if f.dev.ownUnsaved() {
			names = append(names, cur)
		}
	}
	left := false
	for n, ch := range f.changed {
		left = left || (ch && n != cur)
	}
	if !left {
		return names
	}
	for _, d := range f.fleet.Devices() {
		if d.Name != cur && f.changed[d.Name] && d.Unsaved {
			names = append(names, d.Name)
		}
	}
	sort.Strings(names)
	return names
}

// fleetQuitDialog asks before quitting with this session's changes unsaved on several devices.
func fleetQuitDialog(names []string) *dialog {
	lines := []textLine{
		{"This session changed the configuration of these devices and it is not saved:", kindWarn},
		{"    " + strings.Join(names, ", "), kindAccent},
		{"A reboot would lose the changes. To save one: :dev NAME, then w.", kindWarn},
		{"", kindText},
		{"  q    quit without saving", kindText},
		{"  esc  stay", kindText},
	}
	return &dialog{kind: dlgQuit, title: "Quit with unsaved changes?", body: pane{lines: lines}, text: lines,
		danger: true, noSave: true, hint: "q: quit · esc: stay"}
}
