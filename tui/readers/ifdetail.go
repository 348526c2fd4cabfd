package readers

import (
	"regexp"
	"strconv"
	"strings"
)

// Interface is what the console reads from one block of `display interface`: the full output or
// the lines `| include` kept of it (name, state, PVID, link type, VLAN lists and rates).
type Interface struct {
	Name        string // GigabitEthernet1/0/2, as the block's first line
	State       string // UP, DOWN, Administratively DOWN
	Description string
	PVID        int
	LinkType    string // Access, Trunk, Hybrid; "" for a routed interface
	Permitted   string // trunk VLANs permitted, as printed: 1(default vlan), 10, 20-30
	Passing     string // trunk VLANs passing
	Untagged    string // hybrid
	Tagged      string // hybrid
	Rates       bool   // the block had rate lines
	InPkts      int64  // per second, averaged over the last 300 seconds
	InBytes     int64
	OutPkts     int64
	OutBytes    int64
	Counters    // the counters and the last flap (ifcounters.go)
}

var (
	// "Last 300 seconds input: 0 packets/sec 116 bytes/sec 0%" (Ethernet) and
	// "Last 300 seconds input rate: 0 bytes/sec, 0 bits/sec, 0 packets/sec" (other interfaces).
	reRate   = regexp.MustCompile(`^Last \d+ seconds (input|output)(?: rate)?:\s*(.*)$`)
	reRateIn = regexp.MustCompile(`(\d+) (packets|bytes)/sec`)
	reIfHead = regexp.MustCompile(`^[A-Za-z][-A-Za-z]*\d[\d/:.]*$`)
)

// ParseInterfaces reads `display interface` (all interfaces or one), full or filtered.
func ParseInterfaces(text string) ([]Interface, error) {
	var out []Interface
	for _, line := range lines(text) {
		if reIfHead.MatchString(line) {
			out = append(out, Interface{Name: line})
			continue
		}
		if len(out) == 0 {
			continue
		}
		i := &out[len(out)-1]
		t := strings.TrimSpace(line)
		if m := reRate.FindStringSubmatch(t); m != nil {
			i.Rates = true
			for _, r := range reRateIn.FindAllStringSubmatch(m[2], -1) {
				n, _ := strconv.ParseInt(r[1], 10, 64)
				switch m[1] + r[2] {
				case "inputpackets":
					i.InPkts = n
				case "inputbytes":
					i.InBytes = n
				case "outputpackets":
					i.OutPkts = n
				case "outputbytes":
					i.OutBytes = n
				}
			}
			continue
		}
		if i.counters(t) {
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Current state":
			i.State = v
		case "Description":
			i.Description = v
		case "PVID":
			i.PVID, _ = strconv.Atoi(v)
		case "Port link-type":
			i.LinkType = v
		case "VLAN permitted":
			i.Permitted = v
		case "VLAN Passing":
			i.Passing = v
		case "Untagged VLANs", "Untagged VLAN":
			i.Untagged = v
		case "Tagged VLANs", "Tagged VLAN":
			i.Tagged = v
		}
	}
	if len(out) == 0 {
		return nil, ErrFormat
	}
	return out, nil
}

// VLANList reads a printed VLAN list ("1(default vlan), 10, 20-30", "10 20 to 30", "none") into
// the VLAN IDs it names, in order. Words it cannot read are skipped.
func VLANList(s string) []int {
	s = strings.NewReplacer("(default vlan)", "", ",", " ").Replace(s)
	f := strings.Fields(s)
	var out []int
	for i := 0; i < len(f); i++ {
		lo, hi, ok := VLANRange(f[i])
		if ok && lo == hi && i+2 < len(f) && strings.EqualFold(f[i+1], "to") {
			if h, err := strconv.Atoi(f[i+2]); err == nil {
				hi, i = h, i+2
			}
		}
		if !ok || lo < 1 || hi > 4094 || hi < lo {
			continue
		}
		for v := lo; v <= hi; v++ {
			out = append(out, v)
		}
	}
	return out
}

// VLANRange reads one word of a VLAN list: an ID (10) or a range (10-20).
func VLANRange(w string) (lo, hi int, ok bool) {
	a, b, isRange := strings.Cut(w, "-")
	lo, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, false
	}
	if !isRange {
		return lo, lo, true
	}
	hi, err = strconv.Atoi(b)
	return lo, hi, err == nil
}

// FormatVLANList writes sorted, distinct VLAN IDs as Comware commands take them: "1 10 20 to 30".
func FormatVLANList(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, strconv.Itoa(ids[i])+" to "+strconv.Itoa(ids[j]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}
