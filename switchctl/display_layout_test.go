package switchctl

import (
	"context"
	"strings"
	"testing"
)

// TestVLANDisplaysFitEightyColumns: the port lists of display vlan brief, all and N stay within 80
// columns whatever the ports (GE, XGE, BAGG), as a real switch's do, so that a terminal or a script
// reading fixed lines never sees one wrapped.
func TestVLANDisplaysFitEightyColumns(t *testing.T) {
	d := newTestDevice(t)
	s := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 0, Proto: "SSH"})
	for _, l := range []string{"system-view", "vlan 10", "quit", "interface Bridge-Aggregation1", "port link-type trunk",
		"port trunk permit vlan all", "quit", "interface range GigabitEthernet 1/0/1 to GigabitEthernet 1/0/24 Ten-GigabitEthernet 1/0/25 to Ten-GigabitEthernet 1/0/28",
		"port link-type trunk", "port trunk permit vlan all", "return"} {
		if err := s.Exec(context.Background(), l, &strings.Builder{}); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
	}
	for _, cmd := range []string{"display vlan brief", "display vlan all", "display vlan 10"} {
		var out strings.Builder
		if err := s.Exec(context.Background(), cmd, &out); err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		for _, l := range strings.Split(out.String(), "\n") {
			if len(l) > lineWidth {
				t.Errorf("%s: a %d-column line: %q", cmd, len(l), l)
			}
		}
		if !strings.Contains(out.String(), "BAGG1") && !strings.Contains(out.String(), "Bridge-Aggregation1") {
			t.Errorf("%s does not list the aggregation:\n%s", cmd, out.String())
		}
	}
}

func TestPackPorts(t *testing.T) {
	tests := []struct {
		names  []string
		indent int
		want   []string
	}{
		{[]string{"GE1/0/2", "GE1/0/3", "GE1/0/4", "GE1/0/5", "GE1/0/6"}, 43, // [HCL-LAB]: four a line
			[]string{"GE1/0/2  GE1/0/3  GE1/0/4  GE1/0/5  ", "GE1/0/6  "}},
		{[]string{"XGE1/0/25", "XGE1/0/26", "XGE1/0/27", "XGE1/0/28"}, 43,
			[]string{"XGE1/0/25  XGE1/0/26  XGE1/0/27  ", "XGE1/0/28  "}},
		{[]string{strings.Repeat("X", 90)}, 43, []string{strings.Repeat("X", 90) + "  "}},
		{nil, 43, nil},
	}
	for _, tt := range tests {
		got := packPorts(tt.names, tt.indent)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("packPorts(%v) = %q, want %q", tt.names, got, tt.want)
		}
	}
}
