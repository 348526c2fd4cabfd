package switchctl

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDisplayClock(t *testing.T) {
	d, clk := logDevice(t)
	s := infoSession(d)
	if got := mustExec(t, s, "display clock"); got != "19:35:31 UTC Sat 01/08/2011\n" {
		t.Fatalf("display clock: %q", got)
	}
	clk.Advance(36*time.Hour + 25*time.Minute)
	if got := mustExec(t, s, "dis clo"); got != "08:00:31 UTC Mon 01/10/2011\n" {
		t.Fatalf("display clock later: %q", got)
	}
}

// modelDevice is a test device of the given model.
func modelDevice(t *testing.T, model string) *Device {
	d, _ := logDevice(t, func(o *Options) { o.Model = model })
	return d
}

func TestDisplayDevice(t *testing.T) {
	d := modelDevice(t, "5130-28")
	want := "Slot Type              State    Subslot  Soft Ver             Patch Ver\n" +
		"1    5130-24G-4SFP+-EI Master   0        5130EI-3506P06       None\n"
	if got := mustExec(t, infoSession(d), "display device"); got != want {
		t.Fatalf("display device:\n%s", lineDiff(want, got))
	}
	big := modelDevice(t, "10508")
	out := mustExec(t, infoSession(big), "display device")
	if n := strings.Count(out, "FlexNetwork-10508"); n != 8 {
		t.Fatalf("10508 shows %d slots:\n%s", n, out)
	}
	if !strings.Contains(out, "\n2    FlexNetwork-10508 Normal   0        10508-3506P06        None\n") {
		t.Fatalf("10508 slot 2:\n%s", out)
	}
	// A type longer than its column goes on under it.
	d.model.Product = "S5130S-28S-HPWR-EI"
	want = "Slot Type              State    Subslot  Soft Ver             Patch Ver\n" +
		"1    S5130S-28S-HPWR-E Master   0        5130EI-3506P06       None\n" +
		"     I\n"
	if got := mustExec(t, infoSession(d), "display device"); got != want {
		t.Fatalf("wrapped type:\n%s", lineDiff(want, got))
	}
}

func TestDisplayManuinfoIsStable(t *testing.T) {
	a := mustExec(t, infoSession(modelDevice(t, "5130-28")), "display device manuinfo")
	b := mustExec(t, infoSession(modelDevice(t, "5130-28")), "display device manuinfo")
	c := mustExec(t, infoSession(modelDevice(t, "5130-52")), "display device manuinfo")
	if a != b {
		t.Fatalf("two devices of one model differ:\n%s", lineDiff(a, b))
	}
	if a == c {
		t.Fatal("two models print the same manufacture information")
	}
	serial := regexp.MustCompile(`^CN\d\d[A-Z]{2}\d{4}$`)
	for _, l := range strings.Split(a, "\n") {
		if k, v, ok := strings.Cut(l, " : "); ok && strings.Contains(k, "SERIAL") && !serial.MatchString(v) {
			t.Errorf("serial %q", v)
		}
	}
	if !strings.Contains(a, "DEVICE_NAME          : HPE 5130 24G 4SFP+ EI Switch JG932A\n") {
		t.Errorf("manuinfo:\n%s", a)
	}
}

func TestChassisMAC(t *testing.T) {
	d := modelDevice(t, "5130-28")
	m := d.ChassisMAC()
	if len(m) != 6 || m[0] != 0x94 || m[5]&0x3f != 0 || m[0]&1 != 0 {
		t.Fatalf("ChassisMAC %v", m)
	}
	if got := comwareMAC(m); !regexp.MustCompile(`^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$`).MatchString(got) {
		t.Fatalf("comwareMAC %q", got)
	}
	if modelDevice(t, "10508").ChassisMAC().String() == m.String() {
		t.Fatal("two models share a MAC")
	}
}

func TestDisplayCPUUsage(t *testing.T) {
	d, clk := logDevice(t, func(o *Options) { o.Model = "10508" })
	s := infoSession(d)
	re := regexp.MustCompile(`(?m)^Slot (\d+) CPU (\d+) CPU usage:\n\s*(\d+)% in last 5 seconds\n\s*(\d+)% in last 1 minute\n\s*(\d+)% in last 5 minutes$`)
	for _, after := range []time.Duration{0, time.Minute, 10 * time.Minute, 100 * time.Hour} {
		clk.Advance(after)
		out := mustExec(t, s, "display cpu-usage")
		ms := re.FindAllStringSubmatch(out, -1)
		if len(ms) != 8 {
			t.Fatalf("%d slots parsed from\n%s", len(ms), out)
		}
		for i, m := range ms {
			if m[1] != strconv.Itoa(i+1) || m[2] != "0" {
				t.Fatalf("slot %v", m)
			}
			for _, p := range m[3:] {
				if v, _ := strconv.Atoi(p); v < 1 || v > 100 {
					t.Fatalf("usage %s%% in\n%s", p, out)
				}
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "% in last") && strings.IndexByte(l, '%') != 8 {
				t.Fatalf("%% not in column 9: %q", l)
			}
		}
		if again := mustExec(t, s, "display cpu-usage"); again != out {
			t.Fatal("the figures change without time passing")
		}
		sum := mustExec(t, s, "display cpu-usage summary")
		want := fmt.Sprintf("%-5d%-11d%-18s", 1, 0, ms[0][3]+"%")
		if !strings.Contains(sum, "\n"+want) {
			t.Fatalf("summary does not agree with the detail (%q):\n%s", want, sum)
		}
	}
}

func TestDisplayMemory(t *testing.T) {
	d, clk := logDevice(t)
	s := infoSession(d)
	clk.Advance(3 * time.Hour)
	out := mustExec(t, s, "display memory")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 6 || lines[0] != "Memory statistics are measured in KB:" || lines[1] != "Slot 1:" ||
		lines[2] != "             Total      Used      Free    Shared   Buffers    Cached   FreeRatio" {
		t.Fatalf("display memory:\n%s", out)
	}
	f := strings.Fields(lines[3])
	n := func(i int) int { v, _ := strconv.Atoi(f[i]); return v }
	total, used, free, buffers, cached := n(1), n(2), n(3), n(5), n(6)
	if f[0] != "Mem:" || total != used+free || len(lines[3]) != len(lines[2]) {
		t.Fatalf("Mem line %q", lines[3])
	}
	if want := fmt.Sprintf("%.1f%%", float64(free)*100/float64(total)); f[7] != want {
		t.Fatalf("FreeRatio %s, want %s", f[7], want)
	}
	if want := fmt.Sprintf("-/+ Buffers/Cache:%10d%10d", used-buffers-cached, free+buffers+cached); lines[4] != want {
		t.Fatalf("%q, want %q", lines[4], want)
	}
	if lines[5] != "Swap:            0         0         0" {
		t.Fatalf("%q", lines[5])
	}
}

func TestSystemDisplaysBadInput(t *testing.T) {
	d, _ := logDevice(t)
	s := infoSession(d)
	for _, l := range []string{"display clock now", "display device x", "display device manuinfo 1", "display cpu-usage 5",
		"display memory slot", "display cpu-usage summary x"} {
		if err := mustFail(s, l); err == nil {
			t.Errorf("%s was accepted", l)
		}
	}
	op := infoSession(d, RoleOperator)
	mustExec(t, op, "display clock", "display device", "display device manuinfo", "display cpu-usage", "display memory",
		"display device manuinfo | include MAC")
}

// textFSM parses text with an ntc-templates template using Debian's python3-textfsm, returning the
// records keyed by value name; it skips the test when that is not installed.
func textFSM(t *testing.T, template, text string) []map[string]string {
	t.Helper()
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		t.Skip("no /usr/bin/python3: install python3-textfsm to run the TextFSM checks")
	}
	if err := exec.Command(py, "-c", "import textfsm").Run(); err != nil {
		t.Skip("python3-textfsm is not installed (apt-get install -y python3-textfsm)")
	}
	tpl := filepath.Join("..", "..", "shared", "ntc-templates", "templates", template)
	if _, err := os.Stat(tpl); err != nil {
		t.Skipf("template %s not found: %v", tpl, err)
	}
	script := `import sys, json, textfsm
with open(sys.argv[1]) as f:
    fsm = textfsm.TextFSM(f)
rows = fsm.ParseText(sys.stdin.read())
print(json.dumps([dict(zip(fsm.header, r)) for r in rows]))`
	cmd := exec.Command(py, "-c", script, tpl)
	cmd.Stdin = strings.NewReader(text)
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("textfsm %s: %v\n%s\ninput:\n%s", template, err, stderr, text)
	}
	var recs []map[string]string
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatalf("textfsm output %q: %v", out, err)
	}
	return recs
}

func TestDisplayClockParsesWithNTC(t *testing.T) {
	d, _ := logDevice(t)
	recs := textFSM(t, "hp_comware_display_clock.textfsm", mustExec(t, infoSession(d), "display clock"))
	want := map[string]string{"TIME": "19:35:31", "TIMEZONE": "UTC", "DAYWEEK": "Sat", "MONTH": "01", "DAY": "08", "YEAR": "2011"}
	if len(recs) != 1 || fmt.Sprint(recs[0]) != fmt.Sprint(want) {
		t.Fatalf("records %v, want [%v]", recs, want)
	}
}

func TestDisplayManuinfoParsesWithNTC(t *testing.T) {
	for _, model := range Models() {
		t.Run(model, func(t *testing.T) {
			d := modelDevice(t, model)
			m := d.Model()
			recs := textFSM(t, "hp_comware_display_device_manuinfo.textfsm", mustExec(t, infoSession(d), "display device manuinfo"))
			if want := m.Slots + fanCount(m) + powerCount(m); len(recs) != want {
				t.Fatalf("%d records, want %d: %v", len(recs), want, recs)
			}
			for i, r := range recs {
				if r["VENDOR_NAME"] != "HPE" || r["DEVICE_SERIAL_NUMBER"] == "" || r["MANUFACTURING_DATE"] == "" {
					t.Errorf("record %d: %v", i, r)
				}
				if i < m.Slots && (r["SLOT_TYPE"] != "Slot" || r["SLOT_ID"] != strconv.Itoa(i+1) || r["DEVICE_NAME"] != m.DeviceName) {
					t.Errorf("slot record %d: %v", i, r)
				}
			}
			if got, want := recs[0]["MAC_ADDRESS"], comwareMAC(d.ChassisMAC()); got != want {
				t.Errorf("MAC %q, want %q", got, want)
			}
			if r := recs[m.Slots]; r["SLOT_TYPE"] != "Fan" || r["SLOT_ID"] != "1" {
				t.Errorf("first fan record: %v", r)
			}
			if r := recs[len(recs)-1]; r["SLOT_TYPE"] != "Power" || r["SLOT_ID"] != strconv.Itoa(powerCount(m)) {
				t.Errorf("last power record: %v", r)
			}
		})
	}
}
