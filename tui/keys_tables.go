package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// TableKeys are the keys of issue 15's table tools: sorting any table, marking ports for one plan
// over several, and the actions of the Users and Routing views.
type TableKeys struct {
	Sort, SortOrder, Mark, MarkRange, MarkAll Binding

	DeleteUser, Password, Role, AddRoute, DeleteRoute Binding
}

func defaultTableKeys() TableKeys {
	return TableKeys{
		Sort:      bind("o", "sort by next column", "o"),
		SortOrder: bind("O", "reverse the sort", "O"),
		Mark:      bind("space", "mark port", "space"),
		MarkRange: bind("v", "mark a range", "v"),
		MarkAll:   bind("*", "mark all shown", "*"),

		DeleteUser:  bind("x", "delete user", "x", "delete"),
		Password:    bind("p", "reset password", "p"),
		Role:        bind("r", "change role", "r"),
		AddRoute:    bind("n", "add static route", "n"),
		DeleteRoute: bind("x", "delete static route", "x", "delete"),
	}
}

// tableKey handles the sort and mark keys of the table shown; ok is false for other keys.
func (m *Model) tableKey(msg tea.KeyPressMsg, t *table) (tea.Cmd, bool) {
	k := &m.keys
	if status, ok := sortKey(k, msg, t, "the device's order"); ok {
		m.setStatus(status, false)
		return nil, true
	}
	switch {
	case t.marks == nil:
		return nil, false
	case k.Mark.is(msg):
		t.toggleMark()
		t.anchor = ""
	case k.MarkAll.is(msg):
		t.markShown()
		t.anchor = ""
	case k.MarkRange.is(msg):
		m.markRange(t)
	case k.Back.is(msg) && t.anchor != "":
		t.anchor = ""
		m.setStatus("range forgotten", false)
	case k.Back.is(msg) && t.filter == "" && len(t.marked()) > 0:
		t.setMarks(func(string) bool { return false })
		t.anchor = ""
		m.setStatus("marks cleared", false)
	default:
		return nil, false
	}
	return nil, true
}

// sortKey is o and O on table t, for the device console and the fleet's alike; status says how
// the rows are sorted now; unsorted names the order they come in ("the device's order"). ok is
// false for other keys.
func sortKey(k *KeyMap, msg tea.KeyPressMsg, t *table, unsorted string) (status string, ok bool) {
	switch {
	case k.Sort.is(msg):
		t.cycleSort()
		if info := t.sortInfo(); info != "" {
			return strings.TrimPrefix(info, " · ") + " (o: next column · O: reverse)", true
		}
		return "in " + unsorted, true
	case k.SortOrder.is(msg):
		t.flipSort()
		return strings.TrimPrefix(t.sortInfo(), " · "), true
	}
	return "", false
}

// markRange is v: the first press remembers the row under the cursor, the second marks every row
// shown from there to the cursor, as a visual selection does in an editor.
func (m *Model) markRange(t *table) {
	r, ok := t.selected()
	if !ok {
		return
	}
	if t.anchor == "" {
		t.anchor = r[0]
		m.setStatus("range from "+r[0]+": move, then v marks it (esc: forget it)", false)
		return
	}
	from := -1
	for i, ri := range t.idx {
		if t.rows[ri][0] == t.anchor {
			from = i
		}
	}
	if from < 0 { // the anchor's row is hidden now: only the cursor's row
		from = t.cur
	}
	lo, hi := min(from, t.cur), max(from, t.cur)
	for i := lo; i <= hi; i++ {
		t.marks[t.rows[t.idx[i]][0]] = true
	}
	m.setStatus(fmt.Sprintf("marked %s to %s (%d rows)", t.rows[t.idx[lo]][0], t.rows[t.idx[hi]][0], hi-lo+1), false)
	t.anchor = ""
}

// markInfo is what the info line says of the marks: how many, and how many the filter hides.
func (m *Model) markInfo(t *table) string {
	n := len(t.marked())
	if t.marks == nil || n == 0 {
		return ""
	}
	s := fmt.Sprintf(" · %d marked", n)
	if h := t.markedHidden(); h > 0 {
		s += fmt.Sprintf(" (%d hidden)", h)
	}
	return s
}
