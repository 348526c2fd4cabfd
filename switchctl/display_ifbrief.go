package switchctl

import (
	"bytes"
	"fmt"
	"strings"
)

// ifBriefRows are the forms of display interface brief beyond the plain one: for one interface or
// every interface of a type, with whole descriptions, and only the interfaces that are down with why
// ([MSR-CR]: `display interface [type [number]] brief [description|down]`).
func ifBriefRows() []Row {
	return []Row{
		{Views: InAll, Path: "display interface [<if:ifname>] brief [description|down]", Priv: PrivRead, Run: runDisplayIfBrief, Display: true},
		{Views: InAll, Path: "display interface <iftype:iftype> brief [description|down]", Priv: PrivRead, Run: runDisplayIfBrief, Display: true},
	}
}

// ofType is the interfaces of cfg of the type the command names, in order; all when it names none.
func ofType(c *Ctx, ifs []*Iface) []*Iface {
	if !c.A.IsSet("iftype") {
		return ifs
	}
	t := IfType(c.A.Int("iftype"))
	out := ifs[:0:0]
	for _, f := range ifs {
		if f != nil && f.Name.Type == t {
			out = append(out, f)
		}
	}
	return out
}

var ifBriefHelp = map[string]string{
	"display interface brief description": "Display the full description of each interface",
	"display interface brief down":        "Display the interfaces that are down, and why",
}

// briefMode is which form of display interface brief runs.
type briefMode int

const (
	briefPlain briefMode = iota
	briefDescription
	briefDown
)

const (
	routeBriefHead  = "Brief information on interfaces in route mode:\nLink: ADM - administratively down; Stby - standby\n"
	bridgeBriefHead = "Brief information on interfaces in bridge mode:\nLink: ADM - administratively down; Stby - standby\n"
	downHeader      = "Interface            Link Cause\n"
)

func runDisplayIfBrief(c *Ctx) error {
	mode := briefPlain
	switch {
	case c.A.Has("description"):
		mode = briefDescription
	case c.A.Has("down"):
		mode = briefDown
	}
	var b bytes.Buffer
	var err error
	c.D.simRead(func(v *simView) {
		var route, bridge []*Iface
		inLoop := !c.A.IsSet("iftype")
		if c.A.IsSet("if") {
			f := v.cfg.Ifaces[c.A.If("if").Full()]
			if f == nil {
				err = &ParseError{Kind: WrongParam, Pos: c.A.Pos("if")}
				return
			}
			inLoop = false
			if f.Name.Routed() || f.Name.Type == IfNull {
				route = append(route, f)
			} else {
				bridge = append(bridge, f)
			}
		} else {
			for _, f := range ofType(c, v.cfg.sortedIfaces()) {
				if f.Name.Routed() || f.Name.Type == IfNull {
					route = append(route, f)
				} else {
					bridge = append(bridge, f)
				}
			}
		}
		if mode == briefDown {
			writeDownBrief(&b, v, route, bridge)
			return
		}
		desc := truncDesc
		if mode == briefDescription {
			desc = func(s string) string { return s }
		}
		if len(route) > 0 || inLoop {
			b.WriteString(routeBriefHead + "Protocol: (s) - spoofing\n")
			b.WriteString("Interface            Link Protocol Primary IP      Description\n")
			if inLoop {
				b.WriteString("InLoop0              UP   UP(s)    --\n")
			}
			for _, f := range route {
				link, proto := v.linkState(f)
				row := fmt.Sprintf("%-21s%-5s%-9s%-16s%s", f.Name.Short(), link, proto, primaryIP(f), desc(f.Description))
				b.WriteString(strings.TrimRight(row, " ") + "\n")
			}
		}
		if len(bridge) == 0 {
			return
		}
		if len(route) > 0 || inLoop {
			b.WriteString("\n")
		}
		b.WriteString(bridgeBriefHead)
		b.WriteString("Speed: (a) - auto\nDuplex: (a)/A - auto; H - half; F - full\nType: A - access; T - trunk; H - hybrid\n")
		b.WriteString("Interface            Link Speed   Duplex Type PVID Description\n")
		for _, f := range bridge {
			link, _ := v.linkState(f)
			speed, duplex := briefSpeedDuplex(f, link == "UP")
			if f.Name.Type == IfBAGG && link == "UP" { // its Selected members' sum
				speed = fmt.Sprintf("%dG(a)", v.aggSpeed(f)/1000)
			}
			typ := [...]string{"A", "T", "H"}[f.LinkType]
			row := fmt.Sprintf("%-21s%-5s%-8s%-7s%-5s%-5d%s", f.Name.Short(), link, speed, duplex, typ, nativeVLAN(f), desc(f.Description))
			b.WriteString(strings.TrimRight(row, " ") + "\n")
		}
	})
	if err != nil {
		return err
	}
	_, err = c.Out.Write(b.Bytes())
	return err
}

// writeDownBrief is display interface brief down: each section lists its interfaces that are not up,
// with the cause; a section with none is left out.
func writeDownBrief(b *bytes.Buffer, v *simView, route, bridge []*Iface) {
	sections := []struct {
		head   string
		ifaces []*Iface
	}{{routeBriefHead, route}, {bridgeBriefHead, bridge}}
	first := true
	for _, s := range sections {
		var rows []string
		for _, f := range s.ifaces {
			link, _ := v.linkState(f)
			if link == "UP" {
				continue
			}
			rows = append(rows, fmt.Sprintf("%-21s%-5s%s\n", f.Name.Short(), link, downCause(v, f, link)))
		}
		if len(rows) == 0 {
			continue
		}
		if !first {
			b.WriteString("\n")
		}
		first = false
		b.WriteString(s.head + downHeader + strings.Join(rows, ""))
	}
}

// downCause is the Cause column of display interface brief down; a port BPDU protection closed
// shows the state display interface gives it ([unverified] in this column).
func downCause(v *simView, f *Iface, link string) string {
	switch {
	case link == "ADM":
		return "Administratively"
	case v.s.bpduClosed(f.Name):
		return "STP DOWN"
	}
	return "Not connected"
}
