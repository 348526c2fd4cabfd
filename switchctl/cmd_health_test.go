package switchctl

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestHealthInventoryAgrees: display power and display fan list the supplies and fans display
// device manuinfo lists (a 10508 has four supplies and two fan trays), display environment one
// sensor per slot.
func TestHealthInventoryAgrees(t *testing.T) {
	for _, tc := range []struct {
		model               string
		power, fans, sensor int
	}{{"5130-28", 1, 1, 1}, {"10508", 4, 2, 8}} {
		t.Run(tc.model, func(t *testing.T) {
			s := infoSession(modelDevice(t, tc.model))
			manu := mustExec(t, s, "display device manuinfo")
			if n := strings.Count(manu, "\nPower "); n != tc.power {
				t.Errorf("manuinfo lists %d supplies, want %d", n, tc.power)
			}
			if n := strings.Count(manu, "\nFan "); n != tc.fans {
				t.Errorf("manuinfo lists %d fans, want %d", n, tc.fans)
			}
			rows := func(cmd, re string) int {
				return len(regexp.MustCompile(re).FindAllString(mustExec(t, s, cmd), -1))
			}
			if n := rows("display power", `(?m)^ \d+ +Normal +AC `); n != tc.power {
				t.Errorf("display power: %d supplies, want %d", n, tc.power)
			}
			if n := rows("display fan", `(?m)^ \d+ +Normal `); n != tc.fans {
				t.Errorf("display fan: %d fans, want %d", n, tc.fans)
			}
			if n := rows("display environment", `(?m)^ \d+ +hotspot 1 +\d+ `); n != tc.sensor {
				t.Errorf("display environment: %d sensors, want %d", n, tc.sensor)
			}
		})
	}
}

// TestChassisPowerFollowsPorts: a chassis' supplies share what it draws, which drops when ports go
// down.
func TestChassisPowerFollowsPorts(t *testing.T) {
	r := newSimRig(t, Options{Model: "10508", SimSeed: 3})
	watts := func() float64 {
		m := regexp.MustCompile(`(?m)^ 1 +Normal +AC +[\d.]+ +[\d.]+ +([\d.]+) `).FindStringSubmatch(r.run("display power"))
		if m == nil {
			t.Fatal("no reading for supply 1")
		}
		w, _ := strconv.ParseFloat(m[1], 64)
		return w
	}
	before := watts()
	r.run("system-view", "interface range GigabitEthernet 2/0/1 to GigabitEthernet 2/0/48", "shutdown", "return")
	if after := watts(); after >= before {
		t.Errorf("supply 1 gives %.2f W after 48 ports went down, %.2f W before", after, before)
	}
}

// TestCountersAgreeWithDisplayInterface: at one instant, each port's row of display counters is
// display interface's totals, and display counters rate its "Last 300 seconds" figures; the rate
// table lists exactly the ports that are up.
func TestCountersAgreeWithDisplayInterface(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 7})
	r.run(labConfig(r.d.Model())...)
	r.clock.Advance(90 * time.Minute)
	rows := func(cmd string) map[string][]string {
		out := map[string][]string{}
		for _, l := range strings.Split(r.run(cmd), "\n") {
			if f := strings.Fields(l); len(f) == 5 && regexp.MustCompile(`^M?X?GE\d`).MatchString(f[0]) {
				out[f[0]] = f[1:]
			}
		}
		return out
	}
	in, out := rows("display counters inbound interface"), rows("display counters outbound interface")
	rateIn, rateOut := rows("display counters rate inbound interface"), rows("display counters rate outbound interface")
	var checked, up int
	r.view(func(v *simView) {
		for _, f := range v.cfg.sortedIfaces() {
			if f.Name.Type != IfGE && f.Name.Type != IfXGE {
				continue
			}
			checked++
			name := f.Name.Short()
			var c simCounters
			if l := v.link(f); l != nil {
				c = v.counters(l)
			}
			want := []string{strconv.FormatUint(c.inPkts(), 10), strconv.FormatUint(c.inBcast, 10), strconv.FormatUint(c.inMcast, 10), "0"}
			if strings.Join(in[name], " ") != strings.Join(want, " ") {
				t.Errorf("%s inbound %v, want %v", name, in[name], want)
			}
			if got := out[name]; len(got) == 0 || got[0] != strconv.FormatUint(c.outPkts(), 10) {
				t.Errorf("%s outbound %v, want %d packets", name, got, c.outPkts())
			}
			if _, listed := rateIn[name]; listed != v.up(f) || len(rateOut[name]) > 0 != v.up(f) {
				t.Errorf("%s: in the rate table %v, up %v", name, listed, v.up(f))
			}
			if !v.up(f) {
				continue
			}
			up++
			if got := rateIn[name]; got[0] != strconv.Itoa(usagePct(c.inRate, f)) || got[1] != strconv.FormatInt(int64(c.inPPS), 10) {
				t.Errorf("%s inbound rate %v, want %d%% %d pps", name, got, usagePct(c.inRate, f), int64(c.inPPS))
			}
		}
	})
	if checked == 0 || up == 0 {
		t.Fatalf("checked %d ports, %d up", checked, up)
	}
	// The same figures as display interface prints them.
	port := "GigabitEthernet1/0/2"
	detail := r.run("display interface " + port)
	m := regexp.MustCompile(`Input \(total\):  (\d+) packets`).FindStringSubmatch(detail)
	if m == nil || m[1] != in["GE1/0/2"][0] {
		t.Errorf("display interface says %v input packets, display counters %v", m, in["GE1/0/2"])
	}
}

// TestTransceiversFollowModules: on a 10508, display transceiver lists exactly the SFP+ ports
// display interface shows with a module (10G_BASE_SR_SFP), and a module reports no received light
// exactly when its port is down.
func TestTransceiversFollowModules(t *testing.T) {
	r := newSimRig(t, Options{Model: "10508", SimSeed: 5})
	r.run("system-view", "interface Ten-GigabitEthernet 1/0/49", "shutdown", "return")
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^(\S+) transceiver information:$`).FindAllStringSubmatch(r.run("display transceiver interface"), -1) {
		listed[m[1]] = true
	}
	diag := r.run("display transceiver diagnosis interface")
	var modules int
	r.view(func(v *simView) {
		for _, f := range v.cfg.sortedIfaces() {
			name := f.Name.Full()
			if f.Name.Type != IfXGE {
				if listed[name] {
					t.Errorf("%s is not an SFP+ port but has a transceiver", name)
				}
				continue
			}
			has := v.s.profile(f.Name).connected
			if listed[name] != has {
				t.Errorf("%s: transceiver listed %v, module %v", name, listed[name], has)
			}
			if !has {
				continue
			}
			modules++
			i := strings.Index(diag, name+" transceiver diagnostic information:")
			if i < 0 {
				t.Errorf("%s has no diagnosis", name)
				continue
			}
			vals := strings.Fields(strings.SplitN(diag[i:], "\n", 5)[3])
			if dark := vals[3] == "-40.00"; dark == v.up(f) {
				t.Errorf("%s: RX power %s while up %v", name, vals[3], v.up(f))
			}
		}
	})
	if modules == 0 {
		t.Fatal("no module on any SFP+ port")
	}
}

// TestDiagnosticInformationSaved: answered Y, display diagnostic-information writes a .tar.gz to
// the flash holding the displays under their banners.
func TestDiagnosticInformationSaved(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 7})
	var dialog bytes.Buffer
	r.s.SetAsker(&scriptAsker{answers: []string{"Y", ""}, out: &dialog})
	out := r.run("display diagnostic-information")
	const name = "diag_HPE_20261125-100000.tar.gz"
	if !strings.Contains(dialog.String(), "[flash:/"+name+"] :") || !strings.Contains(out, "Save successfully.") {
		t.Fatalf("dialog:\n%s\noutput:\n%s", dialog.String(), out)
	}
	data, err := r.d.flash.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	z, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(z)
	if _, err := tr.Next(); err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(tr)
	for _, want := range []string{"===============display version===============\nHPE Comware Software", "===============display power==============="} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("the archive lacks %q", want)
		}
	}
	// A bad name is refused and nothing is written.
	r.s.SetAsker(&scriptAsker{answers: []string{"Y", "diag.txt"}, out: io.Discard})
	err = r.s.Exec(context.Background(), "display diagnostic-information", io.Discard)
	if err == nil || !strings.Contains(Message(err), ".tar.gz") {
		t.Errorf("diag.txt: %v", err)
	}
	if _, err := r.d.flash.ReadFile("diag.txt"); err == nil {
		t.Error("diag.txt was written")
	}
}

// checkCounters is TestNTCTemplates' check of display counters inbound|outbound interface: a
// record per Ethernet port with the packets display interface counts.
func checkCounters(t *testing.T, r *simRig, recs []ntcRecord) {
	tpl := filepath.Join(ntcTemplates, "hp_comware_display_counters_bound_interface.textfsm")
	for _, dir := range []string{"inbound", "outbound"} {
		if dir == "outbound" {
			recs = parseNTC(t, tpl, r.run("display counters outbound interface"))
		}
		got := byKey(t, recs, "interface")
		r.view(func(v *simView) {
			n := 0
			for _, f := range v.cfg.sortedIfaces() {
				if f.Name.Type != IfGE && f.Name.Type != IfXGE && f.Name.Type != IfMGE {
					continue
				}
				n++
				var c simCounters
				if l := v.link(f); l != nil {
					c = v.counters(l)
				}
				total, bc, mc := c.inPkts(), c.inBcast, c.inMcast
				if dir == "outbound" {
					total, bc, mc = c.outPkts(), c.outBcast, c.outMcast
				}
				rec := got[f.Name.Short()]
				want := fmt.Sprintf("%d %d %d 0", total, bc, mc)
				if g := strings.Join([]string{rec.str("packets_total"), rec.str("packets_broadcast"), rec.str("packets_multicast"), rec.str("packets_error")}, " "); g != want {
					t.Errorf("%s %s: %s, want %s", f.Name.Short(), dir, g, want)
				}
			}
			if len(got) != n {
				t.Errorf("%s: %d records, want %d", dir, len(got), n)
			}
		})
	}
}
