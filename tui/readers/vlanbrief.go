package readers

import (
	"strconv"
	"strings"
)

// VLAN is a line of `display vlan brief` with its continuation lines.
type VLAN struct {
	ID    int
	Name  string
	Ports []string
}

// ParseVLANBrief reads `display vlan brief`. The name may hold blanks ("VLAN 0010"), so columns are
// cut where the header puts "Name" and "Port"; ports continue on lines that leave the ID blank.
func ParseVLANBrief(text string) ([]VLAN, error) {
	var out []VLAN
	nameCol, portCol := -1, -1
	for _, line := range lines(text) {
		if strings.HasPrefix(line, "VLAN ID") {
			nameCol, portCol = strings.Index(line, "Name"), strings.Index(line, "Port")
			continue
		}
		if nameCol < 0 || strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] == ' ' {
			if len(out) > 0 {
				out[len(out)-1].Ports = append(out[len(out)-1].Ports, strings.Fields(line)...)
			}
			continue
		}
		f := strings.Fields(line)
		id, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		v := VLAN{ID: id}
		if portCol > nameCol && len(line) > nameCol {
			v.Name = strings.TrimSpace(line[nameCol:min(len(line), portCol)])
			if len(line) > portCol {
				v.Ports = strings.Fields(line[portCol:])
			}
		} else if len(f) > 1 {
			v.Name = strings.Join(f[1:], " ")
		}
		out = append(out, v)
	}
	if nameCol < 0 {
		return nil, ErrFormat
	}
	return out, nil
}
