package tui

import (
	"slices"
	"strings"
	"testing"
)

// TestFleetSelection: space marks the device under the cursor and moves on, * marks what the filter
// shows (a tag's devices) and takes them back, :select takes the exec's selectors, and the info line
// counts the selection, saying how many of it the filter hides.
func TestFleetSelection(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	ff.withLab() // core1 (dc1,spine), core2, edge1 (dc2), lab9 (lab, not started)
	if got := ff.f.selection(); !slices.Equal(got, []string{"core1"}) {
		t.Fatalf("with nothing marked the selection is the cursor's device, got %v", got)
	}

	ff.key("space", "space")
	if got := ff.f.selection(); !slices.Equal(got, []string{"core1", "core2"}) {
		t.Errorf("space twice marks core1 and core2, got %v", got)
	}
	if s := ff.screen(); !strings.Contains(s, "4 devices · 2 selected") || !strings.Contains(ff.row("core1"), "✓ core1") {
		t.Errorf("selection not shown:\n%s", s)
	}
	if strings.Contains(ff.row("edge1"), "✓") {
		t.Errorf("edge1 is not marked: %q", ff.row("edge1"))
	}
	ff.key("up", "space") // unmark core2
	if got := ff.f.selection(); !slices.Equal(got, []string{"core1"}) {
		t.Errorf("space on a marked device unmarks it, got %v", got)
	}

	ff.key("/")
	ff.typeText("tag:dc")
	ff.key("enter", "*")
	if got := ff.f.selection(); !slices.Equal(got, []string{"core1", "edge1"}) {
		t.Errorf("/tag:dc then * marks core1 and edge1, got %v", got)
	}
	ff.key("*")
	if got := ff.f.table.marked(); len(got) != 0 {
		t.Errorf("* again unmarks what is shown, got %v", got)
	}
	ff.key("*", "esc")
	ff.key("/")
	ff.typeText("lab")
	ff.key("enter")
	if s := ff.screen(); !strings.Contains(s, "2 selected (2 hidden)") {
		t.Errorf("marks hidden by the filter are counted:\n%s", s)
	}
	ff.key("esc")

	for _, tc := range []struct {
		sel    string
		want   []string
		status string
	}{
		{"tag:spine,edge*", []string{"core1", "edge1"}, "2 selected: tag:spine,edge*"},
		{"CORE2", []string{"core2"}, "1 selected"},
		{"core*, lab9", []string{"core1", "core2", "lab9"}, "3 selected"},
		{"nosuch", []string{"core1", "core2", "lab9"}, "nosuch: no such device"}, // refused: marks unchanged
		{"tag:[", []string{"core1", "core2", "lab9"}, `bad pattern "tag:["`},
		{"none", nil, "selection cleared"},
	} {
		ff.command("select " + tc.sel)
		if got := ff.f.table.marked(); !slices.Equal(got, tc.want) {
			t.Errorf(":select %s marked %v, want %v", tc.sel, got, tc.want)
		}
		if s := ff.screen(); !strings.Contains(s, tc.status) {
			t.Errorf(":select %s: status lacks %q:\n%s", tc.sel, tc.status, s)
		}
	}
}
