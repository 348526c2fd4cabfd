package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestRangeItems(t *testing.T) {
	tests := []struct {
		in   []string
		want []string
	}{
		{[]string{"GE1/0/1"}, []string{"interface GigabitEthernet1/0/1"}},
		{[]string{"GE1/0/1", "GE1/0/2", "GE1/0/3", "GE1/0/7", "XGE1/0/25", "XGE1/0/26"},
			[]string{"interface range GigabitEthernet1/0/1 to GigabitEthernet1/0/3 GigabitEthernet1/0/7 Ten-GigabitEthernet1/0/25 to Ten-GigabitEthernet1/0/26"}},
		{[]string{"GE1/0/9", "GE1/0/11"}, []string{"interface range GigabitEthernet1/0/9 GigabitEthernet1/0/11"}},
		{[]string{"GE1/0/48", "GE2/0/1"}, []string{"interface range GigabitEthernet1/0/48 GigabitEthernet2/0/1"}}, // no span across slots
	}
	for _, tt := range tests {
		if got := ifHeads(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ifHeads(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Every other port of 60: 30 items, two lines of at most 24.
	var odd []string
	for i := 1; i <= 60; i += 2 {
		odd = append(odd, fmt.Sprintf("GE1/0/%d", i))
	}
	heads := ifHeads(odd)
	if len(heads) != 2 || strings.Count(heads[0], "GigabitEthernet") != ifRangeItems || strings.Count(heads[1], "GigabitEthernet") != 6 {
		t.Errorf("30 items make %d lines: %q", len(heads), heads)
	}
}

// Three marked ports shut down in one plan over `interface range`, then come back up in another.
func TestMarkedPortsOnePlan(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.selectIf("GE1/0/6")
	f.key("space", "space", "space") // GE1/0/6, 7, 8: space moves down
	if got := f.m.ifs.marked(); !reflect.DeepEqual(got, []string{"GE1/0/6", "GE1/0/7", "GE1/0/8"}) {
		t.Fatalf("marked %v", got)
	}
	if s := f.screen(); !strings.Contains(s, "3 marked") || !strings.Contains(s, "✓ GE1/0/7") {
		t.Errorf("the marks are not shown:\n%s", s)
	}
	f.key("s")
	want := []string{"system-view", "interface range GigabitEthernet1/0/6 to GigabitEthernet1/0/8", "shutdown", "return"}
	shown := f.dialogText()
	for _, l := range want {
		if !strings.Contains(shown, "    "+l+"\n") {
			t.Fatalf("the plan does not show %q:\n%s", l, shown)
		}
	}
	if !f.m.dlg.danger || !strings.Contains(f.m.dlg.title, "shut down 3 ports (GE1/0/6, GE1/0/7, GE1/0/8)") {
		t.Errorf("title %q danger %v", f.m.dlg.title, f.m.dlg.danger)
	}
	f.key("y")
	if r := f.lastRecord(); r.failed || !reflect.DeepEqual(ranLines(r), want) {
		t.Fatalf("ran %v", ranLines(r))
	}
	brief := f.display("display interface brief")
	for _, p := range []string{"GE1/0/6", "GE1/0/7", "GE1/0/8"} {
		if !regexpLine(brief, p, "ADM") {
			t.Errorf("%s is not shut down:\n%s", p, brief)
		}
	}
	if f.m.keys.Shut.Enabled() {
		t.Error("s stays enabled with every marked port shut down")
	}
	f.key("u", "enter")
	if r := f.lastRecord(); r.failed || ranLines(r)[1] != "interface range GigabitEthernet1/0/6 to GigabitEthernet1/0/8" || ranLines(r)[2] != "undo shutdown" {
		t.Fatalf("undo ran %v", ranLines(r))
	}
	if brief := f.display("display interface brief"); regexpLine(brief, "GE1/0/7", "ADM") {
		t.Errorf("GE1/0/7 is still shut down:\n%s", brief)
	}
	f.key("esc") // no filter: esc clears the marks
	if len(f.m.ifs.marked()) != 0 {
		t.Errorf("esc left marks %v", f.m.ifs.marked())
	}
}

// regexpLine reports whether a line of text starts with port and holds word.
func regexpLine(text, port, word string) bool {
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == port && strings.Contains(l, " "+word+" ") {
			return true
		}
	}
	return false
}

func TestMarkedPortsActions(t *testing.T) {
	tests := []struct {
		name   string
		drive  func(f *fixture)
		danger bool
		lines  []string
		notes  []string
	}{
		{"range key", func(f *fixture) {
			f.selectIf("GE1/0/9")
			f.key("v", "down", "down", "v", "d")
			f.typeText("Lab")
			f.key("enter")
		}, false, []string{"system-view", "interface range GigabitEthernet1/0/9 to GigabitEthernet1/0/11", "description Lab", "return"}, nil},
		{"shut leaves out a shut port and names neighbours", func(f *fixture) {
			f.selectIf("GE1/0/2")
			f.key("space", "space", "s") // GE1/0/2 (LLDP srv-00), GE1/0/3 (shut down already)
		}, true, []string{"system-view", "interface GigabitEthernet1/0/2", "shutdown", "return"},
			[]string{"Left out, shut down already: GE1/0/3.", "LLDP neighbours cut off: GE1/0/2 → srv-00 (its port eno1)."}},
		{"access VLAN over an access and a trunk port", func(f *fixture) {
			f.exec("system-view", "interface GigabitEthernet1/0/4", "port link-type trunk", "return")
			f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
			f.selectIf("GE1/0/4")
			f.key("space", "space", "a")
			f.typeText("10")
			f.key("enter")
		}, true, []string{"system-view", "interface GigabitEthernet1/0/4", "port link-type access", "port access vlan 10",
			"interface GigabitEthernet1/0/5", "port access vlan 10", "return"},
			[]string{"GE1/0/4 become access ports"}},
		{"trunk to access", func(f *fixture) {
			f.exec("system-view", "interface GigabitEthernet1/0/4", "port link-type trunk", "port trunk permit vlan 10", "return")
			f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
			f.selectIf("GE1/0/4")
			f.key("a", "ctrl+u")
			f.typeText("10")
			f.key("enter")
		}, true, []string{"system-view", "interface GigabitEthernet1/0/4", "port link-type access", "port access vlan 10", "return"}, nil},
		{"trunk VLANs of two ports", func(f *fixture) {
			f.selectIf("GE1/0/7")
			f.key("space", "space", "t")
			f.typeText("1 10")
			f.key("enter")
		}, true, []string{"system-view", "interface range GigabitEthernet1/0/7 to GigabitEthernet1/0/8", "port link-type trunk",
			"port trunk permit vlan 10", "return"}, []string{"GE1/0/7: The port changes from access to trunk"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, fixtureOpts{})
			tt.drive(f)
			if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm {
				t.Fatalf("no confirmation; status %q\n%s", f.m.status, f.screen())
			}
			if got := f.m.dlg.plan.lines; !reflect.DeepEqual(got, tt.lines) {
				t.Errorf("plan %q, want %q", got, tt.lines)
			}
			notes := strings.Join(f.m.dlg.plan.notes, "\n")
			for _, n := range tt.notes {
				if !strings.Contains(notes, n) {
					t.Errorf("notes do not say %q:\n%s", n, notes)
				}
			}
			if f.m.dlg.danger != tt.danger {
				t.Errorf("danger %v, want %v", f.m.dlg.danger, tt.danger)
			}
			f.key("y")
			if r := f.lastRecord(); r.failed {
				t.Errorf("the plan failed:\n%s", recordText(r))
			}
		})
	}
}

// Deleting a VLAN names its ports, its VLAN interface and the routes over it.
func TestDeleteVLANImpact(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.enrich()
	f.selectVLAN("10")
	f.key("x")
	if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm {
		t.Fatalf("no confirmation:\n%s", f.screen())
	}
	notes := strings.Join(f.m.dlg.plan.notes, "\n")
	for _, want := range []string{"Member ports: GE1/0/5, GE1/0/2", "Vlan-interface10 (10.10.0.1) loses its VLAN",
		"Routes over Vlan-interface10 stop: 10.10.0.0/24 (Direct), 10.99.0.0/16 (Static via 10.10.0.254)"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the confirmation does not say %q:\n%s", want, notes)
		}
	}
}

func TestUserAndRouteActions(t *testing.T) {
	tests := []struct {
		name  string
		drive func(f *fixture)
		lines []string
		check string // a display command and what it must (or, with a leading !, must not) show
		want  string
	}{
		{"delete user", func(f *fixture) {
			f.key("8")
			f.m.locals.selectWhere(func(r []string) bool { return r[0] == "ops" })
			f.key("x")
		}, []string{"system-view", "undo local-user ops class manage", "undo ssh user ops", "return"}, "display local-user", "!ops"},
		{"reset password", func(f *fixture) {
			f.key("8")
			f.m.locals.selectWhere(func(r []string) bool { return r[0] == "ops" })
			f.key("p")
			f.typeText("N3w-pass")
			f.key("enter")
		}, []string{"system-view", "local-user ops class manage", "password simple ******", "return"}, "", ""},
		{"change role", func(f *fixture) {
			f.key("8")
			f.m.locals.selectWhere(func(r []string) bool { return r[0] == "ops" })
			f.key("r")
			f.typeText("network-operator")
			f.key("enter")
		}, []string{"system-view", "local-user ops class manage", "authorization-attribute user-role network-operator",
			"undo authorization-attribute user-role level-3", "return"}, "display local-user user-name ops", "network-operator"},
		{"add route", func(f *fixture) {
			f.key("4", "n")
			f.typeText("172.16.0.0 255.255.0.0 192.168.1.253 preference 80")
			f.key("enter")
		}, []string{"system-view", "ip route-static 172.16.0.0 16 192.168.1.253 preference 80", "return"}, "display ip routing-table", "172.16.0.0/16"},
		{"delete route", func(f *fixture) {
			f.key("4")
			f.m.routes.selectWhere(func(r []string) bool { return r[0] == "10.99.0.0/16" })
			f.key("x")
		}, []string{"system-view", "undo ip route-static 10.99.0.0 16 10.10.0.254", "return"}, "display ip routing-table", "!10.99.0.0/16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, fixtureOpts{})
			f.enrich()
			tt.drive(f)
			if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm {
				t.Fatalf("no confirmation; status %q\n%s", f.m.status, f.screen())
			}
			f.key("y")
			r := f.lastRecord()
			if r.failed || !reflect.DeepEqual(ranLines(r), tt.lines) {
				t.Fatalf("ran %q (failed %v), want %q\n%s", ranLines(r), r.failed, tt.lines, recordText(r))
			}
			if tt.check == "" {
				return
			}
			out := f.display(tt.check)
			if not, ok := strings.CutPrefix(tt.want, "!"); ok && strings.Contains(out, not) || !ok && !strings.Contains(out, tt.want) {
				t.Errorf("%s, want %q:\n%s", tt.check, tt.want, out)
			}
		})
	}
}

// The keys say why they do not apply: your own user, a route that is not static.
func TestUserRouteKeysDisabled(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.enrich()
	f.key("8")
	f.m.locals.selectWhere(func(r []string) bool { return r[0] == "admin" })
	f.key("x")
	if f.m.dlg != nil || !strings.Contains(f.m.status, "you are logged in as admin") {
		t.Errorf("x on your own user: status %q", f.m.status)
	}
	f.key("4")
	f.m.routes.selectWhere(func(r []string) bool { return r[1] == "Direct" })
	f.key("x")
	if f.m.dlg != nil || !strings.Contains(f.m.status, "only a static route can be deleted") {
		t.Errorf("x on a direct route: status %q", f.m.status)
	}
	f.key("n")
	f.typeText("10.1.0.0/33 1.2.3.4")
	f.key("enter")
	if f.m.dlg == nil || !strings.Contains(f.m.dlg.errText, "not a mask length") {
		t.Errorf("a bad mask is not refused clearly: %+v", f.m.dlg)
	}
}

func TestNewVLANs(t *testing.T) {
	tests := []struct {
		ids, name string
		lines     []string
		note      string
	}{
		{"30", "Users", []string{"system-view", "vlan 30", "name Users", "return"}, ""},
		{"100-103 110", "", []string{"system-view", "vlan 100 to 103", "vlan 110", "quit", "return"}, ""},
		{"9 to 11", "Lab-{id}", []string{"system-view", "vlan 9", "name Lab-9", "quit", "vlan 11", "name Lab-11", "quit", "return"},
			"Left as they are, existing already: VLAN 10."},
	}
	for _, tt := range tests {
		t.Run(tt.ids, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, fixtureOpts{})
			f.key("3", "n")
			f.typeText(tt.ids)
			f.key("enter")
			f.typeText(tt.name)
			f.key("enter")
			if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm {
				t.Fatalf("no confirmation:\n%s", f.screen())
			}
			if !reflect.DeepEqual(f.m.dlg.plan.lines, tt.lines) {
				t.Errorf("plan %q, want %q", f.m.dlg.plan.lines, tt.lines)
			}
			if tt.note != "" && !strings.Contains(strings.Join(f.m.dlg.plan.notes, "\n"), tt.note) {
				t.Errorf("notes %q, want %q", f.m.dlg.plan.notes, tt.note)
			}
			f.key("enter")
			if r := f.lastRecord(); r.failed {
				t.Fatalf("failed:\n%s", recordText(r))
			}
			out := f.display("display vlan brief")
			for _, l := range tt.lines {
				if n, ok := strings.CutPrefix(l, "name "); ok && !strings.Contains(out, n) {
					t.Errorf("no VLAN named %s:\n%s", n, out)
				}
			}
		})
	}
}
