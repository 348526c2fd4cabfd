package switchctl

import (
	"os"
	"strings"
	"testing"
)

// TestRealStyleConfigurationRoundTrips: a full access-switch configuration in a real box's style
// (an LACP uplink, STP, NTP, SNMP, syslog, ACLs applied, hybrid ports, port attributes, PoE,
// mirroring, the factory lines) loads with no refused line, and display current-configuration gives
// it back unchanged: order and layout. It is a PoE switch's: `poe enable` needs one.
func TestRealStyleConfigurationRoundTrips(t *testing.T) {
	want, err := os.ReadFile("testdata/configs/access-switch.cfg")
	if err != nil {
		t.Fatal(err)
	}
	d := modelDevice(t, "5130-28-poe")
	cfg, errs := loadScratch(d, string(want))
	if len(errs) > 0 {
		t.Fatalf("refused lines: %v", errs)
	}
	if got := cfg.Render(); got != string(want) {
		t.Errorf("the configuration did not come back unchanged:\n%s", lineDiff(string(want), got))
	}
	if strings.Contains(string(want), "M-GigabitEthernet") {
		t.Error("a 5130 EI configuration names an M-GigabitEthernet port")
	}
}
