package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	tea "charm.land/bubbletea/v2"

	"vtyd/themes"
)

// copies types keys on the fleet console (a key name, or ":" followed by a command) and returns
// the texts it sent to the clipboard, in order.
func (ff *fleetFixture) copies(keys ...string) []string {
	ff.t.Helper()
	return collectCopies(ff.t, keys, func(msg tea.Msg) tea.Cmd { _, cmd := ff.f.Update(msg); return cmd },
		func() { ff.keyClk = ff.keyClk.Add(1e9) }, func() { ff.quit = true })
}

// names are the first cells of the table rows on screen, in order.
func (ff *fleetFixture) names(of ...string) []string {
	ff.t.Helper()
	var out []string
	for _, l := range strings.Split(ff.screen(), "\n") {
		f := strings.Fields(strings.Trim(l, "│|▸>✓+ "))
		if len(f) > 0 {
			for _, n := range of {
				if f[0] == n {
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// TestFleetDashboardSortFilter: o and O sort the dashboard by a column, marked in its heading;
// the filter takes plain text, re: and a leading ! with a count, and a bad expression says why
// and hides nothing.
func TestFleetDashboardSortFilter(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	ff.withLab()
	all := []string{"core1", "core2", "edge1", "lab9"}
	if got := ff.names(all...); strings.Join(got, " ") != "core1 core2 edge1 lab9" {
		t.Fatalf("order before sorting: %v", got)
	}
	ff.key("O")
	if got := ff.names(all...); strings.Join(got, " ") != "lab9 edge1 core2 core1" {
		t.Errorf("O: %v, want by name descending", got)
	}
	if s := ff.screen(); !strings.Contains(s, "Device▼") || !strings.Contains(s, "sorted by Device, descending") {
		t.Errorf("O does not say how the table is sorted:\n%s", s)
	}
	ff.key("o", "o") // Model, then State
	if s := ff.screen(); !strings.Contains(s, "State▲") || ff.names(all...)[0] != "lab9" {
		t.Errorf("o o: not by State ascending (lab9's \"not started\" first):\n%s", s)
	}
	for _, tc := range []struct{ filter, count, rows string }{
		{"core", "2/4 match /core", "core1 core2"},
		{"re:^(core1|edge)", "2/4 match /re:^(core1|edge)", "core1 edge1"},
		{"!core", "2/4 match /!core", "edge1 lab9"},
		{"!re:^core|^lab", "1/4 match /!re:^core|^lab", "edge1"},
		{"re:(core", "4/4 match /re:(core · bad expression: missing closing ): `(core`", "core1 core2 edge1 lab9"},
	} {
		ff.key("/")
		ff.typeText(tc.filter)
		ff.key("enter")
		for i := 0; i < 12 && !strings.Contains(ff.f.status, "in the order listed"); i++ {
			ff.key("o") // back to the fleet's order
		}
		s := ff.screen()
		if !strings.Contains(s, tc.count) {
			t.Errorf("/%s: no %q:\n%s", tc.filter, tc.count, s)
		}
		if got := strings.Join(ff.names(all...), " "); got != tc.rows {
			t.Errorf("/%s shows %s, want %s", tc.filter, got, tc.rows)
		}
		ff.key("esc")
	}
}

// TestFleetAskSortCopy: o sorts an ask's table; y copies the row under the cursor, Y the table with
// every column, :copy csv as CSV; the first copy says OSC 52 may not arrive; :copy config is a
// device's and says so.
func TestFleetAskSortCopy(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{w: 120, h: 30})
	ff.withLab()
	ff.command("select *")
	ff.command("ask version")
	ff.key("O") // by Device, descending: lab9 first
	got := ff.copies("y")
	if len(got) != 1 || !strings.HasPrefix(got[0], "lab9  ") || !strings.Contains(got[0], "cannot open lab9") {
		t.Fatalf("y copied %q", got)
	}
	if !strings.Contains(ff.f.status, "copied 1 row to the clipboard (OSC 52") {
		t.Errorf("first copy: status %q", ff.f.status)
	}
	got = ff.copies("Y")
	if len(got) != 1 || !strings.HasPrefix(got[0], "Device  Product") || strings.Index(got[0], "lab9") > strings.Index(got[0], "core1") ||
		ff.f.status != "copied 4 rows of ask version to the clipboard" {
		t.Errorf("Y copied %q, status %q", got, ff.f.status)
	}
	got = ff.copies(":copy csv")
	if len(got) != 1 || !strings.HasPrefix(got[0], "Device,Product,Software,Release,Uptime,Last reboot\n") {
		t.Errorf(":copy csv copied %q", got)
	}
	if got = ff.copies(":copy config"); len(got) != 0 || !strings.Contains(ff.f.status, "is a device's: open one") {
		t.Errorf(":copy config on the fleet: %q, status %q", got, ff.f.status)
	}
}

// TestFleetSearch: / then n/N search the text of an ask's groups, a compare's diffs and a change's
// transcript, with the matches counted and highlighted; esc clears the search before it leaves.
func TestFleetSearch(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{w: 100, h: 30})
	ff.configure("edge1", "system-view", "vlan 30", "quit")
	ff.command("select *")
	ff.command("ask display vlan")
	ff.key("/")
	ff.typeText("total")
	if s := ff.screen(); !strings.Contains(s, "3 matches") {
		t.Errorf("no count while the search is typed:\n%s", s)
	}
	ff.key("enter")
	if ff.f.status != "/total: 1 of 3 · n/N: next/previous · esc: clear" {
		t.Errorf("status after enter: %q", ff.f.status)
	}
	ff.key("n", "n")
	if !strings.HasPrefix(ff.f.status, "/total: 3 of 3") {
		t.Errorf("n n: %q", ff.f.status)
	}
	ff.key("N")
	if !strings.HasPrefix(ff.f.status, "/total: 2 of 3") {
		t.Errorf("N: %q", ff.f.status)
	}
	ff.key("esc")
	if ff.f.fan == nil || ff.f.fan.text.rd.find.pat != "" {
		t.Fatal("esc does not clear the search first")
	}
	ff.key("esc")

	ff.command("compare core1")
	ff.key("/")
	ff.typeText("vlan 30")
	ff.key("enter")
	if !strings.HasPrefix(ff.f.status, "/vlan 30: 1 of 1") {
		t.Errorf("search in a compare's diff: %q\n%s", ff.f.status, ff.screen())
	}
	ff.key("/")
	ff.typeText("no such text")
	ff.key("enter")
	if ff.f.status != "/no such text: not found" || !ff.f.statusErr {
		t.Errorf("a search that finds nothing: %q", ff.f.status)
	}
}

// TestFleetChangeTools: the change's preview searches (/, n) and copies with Y (y runs there);
// the run's table sorts and filters; a transcript searches and copies with y.
func TestFleetChangeTools(t *testing.T) {
	cf := newChangeFixture(t, 120, 40)
	cf.command("select *")
	cf.send(pasteMsg(batch48))
	cf.key("/")
	cf.typeText("name Users")
	cf.key("enter")
	if !strings.HasPrefix(cf.f.status, "/name Users: 1 of ") {
		t.Errorf("search in the preview: %q", cf.f.status)
	}
	if got := cf.copies("Y"); len(got) != 1 || !strings.Contains(got[0], "Batch") || !strings.Contains(got[0], "vlan 30") {
		t.Errorf("Y in the preview copied %q", got)
	}
	cf.key("enter", "y")
	if cf.f.chg == nil || cf.f.chg.phase != chgDone {
		t.Fatalf("the change did not run:\n%s", cf.screen())
	}
	cf.key("/")
	cf.typeText("re:^acc")
	cf.key("enter")
	if s := cf.screen(); !strings.Contains(s, "/6 devices match /re:^acc") {
		t.Errorf("the run's table does not filter:\n%s", s)
	}
	cf.key("O")
	if s := cf.screen(); !strings.Contains(s, "Device▼") {
		t.Errorf("O does not sort the run's table:\n%s", s)
	}
	got := cf.copies("y")
	if len(got) != 1 || !strings.HasPrefix(got[0], "acc") {
		t.Errorf("y on the run's table copied %q", got)
	}
	cf.key("esc")
	if cf.f.chg == nil || cf.f.chg.table.filter != "" {
		t.Fatal("esc does not clear the run's filter first")
	}
	cf.key("enter") // the first device's transcript
	cf.key("/")
	cf.typeText("vlan")
	cf.key("enter")
	if !strings.HasPrefix(cf.f.status, "/vlan: 1 of ") {
		t.Errorf("search in a transcript: %q", cf.f.status)
	}
	if got := cf.copies("y"); len(got) != 1 || !strings.Contains(got[0], "vlan 30") {
		t.Errorf("y in a transcript copied %q", got)
	}
}

// TestFleetPlainView: P shows what Y copies plain, from the top-left corner with no border; the
// mouse is off while it is shown; esc comes back.
func TestFleetPlainView(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	ff.withLab()
	ff.key("M")
	ff.key("P")
	s := ff.screen()
	if !strings.HasPrefix(s, "Device  Model") || strings.Contains(s, "╭") || !strings.Contains(s, "lab9    5130-24G-4SFP+-EI  not started: address in use") {
		t.Errorf("P:\n%s", s)
	}
	if ff.f.View().MouseMode != tea.MouseModeNone {
		t.Error("the mouse stays on in the plain view")
	}
	ff.key("esc")
	if s := ff.screen(); !strings.Contains(s, "Fleet ─") || ff.f.View().MouseMode == tea.MouseModeNone {
		t.Errorf("esc does not come back with the mouse on:\n%s", s)
	}
}

// TestFleetMouse: off by default; M and :mouse turn it on and off; a click selects the row under
// it, on the dashboard and in an ask's table; the wheel scrolls; a click during a dialog does
// nothing; a device opened keeps the choice, and the dashboard gets it back.
func TestFleetMouse(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	ff.withLab()
	click := func(y int) { ff.send(tea.MouseClickMsg{X: 5, Y: y, Button: tea.MouseLeft}) }
	selected := func(tb *table) string {
		r, _ := tb.selected()
		return r[0]
	}
	if ff.f.View().MouseMode != tea.MouseModeNone {
		t.Fatal("the mouse is on by default")
	}
	click(6)
	if selected(&ff.f.table) != "core1" {
		t.Error("a click with the mouse off selected a row")
	}
	ff.key("M")
	if ff.f.View().MouseMode != tea.MouseModeCellMotion || !strings.Contains(ff.f.status, "mouse on") {
		t.Fatalf("M: mode %v, status %q", ff.f.View().MouseMode, ff.f.status)
	}
	click(6) // header, border, info line, heading, then core1, core2, edge1
	if selected(&ff.f.table) != "edge1" {
		t.Errorf("a click on the third row selected %s", selected(&ff.f.table))
	}
	ff.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if selected(&ff.f.table) != "lab9" {
		t.Errorf("the wheel did not scroll: %s", selected(&ff.f.table))
	}
	ff.key("?")
	click(4)
	if ff.f.dlg == nil || selected(&ff.f.table) != "lab9" {
		t.Error("a click while the help is up did something")
	}
	ff.key("esc")

	ff.command("select core*")
	ff.command("ask version")
	click(5)
	if selected(ff.f.fan.tbl) != "core2" {
		t.Errorf("a click in an ask's table selected %s", selected(ff.f.fan.tbl))
	}
	ff.key("esc")

	ff.key("enter") // lab9 does not open: move to core1 first
	ff.key("g", "enter")
	if ff.f.dev == nil || !ff.f.dev.hand.mouse {
		t.Fatal("the device's console does not keep the mouse on")
	}
	ff.command("mouse off")
	ff.key("f2")
	if ff.f.dev != nil || ff.f.tools.mouse || ff.f.View().MouseMode != tea.MouseModeNone {
		t.Error("the dashboard does not take back the device's choice (off)")
	}
	ff.command("mouse on")
	if !ff.f.tools.mouse {
		t.Error(":mouse on")
	}
}

// TestFleetThemeNoColor: under NO_COLOR the fleet dashboard is monochrome, and T, :theme NAME and
// :theme leave it so, saying why; no list opens and nothing is kept.
func TestFleetThemeNoColor(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	kept := ""
	h := &Handler{Theme: "dark", SetUserTheme: func(_, v string) { kept = v }}
	tm := Terminal{User: "alice", Roles: []string{"network-admin"}, Environ: []string{"TERM=xterm-256color", "NO_COLOR=1"},
		Width: 80, Height: 24, Fleet: ff.fl}
	g, closeFn := h.console(context.Background(), tm, nil, colorprofile.TrueColor)
	t.Cleanup(closeFn)
	ff.f = g.(*guard).m.(*fleetModel)
	ff.f.manual = true
	ff.send(ff.f.Init()())
	for _, keys := range [][]string{{"T"}, {":", "t", "h", "e", "m", "e", " ", "d", "a", "r", "k", "enter"}, {":", "t", "h", "e", "m", "e", "enter"}} {
		ff.key(keys...)
		if ff.f.theme.Name != themes.MonochromeName || ff.f.tools.picker != nil || ff.f.status != noColorStatus || kept != "" {
			t.Errorf("%v: theme %q, list %v, status %q, kept %q", keys, ff.f.theme.Name, ff.f.tools.picker != nil, ff.f.status, kept)
		}
	}
}

// TestFleetThemePicker: :theme alone opens the list on the dashboard; moving previews each theme,
// esc puts back the one there was, enter keeps the one shown and says for whom; the device opened
// next has it.
func TestFleetThemePicker(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	kept := ""
	ff.f.opt.OnTheme, ff.f.opt.ThemeScope = func(n string) { kept = n }, "alice on xterm"
	was := ff.f.theme.Name
	ff.command("theme")
	if ff.f.tools.picker == nil || !strings.Contains(ff.screen(), "(in use)") {
		t.Fatalf(":theme does not open the list:\n%s", ff.screen())
	}
	ff.key("down")
	if ff.f.theme.Name == was {
		t.Error("down does not preview the next theme")
	}
	ff.key("esc")
	if ff.f.theme.Name != was || ff.f.tools.picker != nil || kept != "" || ff.f.status != "theme unchanged: "+was {
		t.Errorf("esc: theme %q, status %q, kept %q", ff.f.theme.Name, ff.f.status, kept)
	}
	ff.command("theme")
	ff.key("down")
	want := ff.f.theme.Name
	ff.key("enter")
	if ff.f.tools.picker != nil || kept != want || ff.f.status != "theme "+want+", saved for alice on xterm" {
		t.Errorf("enter: kept %q (want %q), status %q", kept, want, ff.f.status)
	}
	ff.key("enter")
	if ff.f.dev == nil || ff.f.dev.theme.Name != want {
		t.Error("the device opened next does not have the theme kept")
	}
}

// TestGoldenFleetTools snapshots the fleet's tools at the fleet's three sizes: the dashboard
// sorted and filtered by an expression, its plain view, the theme list, an ask's groups with a
// search held, and a change's run table filtered and sorted.
func TestGoldenFleetTools(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			name := func(s string) string { return fmt.Sprintf("fleet/%dx%d/%s.txt", sz[0], sz[1], s) }
			ff := newFleetFixture(t, fleetOpts{w: sz[0], h: sz[1]})
			ff.withLab()
			ff.configure("edge1", "system-view", "vlan 30", "name users", "quit")
			ff.key("O", "/")
			ff.typeText("!re:^lab")
			ff.key("enter")
			golden(t, name("dashboard-sorted-filtered"), ff.screen())
			ff.key("P")
			golden(t, name("dashboard-plain"), ff.screen())
			ff.key("esc", "esc")
			ff.command("theme")
			ff.key("down")
			golden(t, name("theme-list"), ff.screen())
			ff.key("esc")
			ff.command("select *")
			ff.command("ask display vlan")
			ff.key("/")
			ff.typeText("vlans")
			ff.key("enter", "n")
			golden(t, name("ask-search"), ff.screen())
			ff.key("esc", "esc")

			cf := newChangeFixture(t, sz[0], sz[1])
			cf.command("select *")
			cf.send(pasteMsg(batch48))
			cf.key("enter", "y", "/")
			cf.typeText("!re:^(lab|real)")
			cf.key("enter", "o", "o", "o")
			golden(t, fmt.Sprintf("fleet-change/%dx%d/results-filtered-sorted.txt", sz[0], sz[1]), cf.screen())
		})
	}
}

// TestFleetHelpKeys: the dashboard's key help lists every key, the vim keys beside the arrows,
// the tools' keys and Ctrl+C.
func TestFleetHelpKeys(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{w: 120, h: 60})
	ff.key("?")
	s := ff.screen()
	for _, want := range []string{"↑/k ", "↓/j ", "home/g ", "end/G ", "o            sort by next column", "O            reverse the sort",
		"/            search (n/N: next)", "y            copy the row", "Y            copy the table", "P            plain view",
		"M            mouse on/off", "T ", "ctrl+c       quit (always asks)", "copy row|table|csv", "mouse [on|off]"} {
		if !strings.Contains(s, want) {
			t.Errorf("the help lacks %q:\n%s", want, s)
		}
	}
}

// TestFleetPasteOverTools: a paste while the plain view or the theme list is up starts no change;
// one line pasted while a search is typed is searched for.
func TestFleetPasteOverTools(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{w: 100, h: 30})
	batch := "system-view\nvlan 42\nreturn\n"
	ff.key("P")
	ff.send(pasteMsg(batch))
	if ff.f.chg != nil {
		t.Error("a paste over the plain view started a change")
	}
	ff.key("esc")
	ff.command("theme")
	ff.send(pasteMsg(batch))
	if ff.f.chg != nil {
		t.Error("a paste over the theme list started a change")
	}
	ff.key("esc")
	ff.command("select *")
	ff.command("ask display vlan")
	ff.key("/")
	ff.send(pasteMsg("total"))
	ff.key("enter")
	if ff.f.chg != nil || !strings.HasPrefix(ff.f.status, "/total: 1 of 1") {
		t.Errorf("a paste into the search: change %v, status %q", ff.f.chg != nil, ff.f.status)
	}
}
