package tui

import (
	"slices"
	"strconv"
	"strings"
)

// Sorting a table by any column: o picks the next column (after the last, the device's own order
// again), O reverses the order. The heading marks the column ▲ or ▼. Cells compare as a person
// reads them: numbers by value, with the SI prefixes rates and speeds carry (9.4M < 17.9M, 1G <
// 10G), and names by their numbers in turn (GE1/0/9 before GE1/0/10). Ties keep the device's order.

// cycleSort sorts by the next column, ascending, or returns to the device's order after the last;
// the cursor stays on its row.
func (t *table) cycleSort() {
	t.sortBy = (t.sortBy + 1) % (len(t.cols) + 1)
	for t.sortBy > 0 && t.shownW > 0 && t.shownW < t.cols[t.sortBy-1].hideBelow { // not on screen: the next
		t.sortBy = (t.sortBy + 1) % (len(t.cols) + 1)
	}
	t.desc = false
	t.resort()
}

// flipSort reverses the order of a sorted table; an unsorted one is sorted by its first column,
// descending.
func (t *table) flipSort() {
	if t.sortBy == 0 {
		t.sortBy, t.desc = 1, true
	} else {
		t.desc = !t.desc
	}
	t.resort()
}

// resort orders the rows again, keeping the cursor on the row it was on.
func (t *table) resort() {
	r, had := t.selected()
	t.refilter()
	if had {
		t.selectWhere(func(x []string) bool { return x[0] == r[0] })
	}
	t.clamp()
}

// sortIdx orders the shown rows by the sort column.
func (t *table) sortIdx() {
	if t.sortBy == 0 {
		return
	}
	c := t.sortBy - 1
	cell := func(i int) string {
		if c < len(t.rows[i]) {
			return t.rows[i][c]
		}
		return ""
	}
	slices.SortStableFunc(t.idx, func(a, b int) int {
		n := compareCells(cell(a), cell(b))
		if t.desc {
			return -n
		}
		return n
	})
}

// sortInfo names the sort for the info line, "" when the table is in the device's order.
func (t *table) sortInfo() string {
	if t.sortBy == 0 || t.sortBy > len(t.cols) {
		return ""
	}
	dir := "ascending"
	if t.desc {
		dir = "descending"
	}
	return " · sorted by " + t.cols[t.sortBy-1].title + ", " + dir
}

// colTitle is column i's heading in w cells, with the sort mark on the sort column: the title gives
// way to the mark when both do not fit ("Lin▲" in a column of 4), so the mark always shows.
func (t *table) colTitle(i int, title string, w int, ascii bool) string {
	if t.sortBy != i+1 {
		return title
	}
	mark := "▲"
	switch {
	case ascii && t.desc:
		mark = "v"
	case ascii:
		mark = "^"
	case t.desc:
		mark = "▼"
	}
	if r := []rune(title); len(r)+1 > w && w >= 1 {
		title = string(r[:w-1])
	}
	return title + mark
}

// compareCells compares two cells: as quantities when both are, else naturally.
func compareCells(a, b string) int {
	x, okA := quantity(a)
	y, okB := quantity(b)
	switch {
	case okA && okB && x < y:
		return -1
	case okA && okB && x > y:
		return 1
	case okA && okB:
		return 0
	}
	return naturalCompare(a, b)
}

// quantity reads a number with an optional SI prefix and an optional "(a)" (a negotiated speed):
// 928, 12.4k, 1.2M, 10G, 1G(a).
func quantity(s string) (float64, bool) {
	s = strings.TrimSuffix(s, "(a)")
	mult := 1.0
	if n := len(s); n > 1 {
		if i := strings.IndexByte("kMGT", s[n-1]); i >= 0 {
			mult = [...]float64{1e3, 1e6, 1e9, 1e12}[i]
			s = s[:n-1]
		}
	}
	if digits(s) == 0 || strings.Trim(s, "0123456789.") != "" { // not NaN, Inf, 1e5 or 0x10
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v * mult, err == nil
}

// naturalCompare compares strings ignoring case, runs of digits by their value.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return sign(c)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		ca, cb := lowerByte(a[0]), lowerByte(b[0])
		if ca != cb {
			return sign(int(ca) - int(cb))
		}
		a, b = a[1:], b[1:]
	}
	return sign(len(a) - len(b))
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
