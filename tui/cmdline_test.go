package tui

import (
	"strings"
	"testing"

	"vtyd/themes"
)

// TestCmdlineHistory: ↑/↓ on the ":" line recall this session's ":" commands, newest first, and
// come back to what was being typed.
func TestCmdlineHistory(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	for _, c := range []string{"int ge1/0/3", "logs", "logs"} {
		f.key(":")
		f.typeText(c)
		f.key("enter", "esc")
	}
	f.key(":")
	f.typeText("va")
	for _, tc := range []struct{ key, want string }{{"up", "logs"}, {"up", "int ge1/0/3"}, {"up", "int ge1/0/3"}, {"down", "logs"}, {"down", "va"}} {
		f.key(tc.key)
		if got := f.m.bar.in.Value(); got != tc.want {
			t.Fatalf("%s: %q, want %q", tc.key, got, tc.want)
		}
	}
	f.key("up", "enter")
	if f.m.view != viewLogs {
		t.Errorf("the recalled command did not run: view %v", f.m.view)
	}
}

// TestCmdlineComplete: Tab completes a command, a theme's and an interface's name; with several
// candidates the suggestion list shows them and Tab picks them in turn.
func TestCmdlineComplete(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.key(":")
	f.typeText("th")
	f.key("tab")
	if got := f.m.bar.in.Value(); got != "theme " {
		t.Errorf("th+tab: %q", got)
	}
	f.typeText("sol")
	f.key("tab")
	if got := f.m.bar.in.Value(); got != "theme solarized" {
		t.Errorf("theme sol+tab: %q", got)
	}
	f.key("esc", ":")
	f.typeText("l")
	s := f.screen()
	if !strings.Contains(s, "lldp") || !strings.Contains(s, "the LLDP neighbours, filtered") || !strings.Contains(s, "the log buffer, filtered") {
		t.Errorf("the suggestion list for l:\n%s", s)
	}
	f.key("tab")
	if got := f.m.bar.in.Value(); got != "lldp" {
		t.Errorf("first tab picks the first: %q", got)
	}
	f.key("tab")
	if got := f.m.bar.in.Value(); got != "logs" {
		t.Errorf("second tab picks the next: %q", got)
	}
	f.key("esc", ":")
	f.typeText("int GE1/0/2")
	f.key("tab")
	s = f.screen()
	if got := f.m.bar.in.Value(); got != "int GE1/0/2" || !strings.Contains(s, "int GE1/0/20") || !strings.Contains(s, "int GE1/0/24") {
		t.Errorf("int GE1/0/2 + tab: %q\n%s", got, s)
	}
	f.key("esc", ":")
	f.typeText("dis int brie") // "bri" is Bridge-Aggregation too
	f.key("tab")
	if got := f.m.bar.in.Value(); got != "dis int brief " {
		t.Errorf("the device completes a display command: %q", got)
	}
}

// TestCmdlineFilters: an argument to a view's ":" command filters its table; a VLAN range shows
// just those VLANs, esc shows them all again.
func TestCmdlineFilters(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.enrich()
	f.exec("system-view", "vlan 100 to 110", "vlan 200", "return")
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
	for _, tc := range []struct {
		cmd  string
		view viewID
		tbl  *table
		want string // in every row shown
	}{
		{"mac 001b-21", viewNeighbors, &f.m.macs, "001b-21"},
		{"arp 10.10.0", viewNeighbors, &f.m.arps, "10.10.0."},
		{"lldp core", viewNeighbors, &f.m.lldp, "core"},
		{"route 10.10.0.0", viewRouting, &f.m.routes, "10.10.0.0"},
		{"sessions sftp", viewSessions, &f.m.sessions, "sftp"},
		{"int uplink", viewInterfaces, &f.m.ifs, "uplink"},
		{"vlan servers", viewVLANs, &f.m.vlans, "servers"},
	} {
		f.key(":")
		f.typeText(tc.cmd)
		f.key("enter")
		if f.m.view != tc.view || len(tc.tbl.idx) == 0 || len(tc.tbl.idx) == len(tc.tbl.rows) {
			t.Errorf(":%s: view %v, %d of %d rows (status %q)", tc.cmd, f.m.view, len(tc.tbl.idx), len(tc.tbl.rows), f.m.status)
			continue
		}
		for _, i := range tc.tbl.idx {
			if row := strings.ToLower(strings.Join(tc.tbl.rows[i], " ")); !strings.Contains(row, tc.want) {
				t.Errorf(":%s shows %q", tc.cmd, row)
			}
		}
		f.key("esc")
	}

	f.key(":")
	f.typeText("vlan 100-110")
	f.key("enter")
	s := f.screen()
	if n := len(f.m.vlans.idx); n != 11 || !strings.Contains(s, "only VLANs 100-110") || strings.Contains(s, "Servers") {
		t.Errorf(":vlan 100-110 shows %d VLANs:\n%s", n, s)
	}
	f.key("esc")
	if n := len(f.m.vlans.idx); n != len(f.m.vlans.rows) {
		t.Errorf("esc: %d of %d VLANs", n, len(f.m.vlans.rows))
	}
	f.key(":")
	f.typeText("vlan 3000-3010")
	f.key("enter")
	if s := f.screen(); !strings.Contains(s, "(no rows: VLANs 3000-3010)") {
		t.Errorf("an empty range says so:\n%s", s)
	}
}

// TestThemePicker: ":theme" alone lists the themes; moving previews each on the whole console,
// enter keeps it (and tells the caller), esc puts back the theme there was.
func TestThemePicker(t *testing.T) {
	var kept []string
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	f.m.opt.OnTheme = func(name string) { kept = append(kept, name) }
	start := f.m.theme.Name
	f.key(":")
	f.typeText("theme")
	f.key("enter")
	if s := f.screen(); f.m.picker == nil || !strings.Contains(s, "▸ "+start) || !strings.Contains(s, "(in use)") {
		t.Fatalf(":theme opens no list:\n%s", s)
	}
	f.key("down")
	moved := f.m.theme.Name
	if moved == start || f.m.st.Title.Render("x") == themeStyles(t, start).Title.Render("x") {
		t.Errorf("moving does not preview: %q", moved)
	}
	f.key("esc")
	if f.m.theme.Name != start || f.m.picker != nil || len(kept) != 0 {
		t.Errorf("esc: theme %q, kept %v", f.m.theme.Name, kept)
	}
	f.key(":")
	f.typeText("theme")
	f.key("enter", "down", "down", "enter")
	if f.m.picker != nil || f.m.theme.Name == start || len(kept) != 1 || kept[0] != f.m.theme.Name {
		t.Errorf("enter: theme %q, kept %v", f.m.theme.Name, kept)
	}
}

func themeStyles(t *testing.T, name string) *themes.Styles {
	t.Helper()
	th, err := themes.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	st := th.Styles(true)
	return &st
}
