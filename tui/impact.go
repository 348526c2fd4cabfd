package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// Impact in previews: before a disruptive plan is confirmed the console reads what it would cut,
// now rather than from a table that may be minutes old, and says it under the commands: the LLDP
// neighbour behind a port being shut, the ports, VLAN interface and routes of a VLAN being deleted.
// A read that fails says so; the plan is still shown, never silently without its impact.

// impactMsg is a plan with what it would cut, read from the device.
type impactMsg struct {
	plan plan
}

// confirmShutImpact reads the LLDP neighbours, then confirms the plan that shuts ports down.
func (m *Model) confirmShutImpact(p plan, ports []string) tea.Cmd {
	sh, ctx := m.b.Console(), m.opt.Context
	m.setStatus("reading the LLDP neighbours ...", false)
	return func() tea.Msg {
		r := read(ctx, sh, resLLDP, false)
		ns, _ := r.value.([]readers.LLDPNeighbor)
		if r.value == nil {
			p.notes = append(p.notes, "The LLDP neighbours could not be read ("+r.err+"): what is behind the ports is unknown.")
			return impactMsg{plan: p}
		}
		p.notes = append(p.notes, neighbourNotes(ns, ports)...)
		return impactMsg{plan: p}
	}
}

// neighbourNotes names the LLDP neighbour behind each of ports that has one.
func neighbourNotes(ns []readers.LLDPNeighbor, ports []string) []string {
	var hit []string
	for _, n := range ns {
		if slices.ContainsFunc(ports, func(p string) bool { return readers.MatchIfName(n.LocalIf, p) }) {
			who := CleanLine(n.SystemName)
			if who == "" {
				who = CleanLine(n.ChassisID)
			}
			hit = append(hit, fmt.Sprintf("%s → %s (its port %s)", n.LocalIf, who, CleanLine(n.PortID)))
		}
	}
	if len(hit) == 0 {
		return nil
	}
	return []string{"LLDP neighbours cut off: " + strings.Join(hit, ", ") + "."}
}

// confirmDeleteVLANImpact reads the IP interfaces and routes, then confirms the plan that deletes
// VLAN id, naming its member ports, its VLAN interface and the routes over that.
func (m *Model) confirmDeleteVLANImpact(p plan, id int) tea.Cmd {
	var members []string
	for _, v := range m.data.vlans {
		if v.ID == id {
			members = v.Ports
		}
	}
	if len(members) > 0 {
		p.notes = append(p.notes, fmt.Sprintf("Member ports: %s. Access ports among them go back to VLAN 1; trunks stop carrying VLAN %d.",
			portNames(members), id))
	}
	sh, ctx := m.b.Console(), m.opt.Context
	m.setStatus("reading the VLAN interfaces and routes ...", false)
	return func() tea.Msg {
		r := read(ctx, sh, resRouting, false)
		rp, ok := r.value.(routingPair)
		if !ok {
			p.notes = append(p.notes, "The routing table could not be read ("+r.err+"): routes over Vlan-interface"+fmt.Sprint(id)+" are unknown.")
			return impactMsg{plan: p}
		}
		p.notes = append(p.notes, vlanIfNotes(rp, id)...)
		return impactMsg{plan: p}
	}
}

// vlanIfNotes says what deleting VLAN id does to its VLAN interface and the routes over it.
func vlanIfNotes(rp routingPair, id int) []string {
	vif := fmt.Sprintf("Vlan-interface%d", id)
	var out []string
	for _, i := range rp.ifs {
		if readers.FullIfName(i.Name) == vif {
			out = append(out, fmt.Sprintf("%s (%s) loses its VLAN and goes down.", vif, orDash(CleanLine(i.IP))))
		}
	}
	var routes []string
	for _, r := range rp.table.Entries {
		if readers.FullIfName(r.Interface) != vif || r.Proto == "Direct" && strings.HasSuffix(r.Destination, "/32") {
			continue // the interface's own host routes say nothing more than its subnet does
		}
		s := CleanLine(r.Destination) + " (" + CleanLine(r.Proto)
		if r.Proto != "Direct" && r.NextHop != "" {
			s += " via " + CleanLine(r.NextHop)
		}
		routes = append(routes, s+")")
	}
	if len(routes) > 0 {
		out = append(out, "Routes over "+vif+" stop: "+strings.Join(routes, ", ")+".")
	}
	return out
}

// impactRead confirms a plan whose impact has been read, unless the operator has moved on to
// another dialog meanwhile.
func (m *Model) impactRead(msg impactMsg) {
	if m.dlg != nil {
		return
	}
	m.setStatus("", false)
	m.confirm(msg.plan)
}
