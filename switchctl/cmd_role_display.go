package switchctl

import (
	"fmt"
	"strings"
)

// roleDisplayRows are display role and display history-command all, which [RBAC-WP] and [CLI-EN]
// have in every view.
func roleDisplayRows() []Row {
	return []Row{
		{Views: InAll, Path: "display role [name <role:word:1-63>]", Priv: PrivRead, Run: runDisplayRole, Display: true},
	}
}

var roleDisplayHelp = map[string]string{
	"display role":                "Display user role information",
	"display role name":           "Specify a user role",
	"display history-command all": "Display the commands run on all lines",
}

// roleRule is one line of a role's rule table.
type roleRule struct {
	perm, entity string
}

// predefinedRoles describe the predefined roles as vtyd's RBAC (roleAllows) applies them.
var predefinedRoles = map[string]struct {
	desc  string
	rules []roleRule
}{
	RoleAdmin:    {"Predefined network admin role", []roleRule{{"RWX", "*"}}},
	RoleOperator: {"Predefined network operator role", []roleRule{{"R--", "display *"}, {"R--", "xml"}, {"R--", "dir *"}, {"R--", "more *"}}},
}

// roleRules are the rules of a predefined role, by roleAllows.
func roleRules(name string) (string, []roleRule, bool) {
	if p, ok := predefinedRoles[name]; ok {
		return p.desc, p.rules, true
	}
	lvl, ok := roleLevel(name)
	if !ok {
		return "", nil, false
	}
	desc := fmt.Sprintf("Predefined level-%d role", lvl)
	switch {
	case lvl == 15:
		return desc, []roleRule{{"RWX", "*"}}, true
	case lvl >= 9:
		return desc, []roleRule{{"RWX", "*"}, {"---", "local-user *"}, {"---", "public-key *"}, {"---", "ssh *"}}, true
	case lvl >= 1:
		return desc, []roleRule{{"R--", "display *"}, {"--X", "ping *"}, {"--X", "tracert *"}}, true
	}
	return desc, []roleRule{{"--X", "ping *"}, {"--X", "tracert *"}}, true
}

func runDisplayRole(c *Ctx) error {
	var names []string
	custom := map[string]string{}
	c.D.read(func(cfg *Config) {
		for n, r := range cfg.Roles {
			custom[n] = r.Description
		}
	})
	if c.A.IsSet("role") {
		name := c.A.Str("role")
		_, _, pre := roleRules(name)
		if _, ok := custom[name]; !ok && !pre {
			return refuse(ErrNotFound, "The role %s does not exist.", name)
		}
		names = []string{name}
	} else {
		names = []string{RoleAdmin, RoleOperator}
		for n := 0; n <= 15; n++ {
			names = append(names, fmt.Sprintf("level-%d", n))
		}
		for _, n := range sortedKeys(custom) {
			if _, _, pre := roleRules(n); !pre {
				names = append(names, n)
			}
		}
	}
	dash := "  " + strings.Repeat("-", 67)
	for i, name := range names {
		if i > 0 {
			c.Println("")
		}
		desc, rules, _ := roleRules(name)
		if d, ok := custom[name]; ok && d != "" {
			desc = d
		}
		c.Printf("Role: %s\n", escapeUnsafe(name))
		c.Printf("  Description: %s\n", escapeUnsafe(desc))
		c.Println("  VLAN policy: permit (default)\n  Interface policy: permit (default)\n  VPN instance policy: permit (default)")
		c.Println(dash)
		c.Println("  Rule    Perm  Type  Scope         Entity")
		c.Println(dash)
		for k, r := range rules {
			c.Printf("  %-8s%-6s%-20s%s\n", fmt.Sprintf("sys-%d", k+1), r.perm, "Command", r.entity)
		}
		c.Println("  R:Read W:Write X:Execute")
	}
	return nil
}
