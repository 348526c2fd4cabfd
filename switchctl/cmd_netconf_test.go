package switchctl

import (
	"errors"
	"strings"
	"testing"
)

func TestNetconfSettings(t *testing.T) {
	d := sshTestDevice(t)
	if n := d.NetconfSettings(); n.Enabled || n.Port != 830 {
		t.Fatalf("factory NETCONF settings = %+v, want off on port 830", n)
	}
	s := sshSysSession(t, d, nil)
	tests := []struct {
		line   string
		want   NetconfConfig
		render string // what display current-configuration shows, "" for nothing NETCONF
	}{
		{"netconf ssh server enable", NetconfConfig{true, 830}, " netconf ssh server enable\n"},
		{"netconf ssh server port 8300", NetconfConfig{true, 8300}, " netconf ssh server enable\n netconf ssh server port 8300\n"},
		{"undo netconf ssh server port", NetconfConfig{true, 830}, " netconf ssh server enable\n#"},
		{"undo netconf ssh server enable", NetconfConfig{false, 830}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			sshMust(t, s, tc.line)
			if got := d.NetconfSettings(); got != tc.want {
				t.Errorf("settings = %+v, want %+v", got, tc.want)
			}
			cfg := d.CurrentConfig()
			if tc.render == "" && strings.Contains(cfg, "netconf") || !strings.Contains(cfg, tc.render) {
				t.Errorf("configuration:\n%s\nwant %q", cfg, tc.render)
			}
		})
	}
	var pe *ParseError
	if err := s.Exec(t.Context(), "netconf ssh server port 0", &strings.Builder{}); !errors.As(err, &pe) {
		t.Errorf("port 0: %v, want a parse error", err)
	}
}

// The running configuration with NETCONF on loads back the same (save and reboot keep it).
func TestNetconfRoundTrip(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	sshMust(t, s, "netconf ssh server enable")
	sshMust(t, s, "netconf ssh server port 8301")
	fresh := sshTestDevice(t)
	if errs := fresh.Load(strings.NewReader(d.CurrentConfig())); len(errs) > 0 {
		t.Fatalf("load: %v", errs)
	}
	if got := fresh.NetconfSettings(); got != (NetconfConfig{true, 8301}) {
		t.Errorf("after loading the configuration: %+v", got)
	}
}

// TestIfIndexUnique: every interface a device can have gets an IfIndex of its own — NETCONF's tables
// are keyed by it — Bridge-Aggregation10 and Vlan-interface10 included.
func TestIfIndexUnique(t *testing.T) {
	d, _, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "x"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]string{}
	for _, name := range []string{"GE1/0/1", "GE1/0/24", "XGE1/0/28", "NULL0", "LoopBack0", "LoopBack1023",
		"Vlan-interface1", "Vlan-interface10", "Vlan-interface4094", "Bridge-Aggregation1", "Bridge-Aggregation10", "Bridge-Aggregation1024"} {
		n, ok := ParseIfName(name)
		if !ok {
			t.Fatalf("%s does not parse", name)
		}
		i := d.IfIndex(n)
		if other, dup := seen[i]; dup {
			t.Errorf("%s and %s share IfIndex %d", other, name, i)
		}
		seen[i] = name
	}
}
