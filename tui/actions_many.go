package tui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// The Interfaces actions over the marked ports (plan_many.go builds their plans), and which keys
// apply to the marks, the sort and the Users and Routing actions.

func (m *Model) actShutMany(ps []port, shut bool) tea.Cmd {
	p := shutManyPlan(ps, shut)
	if !shut {
		m.confirm(p)
		return nil
	}
	var cut []string
	for _, x := range ps {
		if x.link != "ADM" {
			cut = append(cut, x.name)
		}
	}
	return m.confirmShutImpact(p, cut)
}

func (m *Model) actDescribeMany(ps []port) tea.Cmd {
	m.dlg = inputDialog(fmt.Sprintf("Description of %s", plural(len(ps), "port")),
		"Description for "+portNames(names(ps))+" (up to 255 characters; empty removes it):", "",
		func(m *Model, v string) (tea.Cmd, string) {
			if why := badText(v, 255); why != "" {
				return nil, why
			}
			m.confirm(describeManyPlan(ps, v))
			return nil, ""
		})
	return nil
}

// actAccessMany asks for the VLAN of several ports, or of one trunk or hybrid port that becomes an
// access port.
func (m *Model) actAccessMany(ps []port) tea.Cmd {
	if len(ps) == 0 {
		return nil
	}
	title, value := fmt.Sprintf("Access VLAN of %s", plural(len(ps), "port")), ""
	if len(ps) == 1 {
		title = "Access VLAN of " + ps[0].name + " (now a " + ps[0].mode + " port)"
		value = ps[0].pvid
	}
	m.dlg = inputDialog(title, "VLAN ID (1-4094) for "+portNames(names(ps))+":", value, func(m *Model, v string) (tea.Cmd, string) {
		id, why := vlanID(v, 1)
		if why != "" {
			return nil, why
		}
		p := accessManyPlan(ps, id)
		if len(ps) == 1 {
			p.title = fmt.Sprintf("make %s an access port in VLAN %d", ps[0].name, id)
		}
		m.confirm(p)
		return nil, ""
	})
	return nil
}

func (m *Model) actTrunkMany(ps []port) tea.Cmd {
	current := func(p port) ([]int, bool) {
		info, known := m.data.rates[readers.FullIfName(p.name)]
		if p.mode != "trunk" {
			return []int{1}, true
		}
		return readers.VLANList(info.Permitted), known && info.Permitted != ""
	}
	m.dlg = inputDialog(fmt.Sprintf("Trunk VLANs of %s", plural(len(ps), "port")),
		"VLANs to permit on "+portNames(names(ps))+" (e.g. 1 10 20 to 30, or 1,10,20-30):", "",
		func(m *Model, v string) (tea.Cmd, string) {
			want, why := vlanListInput(v)
			if why != "" {
				return nil, why
			}
			p, why := trunkManyPlan(ps, current, want)
			if why != "" {
				return nil, why
			}
			m.confirm(p)
			return nil, ""
		})
	return nil
}

// syncTableKeys enables the sort and mark keys where a table is shown, the port actions by what the
// marked ports are, and the Users and Routing actions.
func (m *Model) syncTableKeys() {
	k := &m.keys
	t := m.currentTable()
	noTable := when(t == nil || m.detail != nil, "only in views with a table")
	k.Sort.set(noTable)
	k.SortOrder.set(noTable)
	noMarks := when(t == nil || t.marks == nil || m.detail != nil, "only in the Interfaces view")
	k.Mark.set(noMarks)
	k.MarkRange.set(noMarks)
	k.MarkAll.set(noMarks)

	ro := when(!m.canWrite(), "read-only role "+m.opt.Role)
	if ps := m.markedPorts(); len(ps) > 0 && ro == "" {
		up := slices.ContainsFunc(ps, func(p port) bool { return p.link != "ADM" })
		adm := slices.ContainsFunc(ps, func(p port) bool { return p.link == "ADM" })
		l2 := !slices.ContainsFunc(ps, func(p port) bool { return !isOneOf(p.mode, "access", "trunk", "hybrid") })
		k.Shut.set(when(!up, "every marked port is shut down already"))
		k.NoShut.set(when(!adm, "no marked port is shut down"))
		k.Describe.set("")
		k.Access.set(when(!l2, "a marked port is not a layer-2 port"))
		k.Trunk.set(when(!l2, "a marked port is not a layer-2 port"))
	} else if _, _, mode, _, _, ok := m.selectedIf(); ok && ro == "" && m.detail == nil && isOneOf(mode, "trunk", "hybrid") {
		k.Access.set("") // a trunk or hybrid port becomes an access port
	}
	m.syncUserRouteKeys(ro)
}
