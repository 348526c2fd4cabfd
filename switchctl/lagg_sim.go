package switchctl

import "net"

// PortAgg is a port's aggregation as its far end sees it over a wired link: its group, 0 for
// none, and whether the group runs LACP.
type PortAgg struct {
	Group   int
	Dynamic bool
}

// PortAggregation is port n's aggregation: what FarEnd.Agg of the device wired to it reports.
func (d *Device) PortAggregation(n IfName) PortAgg {
	var pa PortAgg
	d.read(func(c *Config) {
		f := c.Ifaces[n.Full()]
		if f == nil || f.AggGroup == 0 {
			return
		}
		pa.Group = f.AggGroup
		if agg := c.Ifaces[aggName(f.AggGroup)]; agg != nil {
			pa.Dynamic = agg.LACP
		}
	})
	return pa
}

// aggMember is a member port's state in its group.
type aggMember struct {
	f        *Iface
	selected bool
	partner  net.HardwareAddr // the LACP partner's system MAC; nil without one
	farIndex int              // the partner's port index
	farKey   int              // the partner's operational key
}

// memberSelected reports whether member m of aggregate interface agg is Selected, and its LACP
// partner's system MAC (nil in a static group). A wired member's partner is the far device; the
// simulated members of a group share one simulated partner switch, as members must to aggregate.
func (s *simulation) memberSelected(agg, m *Iface) (bool, net.HardwareAddr) {
	l := s.links[m.Name.Full()]
	if agg.Shutdown || l == nil || !l.up || !sameVLANAttrs(m, agg) {
		return false, nil
	}
	if !agg.LACP {
		return true, nil
	}
	name := m.Name.Full()
	if w := s.wired[name]; w != nil {
		st, ok := s.far[name]
		if ok && st.aggKnown && !(st.agg.Group != 0 && st.agg.Dynamic) {
			return false, nil // the far port runs no LACP
		}
		return true, w.peer.chassis
	}
	return true, simMAC(ouiSwitch, s.hash("lacp-partner", uint64(agg.Name.Num[0])))
}

// aggUp is whether an aggregate interface is up: some member is Selected.
func (s *simulation) aggUp(cfg *Config, agg *Iface) bool {
	for _, m := range cfg.Ifaces { // every sync asks: no sorting here
		if m.AggGroup != agg.Name.Num[0] || (m.Name.Type != IfGE && m.Name.Type != IfXGE) {
			continue
		}
		if ok, _ := s.memberSelected(agg, m); ok {
			return true
		}
	}
	return false
}

// aggMembers is the state of agg's members for the displays.
func (v *simView) aggMembers(agg *Iface) []aggMember {
	var out []aggMember
	for _, m := range v.cfg.aggMembers(agg.Name.Num[0]) {
		sel, partner := v.s.memberSelected(agg, m)
		am := aggMember{f: m, selected: sel}
		if partner != nil {
			am.partner = partner
			am.farIndex, am.farKey = portIndex(v.s.model, m.Name), agg.Name.Num[0]
			if w := v.s.wired[m.Name.Full()]; w != nil {
				am.farIndex = portIndex(w.far.Model, w.far.Port)
				if st, ok := v.s.far[m.Name.Full()]; ok && st.aggKnown {
					am.farKey = st.agg.Group
				}
			}
		}
		out = append(out, am)
	}
	return out
}

// aggSpeed is an aggregate interface's bandwidth in Mbps: its Selected members' sum.
func (v *simView) aggSpeed(agg *Iface) int {
	total := 0
	for _, m := range v.aggMembers(agg) {
		if m.selected {
			total += 1000
			if m.f.Name.Type == IfXGE {
				total += 9000
			}
		}
	}
	return total
}

// bridgePort is where the MAC table learns an address that came in on port n: its aggregate
// interface when n is a member.
func (c *Config) bridgePort(n IfName) IfName {
	if f := c.Ifaces[n.Full()]; f != nil && f.AggGroup != 0 && c.Ifaces[aggName(f.AggGroup)] != nil {
		return IfName{Type: IfBAGG, Num: [3]int{f.AggGroup}}
	}
	return n
}
