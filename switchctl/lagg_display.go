package switchctl

import (
	"bytes"
	"fmt"
	"strings"
	"time"
)

// The link aggregation displays in Comware 7's layout: summary [LAGG-CAP], verbose and member-port
// (the ntc-templates' fixtures). The system ID is the default LACP priority 0x8000 and the chassis
// MAC; LACP packet counts follow the uptime at one packet each way every 30 seconds (the slow rate).

const lacpFlagsLegend = "Flags: A -- LACP_Activity, B -- LACP_Timeout, C -- Aggregation, \n" +
	"       D -- Synchronization, E -- Collecting, F -- Distributing, \n" +
	"       G -- Defaulted, H -- Expired\n"

func laggDisplayRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display link-aggregation summary", runDisplayAggSummary),
		show("display link-aggregation verbose [bridge-aggregation [<agg:1-1024>]]", runDisplayAggVerbose),
		show("display link-aggregation member-port [<ifs:iflist>]", runDisplayAggMembers),
	}
}

// aggIfaces are the aggregate interfaces, by number.
func (c *Config) aggIfaces() []*Iface {
	var out []*Iface
	for _, f := range c.sortedIfaces() {
		if f.Name.Type == IfBAGG {
			out = append(out, f)
		}
	}
	return out
}

func systemID(mac []byte) string { return "0x8000, " + macString(mac) }

const noPartner = "0x8000, 0000-0000-0000"

func runDisplayAggSummary(c *Ctx) error {
	var b bytes.Buffer
	self := c.D.ChassisMAC()
	c.D.simRead(func(v *simView) {
		b.WriteString("Aggregation Interface Type:\nBAGG -- Bridge-Aggregation, RAGG -- Route-Aggregation\n")
		b.WriteString("Aggregation Mode: S -- Static, D -- Dynamic\nLoadsharing Type: Shar -- Loadsharing, NonS -- Non-Loadsharing\n")
		fmt.Fprintf(&b, "Actor System ID: %s\n\n", systemID(self))
		b.WriteString("AGG        AGG   Partner ID               Selected Unselected Individual Share\n")
		b.WriteString("Interface  Mode                           Ports    Ports      Ports      Type\n")
		b.WriteString(strings.Repeat("-", 80) + "\n")
		for _, agg := range v.cfg.aggIfaces() {
			mode, partner := "S", "None"
			if agg.LACP {
				mode, partner = "D", noPartner
			}
			sel, unsel := 0, 0
			for _, m := range v.aggMembers(agg) {
				if !m.selected {
					unsel++
					continue
				}
				sel++
				if m.partner != nil && partner == noPartner {
					partner = systemID(m.partner)
				}
			}
			fmt.Fprintf(&b, "%-11s%-6s%-25s%-9d%-11d%-11d%s\n", agg.Name.Short(), mode, partner, sel, unsel, 0, "Shar")
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

func runDisplayAggVerbose(c *Ctx) error {
	var b bytes.Buffer
	self := c.D.ChassisMAC()
	var err error
	c.D.simRead(func(v *simView) {
		aggs := v.cfg.aggIfaces()
		if c.A.IsSet("agg") {
			f := v.cfg.Ifaces[aggName(c.A.Int("agg"))]
			if f == nil {
				err = &ParseError{Kind: WrongParam, Pos: c.A.Pos("agg")}
				return
			}
			aggs = []*Iface{f}
		}
		b.WriteString("Loadsharing Type: Shar -- Loadsharing, NonS -- Non-Loadsharing \n")
		b.WriteString("Port Status: S -- Selected, U -- Unselected, I -- Individual \n")
		b.WriteString("Port: A -- Auto port, M -- Management port, R -- Reference port \n")
		b.WriteString(strings.Replace(lacpFlagsLegend, "Flags: ", "Flags:  ", 1))
		for _, agg := range aggs {
			writeAggVerbose(&b, v, agg, self)
		}
	})
	if err != nil {
		return err
	}
	_, err = c.Out.Write(b.Bytes())
	return err
}

// writeAggVerbose writes one group's block: the reference port (R) is the first Selected member.
func writeAggVerbose(b *bytes.Buffer, v *simView, agg *Iface, self []byte) {
	mode := "Static"
	if agg.LACP {
		mode = "Dynamic"
	}
	fmt.Fprintf(b, "\nAggregate Interface: %s\nCreation Mode: Manual\nAggregation Mode: %s\nLoadsharing Type: Shar\n", agg.Name.Full(), mode)
	b.WriteString("Management VLANs: None\n")
	members := v.aggMembers(agg)
	ref := -1
	for i, m := range members {
		if m.selected {
			ref = i
			break
		}
	}
	name := func(i int) string {
		n := members[i].f.Name.Short()
		if i == ref {
			n += "(R)"
		}
		return n
	}
	status := func(m aggMember) string {
		if m.selected {
			return "S"
		}
		return "U"
	}
	key := agg.Name.Num[0]
	if !agg.LACP {
		b.WriteString("  Port                Status   Priority Oper-Key\n")
		for i, m := range members {
			fmt.Fprintf(b, "  %-20s%-9s%-9d%d\n", name(i), status(m), 32768, key)
		}
		return
	}
	fmt.Fprintf(b, "System ID: %s\nLocal: \n", systemID(self))
	b.WriteString("  Port                Status   Priority Index    Oper-Key               Flag\n")
	for i, m := range members {
		fmt.Fprintf(b, "  %-20s%-9s%-9d%-9d%-23d%s\n", name(i), status(m), 32768, portIndex(v.s.model, m.f.Name), key, localFlags(m))
	}
	b.WriteString("Remote: \n  Actor               Priority Index    Oper-Key SystemID               Flag   \n")
	for _, m := range members {
		sys, idx, fkey := noPartner, 0, 0
		if m.partner != nil {
			sys, idx, fkey = systemID(m.partner), m.farIndex, m.farKey
		}
		fmt.Fprintf(b, "  %-20s%-9d%-9d%-9d%-23s%s\n", m.f.Name.Short(), 32768, idx, fkey, sys, remoteFlags(m))
	}
}

// localFlags are a member's own LACP flags: a Selected one collects and distributes.
func localFlags(m aggMember) string {
	if m.selected {
		return "{ACDEF}"
	}
	return "{AC}"
}

// remoteFlags are its partner's, {EF} (defaulted) without one.
func remoteFlags(m aggMember) string {
	switch {
	case m.partner == nil:
		return "{EF}"
	case m.selected:
		return "{ACDEF}"
	}
	return "{AC}"
}

func runDisplayAggMembers(c *Ctx) error {
	var b bytes.Buffer
	up := c.D.Uptime()
	c.D.simRead(func(v *simView) {
		want := map[string]bool{}
		for _, n := range c.A.Ifs("ifs") {
			want[n.Full()] = true
		}
		b.WriteString(lacpFlagsLegend)
		for _, agg := range v.cfg.aggIfaces() {
			for _, m := range v.aggMembers(agg) {
				if len(want) > 0 && !want[m.f.Name.Full()] {
					continue
				}
				writeAggMember(&b, v, agg, m, up)
			}
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

func writeAggMember(b *bytes.Buffer, v *simView, agg *Iface, m aggMember, up time.Duration) {
	idx, key := portIndex(v.s.model, m.f.Name), agg.Name.Num[0]
	fmt.Fprintf(b, "\n%s:\nAggregate Interface: %s\n", m.f.Name.Full(), agg.Name.Full())
	if !agg.LACP {
		fmt.Fprintf(b, "Port Number: %d\nPort Priority: 32768\nOper-Key: %d\n", idx, key)
		return
	}
	fmt.Fprintf(b, "Local: \n    Port Number: %d\n    Port Priority: 32768\n    Oper-Key: %d\n    Flag: %s\n", idx, key, localFlags(m))
	sys, fidx, fkey := noPartner, 0, 0
	if m.partner != nil {
		sys, fidx, fkey = systemID(m.partner), m.farIndex, m.farKey
	}
	fmt.Fprintf(b, "Remote: \n    System ID: %s\n    Port Number: %d\n    Port Priority: 32768\n    Oper-Key: %d\n    Flag: %s\n", sys, fidx, fkey, remoteFlags(m))
	sent := int(up/(30*time.Second)) + 1
	recv := 0
	if m.partner != nil {
		recv = sent
	}
	fmt.Fprintf(b, "Received LACP Packets: %d packet(s)\nIllegal: 0 packet(s)\nSent LACP Packets: %d packet(s)\n", recv, sent)
}

var laggDisplayHelp = pathHelp(laggDisplayRows(), map[string]string{
	"display link-aggregation":             "Link aggregation information",
	"display link-aggregation summary":     "Summary information of all aggregation groups",
	"display link-aggregation verbose":     "Detailed information of aggregation groups",
	"bridge-aggregation":                   "Bridge-aggregation interface",
	"display link-aggregation member-port": "Member port information",
})
