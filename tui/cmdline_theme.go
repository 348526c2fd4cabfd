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
	names := m.opt.Themes.Names()
	if len(names) == 0 {
		m.setStatus("no themes to pick from", true)
		return
	}
	p := &themePicker{names: names, was: m.theme}
	for i, n := range names {
		if n == m.theme.Name {
			p.at = i
		}
	}
	m.picker = p
}

// pickerKey moves through the list (previewing), keeps or restores.
func (m *Model) pickerKey(msg tea.KeyPressMsg) tea.Cmd {
	p, k := m.picker, &m.keys
	switch s := msg.String(); {
	case s == "esc" || s == "q" || s == "ctrl+c":
		m.theme, m.picker = p.was, nil
		m.restyle()
		m.setStatus("theme unchanged: "+p.was.Name, false)
		return nil
	case s == "enter":
		m.picker = nil
		m.setStatus(keepTheme(&m.opt, m.theme), false)
		return nil
	case k.Up.is(msg):
		p.at = (p.at + len(p.names) - 1) % len(p.names)
	case k.Down.is(msg), s == "tab":
		p.at = (p.at + 1) % len(p.names)
	case k.Top.is(msg):
		p.at = 0
	case k.Bottom.is(msg):
		p.at = len(p.names) - 1
	default:
		return nil
	}
	if t, err := m.opt.Themes.Get(p.names[p.at]); err == nil {
		m.theme = t
		m.restyle()
	}
	return nil
}

// pickerView draws the list in the main pane's place; the rest of the console shows the theme.
func (m *Model) pickerView(w, h int) []string {
	p := m.picker
	iw, ih := w-2, h-2
	in := []string{m.st.Muted.Render(fit(" ↑/↓: preview · enter: keep · esc: back to "+p.was.Name, iw)), ""}
	rows := max(ih-len(in), 1)
	first := max(0, p.at-rows+1)
	for i := first; i < len(p.names) && len(in) < ih; i++ {
		label := "   " + p.names[i]
		if p.names[i] == p.was.Name {
			label += "  (in use)"
		}
		if i == p.at {
			in = append(in, m.st.Selected.Render(fit(" ▸ "+strings.TrimLeft(label, " "), iw)))
			continue
		}
		in = append(in, m.st.Text.Render(fit(label, iw)))
	}
	return box(&m.st, "Theme "+strconv.Itoa(p.at+1)+" of "+strconv.Itoa(len(p.names)), in, w, h, true)
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
