package readers

import (
	"strconv"
	"strings"
)

// IfBrief is `display interface brief`: its route-mode and bridge-mode sections.
type IfBrief struct {
	Route  []RouteIf
	Bridge []BridgeIf
}

// RouteIf is a line of the route-mode section.
type RouteIf struct {
	Name, Link, Protocol, IP, Description string
}

// BridgeIf is a line of the bridge-mode section: Link is UP, DOWN, ADM (shut down) or Stby; Speed
// auto, 1G(a), 10G...; Duplex A, F(a), F, H; Type A (access), T (trunk), H (hybrid) or --.
type BridgeIf struct {
	Name, Link, Speed, Duplex, Type string
	PVID                            int // 0 when the table prints --
	Description                     string
}

// Up reports whether the link is up.
func (b BridgeIf) Up() bool { return b.Link == "UP" }

// AdminDown reports whether the port is shut down.
func (b BridgeIf) AdminDown() bool { return b.Link == "ADM" }

// Mode is the link type spelled out: access, trunk, hybrid, or the table's word.
func (b BridgeIf) Mode() string {
	switch b.Type {
	case "A":
		return "access"
	case "T":
		return "trunk"
	case "H":
		return "hybrid"
	}
	return b.Type
}

// ParseIfBrief reads `display interface brief`. The table headers of both sections are recognised
// in their several release forms; a row is the header's fixed fields as words, then the
// description, which runs to the end of the line.
func ParseIfBrief(text string) (IfBrief, error) {
	var b IfBrief
	section := ""
	seen := false
	for _, line := range lines(text) {
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
			section = ""
			continue
		case f[0] == "Interface" && len(f) > 2 && f[1] == "Link":
			seen = true
			section = "bridge"
			if f[2] == "Protocol" {
				section = "route"
			}
			continue
		case section == "":
			continue
		}
		switch section {
		case "route":
			if len(f) < 3 {
				continue
			}
			r := RouteIf{Name: f[0], Link: f[1], Protocol: f[2]}
			if len(f) > 3 {
				r.IP = f[3]
			}
			r.Description = rest(line, 4)
			b.Route = append(b.Route, r)
		case "bridge":
			if len(f) < 6 {
				continue
			}
			pvid, _ := strconv.Atoi(f[5])
			b.Bridge = append(b.Bridge, BridgeIf{Name: f[0], Link: f[1], Speed: f[2], Duplex: f[3], Type: f[4],
				PVID: pvid, Description: rest(line, 6)})
		}
	}
	if !seen {
		return b, ErrFormat
	}
	return b, nil
}

// rest is what follows the first n blank-separated words of line, without surrounding blanks.
func rest(line string, n int) string {
	i := 0
	for w := 0; w < n; w++ {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		for i < len(line) && line[i] != ' ' {
			i++
		}
	}
	return strings.TrimSpace(line[i:])
}
