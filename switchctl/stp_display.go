package switchctl

import (
	"bytes"
	"fmt"
	"strings"
)

// The spanning tree displays, for the CIST (MST ID 0) in every mode: `display stp` (global and
// per-port blocks), `brief` [STP-CAP], `tc` [HCL-NOTES] and `abnormal-port`.

func stpDisplayRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display stp", runDisplaySTP),
		show("display stp brief", runDisplaySTPBrief),
		show("display stp tc", runDisplaySTPTC),
		show("display stp abnormal-port", runDisplaySTPAbnormal),
	}
}

// stpNotEnabled is what the displays print while STP is disabled globally ([unverified] wording).
const stpNotEnabled = " Protocol Status     : Disabled"

// stpView solves the tree (outside the device's locks) and runs f on the ports it runs on.
func stpView(c *Ctx, f func(v *simView, t stpTree, ports []*Iface, parts map[string]stpPort)) bool {
	t := c.D.stpSolve()
	on := false
	c.D.simRead(func(v *simView) {
		if on = v.cfg.STP.Enabled; !on {
			return
		}
		ports, parts := stpPortsOf(v, t)
		f(v, t, ports, parts)
	})
	return on
}

func runDisplaySTPBrief(c *Ctx) error {
	var b bytes.Buffer
	stpView(c, func(_ *simView, _ stpTree, ports []*Iface, parts map[string]stpPort) {
		b.WriteString(" MST ID   Port                                Role  STP State     Protection\n")
		for _, f := range ports {
			p := parts[f.Name.Full()]
			fmt.Fprintf(&b, " %-9d%-36s%-6s%-14s%s\n", 0, f.Name.Full(), p.role, p.state, protection(f))
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

// protection is a port's protection column.
func protection(f *Iface) string {
	switch {
	case f.STP.RootProt:
		return "ROOT"
	case f.STP.LoopProt:
		return "LOOP"
	}
	return "NONE"
}

func runDisplaySTPTC(c *Ctx) error {
	var b bytes.Buffer
	stpView(c, func(_ *simView, _ stpTree, ports []*Iface, parts map[string]stpPort) {
		b.WriteString(" MST ID     Port                                Receive     Send\n")
		for _, f := range ports {
			recv := 0
			if parts[f.Name.Full()].wired {
				recv = 1 // the neighbour's topology change when the link came up
			}
			fmt.Fprintf(&b, " %-11d%-36s%-12d%d\n", 0, f.Name.Full(), recv, 1)
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

func runDisplaySTPAbnormal(c *Ctx) error {
	var b bytes.Buffer
	stpView(c, func(_ *simView, _ stpTree, ports []*Iface, parts map[string]stpPort) {
		var rows []string
		for _, f := range ports {
			if p := parts[f.Name.Full()]; p.abnormal != "" {
				rows = append(rows, fmt.Sprintf(" %-9d%-34s%s\n", 0, f.Name.Full(), p.abnormal))
			}
		}
		if len(rows) == 0 {
			return
		}
		b.WriteString(" MST ID   Blocked Port                      Reason\n")
		b.WriteString(strings.Join(rows, ""))
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

var stpRoleNames = map[string]string{"ROOT": "Root Port", "DESI": "Designated Port", "ALTE": "Alternate Port"}

func runDisplaySTP(c *Ctx) error {
	var b bytes.Buffer
	on := stpView(c, func(v *simView, t stpTree, ports []*Iface, parts map[string]stpPort) {
		s := v.cfg.STP
		fmt.Fprintf(&b, "-------[CIST Global Info][Mode %s]-------\n", strings.ToUpper(s.Mode))
		fmt.Fprintf(&b, " Bridge ID           : %s\n", t.self)
		b.WriteString(" Bridge times        : Hello 2s MaxAge 20s FwdDelay 15s MaxHops 20\n")
		fmt.Fprintf(&b, " Root ID/ERPC        : %s, %d\n", t.root, t.cost)
		fmt.Fprintf(&b, " RegRoot ID/IRPC     : %s, 0\n", t.self)
		rootPort := "0.0"
		if t.rootPort != "" {
			n, _ := ParseIfName(t.rootPort)
			rootPort = fmt.Sprintf("128.%d", portIndex(v.s.model, n))
		}
		fmt.Fprintf(&b, " RootPort ID         : %s\n", rootPort)
		fmt.Fprintf(&b, " BPDU-Protection     : %s\n", enabledWord(s.BPDUProtection))
		b.WriteString(" Bridge Config-\n Digest-Snooping     : Disabled\n TC or TCN received  : 0\n")
		for _, f := range ports {
			p := parts[f.Name.Full()]
			idx := portIndex(v.s.model, f.Name)
			fmt.Fprintf(&b, "\n----[Port%d(%s)][%s]----\n", idx, f.Name.Full(), p.state)
			b.WriteString(" Port protocol       : Enabled\n")
			fmt.Fprintf(&b, " Port role           : %s\n", stpRoleNames[p.role])
			prio := defaultPortPriority
			if f.STP.PortPrio != 0 {
				prio = f.STP.PortPrio
			}
			fmt.Fprintf(&b, " Port ID             : %d.%d\n", prio, idx)
			cfgCost := "auto"
			if f.STP.Cost != 0 {
				cfgCost = fmt.Sprint(f.STP.Cost)
			}
			fmt.Fprintf(&b, " Port cost(Legacy)   : Config=%s, Active=%d\n", cfgCost, portCost(f))
			fmt.Fprintf(&b, " Desg.bridge/port    : %s, 128.%d\n", p.desgBridge, p.desgPort)
			edged := map[bool]string{true: "enabled", false: "disabled"}[f.STP.Edged]
			fmt.Fprintf(&b, " Port edged          : Config=%s, Active=%s\n", edged, edged)
			b.WriteString(" Point-to-Point      : Config=auto, Active=true\n Transmit limit      : 10 packets/hello-time\n")
			prot := strings.ToLower(protection(f))
			fmt.Fprintf(&b, " Protection type     : Config=%s, Active=%s\n", prot, prot)
		}
	})
	if !on {
		b.WriteString(stpNotEnabled + "\n")
	}
	_, err := c.Out.Write(b.Bytes())
	return err
}

var stpDisplayHelp = pathHelp(stpDisplayRows(), map[string]string{
	"display stp":               "Spanning tree information",
	"display stp brief":         "Brief spanning tree information",
	"display stp tc":            "Topology change statistics",
	"display stp abnormal-port": "Ports blocked by a protection",
})
