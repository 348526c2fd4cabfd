package tui

// Marks on a table: rows an operator picked with space for an action on several at once (the fleet
// dashboard's devices). A row is marked by its first cell, its key, so a mark survives the rows
// being read again and a filter hiding the row. A table with marks nil is not markable and draws as
// it always has.

// markable makes the table markable: a column of marks after the cursor's gutter.
func (t *table) markable() {
	if t.marks == nil {
		t.marks = map[string]bool{}
	}
}

// toggleMark marks the row under the cursor, or unmarks it, and moves the cursor down, so that
// space run over a list marks consecutive rows.
func (t *table) toggleMark() {
	r, ok := t.selected()
	if !ok || t.marks == nil {
		return
	}
	if t.marks[r[0]] {
		delete(t.marks, r[0])
	} else {
		t.marks[r[0]] = true
	}
	t.move(1)
}

// markShown marks every row the filter shows, or, when all of them are marked already, unmarks
// them: one key picks a filtered group and takes it back.
func (t *table) markShown() {
	if t.marks == nil {
		return
	}
	all := len(t.idx) > 0
	for _, i := range t.idx {
		all = all && t.marks[t.rows[i][0]]
	}
	for _, i := range t.idx {
		if all {
			delete(t.marks, t.rows[i][0])
		} else {
			t.marks[t.rows[i][0]] = true
		}
	}
}

// setMarks marks exactly the rows whose key keep reports true.
func (t *table) setMarks(keep func(key string) bool) {
	if t.marks == nil {
		return
	}
	clear(t.marks)
	for _, r := range t.rows {
		if keep(r[0]) {
			t.marks[r[0]] = true
		}
	}
}

// marked lists the keys of the marked rows in the rows' order, shown by the filter or not; a mark
// whose row has gone (a device no longer listed) does not count.
func (t *table) marked() []string {
	var out []string
	for _, r := range t.rows {
		if t.marks[r[0]] {
			out = append(out, r[0])
		}
	}
	return out
}

// markedHidden counts the marked rows the filter hides.
func (t *table) markedHidden() int {
	shown := make(map[int]bool, len(t.idx))
	for _, i := range t.idx {
		shown[i] = true
	}
	n := 0
	for i, r := range t.rows {
		if t.marks[r[0]] && !shown[i] {
			n++
		}
	}
	return n
}

// gutter reports whether the table draws its marks column: a markable table always, a lazy one
// (the Interfaces table, whose description is short of room at 80 columns) only while a row is
// marked.
func (t *table) gutter() bool {
	return t.marks != nil && (!t.lazy || len(t.marks) > 0)
}

// markCell is what the marks column shows for a row: two cells, the mark and a space.
func (t *table) markCell(row []string, ascii bool) string {
	switch {
	case !t.gutter():
		return ""
	case !t.marks[row[0]]:
		return "  "
	case ascii:
		return "+ "
	}
	return "✓ "
}
