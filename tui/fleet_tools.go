package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The fleet console's share of issue 15's tools, on the dashboard, an ask's or a compare's
// results and a change: o/O sort a table, "/" filters it (text, re:, !) with counts, "/" then n/N
// search a text (groups, diffs, a preview, a transcript), y/Y and :copy copy, P shows the text
// plain, M and :mouse turn the mouse on, :theme alone opens the theme list. They are the device
// console's own pieces (sortKey, finder, copyOut, rawView, themePicker), held here per session.

// fleetTools is what the tools keep between keys.
type fleetTools struct {
	find   finder       // the search being typed or held
	raw    *rawView     // the plain view, while shown
	picker *themePicker // the theme list, while open
	mouse  bool         // mouse reporting is on
	copied bool         // the OSC 52 caveat was said
}

// shown is what the dashboard's box shows now, which the tools act on: a table, or else a text
// pane, and what to call it.
func (f *fleetModel) shown() (t *table, p *pane, what string) {
	switch c := f.chg; {
	case c != nil && c.detail != nil:
		return nil, c.detail, "the transcript of " + CleanLine(c.dname)
	case c != nil && c.phase == chgEdit:
		return nil, &c.view, "the batch"
	case c != nil && (c.phase == chgChecking || c.phase == chgPreview):
		return nil, &c.view, "the change's preview"
	case c != nil:
		return &c.table, nil, "the change's devices"
	case f.fan != nil && f.fan.tbl != nil:
		return f.fan.tbl, nil, strings.ToLower(f.fan.box) + " " + CleanLine(f.fan.what)
	case f.fan != nil:
		f.fan.layText(&f.ui.st, f.w-2, f.h-6) // as the next frame draws it (fanView), so a search sees it
		return nil, &f.fan.text, strings.ToLower(f.fan.box) + " " + CleanLine(f.fan.what)
	}
	return &f.table, nil, "the fleet's devices"
}

// toolKey takes the tools' keys in the view shown: sort on its table, a held search in its text,
// copy, the plain view and the mouse. ok is false for the keys it leaves to the view.
func (f *fleetModel) toolKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := &f.ui.keys
	t, p, _ := f.shown()
	if t != nil {
		if status, ok := sortKey(k, msg, t, "the order listed"); ok {
			f.setStatus(status, false)
			return nil, true
		}
	}
	if p != nil {
		if status, isErr, ok := f.tools.find.held(msg, p); ok {
			if !f.tools.find.typing {
				f.setStatus(status, isErr)
			}
			return nil, true
		}
	}
	switch {
	case k.Copy.is(msg):
		return f.copyShown(""), true
	case k.CopyAll.is(msg):
		return f.copyShown("table"), true
	case k.Raw.is(msg):
		f.openRaw()
		return nil, true
	case k.Mouse.is(msg):
		f.setMouse(!f.tools.mouse)
		return nil, true
	}
	return nil, false
}

// exportShown is what y ("" : the row, or the text shown), Y ("table") and :copy row|table|csv
// take from the view shown.
func (f *fleetModel) exportShown(what string) (exported, error) {
	t, p, title := f.shown()
	switch what {
	case "":
		if t != nil {
			return f.exportShown("row")
		}
		return newExported(title, p.plain()), nil
	case "row":
		if t == nil {
			return exported{}, errNothing{"no table here: y copies the text shown"}
		}
		r, ok := t.selected()
		if !ok {
			return exported{}, errNothing{"no row under the cursor"}
		}
		return newExported("1 row", []string{strings.TrimRight(strings.Join(r, "  "), " ")}), nil
	case "table":
		if t == nil {
			return newExported(title, p.plain()), nil
		}
		return newExported(strconv.Itoa(len(t.idx))+" rows of "+title, tableText(t)), nil
	case "csv":
		if t == nil {
			return exported{}, errNothing{"no table here to copy as CSV"}
		}
		e := tableCSV(t)
		e.what += " of " + title
		return e, nil
	case "config", "diff", "output":
		return exported{}, errNothing{":copy " + what + " is a device's: open one (enter); here :copy takes row, table or csv"}
	}
	return exported{}, errNothing{"copy what? row, table, csv"}
}

// copyShown copies what names to the terminal's clipboard.
func (f *fleetModel) copyShown(what string) tea.Cmd {
	e, err := f.exportShown(what)
	if err != nil {
		f.setStatus(err.Error(), true)
		return nil
	}
	status, isErr, cmd := copyOut(e, &f.tools.copied, "P shows it plain, or open a device and :save-to flash:/NAME")
	f.setStatus(status, isErr)
	return cmd
}

// openRaw shows what Y would copy (a table with every column, or the text) plain on the screen.
func (f *fleetModel) openRaw() {
	e, err := f.exportShown("table")
	if err != nil {
		f.setStatus(err.Error(), true)
		return
	}
	f.tools.raw = newRawView(e)
	f.setStatus("", false)
}

// rawKey takes a key of the plain view.
func (f *fleetModel) rawKey(msg tea.KeyPressMsg) tea.Cmd {
	r := f.tools.raw
	closed, cp := r.key(msg, &f.ui.keys, f.h)
	if closed {
		f.tools.raw = nil
	}
	if !cp {
		return nil
	}
	status, isErr, cmd := copyOut(r.exported(), &f.tools.copied, "open a device and :save-to flash:/NAME keeps it for SFTP")
	f.setStatus(status, isErr)
	return cmd
}

// setMouse turns mouse reporting on or off and says what that means.
func (f *fleetModel) setMouse(on bool) {
	f.tools.mouse = on
	if on {
		f.setStatus("mouse on: a click selects a row, the wheel scrolls; the terminal selects with shift+drag (M: off)", false)
		return
	}
	f.setStatus("mouse off: the terminal selects and copies as usual (M: on)", false)
}

// mouseCommand is ":mouse [on|off]" on the dashboard.
func (f *fleetModel) mouseCommand(arg string) {
	switch strings.ToLower(strings.TrimSpace(arg)) {
	case "":
		f.setMouse(!f.tools.mouse)
	case "on", "yes", "1":
		f.setMouse(true)
	case "off", "no", "0":
		f.setMouse(false)
	default:
		f.setStatus("mouse on or off? :mouse, :mouse on, :mouse off", true)
	}
}

// busy reports whether a click or the wheel must do nothing: a question, a line being typed, the
// theme list or the plain view is up, or the terminal is too small.
func (f *fleetModel) busy() bool {
	return f.tooSmall() || f.dlg != nil || f.bar.active || f.tools.find.typing || f.tools.picker != nil || f.tools.raw != nil ||
		f.chg != nil && (f.chg.dlg != nil || f.chg.bar.active) || f.fan != nil && f.fan.bar.active
}

// click selects the table row clicked: under the header, the box's border, the info line and the
// table's heading, rows start on the screen's fifth line.
func (f *fleetModel) click(msg tea.MouseClickMsg) {
	if !f.tools.mouse || msg.Button != tea.MouseLeft || f.busy() {
		return
	}
	t, _, _ := f.shown()
	if t == nil || msg.Y < 4 || msg.Y >= f.h-3 {
		return
	}
	if i := t.off + msg.Y - 4; i < len(t.idx) {
		t.cur = i
		t.clamp()
	}
}

// wheel scrolls the table or text shown by three lines.
func (f *fleetModel) wheel(up bool) {
	if f.busy() {
		return
	}
	n := 3
	if up {
		n = -3
	}
	if t, p, _ := f.shown(); t != nil {
		t.move(n)
	} else {
		p.scroll(n)
	}
}

// themeCommand is ":theme [NAME]" on the dashboard: a name switches to it, none opens the list.
func (f *fleetModel) themeCommand(arg string) {
	if f.opt.NoColor {
		f.setStatus(noColorStatus, false)
		return
	}
	if arg == "" {
		if f.tools.picker = newThemePicker(f.opt.Themes, f.theme); f.tools.picker == nil {
			f.setStatus("no themes to pick from", true)
		}
		return
	}
	t, err := f.opt.Themes.Get(arg)
	if err != nil {
		f.setStatus(err.Error(), true)
		return
	}
	f.theme = t
	f.restyle()
	f.setStatus(keepTheme(&f.opt, t), false)
}

// pickerKey moves through the theme list, each theme shown on the whole dashboard as it is
// reached; enter keeps it, esc puts back the one there was.
func (f *fleetModel) pickerKey(msg tea.KeyPressMsg) {
	t, end, status := f.tools.picker.key(msg, &f.ui.keys, f.opt.Themes)
	if t.Name != "" {
		f.theme = t
		f.restyle()
	}
	switch end {
	case pickKept:
		f.tools.picker = nil
		f.setStatus(keepTheme(&f.opt, f.theme), false)
	case pickBack:
		f.tools.picker = nil
		f.setStatus(status, false)
	}
}

// shortKey is b with a shorter description, for a footer.
func shortKey(b Binding, desc string) Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// filterBarKey edits a table's "/" line: the filter applies as it is typed, enter keeps it, esc
// clears it.
func filterBarKey(b *inputBar, t *table, msg tea.KeyPressMsg) {
	switch msg.String() {
	case "esc", "ctrl+c":
		b.active = false
		t.setFilter("")
	case "enter":
		b.active = false
	default:
		b.in.Update(msg)
		t.setFilter(b.in.Value())
	}
}

// filterLine is what an info line says of table t's filter: "4/416 match /up" and, for an
// expression that does not compile, why.
func filterLine(t *table, what string) string {
	if what != "" {
		what += " "
	}
	s := strconv.Itoa(len(t.idx)) + "/" + strconv.Itoa(len(t.rows)) + " " + what + "match /" + CleanLine(t.filter)
	if t.match.err != "" {
		s += " · " + t.match.err
	}
	return s + " · esc: clear"
}
