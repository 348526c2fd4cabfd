package switchctl

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzExecLine feeds arbitrary lines to the engine in several views: it may refuse them, it must
// never panic, and a parse error's caret must fall within the line (plus the one column after it).
func FuzzExecLine(f *testing.F) {
	for _, seed := range []string{"display current-configuration | include vlan", "vlan 2 to 10", "int g1/0/1",
		"port trunk permit vlan 1 to 4094", `description "quoted \" text"`, "header motd %x", "dis cu | by-l be ^int",
		"interface range ge1/0/1 to ge1/0/3", "ip address 10.0.0.1 255.255.255.0 sub", "?", "|", `"`, "undo no show",
		"interface Bridge-Aggregation 1", "port link-aggregation group 1", "link-aggregation mode dynamic", "display link-aggregation verbose",
		"stp instance 1 root primary", "stp region-configuration", "display stp brief", "snmp-agent community read x acl 2000",
		"ntp-service unicast-server 10.0.0.1", "clock timezone X add 01:00:00", "info-center loghost 10.0.0.1 port 514",
		"lldp admin-status rx", "line class aux", "role name r1", "irf member 1 priority 32",
		"speed 100", "duplex half", "broadcast-suppression pps 1000", "loopback-detection enable vlan all", "packet-filter 3000 inbound",
		"mirroring-group 1 local", "mirroring-group 1 monitor-port GigabitEthernet1/0/3", "display mirroring-group all",
		"display transceiver diagnosis interface", "display counters rate inbound interface", "display irf", "display power"} {
		f.Add(seed)
	}
	d := newTestDevice(f)
	f.Fuzz(func(t *testing.T, line string) {
		s := d.NewSession(SessionInfo{User: "fuzz", Roles: []string{RoleAdmin}, Line: -1})
		for _, pre := range []string{"", "system-view", "interface g1/0/2", "vlan 7"} {
			if pre != "" {
				_ = s.Exec(context.Background(), pre, &bytes.Buffer{})
			}
			var out bytes.Buffer
			err := s.Exec(context.Background(), line, &out)
			var pe *ParseError
			if errors.As(err, &pe) && (pe.Pos < 0 || pe.Pos > len(line)+1) {
				t.Fatalf("caret at %d outside %q", pe.Pos, line)
			}
			_ = s.Help(line, &out)
			_, _ = s.Complete(line)
			_, _ = s.Check([]string{line})
			_ = Message(err)
		}
	})
}

// FuzzLoadConfig loads arbitrary configuration text: bad lines are reported, never a panic, and what
// the device then renders loads back without errors.
func FuzzLoadConfig(f *testing.F) {
	f.Add("#\n sysname X\n#\nvlan 10\n name A\n#\ninterface GigabitEthernet1/0/1\n port link-type trunk\n#\nreturn\n")
	f.Add("header motd %\nline\n%\nvlan 2 to 3\n")
	f.Add("interface Vlan-interface1\n ip address 1.1.1.1 24\n")
	if real, err := os.ReadFile("testdata/configs/access-switch.cfg"); err == nil {
		f.Add(string(real))
	}
	d := newTestDevice(f)
	f.Fuzz(func(t *testing.T, text string) {
		cfg, _ := loadScratch(d, text)
		out := cfg.Render()
		if _, errs := loadScratch(d, out); len(errs) > 0 {
			t.Fatalf("rendered configuration does not load: %v\n%s", errs, out)
		}
		if !strings.HasSuffix(out, "return\n") {
			t.Fatalf("rendering does not end with return")
		}
	})
}
