package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Binding is a key binding that, when it does not apply, is disabled with the reason: the full help
// lists the reason and pressing the key shows it, as lazygit does.
type Binding struct {
	key.Binding
	Why string
}

func bind(help, desc string, keys ...string) Binding {
	return Binding{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))}
}

// set enables the binding, or disables it with the reason why when why is not empty.
func (b *Binding) set(why string) {
	b.SetEnabled(why == "")
	b.Why = why
}

// is reports whether msg is one of the binding's keys, enabled or not.
func (b Binding) is(msg tea.KeyPressMsg) bool {
	return slices.Contains(b.Keys(), msg.String())
}

// KeyMap is every key of the console. Keys that type text are never bound while the CLI line has
// the focus: there ? is the grammar's help and Tab completes, as on the switch; F1 is the console's
// help everywhere.
type KeyMap struct {
	NextFocus, PrevFocus, Command, Filter, Help, Quit, Theme, Save, Views Binding

	Up, Down, PageUp, PageDown, Top, Bottom, Open, Back Binding

	Shut, NoShut, Describe, Access, Trunk, NewVLAN, RenameVLAN, DeleteVLAN, FullConfig Binding

	FreeLine, AddUser, Reboot, NextTab, PrevTab Binding

	Run, Complete, GrammarHelp, History, Scroll, Leave, UserView Binding

	Search, NextHit, Wrap, Pager, SearchCLI Binding // reading long text (search.go, pager.go)
	TableKeys                                       // sort, marks and the actions on users and routes (keys_tables.go)
	ExportKeys                                      // copy, the raw view, the mouse (export.go)
	LayoutKeys                                      // zoom (layout.go)
}

// DefaultKeyMap returns the console's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		NextFocus: bind("tab", "next pane", "tab"),
		PrevFocus: bind("shift+tab", "previous pane", "shift+tab"),
		Command:   bind(":", "command", ":"),
		Filter:    bind("/", "filter", "/"),
		Help:      bind("?/F1", "help", "?", "f1"),
		Quit:      bind("q", "quit", "q"),
		Theme:     bind("T", "theme", "T"),
		Save:      bind("w", "save", "w"),
		Views:     bind("0-9", "views", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),

		Up:       bind("↑", "up", "up", "k"),
		Down:     bind("↓", "down", "down", "j"),
		PageUp:   bind("pgup", "page up", "pgup", "ctrl+b"),
		PageDown: bind("pgdn", "page down", "pgdown", "ctrl+f", "space"),
		Top:      bind("home/g", "top", "home", "g"),
		Bottom:   bind("end/G", "bottom", "end", "G"),
		Open:     bind("enter", "open", "enter"),
		Back:     bind("esc", "back", "esc"),

		Shut:       bind("s", "shut", "s"),
		NoShut:     bind("u", "undo shut", "u"),
		Describe:   bind("d", "describe", "d"),
		Access:     bind("a", "access VLAN", "a"),
		Trunk:      bind("t", "trunk VLANs", "t"),
		NewVLAN:    bind("n", "new VLAN", "n"),
		RenameVLAN: bind("r", "rename VLAN", "r"),
		DeleteVLAN: bind("x", "delete VLAN", "x", "delete"),
		FullConfig: bind("f", "diff/full", "f"),
		FreeLine:   bind("x", "free line", "x", "delete"),
		AddUser:    bind("n", "new user", "n"),
		Reboot:     bind("R", "reboot", "R"),
		NextTab:    bind("→", "next tab", "right", "l"),
		PrevTab:    bind("←", "previous tab", "left", "h"),

		Run:         bind("enter", "run", "enter"),
		Complete:    bind("tab", "complete", "tab"),
		GrammarHelp: bind("?", "syntax", "?"),
		History:     bind("↑/↓", "history", "up", "down"),
		Scroll:      bind("pgup/dn", "scroll", "pgup", "pgdown"),
		Leave:       bind("esc", "leave", "esc", "shift+tab"),
		UserView:    bind("ctrl+z", "user view", "ctrl+z"),

		Search:     bind("/", "search text", "/"),
		NextHit:    bind("n/N", "next/previous match", "n", "N"),
		Wrap:       bind("W", "wrap long lines", "W"),
		Pager:      bind("ctrl+o", "last CLI output, full screen", "ctrl+o"),
		SearchCLI:  bind("/", "search the scrollback (on an empty line)", "/"),
		TableKeys:  defaultTableKeys(),
		ExportKeys: defaultExportKeys(),
		LayoutKeys: defaultLayoutKeys(),
	}
}

// keyList turns bindings into the help bubble's form.
func keyList(bs ...Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		out = append(out, b.Binding)
	}
	return out
}

// helpGroup is a titled column of the full help.
type helpGroup struct {
	title string
	keys  []Binding
}

// fullHelp lists every key by group, disabled ones included (the help screen shows why).
func (k KeyMap) fullHelp() []helpGroup {
	return []helpGroup{
		{"Everywhere", []Binding{k.NextFocus, k.PrevFocus, k.Views, k.Command, k.Help, k.Theme, k.Save, k.Quit, ctrlCKey()}},
		{"Lists", []Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.NextTab, k.PrevTab, k.Filter, k.Open, k.Back,
			k.Sort, k.SortOrder, k.Mark, k.MarkRange, k.MarkAll}},
		{"Actions", []Binding{k.Shut, k.NoShut, k.Describe, k.Access, k.Trunk, k.NewVLAN, k.RenameVLAN, k.DeleteVLAN,
			k.FreeLine, k.AddUser, k.DeleteUser, k.Password, k.Role, k.AddRoute, k.DeleteRoute, k.Reboot, k.FullConfig}},
		{"Reading", []Binding{k.Search, k.NextHit, k.Wrap, k.Pager, k.Zoom}},
		{"Copy and mouse", []Binding{k.Copy, k.CopyAll, k.Raw, k.Mouse}},
		{"CLI line", []Binding{k.Run, k.Complete, k.GrammarHelp, k.History, k.Scroll, k.SearchCLI, k.Pager, k.UserView, k.Zoom, k.Leave}},
	}
}
