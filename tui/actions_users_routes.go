package tui

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// The Users tab's delete, password reset and role change, and the Routing view's static routes:
// each a plan of the commands an operator would type, shown before it runs.

func deleteUserPlan(name string, hasSSH bool) plan {
	lines := []string{"system-view", "undo local-user " + name + " class manage"}
	p := plan{title: "delete local user " + name, danger: true, touches: []resource{resUsers}}
	if hasSSH {
		lines = append(lines, "undo ssh user "+name)
	}
	p.notes = []string{"The user cannot log in any more; a session open now stays until it ends."}
	return withReturn(p, lines)
}

func passwordPlan(name, password string) plan {
	return plan{title: "reset the password of " + name, touches: []resource{resUsers},
		lines: []string{"system-view", "local-user " + name + " class manage", "password simple " + password, "return"}}
}

// rolePlan gives a user exactly one role: the new one first, so the user never has none, then the
// others taken away.
func rolePlan(name string, old []string, role string) plan {
	lines := []string{"system-view", "local-user " + name + " class manage", "authorization-attribute user-role " + role}
	for _, r := range old {
		if r != role {
			lines = append(lines, "undo authorization-attribute user-role "+r)
		}
	}
	return plan{title: fmt.Sprintf("give %s the role %s", name, role), touches: []resource{resUsers}, lines: append(lines, "return")}
}

// selectedLocalUser is the user under the cursor of the Users tab.
func (m *Model) selectedLocalUser() (name string, roles []string, ok bool) {
	if m.view != viewUsers || m.tab[viewUsers] != 0 || m.detail != nil {
		return "", nil, false
	}
	r, ok := m.locals.selected()
	if !ok {
		return "", nil, false
	}
	for _, x := range strings.Split(r[1], ",") {
		if x = strings.TrimSpace(x); x != "" {
			roles = append(roles, x)
		}
	}
	return r[0], roles, true
}

func (m *Model) actDeleteUser() tea.Cmd {
	name, _, _ := m.selectedLocalUser()
	hasSSH := slices.ContainsFunc(m.data.users.ssh, func(u readers.SSHUser) bool { return u.Name == name })
	m.confirm(deleteUserPlan(name, hasSSH))
	return nil
}

func (m *Model) actPassword() tea.Cmd {
	name, _, _ := m.selectedLocalUser()
	m.dlg = inputDialog("Password of "+name, "New password (1-63 characters, no blanks; shown as *):", "",
		func(m *Model, pw string) (tea.Cmd, string) {
			if why := passwordProblem(pw); why != "" {
				return nil, why
			}
			m.confirm(passwordPlan(name, pw))
			return nil, ""
		})
	m.dlg.input.secret = true
	return nil
}

func (m *Model) actRole() tea.Cmd {
	name, roles, _ := m.selectedLocalUser()
	m.dlg = inputDialog("Role of "+name, "Role (network-admin, network-operator, level-0 to level-15); it replaces "+
		orDash(strings.Join(roles, ", "))+":", "", func(m *Model, role string) (tea.Cmd, string) {
		role = strings.TrimSpace(role)
		if !validRole(role) {
			return nil, fmt.Sprintf("%q is not a role: network-admin, network-operator or level-0 to level-15", role)
		}
		if len(roles) == 1 && roles[0] == role {
			return nil, name + " has this role already"
		}
		m.confirm(rolePlan(name, roles, role))
		return nil, ""
	})
	return nil
}

// staticRoute is a route as the Routing view's add and delete take it.
type staticRoute struct {
	dest netip.Prefix
	via  string // a next hop address or an interface name
	pref int    // 0: the default
}

func (r staticRoute) args() string {
	s := fmt.Sprintf("%s %d %s", r.dest.Addr(), r.dest.Bits(), r.via)
	if r.pref > 0 {
		s += " preference " + strconv.Itoa(r.pref)
	}
	return s
}

// routeInput reads "10.99.0.0/16 10.10.0.254 [preference 70]"; the mask may be dotted.
func routeInput(v string) (staticRoute, string) {
	f := strings.Fields(v)
	const form = "type DESTINATION/LENGTH NEXT-HOP [preference 1-255], e.g. 10.99.0.0/16 10.10.0.254"
	if len(f) >= 3 && !strings.Contains(f[0], "/") { // a dotted mask: 10.99.0.0 255.255.0.0 NEXT-HOP
		f = append([]string{f[0] + "/" + f[1]}, f[2:]...)
	}
	if len(f) != 2 && len(f) != 4 {
		return staticRoute{}, form
	}
	var r staticRoute
	dest, mask, _ := strings.Cut(f[0], "/")
	a, err := netip.ParseAddr(dest)
	if err != nil || !a.Is4() {
		return r, fmt.Sprintf("%q is not an IPv4 address; %s", dest, form)
	}
	bits, err := strconv.Atoi(mask)
	if err != nil {
		if bits = dottedMask(mask); bits < 0 {
			return r, fmt.Sprintf("%q is not a mask length (0-32) or a dotted mask", mask)
		}
	}
	if bits < 0 || bits > 32 {
		return r, fmt.Sprintf("%q is not a mask length (0-32) or a dotted mask", mask)
	}
	r.dest = netip.PrefixFrom(a, bits).Masked()
	if nh, err := netip.ParseAddr(f[1]); err == nil && nh.Is4() {
		r.via = nh.String()
	} else if c := f[1][0]; (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') && strings.ContainsAny(f[1], "0123456789") {
		r.via = readers.FullIfName(f[1]) // an interface: the device says if it has none of that name
	} else {
		return r, fmt.Sprintf("%q is neither a next-hop address nor an interface", f[1])
	}
	if len(f) == 4 {
		n, err := strconv.Atoi(f[3])
		if !strings.EqualFold(f[2], "preference") || err != nil || n < 1 || n > 255 {
			return r, "after the next hop: preference 1-255"
		}
		r.pref = n
	}
	return r, ""
}

// dottedMask is the length of a dotted mask, -1 when it is none.
func dottedMask(s string) int {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return -1
	}
	b := a.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n := 0
	for n < 32 && v&(1<<(31-n)) != 0 {
		n++
	}
	if n < 32 && v<<n != 0 {
		return -1
	}
	return n
}

func addRoutePlan(r staticRoute) plan {
	return plan{title: "add a static route to " + r.dest.String(), touches: []resource{resRouting},
		lines: []string{"system-view", "ip route-static " + r.args(), "return"}}
}

func deleteRoutePlan(r staticRoute) plan {
	return plan{title: "delete the static route to " + r.dest.String() + " via " + r.via, danger: true, touches: []resource{resRouting},
		notes: []string{"Traffic to " + r.dest.String() + " follows the next best route, or is dropped if there is none."},
		lines: []string{"system-view", "undo ip route-static " + r.args(), "return"}}
}

func (m *Model) actAddRoute() tea.Cmd {
	m.dlg = inputDialog("New static route", "Destination and next hop (10.99.0.0/16 10.10.0.254 [preference 70]):", "",
		func(m *Model, v string) (tea.Cmd, string) {
			r, why := routeInput(v)
			if why != "" {
				return nil, why
			}
			m.confirm(addRoutePlan(r))
			return nil, ""
		})
	return nil
}

// selectedStaticRoute is the static route under the cursor of the Routes tab.
func (m *Model) selectedStaticRoute() (staticRoute, bool) {
	if m.view != viewRouting || m.tab[viewRouting] != 0 || m.detail != nil {
		return staticRoute{}, false
	}
	row, ok := m.routes.selected()
	if !ok || row[1] != "Static" {
		return staticRoute{}, false
	}
	p, err := netip.ParsePrefix(row[0])
	if err != nil {
		return staticRoute{}, false
	}
	r := staticRoute{dest: p, via: row[4]}
	if nh, err := netip.ParseAddr(row[4]); err != nil || nh.IsUnspecified() {
		r.via = readers.FullIfName(row[5])
	}
	return r, true
}

func (m *Model) actDeleteRoute() tea.Cmd {
	r, _ := m.selectedStaticRoute()
	m.confirm(deleteRoutePlan(r))
	return nil
}

// syncUserRouteKeys enables the Users and Routing actions; ro is why the role cannot write, or "".
func (m *Model) syncUserRouteKeys(ro string) {
	k := &m.keys
	first := func(ws ...string) string {
		for _, w := range ws {
			if w != "" {
				return w
			}
		}
		return ""
	}
	sec := when(!m.canManageUsers(), "role "+m.opt.Role+" cannot manage users (network-admin or level-15 can)")
	name, _, hasUser := m.selectedLocalUser()
	noUser := when(!hasUser, "only on a user of the Users tab")
	k.DeleteUser.set(first(ro, sec, noUser, when(name == m.opt.User, "you are logged in as "+name)))
	k.Password.set(first(ro, sec, noUser))
	k.Role.set(first(ro, sec, noUser, when(name == m.opt.User, "you are logged in as "+name+": another administrator changes your role")))
	inRoutes := when(m.view != viewRouting || m.tab[viewRouting] != 0 || m.detail != nil, "only in the Routes tab of Routing")
	k.AddRoute.set(first(ro, inRoutes))
	_, static := m.selectedStaticRoute()
	k.DeleteRoute.set(first(ro, inRoutes, when(!static, "only a static route can be deleted")))
}
