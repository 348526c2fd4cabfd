package gateway

import (
	"strings"

	"vtyd/sshsrv"
)

// Select implements sshsrv.Gateway: a fan-out's selector resolved with the policy of Reach. Names
// and patterns match without regard to case, as Reach finds core1 for Core1.
func (f *Front) Select(account string, terms []sshsrv.Term) ([]sshsrv.Selected, error) {
	u, ok := f.users.Lookup(account)
	if !ok {
		return nil, nil
	}
	reachable := f.Reachable(account)
	var out []sshsrv.Selected
	var refused []string
	seen := map[*Device]bool{}
	add := func(d *Device) {
		if !seen[d] {
			seen[d] = true
			out = append(out, f.selected(d, u))
		}
	}
	for _, t := range terms {
		if t.Kind == sshsrv.TermName {
			if d, _, ok := f.device(account, t.Pattern); ok {
				add(d)
			} else {
				refused = append(refused, t.Pattern)
			}
			continue
		}
		for _, d := range reachable {
			if termMatches(t, d) {
				add(d)
			}
		}
	}
	if refused != nil {
		return nil, &sshsrv.UnreachableError{Devices: refused}
	}
	return out, nil
}

// selected is d as a device of u's fan-out: its route as Reach gives it, or why it cannot be run.
func (f *Front) selected(d *Device, u *User) sshsrv.Selected {
	s := sshsrv.Selected{Name: d.Name, Route: sshsrv.Route{Roles: u.Role.DeviceRoles()}}
	switch {
	case d.Server != nil:
		s.Route.Server = d.Server
	case d.Remotes[u.Role] != nil:
		s.Route.Remote = d.Remotes[u.Role]
	case d.State != "":
		s.Down = d.State
	case d.Remotes != nil:
		s.Down = "the gateway has no account on this switch for role " + string(u.Role)
	default:
		s.Down = "not serving"
	}
	return s
}

// termMatches reports whether a glob or tag term of a selector takes d.
func termMatches(t sshsrv.Term, d *Device) bool {
	pattern := strings.ToLower(t.Pattern)
	if t.Kind == sshsrv.TermTag {
		for _, tag := range d.Tags {
			if globMatch(pattern, strings.ToLower(tag)) {
				return true
			}
		}
		return false
	}
	return globMatch(pattern, strings.ToLower(d.Name))
}
