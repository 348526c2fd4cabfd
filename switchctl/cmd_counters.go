package switchctl

import (
	"bytes"
	"fmt"
)

// display counters [rate] inbound|outbound interface [X]: one row per Ethernet port. The packet
// counts are display interface's Input (total) / Output (total), split the same way into
// broadcasts and multicasts; the rates are its "Last 300 seconds" figures, so the two displays
// agree at any instant. The rate table lists only ports that are up, as Comware's does.

func countersRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display counters {inbound|outbound} interface [<if:ifname>]", runDisplayCounters),
		show("display counters rate {inbound|outbound} interface [<if:ifname>]", runDisplayCounters),
	}
}

// counterPorts are the interfaces with Ethernet counters, or the one asked for.
func counterPorts(c *Ctx, v *simView) ([]*Iface, error) {
	ok := func(f *Iface) bool {
		return f != nil && (f.Name.Type == IfGE || f.Name.Type == IfXGE || f.Name.Type == IfMGE)
	}
	if c.A.IsSet("if") {
		f := v.cfg.Ifaces[c.A.If("if").Full()]
		switch {
		case f == nil: // a LoopBack or Vlan-interface not created
			return nil, refuse(ErrNotFound, "The interface does not exist.")
		case !ok(f):
			return nil, refuse(ErrUnsupported, "The interface does not support this operation.")
		}
		return []*Iface{f}, nil
	}
	var out []*Iface
	for _, f := range displayOrder(v.cfg) {
		if ok(f) {
			out = append(out, f)
		}
	}
	return out, nil
}

func runDisplayCounters(c *Ctx) error {
	in, rate := c.A.Has("inbound"), c.A.Has("rate")
	var b bytes.Buffer
	var err error
	c.D.simRead(func(v *simView) {
		var ports []*Iface
		if ports, err = counterPorts(c, v); err != nil {
			return
		}
		if rate {
			b.WriteString("Usage: Bandwidth utilization in percentage\n")
			b.WriteString("Interface            Usage (%)   Total (pps)   Broadcast (pps)   Multicast (pps)\n")
		} else {
			b.WriteString("Interface         Total (pkts)   Broadcast (pkts)   Multicast (pkts)  Err (pkts)\n")
		}
		for _, f := range ports {
			var cs simCounters
			l := v.link(f)
			if l != nil {
				cs = v.counters(l)
			}
			name := f.Name.Short()
			if !rate {
				total, bc, mc := cs.outPkts(), cs.outBcast, cs.outMcast
				if in {
					total, bc, mc = cs.inPkts(), cs.inBcast, cs.inMcast
				}
				fmt.Fprintf(&b, "%-18s%12d%19d%19d%12d\n", name, total, bc, mc, 0)
				continue
			}
			if l == nil || !l.up {
				continue
			}
			p := v.s.profile(f.Name)
			bps, pps := cs.outRate, cs.outPPS
			if in {
				bps, pps = cs.inRate, cs.inPPS
			}
			fmt.Fprintf(&b, "%-21s%9d%14d%18d%18d\n", name, usagePct(bps, f), int64(pps), int64(pps*p.bcast), int64(pps*p.mcast))
		}
		if rate {
			b.WriteString("\n Overflow: More than 14 digits.\n       --: Not supported.\n")
		} else {
			b.WriteString("\n Overflow: More than 14 digits (7 digits for column \"Err\").\n       --: Not supported.\n")
		}
	})
	if err != nil {
		return err
	}
	_, werr := c.Out.Write(b.Bytes())
	return werr
}

var countersHelp = pathHelp(countersRows(), map[string]string{
	"display counters":       "Traffic statistics of interfaces",
	"display counters rate":  "Traffic rates over the last statistics interval",
	"counters inbound":       "Incoming traffic",
	"counters outbound":      "Outgoing traffic",
	"counters rate inbound":  "Incoming traffic",
	"counters rate outbound": "Outgoing traffic",
	"inbound interface":      "Specify an interface",
	"outbound interface":     "Specify an interface",
})
