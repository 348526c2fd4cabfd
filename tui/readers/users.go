package readers

import (
	"strconv"
	"strings"
)

// UserLine is a logged-in line of `display users`, with the user and location from the details.
type UserLine struct {
	Current  bool   // the "+" mark: the session that ran the command
	Idx      int    // absolute line index
	Line     string // VTY 0
	Idle     string // hh:mm:ss or "old"
	Time     string // login time as printed: May 29 15:45:11
	Pid      int
	Type     string // SSH, TEL, PAD
	User     string // without "@system"
	Location string
}

// ParseUsers reads `display users` (and `display users all`, whose idle lines are skipped).
func ParseUsers(text string) ([]UserLine, error) {
	var out []UserLine
	seen, details := false, false
	var cur *UserLine
	for _, line := range lines(text) {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "Idx") && strings.Contains(t, "Line"):
			seen = true
			continue
		case strings.HasPrefix(t, "Following are more details"):
			details = true
			continue
		case !seen || t == "":
			continue
		}
		if !details {
			if u, ok := parseUserRow(line); ok {
				out = append(out, u)
			}
			continue
		}
		if name, ok := strings.CutSuffix(t, ":"); ok {
			cur = nil
			name = strings.TrimSpace(name)
			for i := range out {
				if out[i].Line == name {
					cur = &out[i]
				}
			}
			continue
		}
		if cur == nil {
			continue
		}
		k, v, _ := strings.Cut(t, ":")
		switch strings.TrimSpace(k) {
		case "User name":
			cur.User = strings.TrimSuffix(strings.TrimSpace(v), "@system")
		case "Location":
			cur.Location = strings.TrimSpace(v)
		}
	}
	if !seen {
		return nil, ErrFormat
	}
	return out, nil
}

// parseUserRow reads "+ 177  VTY 0    00:00:00   May 29 15:45:11   1011    SSH"; rows of free lines
// (no idle time) are not logins.
func parseUserRow(line string) (UserLine, bool) {
	f := strings.Fields(line)
	var u UserLine
	if len(f) > 0 && (f[0] == "+" || f[0] == "F") {
		u.Current, f = true, f[1:]
	}
	if len(f) < 9 {
		return u, false
	}
	idx, err := strconv.Atoi(f[0])
	if err != nil {
		return u, false
	}
	u.Idx, u.Line, u.Idle = idx, f[1]+" "+f[2], f[3]
	u.Time = strings.Join(f[4:7], " ")
	u.Pid, _ = strconv.Atoi(f[7])
	u.Type = f[8]
	return u, true
}
