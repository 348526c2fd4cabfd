package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
)

// focus is the pane that takes the keys.
type focus int

const (
	focusNav focus = iota
	focusMain
	focusCLI
	numFocus
)

// viewID is one of the views the navigation lists.
type viewID int

const (
	viewDashboard viewID = iota
	viewInterfaces
	viewVLANs
	viewLogs
	viewConfig
	viewCommands
	numViews
)

func (v viewID) String() string {
	return [...]string{"Dashboard", "Interfaces", "VLANs", "Logs", "Configuration", "Command log"}[v]
}

// Model is the console of one SSH session: a header, the navigation, the view shown, the CLI line
// and a footer of key help. It talks to the device only through its Backend.
type Model struct {
	b     Backend
	opt   Options
	keys  KeyMap
	help  help.Model
	theme themes.Theme
	st    themes.Styles
	dark  bool
	w, h  int

	focus focus
	view  viewID
	data  deviceData

	ifs, vlans, logs table    // the table views
	detail           *pane    // the detail of one interface or VLAN, over the table
	conf, clog       pane     // configuration diff, command log
	fullConfig       bool     // the configuration view shows everything, not just the diff
	cli              cliModel // the CLI line
	dlg              *dialog  // the modal dialog, if any
	bar              inputBar // the ":" command or "/" filter being typed

	cmdlog    []logRecord // what actions and pastes ran
	busy      bool        // an action is running
	status    string      // the last outcome, shown on the CLI rule
	statusErr bool
	built     [numRes]int // data generations the tables and panes were built from

	// manual turns off timers and the event listener, so tests can drive the model message by
	// message.
	manual bool
}

// New builds the console for one session.
func New(b Backend, opt Options) Model {
	opt = opt.withDefaults()
	m := Model{
		b: b, opt: opt, keys: DefaultKeyMap(), help: help.New(), theme: opt.Theme, dark: !opt.LightBackground,
		w: opt.Width, h: opt.Height, focus: focusMain,
		ifs:   newTable(ifColumns()),
		vlans: newTable(vlanColumns()),
		logs:  newTable(logColumns()),
		cli:   newCLI(),
	}
	m.restyle()
	m.layout()
	m.syncKeys()
	return m
}

// NewModel is New wrapped so that a panic in the console ends in an error screen for this session
// only, never in the server: the wrapper recovers panics in Update, View and the commands the
// console starts (see guard).
func NewModel(b Backend, opt Options) tea.Model {
	return &guard{m: New(b, opt)}
}

// Init reads the device, starts listening to its events and asks the terminal's background colour.
// (Init cannot record on its value receiver which reads are in flight; NewModel's wrapper can, so a
// program should run NewModel's model.)
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.initCmds()...)
}

func (m *Model) initCmds() []tea.Cmd {
	cli := m.b.CLI()
	prompt := func() tea.Msg {
		return cliDoneMsg{prompt: cli.Prompt(), output: "The switch's CLI: ? lists what may follow, Tab completes, ↑/↓ recall. F1: console keys."}
	}
	return []tea.Cmd{m.fetch(m.staleNeeded()...), prompt, m.listen(), m.clockTick(), tea.RequestBackgroundColor}
}

// Update handles one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.syncKeys()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.layout()
		return nil
	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		m.restyle()
		return nil
	case tea.KeyPressMsg:
		m.syncKeys() // the keys follow the cursor, which tests and ":" commands may have moved
		return m.key(msg)
	case tea.PasteMsg:
		return m.paste(msg.Content)
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case fetchedMsg:
		return m.apply(msg)
	case eventsMsg:
		return m.onEvents(msg)
	case clockMsg:
		return m.clockTick()
	case detailMsg:
		m.showDetail(msg)
		return nil
	case cliDoneMsg:
		return m.cliDone(msg)
	case cliHelpMsg:
		m.cliHelped(msg)
		return nil
	case completeMsg:
		m.completed(msg)
		return nil
	case planDoneMsg:
		return m.planDone(msg)
	case pasteCheckedMsg:
		m.pasteChecked(msg)
		return nil
	case pasteDoneMsg:
		return m.pasteDone(msg)
	}
	return nil
}

// restyle rebuilds the styles after a theme or background change.
func (m *Model) restyle() {
	m.st = m.theme.Styles(m.dark)
	m.help.Styles = help.Styles{
		ShortKey: m.st.Key, ShortDesc: m.st.Desc, ShortSeparator: m.st.Muted, Ellipsis: m.st.Muted,
		FullKey: m.st.Key, FullDesc: m.st.Desc, FullSeparator: m.st.Muted,
	}
}

// setStatus shows the outcome of something on the CLI rule.
func (m *Model) setStatus(text string, isErr bool) {
	m.status, m.statusErr = CleanLine(text), isErr
}

// switchView shows view v and reads what it needs.
func (m *Model) switchView(v viewID) tea.Cmd {
	if v < 0 || v >= numViews {
		return nil
	}
	m.view, m.detail = v, nil
	return m.fetch(m.staleNeeded()...)
}

// nextTheme switches to the next theme of the catalog and tells the caller, who may keep it.
func (m *Model) nextTheme() {
	m.theme = m.opt.Themes.Next(m.theme.Name)
	m.restyle()
	if m.opt.OnTheme != nil {
		m.opt.OnTheme(m.theme.Name)
	}
	m.setStatus("theme: "+m.theme.Name, false)
}

// canWrite reports whether the session's role may change the configuration.
func (m *Model) canWrite() bool { return CanWrite(m.opt.Role) }

// requestQuit quits, asking first when the running configuration is not saved.
func (m *Model) requestQuit() tea.Cmd {
	if m.data.unsaved() {
		m.dlg = quitDialog(m)
		return nil
	}
	return tea.Quit
}
