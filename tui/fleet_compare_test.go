package tui

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"

	"vtyd/switchctl"
)

// TestFleetCompareDevices: the running configuration of each selected device against one device's,
// with the sysnames (which differ by design) masked: a line per device ("same", "+N −M") and the
// differences; then saved against running on each device, also as the "unsaved changes" preset.
func TestFleetCompareDevices(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{w: 120, h: 40})
	ff.configure("edge1", "system-view", "vlan 30", "name users", "quit")
	ff.command("select core*,edge1")
	ff.command("compare core1")
	s := ff.screen()
	for _, want := range []string{"Compare", "2 devices: 1 same, 1 differ", "core2  same", "edge1: +", "--- core1", "+++ edge1",
		"+vlan 30", "+ name users"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	if !regexp.MustCompile(`edge1  \+[1-9]\d* −0`).MatchString(s) {
		t.Errorf("no +N −0 line for edge1:\n%s", s)
	}
	if strings.Contains(s, " sysname ") && !strings.Contains(s, "sysname ******") { // " sysname ": a configuration line, not the title
		t.Errorf("the sysname shows as a difference:\n%s", s)
	}

	var mu sync.Mutex
	var seen []Observed
	ff.fl.observe = func(o Observed) { mu.Lock(); seen = append(seen, o); mu.Unlock() }
	for _, cmd := range []string{"compare saved", "ask unsaved changes", "ask unsaved"} {
		ff.key("esc")
		mu.Lock()
		seen = nil
		mu.Unlock()
		ff.command(cmd)
		mu.Lock()
		if len(seen) != 6 {
			t.Errorf(":%s: the audit saw %d lines, want 6 (two per device)", cmd, len(seen))
		}
		for _, o := range seen {
			if o.Kind != OpAsk || o.Op == "" || o.Op != seen[0].Op {
				t.Errorf(":%s: audited %+v, want one ask operation", cmd, o)
			}
		}
		mu.Unlock()
		s = ff.screen()
		for _, want := range []string{"3 devices: 2 saved, 1 with unsaved changes", "core1  same", "core2  same",
			"--- saved-configuration", "+++ current-configuration", "+vlan 30"} {
			if !strings.Contains(s, want) {
				t.Errorf(":%s: screen lacks %q:\n%s", cmd, want, s)
			}
		}
	}

	for _, tc := range []struct{ line, status string }{
		{"compare nosuch", "nosuch: no such device"},
		{"compare", compareUsage},
		{"select core1", "1 selected"},
		{"compare core1", "select the devices to compare with core1"},
	} {
		ff.key("esc")
		ff.command(tc.line)
		if s := ff.screen(); !strings.Contains(s, tc.status) {
			t.Errorf(":%s: want %q:\n%s", tc.line, tc.status, s)
		}
	}
}

// TestFleetCompareTemplate: a template on a device's flash:, its placeholders filled in per device
// from its running configuration; a device without a value for one is listed with the reason; a
// template with an unknown placeholder or a file that is not there is refused with the reason.
func TestFleetCompareTemplate(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{w: 120, h: 40})
	for n, addr := range map[string]string{"core1": "10.0.0.1", "core2": "10.0.0.2"} {
		ff.configure(n, "system-view", "interface Vlan-interface1", "ip address "+addr+" 24", "quit")
	}
	ff.configure("core2", "system-view", "vlan 40", "quit")
	var cfg strings.Builder
	s := ff.fl.devs["core1"].NewSession(switchctl.SessionInfo{User: "root", Roles: []string{switchctl.RoleAdmin}, Line: 9})
	if err := s.Exec(context.Background(), "display current-configuration", &cfg); err != nil {
		t.Fatal(err)
	}
	tmpl := strings.Replace(cfg.String(), " sysname core1", " sysname {{sysname}}", 1)
	tmpl = strings.Replace(tmpl, " ip address 10.0.0.1 255.255.255.0", " ip address {{address}} {{mask}}", 1)
	if !strings.Contains(tmpl, "{{address}}") {
		t.Fatalf("no address line to make a placeholder of:\n%s", tmpl)
	}
	if err := ff.fl.devs["core1"].Flash().WriteFileAtomic("std.cfg", []byte(tmpl)); err != nil {
		t.Fatal(err)
	}
	if err := ff.fl.devs["edge1"].Flash().WriteFileAtomic("bad.cfg", []byte("#\n sysname {{hostname}}\n")); err != nil {
		t.Fatal(err)
	}

	ff.command("select core*,edge1")
	ff.command("compare flash:/std.cfg")
	out := ff.screen()
	for _, want := range []string{"3 devices: 1 same, 1 differ, 1 not compared", "core1  same", "core2  +2 −0", "+vlan 40",
		"edge1  ✗ no value for {{address}}: no ip address on Vlan-interface1 or M-GigabitEthernet0/0/0"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}

	for _, tc := range []struct{ line, want string }{
		{"compare bad.cfg on edge1", "bad.cfg: unknown placeholder {{hostname}}"},
		{"compare flash:/nope.cfg", "cannot read flash:/nope.cfg on core1: failed:"},
		{"compare x.cfg on nosuch", "nosuch: no such device"},
	} {
		ff.key("esc")
		ff.command(tc.line)
		if s := ff.screen(); !strings.Contains(s, tc.want) {
			t.Errorf(":%s: want %q:\n%s", tc.line, tc.want, s)
		}
	}
}
