package tui

import (
	"strings"
	"testing"
)

func TestCompareCells(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"GE1/0/9", "GE1/0/10", -1},
		{"GE1/0/10", "GE1/0/9", 1},
		{"XGE1/0/25", "GE1/0/26", 1}, // by the type first
		{"9.4M", "17.9M", -1},
		{"928", "1.2k", -1},
		{"1G(a)", "10G(a)", -1},
		{"10G(a)", "auto", -1}, // a quantity and a word compare as text
		{"ge1/0/1", "GE1/0/1", 0},
		{"Inf", "NaN", -1}, // words, not floats
		{"", "a", -1},
	}
	for _, tt := range tests {
		if got := compareCells(tt.a, tt.b); got != tt.want {
			t.Errorf("compareCells(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func sortedFirsts(tb *table) string {
	var out []string
	for _, i := range tb.idx {
		out = append(out, tb.rows[i][0])
	}
	return strings.Join(out, " ")
}

func TestTableSortAndFilter(t *testing.T) {
	tb := newTable([]column{{title: "Port", width: 8}, {title: "In", width: 6}})
	tb.setRows([][]string{{"GE1/0/10", "1.2M"}, {"GE1/0/2", "900"}, {"GE1/0/9", "17.9M"}, {"XGE1/0/1", "0"}})
	tb.setHeight(10)
	tb.move(2) // the cursor on GE1/0/9: sorting keeps it there
	tests := []struct {
		name string
		do   func()
		want string
		info string
	}{
		{"device order", func() {}, "GE1/0/10 GE1/0/2 GE1/0/9 XGE1/0/1", ""},
		{"by port", tb.cycleSort, "GE1/0/2 GE1/0/9 GE1/0/10 XGE1/0/1", " · sorted by Port, ascending"},
		{"by rate", tb.cycleSort, "XGE1/0/1 GE1/0/2 GE1/0/10 GE1/0/9", " · sorted by In, ascending"},
		{"reversed", tb.flipSort, "GE1/0/9 GE1/0/10 GE1/0/2 XGE1/0/1", " · sorted by In, descending"},
		{"filter keeps the sort", func() { tb.setFilter("ge1/0/") }, "GE1/0/9 GE1/0/10 GE1/0/2 XGE1/0/1", " · sorted by In, descending"},
		{"regex", func() { tb.setFilter("re:^ge1/0/(2|9) ") }, "GE1/0/9 GE1/0/2", ""},
		{"inverse", func() { tb.setFilter("!xge") }, "GE1/0/9 GE1/0/10 GE1/0/2", ""},
		{"inverse regex", func() { tb.setFilter("!re:^ge") }, "XGE1/0/1", ""},
		{"bad regex filters nothing", func() { tb.setFilter("re:(ge") }, "GE1/0/9 GE1/0/10 GE1/0/2 XGE1/0/1", ""},
		{"back to the device's order", func() { tb.setFilter(""); tb.cycleSort() }, "GE1/0/10 GE1/0/2 GE1/0/9 XGE1/0/1", ""},
	}
	for _, tt := range tests {
		tt.do()
		if got := sortedFirsts(&tb); got != tt.want {
			t.Errorf("%s: rows %s, want %s", tt.name, got, tt.want)
		}
		if tt.info != "" && tb.sortInfo() != tt.info {
			t.Errorf("%s: sort info %q, want %q", tt.name, tb.sortInfo(), tt.info)
		}
	}
	tb.setFilter("re:(ge")
	if got := tb.filterInfo(); !strings.Contains(got, "/re:(ge 4/4 · bad expression: missing closing )") {
		t.Errorf("a bad expression says %q", got)
	}
	tb.setFilter("!xge")
	if got := tb.filterInfo(); got != " · /!xge 3/4" {
		t.Errorf("filter info %q, want the count shown of all", got)
	}
}

// The Interfaces view sorts by a key, shows the sort in the heading, and filters with counts.
func TestInterfacesSortKeys(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key("2")
	for range 7 { // Interface, Link, Speed, Duplex, Mode, PVID, In b/s
		f.key("o")
	}
	f.key("O")
	s := f.screen()
	if !strings.Contains(s, "In b/s▼") || !strings.Contains(s, "sorted by In b/s, descending") {
		t.Fatalf("the heading does not show the sort:\n%s", s)
	}
	if r, _ := f.m.ifs.selected(); r[0] != "GE1/0/1" {
		t.Errorf("the cursor moved to %s; it stays on its row", r[0])
	}
	f.key("g")
	if r, _ := f.m.ifs.selected(); !strings.HasPrefix(r[0], "XGE") {
		t.Errorf("the busiest port is %s, want a 10G port first", r[0])
	}
	f.key("/")
	f.typeText("!re:^ge")
	f.key("enter")
	if s := f.screen(); !strings.Contains(s, "/!re:^ge 4/28") {
		t.Errorf("no match count:\n%s", s)
	}
}

// TestSortMarkInNarrowColumn: at 80 columns the Link column is four cells wide; sorted by it, its
// heading gives up a letter to the mark ("Lin▲"), never the mark to an ellipsis.
func TestSortMarkInNarrowColumn(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.key("2", "o", "o")
	if s := f.screen(); !strings.Contains(s, "Lin▲") {
		t.Errorf("the Link column's heading hides the sort:\n%s", s)
	}
}
