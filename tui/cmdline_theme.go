package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
)

// themePicker is the list ":theme" opens: moving through it previews each theme on the whole
// console; enter keeps the one shown, esc puts back the one there was.
type themePicker struct {
	names []string
	at    int
	was   themes.Theme
}

// openThemePicker opens the list at the theme in use.
func (m *Model) openThemePicker() {
	if m.picker = newThemePicker(m.opt.Themes, m.theme); m.picker == nil {
		m.setStatus("no themes to pick from", true)
	}
}

// newThemePicker is the list of reg's themes at cur, the theme in use; nil when there is none.
func newThemePicker(reg *themes.Catalog, cur themes.Theme) *themePicker {
	names := reg.Names()
	if len(names) == 0 {
		return nil
	}
	p := &themePicker{names: names, was: cur}
	for i, n := range names {
		if n == cur.Name {
			p.at = i
		}
	}
	return p
}

// pickerKey moves through the list (previewing), keeps or restores.
func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	t, end, status := m.picker.key(msg, &m.keys, m.opt.Themes)
	if t.Name != "" {
		m.theme = t
		m.restyle()
	}
	switch end {
	case pickKept:
		m.picker = nil
		m.setStatus(keepTheme(&m.opt, m.theme), false)
	case pickBack:
		m.picker = nil
		m.setStatus(status, false)
	}
	return nil
}

// pickEnd is how a key leaves the theme list: open still, kept (enter) or put back (esc).
type pickEnd int

const (
	pickOpen pickEnd = iota
	pickKept
	pickBack
)

// key takes a key of the list, for the device console and the fleet's: t is the theme to show
// now ("" Name: unchanged), end whether the list closes, status what esc says.
func (p *themePicker) key(msg tea.KeyPressMsg, k *KeyMap, reg *themes.Catalog) (t themes.Theme, end pickEnd, status string) {
	switch s := msg.String(); {
	case s == "esc" || s == "q" || s == "ctrl+c":
		return p.was, pickBack, "theme unchanged: " + p.was.Name
	case s == "enter":
		return themes.Theme{}, pickKept, ""
	case k.Up.is(msg):
		p.at = (p.at + len(p.names) - 1) % len(p.names)
	case k.Down.is(msg), s == "tab":
		p.at = (p.at + 1) % len(p.names)
	case k.Top.is(msg):
		p.at = 0
	case k.Bottom.is(msg):
		p.at = len(p.names) - 1
	default:
		return themes.Theme{}, pickOpen, ""
	}
	t, err := reg.Get(p.names[p.at])
	if err != nil {
		return themes.Theme{}, pickOpen, ""
	}
	return t, pickOpen, ""
}

// pickerView draws the list in the main pane's place; the rest of the console shows the theme.
func (m *Model) pickerView(w, h int) []string { return m.picker.view(&m.st, w, h) }

// view draws the list in a box w by h.
func (p *themePicker) view(st *themes.Styles, w, h int) []string {
	iw, ih := w-2, h-2
	in := []string{st.Muted.Render(fit(" ↑/↓: preview · enter: keep · esc: back to "+p.was.Name, iw)), ""}
	rows := max(ih-len(in), 1)
	first := max(0, p.at-rows+1)
	for i := first; i < len(p.names) && len(in) < ih; i++ {
		label := "   " + p.names[i]
		if p.names[i] == p.was.Name {
			label += "  (in use)"
		}
		if i == p.at {
			in = append(in, st.Selected.Render(fit(" ▸ "+strings.TrimLeft(label, " "), iw)))
			continue
		}
		in = append(in, st.Text.Render(fit(label, iw)))
	}
	return box(st, "Theme "+strconv.Itoa(p.at+1)+" of "+strconv.Itoa(len(p.names)), in, w, h, true)
}

// jumpFilter shows a view's tab with its table filtered by arg (no filter when arg is empty).
func (m *Model) jumpFilter(v viewID, tab int, arg string) tea.Cmd {
	cmd := m.jumpTab(v, tab)
	if t := m.currentTable(); t != nil {
		t.setFilter(arg)
	}
	return cmd
}

// vlanRange reads "A-B" (or "A to B") as a VLAN range; ok is false for anything else.
func vlanRange(arg string) (lo, hi int, ok bool) {
	a, b, found := strings.Cut(strings.ReplaceAll(arg, " to ", "-"), "-")
	if !found {
		return 0, 0, false
	}
	lo, err1 := strconv.Atoi(strings.TrimSpace(a))
	hi, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || lo < 1 || hi > 4094 || lo > hi {
		return 0, 0, false
	}
	return lo, hi, true
}

// showVLANRange shows only the VLANs from lo to hi.
func (m *Model) showVLANRange(lo, hi int) {
	m.vlans.setOnly("VLANs "+strconv.Itoa(lo)+"-"+strconv.Itoa(hi), func(r []string) bool {
		id, err := strconv.Atoi(r[0])
		return err == nil && id >= lo && id <= hi
	})
}

// setOnly shows only the rows keep accepts, labelled for the info line; a text filter applies on
// top. Clearing the filter (esc) clears it too.
func (t *table) setOnly(label string, keep func([]string) bool) {
	t.filter, t.onlyLabel, t.only = "", label, keep
	t.refilter()
	t.cur, t.off = 0, 0
	t.clamp()
}
