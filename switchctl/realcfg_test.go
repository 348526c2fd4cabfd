package switchctl

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestRealStyleConfigurationRoundTrips: a full access-switch configuration in a real box's style
// (an LACP uplink, STP, NTP, SNMP, syslog, ACLs applied, hybrid ports, port attributes, PoE,
// mirroring, the factory lines) loads with no refused line, and display current-configuration gives
// it back unchanged: order and layout. It is a PoE switch's: `poe enable` needs one.
//
// core-switch.cfg is a distribution switch in the same style: Vlan-interfaces with addresses (and a
// sub address), static routes (one to NULL0), two LACP downlinks, the STP root of both instances,
// NTP, SNMP and syslog towards a server VLAN.
func TestRealStyleConfigurationRoundTrips(t *testing.T) {
	for _, c := range []struct{ name, model string }{{"access-switch.cfg", "5130-28-poe"}, {"core-switch.cfg", DefaultModel}} {
		t.Run(c.name, func(t *testing.T) {
			want, err := os.ReadFile("testdata/configs/" + c.name)
			if err != nil {
				t.Fatal(err)
			}
			d := modelDevice(t, c.model)
			cfg, errs := loadScratch(d, string(want))
			if len(errs) > 0 {
				t.Fatalf("refused lines: %v", errs)
			}
			d.replaceConfig(cfg)
			s := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: 0, Proto: "SSH"})
			var got strings.Builder
			if err := s.Exec(context.Background(), "display current-configuration", &got); err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("display current-configuration did not give it back unchanged:\n%s", lineDiff(string(want), got.String()))
			}
			if strings.Contains(string(want), "M-GigabitEthernet") {
				t.Error("a 5130 EI configuration names an M-GigabitEthernet port")
			}
		})
	}
}
