package switchctl

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The ntc-templates oracle: automation tools parse Comware output with these TextFSM templates, so
// every display that has one must parse into records that say what the device says.

const ntcTemplates = "../../shared/ntc-templates/templates"

// ntcSkipped are templates for features a switch of ours does not have.
var ntcSkipped = []string{"bgp", "vpn-instance", "route-policy"}

// textfsmPython is Debian's interpreter, where python3-textfsm installs; another python3 on PATH
// may lack the module or carry another version of it.
const textfsmPython = "/usr/bin/python3"

func needTextFSM(t *testing.T) {
	t.Helper()
	if err := exec.Command(textfsmPython, "-c", "import textfsm").Run(); err != nil {
		t.Skipf("python3-textfsm is not installed for %s (apt-get install python3-textfsm): %v", textfsmPython, err)
	}
	if _, err := os.Stat(ntcTemplates); err != nil {
		t.Skipf("the ntc-templates oracle is not here: %v", err)
	}
}

// ntcRecord is one parsed record: strings, or lists of strings for List values.
type ntcRecord map[string]any

func (r ntcRecord) str(k string) string { s, _ := r[k].(string); return s }

func (r ntcRecord) list(k string) []string {
	l, _ := r[k].([]any)
	out := make([]string, len(l))
	for i, v := range l {
		out[i], _ = v.(string)
	}
	return out
}

// parseNTC parses text with a template through testdata/textfsm_parse.py.
func parseNTC(t *testing.T, tpl, text string) []ntcRecord {
	t.Helper()
	cmd := exec.Command(textfsmPython, "testdata/textfsm_parse.py", tpl)
	cmd.Stdin = strings.NewReader(text)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s\noutput:\n%s", filepath.Base(tpl), err, stderr.String(), text)
	}
	var recs []ntcRecord
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

// ntcCommand is the command a template is for: hp_comware_display_ip_routing-table.textfsm is
// `display ip routing-table`.
func ntcCommand(tpl string) string {
	name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(tpl), "hp_comware_"), ".textfsm")
	return strings.ReplaceAll(name, "_", " ")
}

// ntcCheckers check the records of each command against the device.
var ntcCheckers = map[string]func(t *testing.T, r *simRig, recs []ntcRecord){
	"display interface brief":                   checkIfBrief,
	"display interface":                         checkInterface,
	"display ip interface":                      checkIPInterface,
	"display ip routing-table":                  checkRoutes,
	"display arp":                               checkARP,
	"display mac-address":                       checkMAC,
	"display lldp neighbor-information list":    checkLLDP,
	"display lldp neighbor-information verbose": checkLLDP,
	"display vlan brief":                        checkVLANs,
	"display vlan all":                          checkVLANs,
	"display clock":                             checkClock,
	"display device manuinfo":                   checkManuinfo,
	"display link-aggregation verbose":          checkAggVerbose,
	"display link-aggregation member-port":      checkAggMembers,
	"display counters bound interface":          checkCounters,
}

// ntcRunAs is the command run for a template whose name is not one: the counters template is for
// `display counters inbound|outbound interface` (its check runs the other direction too).
var ntcRunAs = map[string]string{"display counters bound interface": "display counters inbound interface"}

func TestNTCTemplates(t *testing.T) {
	needTextFSM(t)
	tpls, err := filepath.Glob(filepath.Join(ntcTemplates, "hp_comware_*.textfsm"))
	if err != nil || len(tpls) == 0 {
		t.Fatalf("no templates in %s: %v", ntcTemplates, err)
	}
	scenarios := []struct {
		name  string
		setup func(r *simRig)
	}{
		{"default", func(r *simRig) {}},
		{"lab", func(r *simRig) { r.run(labConfig(r.d.Model())...); r.clock.Advance(90 * time.Minute) }},
		{"lab-after-shutdown", func(r *simRig) {
			r.run(labConfig(r.d.Model())...)
			r.run("system-view", "interface range GigabitEthernet 1/0/1 to GigabitEthernet 1/0/24", "shutdown", "return")
			r.clock.Advance(26 * time.Hour)
		}},
		{"large-flapping", func(r *simRig) { r.run(labConfig(r.d.Model())...); r.clock.Advance(50 * time.Hour) }},
		{"wired", func(r *simRig) { r.run(labConfig(r.d.Model())...); r.clock.Advance(90 * time.Minute) }},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			var r *simRig
			switch sc.name {
			case "large-flapping":
				r = newSimRig(t, Options{Model: "5130-52", SimFlaps: true, SimSeed: 3})
			case "wired": // the leaf of a leaf-spine pair, both with the lab configuration
				var spine *simRig
				_, r, spine = leafSpine(t)
				spine.run(labConfig(spine.d.Model())...)
			default:
				r = newSimRig(t, Options{SimSeed: 7})
			}
			sc.setup(r)
			for _, tpl := range tpls {
				cmd := ntcCommand(tpl)
				if skipTemplate(cmd) {
					continue
				}
				check := ntcCheckers[cmd]
				if check == nil {
					t.Errorf("no check for %s: add one", cmd)
					continue
				}
				t.Run(strings.ReplaceAll(cmd, " ", "_"), func(t *testing.T) {
					run := cmd
					if as, ok := ntcRunAs[cmd]; ok {
						run = as
					}
					check(t, r, parseNTC(t, tpl, r.run(run)))
				})
			}
		})
	}
}

func skipTemplate(cmd string) bool {
	for _, s := range ntcSkipped {
		if strings.Contains(strings.ReplaceAll(cmd, " ", "_"), s) {
			return true
		}
	}
	return false
}

// expandVLANs turns display list items ("1(default vlan)", "2-10", "20", "none") into IDs.
func expandVLANs(t *testing.T, items []string) []int {
	t.Helper()
	var ids []int
	for _, it := range items {
		it = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(it), "(default vlan)"))
		if it == "none" || it == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(it, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil {
			t.Fatalf("bad VLAN list item %q", it)
		}
		for id := a; id <= b; id++ {
			ids = append(ids, id)
		}
	}
	sort.Ints(ids)
	return ids
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// byKey indexes records by one field, failing on duplicates.
func byKey(t *testing.T, recs []ntcRecord, k string) map[string]ntcRecord {
	t.Helper()
	m := map[string]ntcRecord{}
	for _, r := range recs {
		if _, dup := m[r.str(k)]; dup {
			t.Errorf("%s %q appears twice", k, r.str(k))
		}
		m[r.str(k)] = r
	}
	return m
}
