package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// tryAction runs f when the binding is enabled, else shows why it is not.
func (m *Model) tryAction(b Binding, f func() tea.Cmd) tea.Cmd {
	if !b.Enabled() {
		m.setStatus(b.Help().Desc+": "+b.Why, true)
		return nil
	}
	return f()
}

// selectedIf is the interface under the cursor of the Interfaces view.
func (m *Model) selectedIf() (name, link, mode, pvid, desc string, ok bool) {
	r, ok := m.ifs.selected()
	if !ok || m.view != viewInterfaces {
		return "", "", "", "", "", false
	}
	return r[0], r[1], r[4], r[5], r[8], true
}

// selectedVLAN is the VLAN under the cursor of the VLANs view.
func (m *Model) selectedVLAN() (id int, name string, ok bool) {
	r, ok := m.vlans.selected()
	if !ok || m.view != viewVLANs {
		return 0, "", false
	}
	id, _ = strconv.Atoi(r[0])
	return id, r[1], true
}

func (m *Model) actShut(shut bool) tea.Cmd {
	if ps := m.markedPorts(); len(ps) > 0 {
		return m.actShutMany(ps, shut)
	}
	name, _, _, _, _, _ := m.selectedIf()
	if shut {
		return m.confirmShutImpact(shutPlan(name, shut), []string{name})
	}
	m.confirm(shutPlan(name, shut))
	return nil
}

func (m *Model) actDescribe() tea.Cmd {
	if ps := m.markedPorts(); len(ps) > 0 {
		return m.actDescribeMany(ps)
	}
	name, _, _, _, desc, _ := m.selectedIf()
	m.dlg = inputDialog("Description of "+name, "Description (up to 255 characters; empty removes it):", desc,
		func(m *Model, v string) (tea.Cmd, string) {
			if why := badText(v, 255); why != "" {
				return nil, why
			}
			m.confirm(describePlan(name, v))
			return nil, ""
		})
	return nil
}

func (m *Model) actAccess() tea.Cmd {
	ps := m.markedPorts()
	if r, ok := m.ifs.selected(); ok && len(ps) == 0 {
		ps = []port{portOf(r)}
	}
	if len(ps) != 1 || ps[0].mode != "access" {
		return m.actAccessMany(ps) // several ports, or a trunk or hybrid port becoming an access port
	}
	name, pvid := ps[0].name, ps[0].pvid
	m.dlg = inputDialog("Access VLAN of "+name, "VLAN ID (1-4094):", pvid, func(m *Model, v string) (tea.Cmd, string) {
		id, why := vlanID(v, 1)
		if why != "" {
			return nil, why
		}
		m.confirm(accessPlan(name, id))
		return nil, ""
	})
	return nil
}

func (m *Model) actRenameVLAN() tea.Cmd {
	id, name, _ := m.selectedVLAN()
	m.dlg = inputDialog(fmt.Sprintf("Rename VLAN %d", id), "Name (up to 32 characters; empty restores the default):", name,
		func(m *Model, v string) (tea.Cmd, string) {
			if why := badText(v, 32); why != "" {
				return nil, why
			}
			m.confirm(renameVLANPlan(id, strings.TrimSpace(v)))
			return nil, ""
		})
	return nil
}

func (m *Model) actDeleteVLAN() tea.Cmd {
	id, _, _ := m.selectedVLAN()
	return m.confirmDeleteVLANImpact(deleteVLANPlan(id), id)
}

// vlanID reads a VLAN ID from lo to 4094.
func vlanID(v string, lo int) (int, string) {
	id, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || id < lo || id > 4094 {
		return 0, fmt.Sprintf("%q is not a VLAN ID from %d to 4094", v, lo)
	}
	return id, ""
}

// badText says why a text typed for a command cannot be used, or "".
func badText(v string, maxLen int) string {
	if _, bad := hasControl(v); bad {
		return "control characters are not allowed"
	}
	if len(v) > maxLen {
		return fmt.Sprintf("%d characters: at most %d", len(v), maxLen)
	}
	return ""
}

// syncKeys enables the keys that apply to what is on screen and disables the others with the
// reason, for the help and for the status line when one is pressed anyway.
func (m *Model) syncKeys() {
	k := &m.keys
	ro := ""
	if !m.canWrite() {
		ro = "read-only role " + m.opt.Role
	}
	only := func(v viewID) string {
		if m.view != v || m.detail != nil {
			return "only in the " + v.String() + " view"
		}
		return ""
	}
	first := func(ws ...string) string {
		for _, w := range ws {
			if w != "" {
				return w
			}
		}
		return ""
	}
	_, link, mode, _, _, hasIf := m.selectedIf()
	noIf := ""
	if !hasIf {
		noIf = "no interface selected"
	}
	k.Shut.set(first(ro, only(viewInterfaces), noIf, when(link == "ADM", "the port is shut down already")))
	k.NoShut.set(first(ro, only(viewInterfaces), noIf, when(link != "ADM", "the port is not shut down")))
	k.Describe.set(first(ro, only(viewInterfaces), noIf))
	k.Access.set(first(ro, only(viewInterfaces), noIf, when(mode != "access", "the port is a "+mode+" port: port access vlan needs an access port")))
	k.Trunk.set(first(ro, only(viewInterfaces), noIf, when(hasIf && !isOneOf(mode, "access", "trunk", "hybrid"), "not a layer-2 port")))
	id, _, hasVLAN := m.selectedVLAN()
	noVLAN := when(!hasVLAN, "no VLAN selected")
	k.NewVLAN.set(first(ro, only(viewVLANs)))
	k.RenameVLAN.set(first(ro, only(viewVLANs), noVLAN))
	k.DeleteVLAN.set(first(ro, only(viewVLANs), noVLAN, when(id == 1, "VLAN 1 is the default VLAN and cannot be deleted")))
	k.Save.set(first(ro, when(m.busy, "an action is running")))
	sess, hasSess := m.selectedSession()
	k.FreeLine.set(first(ro, only(viewSessions), when(!hasSess, "no session selected"),
		when(sess.own, "this is your own line: quit to end it"),
		when(hasSess && sess.line == "-", "the session holds no VTY line (SFTP, SCP or a single command)")))
	sec := when(!m.canManageUsers(), "role "+m.opt.Role+" cannot manage users (network-admin or level-15 can)")
	k.AddUser.set(first(ro, sec, only(viewUsers)))
	k.Reboot.set(first(ro, when(m.view != viewDashboard && m.view != viewConfig || m.detail != nil, "only in the Dashboard and Configuration views"),
		when(m.busy, "an action is running")))
	k.FullConfig.set(first(only(viewConfig), when(!m.data.unsaved(), "no changes to show")))
	k.Filter.set(when(m.currentTable() == nil || m.detail != nil, "only in views with a table"))
	m.syncTableKeys() // sort, marks, plans over marked ports, users and routes (actions_many.go)
	k.Open.set(when(m.focus == focusMain && m.currentTable() == nil, "nothing to open here"))
	m.syncReadKeys()
}

func when(cond bool, why string) string {
	if cond {
		return why
	}
	return ""
}
