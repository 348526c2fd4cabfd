package switchctl

import (
	"strconv"
	"strings"
)

// Predefined roles.
const (
	RoleAdmin    = "network-admin"
	RoleOperator = "network-operator"
)

// ValidRole reports whether r is a predefined Comware role: network-admin, network-operator, level-0..15.
func ValidRole(r string) bool {
	if r == RoleAdmin || r == RoleOperator {
		return true
	}
	_, ok := roleLevel(r)
	return ok
}

func roleLevel(r string) (int, bool) {
	s, ok := strings.CutPrefix(r, "level-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 15 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

// roleAllows says what one role may run: network-admin and level-15 everything; level-9..14 all but
// security settings; network-operator and level-1..8 display commands; level-0 ping and tracert.
func roleAllows(role string, p Priv) bool {
	if p == PrivAny {
		return true
	}
	if role == RoleAdmin {
		return true
	}
	if role == RoleOperator {
		return p == PrivRead
	}
	lvl, ok := roleLevel(role)
	switch {
	case !ok:
		return false
	case lvl == 15:
		return true
	case lvl >= 9:
		return p <= PrivWrite
	case lvl >= 1:
		return p <= PrivDiag
	}
	return p == PrivDiag
}

// rolesAllow: a user with several roles may do what any of them may.
func rolesAllow(roles []string, p Priv) bool {
	for _, r := range roles {
		if roleAllows(r, p) {
			return true
		}
	}
	return false
}
