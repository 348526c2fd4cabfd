package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
	"vtyd/tui/term"
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
	viewRouting
	viewNeighbors // MAC, ARP and LLDP tables
	viewLogs
	viewSessions
	viewUsers // local users, SSH users, host keys, SSH server
	viewConfig
	viewCommands
	numViews
)

func (v viewID) String() string {
	return [...]string{"Dashboard", "Interfaces", "VLANs", "Routing", "MAC/ARP/LLDP", "Logs", "Sessions",
		"Users & SSH", "Configuration", "Command log"}[v]
}

// key is the digit that shows the view: 1-9, then 0 for the tenth.
func (v viewID) key() string { return string(rune('0' + (int(v)+1)%10)) }

// tabs are the titles of a view's tabs; nil for a view without tabs.
func (v viewID) tabs() []string {
	switch v {
	case viewRouting:
		return []string{"Routes", "IP interfaces"}
	case viewNeighbors:
		return []string{"MAC", "ARP", "LLDP"}
	case viewUsers:
		return []string{"Users", "SSH users", "Host keys", "SSH server"}
	}
	return nil
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

	ifs, vlans, logs table // the table views
	routes, ipifs    table // Routing's tabs
	macs, arps, lldp table // MAC/ARP/LLDP's tabs
	sessions         table
	locals, sshusers table // Users & SSH's tabs ...
	hostkeys         table
	sshinfo          pane          // ... and its SSH server tab
	tab              [numViews]int // the tab shown in each view with tabs
	detail           *pane         // the detail of one interface or VLAN, over the table
	conf, clog       pane          // configuration diff, command log
	fullConfig       bool          // the configuration view shows everything, not just the diff
	cli              cliModel      // the CLI line
	asker            *askBridge    // answers the CLI session's [Y/N] questions from the CLI line
	dlg              *dialog       // the modal dialog, if any
	bar              inputBar      // the ":" command or "/" filter being typed

	cmdlog     []logRecord // what actions and pastes ran
	ownChanges bool        // this session changed the configuration since it saved (quit.go)
	busy       bool        // an action is running
	pollAt     time.Time   // when moving data is read again
	status     string      // the last outcome, shown on the CLI rule
	statusErr  bool
	built      [numRes]int // data generations the tables and panes were built from
	jump       pendingJump // a ":" command that names a row not read yet
	seat       *fleetSeat  // the fleet session this console runs in; nil for a single device

	dlgAt     time.Time        // when the dialog shown opened (keyNow)
	keyNow    func() time.Time // the clock keys are timed with: Options.Now; tests step it per key
	typedAway int              // keys dropped because they came within DialogGuard of the dialog

	consoleTools           // search, pager, wrapped Logs, the ":" line's aids (pager.go)
	hand         handTools // copy, the raw view and the mouse (export.go, raw.go, mouse.go)
	layoutTools            // zoom, the folded sidebar, :watch and the port detail's trend (layout.go, trend.go)

	// manual turns off timers and the event listener, so tests can drive the model message by
	// message.
	manual bool
}

// New builds the console for one session.
func New(b Backend, opt Options) *Model {
	opt = opt.withDefaults()
	m := &Model{
		b: b, opt: opt, keys: DefaultKeyMap(), help: help.New(), theme: opt.Theme, dark: !opt.LightBackground,
		focus:    focusMain,
		ifs:      newTable(ifColumns()),
		vlans:    newTable(vlanColumns()),
		logs:     newTable(logColumns()),
		routes:   newTable(routeColumns()),
		ipifs:    newTable(ipifColumns()),
		macs:     newTable(macColumns()),
		arps:     newTable(arpColumns()),
		lldp:     newTable(lldpColumns()),
		sessions: newTable(sessionColumns()),
		locals:   newTable(localUserColumns()),
		sshusers: newTable(sshUserColumns()),
		hostkeys: newTable(hostKeyColumns()),
		cli:      newCLI(),
		asker:    &askBridge{},
	}
	// The CLI line answers the device's questions (save, reboot, free line) as the line CLI does.
	if b != nil {
		b.CLI().SetAsker(m.asker)
	}
	m.ifs.markable() // space marks ports for one plan over several (plan_many.go)
	m.ifs.lazy = true
	m.w, m.h = term.ClampSize(opt.Width, opt.Height)
	m.keyNow = opt.Now
	m.hand.mouse = opt.Mouse
	m.restyle()
	m.layout()
	m.syncKeys()
	if opt.ThemeNote != "" {
		m.setStatus(opt.ThemeNote, false)
	}
	return m
}

// NewModel is New wrapped so that a panic in the console ends in an error screen for this session
// only, never in the server: the wrapper recovers panics in Update, View and the commands the
// console starts (see guard).
func NewModel(b Backend, opt Options) tea.Model {
	return &guard{m: New(b, opt)}
}

// Init reads the device, starts listening to its events and asks the terminal's background colour.
// initCmds is the same without the question (a fleet's console knows the answer).
func (m *Model) Init() tea.Cmd {
	return tea.Batch(append(m.initCmds(), tea.RequestBackgroundColor)...)
}

func (m *Model) initCmds() []tea.Cmd {
	cli := m.b.CLI()
	prompt := func() tea.Msg {
		return cliDoneMsg{prompt: cli.Prompt(), output: "The switch's CLI: ? shows what may follow, Tab completes, ↑/↓ recall; F1: help"}
	}
	return []tea.Cmd{m.fetch(m.staleNeeded()...), prompt, m.listen(), m.tick()}
}

// Update handles one message. The model changes in place: it is some 25 KB, too large to copy on
// every key as a value receiver would (and its commands capture values, never the model).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	shown := m.dlg
	cmd := m.update(msg)
	if m.dlg != nil && m.dlg != shown {
		m.dlgAt, m.typedAway = m.keyNow(), 0 // a new dialog: keys start counting from now
	}
	m.relayout() // the focus moved with a zoom on, or the sidebar folded
	m.syncKeys()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// The layout never exceeds MaxWidth×MaxHeight, whatever size the client claims.
		m.w, m.h = term.ClampSize(msg.Width, msg.Height)
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
	case term.PasteTooLongMsg: // the input reader kept none of it
		m.refusePaste(msg.Bytes)
		return nil
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.MouseClickMsg:
		return m.click(msg)
	case configReadMsg:
		return m.configRead(msg)
	case flashSavedMsg:
		m.flashSaved(msg)
		return nil
	case fetchedMsg:
		return m.apply(msg)
	case eventsMsg:
		return m.onEvents(msg)
	case tickMsg:
		return m.ticked()
	case askMsg:
		return m.asked(msg)
	case detailMsg:
		m.showDetail(msg)
		return m.liveNext()
	case liveTickMsg:
		return m.liveTick(msg)
	case liveMsg:
		return m.liveDone(msg)
	case pagerMsg:
		m.pagerDone(msg)
		return nil
	case cmdCompleteMsg:
		m.shellCompleted(msg)
		return nil
	case cliDoneMsg:
		return m.cliDone(msg)
	case cliOutputMsg:
		return m.cliOutput(msg)
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
	case impactMsg:
		m.impactRead(msg)
		return nil
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
	if v != m.view {
		m.leave(m.view)
		m.enter(v)
	}
	m.view, m.detail = v, nil
	m.rebuild()
	return m.fetch(m.staleNeeded()...)
}

// switchTab shows the next (d 1) or previous (d -1) tab of a view with tabs.
func (m *Model) switchTab(d int) tea.Cmd {
	n := len(m.view.tabs())
	if n == 0 || m.detail != nil {
		return nil
	}
	m.tab[m.view] = (m.tab[m.view] + d + n) % n
	m.rebuild()
	return m.fetch(m.staleNeeded()...)
}

// nextTheme switches to the next theme of the catalog and tells the caller, who may keep it.
func (m *Model) nextTheme() {
	if m.opt.NoColor {
		m.setStatus(noColorStatus, false)
		return
	}
	m.theme = m.opt.Themes.Next(m.theme.Name)
	m.restyle()
	m.setStatus(keepTheme(&m.opt, m.theme), false)
}

// canWrite reports whether the session's role may change the configuration.
func (m *Model) canWrite() bool { return CanWrite(m.opt.Role) }

// canManageUsers reports whether the session's role may add local users.
func (m *Model) canManageUsers() bool { return CanManageUsers(m.opt.Role) }
