package readers

import (
	"strings"
)

// LocalUser is one user block of `display local-user`.
type LocalUser struct {
	Name     string
	Class    string   // manage (device management user) or network
	State    string   // Active, Blocked
	Services []string // SSH, Telnet, Terminal, ... as printed
	Group    string
	Roles    []string // the user role list
}

// ParseLocalUsers reads `display local-user`. Role lists that wrap continue on the next lines.
func ParseLocalUsers(text string) ([]LocalUser, error) {
	var out []LocalUser
	seen := false
	var cur *LocalUser
	inRoles := false
	for _, line := range lines(text) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "Total ") && strings.Contains(t, "local user") {
			seen = true
			continue
		}
		if name, ok := userHeading(t); ok {
			seen = true
			class := "manage"
			if strings.HasPrefix(t, "Network access") {
				class = "network"
			}
			out = append(out, LocalUser{Name: name, Class: class})
			cur, inRoles = &out[len(out)-1], false
			continue
		}
		if cur == nil || t == "" {
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok || strings.Contains(k, ",") {
			if inRoles { // a wrapped role list
				cur.Roles = append(cur.Roles, splitList(t, ",")...)
			}
			continue
		}
		v = strings.TrimSpace(v)
		inRoles = false
		switch strings.TrimSpace(k) {
		case "State":
			cur.State = v
		case "Service type":
			cur.Services = splitList(v, "/")
		case "User group":
			cur.Group = v
		case "User role list":
			cur.Roles, inRoles = splitList(v, ","), true
		}
	}
	if !seen {
		return nil, ErrFormat
	}
	return out, nil
}

// userHeading reads "Device management user NAME:" and "Network access user NAME:".
func userHeading(t string) (string, bool) {
	for _, p := range []string{"Device management user ", "Network access user "} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			return strings.TrimSuffix(rest, ":"), true
		}
	}
	return "", false
}

// splitList splits a printed list, dropping blanks and empty items.
func splitList(s, sep string) []string {
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
