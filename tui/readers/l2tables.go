package readers

import (
	"strconv"
	"strings"
)

// MACEntry is a line of `display mac-address`.
type MACEntry struct {
	MAC   string // 8c16-458e-7a49
	VLAN  int
	State string // Learned, Config static, ...
	Port  string // GE1/0/1
	Aging bool   // Y
}

// ParseMACTable reads `display mac-address`. The state may be two words (Config static), so a row
// is read from both ends: MAC and VLAN from the left, port and aging from the right.
func ParseMACTable(text string) ([]MACEntry, error) {
	var out []MACEntry
	seen := false
	for _, line := range lines(text) {
		f := strings.Fields(line)
		switch {
		// Comware 7 heads it "MAC Address ... Aging" (Aging Y or N); older releases "MAC ADDR ...
		// AGING TIME(s)" (AGING or NOAGED): both are read.
		case len(f) >= 2 && strings.EqualFold(f[0], "MAC") && strings.HasPrefix(strings.ToUpper(f[1]), "ADDR"):
			seen = true
			continue
		case !seen || len(f) < 5:
			continue
		}
		vlan, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		n := len(f)
		out = append(out, MACEntry{MAC: f[0], VLAN: vlan, State: strings.Join(f[2:n-2], " "), Port: f[n-2], Aging: f[n-1] == "Y" || f[n-1] == "AGING"})
	}
	if !seen {
		return nil, ErrFormat
	}
	return out, nil
}

// ARPEntry is a line of `display arp`; Type is D (dynamic), S (static), O, R, M or I.
type ARPEntry struct {
	IP, MAC   string
	VLAN      int // 0 when the table prints N/A
	Interface string
	Aging     string // minutes, or N/A for static entries
	Type      string
}

// ParseARP reads `display arp`.
func ParseARP(text string) ([]ARPEntry, error) {
	var out []ARPEntry
	seen := false
	for _, line := range lines(text) {
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "IP" && f[1] == "address":
			seen = true
			continue
		case !seen || len(f) < 6:
			continue
		}
		vlan, _ := strconv.Atoi(f[2])
		out = append(out, ARPEntry{IP: f[0], MAC: f[1], VLAN: vlan, Interface: f[3], Aging: f[4], Type: f[5]})
	}
	if !seen {
		return nil, ErrFormat
	}
	return out, nil
}

// LLDPNeighbor is a line of `display lldp neighbor-information list`.
type LLDPNeighbor struct {
	SystemName, LocalIf, ChassisID, PortID string
}

// ParseLLDPList reads `display lldp neighbor-information list`. The columns are cut where the
// heading puts them, since a system name may hold blanks.
func ParseLLDPList(text string) ([]LLDPNeighbor, error) {
	var out []LLDPNeighbor
	var cols []int
	for _, line := range lines(text) {
		if strings.HasPrefix(line, "System Name") {
			cols = []int{0, strings.Index(line, "Local Interface"), strings.Index(line, "Chassis ID"), strings.Index(line, "Port ID")}
			if cols[1] < 1 || cols[2] <= cols[1] || cols[3] <= cols[2] {
				cols = nil
			}
			continue
		}
		if cols == nil || strings.TrimSpace(line) == "" {
			continue
		}
		cell := func(i int) string {
			from := min(cols[i], len(line))
			to := len(line)
			if i+1 < len(cols) {
				to = min(cols[i+1], len(line))
			}
			return strings.TrimSpace(line[from:to])
		}
		// A value longer than its column pushes the rest right: fall back to words then.
		if len(line) <= cols[3] || line[cols[1]-1] != ' ' || line[cols[2]-1] != ' ' || line[cols[3]-1] != ' ' {
			f := strings.Fields(line)
			if len(f) >= 4 {
				out = append(out, LLDPNeighbor{SystemName: strings.Join(f[:len(f)-3], " "), LocalIf: f[len(f)-3], ChassisID: f[len(f)-2], PortID: f[len(f)-1]})
			}
			continue
		}
		out = append(out, LLDPNeighbor{SystemName: cell(0), LocalIf: cell(1), ChassisID: cell(2), PortID: cell(3)})
	}
	if cols == nil {
		return nil, ErrFormat
	}
	return out, nil
}
