package switchctl

import (
	"errors"
	"strings"
	"testing"
)

// TestPoEOnlyOnPoEModels: `poe enable` powers the copper ports of a PoE model (5130-28-poe) and is
// refused, with nothing changed, on its SFP+ ports and on every model without PoE.
func TestPoEOnlyOnPoEModels(t *testing.T) {
	cases := []struct {
		model, port string
		ok          bool
	}{
		{"5130-28-poe", "GigabitEthernet1/0/7", true},
		{"5130-28-poe", "Ten-GigabitEthernet1/0/25", false},
		{"5130-28", "GigabitEthernet1/0/7", false},
		{"5130-52", "GigabitEthernet1/0/7", false},
		{"10508", "GigabitEthernet3/0/7", false},
	}
	for _, tc := range cases {
		t.Run(tc.model+"/"+tc.port, func(t *testing.T) {
			d := modelDevice(t, tc.model)
			s := infoSession(d)
			mustExec(t, s, "system-view", "interface "+tc.port)
			var out strings.Builder
			err := s.Exec(t.Context(), "poe enable", &out)
			if tc.ok != (err == nil) {
				t.Fatalf("poe enable: %v, want ok %v", err, tc.ok)
			}
			if err != nil && !errors.Is(err, ErrUnsupported) {
				t.Errorf("refused with %v, want ErrUnsupported", err)
			}
			has := strings.Contains(mustExec(t, s, "display this"), " poe enable\n")
			if has != tc.ok {
				t.Errorf("display this shows poe enable: %v, want %v", has, tc.ok)
			}
		})
	}
}

// TestForcedSpeedInDisplays: a forced speed shows in display interface (bandwidth, speed mode, link
// speed type) and brief (no "(a)"), and the usage percentage is of that speed.
func TestForcedSpeedInDisplays(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 7})
	port := ""
	r.view(func(v *simView) {
		for _, f := range v.cfg.sortedIfaces() {
			if f.Name.Type == IfGE && v.up(f) && port == "" {
				port = f.Name.Full()
			}
		}
	})
	r.run("system-view", "interface "+port, "speed 100", "duplex full", "return")
	out := r.run("display interface " + port)
	for _, want := range []string{"Bandwidth: 100000 kbps\n", "100Mbps-speed mode, full-duplex mode\n",
		"Link speed type is force link, link duplex type is force link\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("display interface lacks %q:\n%s", want, out)
		}
	}
	short := strings.Replace(strings.Replace(port, "GigabitEthernet", "GE", 1), "Ten-", "X", 1)
	brief := r.run("display interface brief")
	if !strings.Contains(brief, "\n"+short+strings.Repeat(" ", 21-len(short))+"UP   100M    F      ") {
		t.Errorf("brief does not show %s at 100M F:\n%s", short, brief)
	}
}
