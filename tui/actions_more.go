package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// trunkPlan sets the VLANs a port lets through as a trunk (trunkBody says how).
func trunkPlan(ifname, mode string, current []int, known bool, want []int) (plan, string) {
	b := trunkBody(mode, current, known, want)
	if b.same {
		return plan{}, "the port permits exactly these VLANs already"
	}
	p := plan{title: "set the trunk VLANs of " + ifname, touches: []resource{resIfBrief, resIfRates, resVLANs}, danger: b.danger}
	if b.note != "" {
		p.notes = []string{b.note}
	}
	return withReturn(p, append([]string{"system-view", "interface " + readers.FullIfName(ifname)}, b.lines...)), ""
}

// trunkLines is what a port's interface view runs to permit exactly want as a trunk.
type trunkLines struct {
	lines  []string
	danger bool   // VLANs stop crossing the port
	note   string // what changes, for the confirmation
	same   bool   // nothing to do
}

// trunkBody permits exactly want on a port. From a trunk whose permitted VLANs are known it adds
// and removes only the difference; otherwise it makes the port a trunk (an access port directly, a
// hybrid one through access, as Comware requires) and permits exactly want. Removing VLANs, from a
// trunk or by the change of link type, is disruptive: their traffic stops crossing the port.
func trunkBody(mode string, current []int, known bool, want []int) trunkLines {
	var b trunkLines
	if mode != "trunk" {
		if mode == "hybrid" {
			b.lines = append(b.lines, "port link-type access")
		}
		b.lines = append(b.lines, "port link-type trunk")
		current, known, b.danger = []int{1}, true, true
		b.note = "The port changes from " + mode + " to trunk: its untagged traffic moves to VLAN 1."
	}
	if !known {
		b.danger = true
		b.note = "The VLANs the port permits now were not read: every VLAN but " + readers.FormatVLANList(want) + " stops crossing it."
		b.lines = append(b.lines, "undo port trunk permit vlan all", "port trunk permit vlan "+readers.FormatVLANList(want))
		return b
	}
	var add, del []int
	for _, v := range want {
		if !slices.Contains(current, v) {
			add = append(add, v)
		}
	}
	for _, v := range current {
		if !slices.Contains(want, v) {
			del = append(del, v)
		}
	}
	if len(add) == 0 && len(del) == 0 && !b.danger {
		b.same = true
		return b
	}
	if len(del) > 0 {
		b.lines = append(b.lines, "undo port trunk permit vlan "+readers.FormatVLANList(del))
		if mode == "trunk" {
			b.danger = true
			b.note = fmt.Sprintf("%s no longer crosses the port: its traffic there is cut.", vlanWord(del))
			if len(del) > 1 {
				b.note = fmt.Sprintf("%s no longer cross the port: their traffic there is cut.", vlanWord(del))
			}
		}
	}
	if len(add) > 0 {
		b.lines = append(b.lines, "port trunk permit vlan "+readers.FormatVLANList(add))
	}
	return b
}

// vlanWord names VLANs for a sentence: "VLAN 10", "VLANs 10 20 to 30".
func vlanWord(ids []int) string {
	if len(ids) == 1 {
		return "VLAN " + strconv.Itoa(ids[0])
	}
	return "VLANs " + readers.FormatVLANList(ids)
}

func withReturn(p plan, lines []string) plan {
	p.lines = append(lines, "return")
	return p
}

// addUserPlan creates a device management user for SSH with a password and one role. A new user has
// the role network-operator; another role replaces it.
func addUserPlan(name, password, role string) plan {
	lines := []string{"system-view", "local-user " + name + " class manage", "password simple " + password,
		"service-type ssh", "authorization-attribute user-role " + role}
	if role != "network-operator" {
		lines = append(lines, "undo authorization-attribute user-role network-operator")
	}
	return plan{title: "add local user " + name, touches: []resource{resUsers}, lines: append(lines, "return")}
}

// freeLinePlan ends the login on a VTY line; the device asks to confirm, and the console, having
// asked first, answers Y.
func freeLinePlan(line int, who string) plan {
	return plan{title: fmt.Sprintf("free line vty %d (%s)", line, who), danger: true, touches: []resource{resSessions},
		lines: []string{fmt.Sprintf("free line vty %d", line)}, answers: map[int][]string{0: {"Y"}}}
}

// rebootPlan reboots the device without its own questions (the console asked); every session ends.
func rebootPlan(unsaved bool) plan {
	p := plan{title: "reboot the device", danger: true, ends: true, lines: []string{"reboot force"},
		notes: []string{"Every session ends, this one included; the device starts from its next-startup configuration."}}
	if unsaved {
		p.notes = append(p.notes, "The running configuration is not saved: its changes are lost (esc, then w saves them).")
	}
	return p
}

func (m *Model) actTrunk() tea.Cmd {
	if ps := m.markedPorts(); len(ps) > 0 {
		return m.actTrunkMany(ps)
	}
	name, _, mode, _, _, _ := m.selectedIf()
	info, known := m.data.rates[readers.FullIfName(name)]
	current := readers.VLANList(info.Permitted)
	known = known && mode == "trunk" && info.Permitted != ""
	if mode != "trunk" {
		current = []int{1} // what a port permits once it becomes a trunk
	}
	m.dlg = inputDialog("Trunk VLANs of "+name, "VLANs to permit (e.g. 1 10 20 to 30, or 1,10,20-30):", readers.FormatVLANList(current),
		func(m *Model, v string) (tea.Cmd, string) {
			want, why := vlanListInput(v)
			if why != "" {
				return nil, why
			}
			p, why := trunkPlan(name, mode, current, known, want)
			if why != "" {
				return nil, why
			}
			m.confirm(p)
			return nil, ""
		})
	return nil
}

// vlanListInput reads a typed VLAN list: IDs and ranges (10-20, 10 to 20) separated by blanks or
// commas, each from 1 to 4094.
func vlanListInput(v string) ([]int, string) {
	f := strings.Fields(strings.ReplaceAll(v, ",", " "))
	if len(f) == 0 {
		return nil, "type at least one VLAN"
	}
	var ids []int
	for i := 0; i < len(f); i++ {
		word := f[i]
		lo, hi, ok := readers.VLANRange(word)
		if ok && lo == hi && i+2 < len(f) && strings.EqualFold(f[i+1], "to") {
			h, err := strconv.Atoi(f[i+2])
			word = strings.Join(f[i:i+3], " ")
			hi, ok, i = h, err == nil, i+2
		}
		if !ok || lo < 1 || hi > 4094 || hi < lo {
			return nil, fmt.Sprintf("%q is not a VLAN or range from 1 to 4094", word)
		}
		for id := lo; id <= hi; id++ {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), ""
}

// actAddUser asks for the name, the password (echoed as *) and the role of a new SSH user.
func (m *Model) actAddUser() tea.Cmd {
	m.dlg = inputDialog("New local user", "User name (1-55 characters; not \\ | / : * ? < > @ or blanks):", "",
		func(m *Model, name string) (tea.Cmd, string) {
			name = strings.TrimSpace(name)
			if why := userNameProblem(name); why != "" {
				return nil, why
			}
			for _, u := range m.data.users.local {
				if u.Name == name {
					return nil, "local user " + name + " exists already"
				}
			}
			m.dlg = inputDialog("New local user "+name, "Password (1-63 characters, no blanks; shown as *):", "",
				func(m *Model, pw string) (tea.Cmd, string) {
					if why := passwordProblem(pw); why != "" {
						return nil, why
					}
					m.dlg = inputDialog("New local user "+name, "Role (network-admin, network-operator, level-0 to level-15):", "network-operator",
						func(m *Model, role string) (tea.Cmd, string) {
							role = strings.TrimSpace(role)
							if !validRole(role) {
								return nil, fmt.Sprintf("%q is not a role: network-admin, network-operator or level-0 to level-15", role)
							}
							m.confirm(addUserPlan(name, pw, role))
							return nil, ""
						})
					return nil, ""
				})
			m.dlg.input.secret = true
			return nil, ""
		})
	return nil
}

func userNameProblem(name string) string {
	switch {
	case name == "" || len(name) > 55:
		return "a user name has 1 to 55 characters"
	case strings.ContainsAny(name, "\\|/:*?<>@ \t"):
		return `a user name may not hold \ | / : * ? < > @ or blanks`
	case isOneOf(strings.ToLower(name), "a", "al", "all"):
		return "a, al and all are reserved"
	}
	return badText(name, 55)
}

func passwordProblem(pw string) string {
	switch {
	case pw == "" || len(pw) > 63:
		return "a password has 1 to 63 characters"
	case strings.ContainsAny(pw, " \t\"?"):
		return "a password may not hold blanks, quotes or ?"
	}
	return badText(pw, 63)
}

func validRole(r string) bool {
	if r == "network-admin" || r == "network-operator" {
		return true
	}
	n, ok := strings.CutPrefix(r, "level-")
	lvl, err := strconv.Atoi(n)
	return ok && err == nil && lvl >= 0 && lvl <= 15 && strconv.Itoa(lvl) == n
}

// actFreeLine confirms, then frees the line of the selected session.
func (m *Model) actFreeLine() tea.Cmd {
	s, ok := m.selectedSession()
	if !ok {
		return nil
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(s.line, "VTY "))
	m.confirm(freeLinePlan(n, s.user+" from "+orDash(s.from)))
	return nil
}

func (m *Model) actReboot() tea.Cmd {
	m.confirm(rebootPlan(m.data.unsaved()))
	return nil
}
