package switchctl

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// ACL is an IPv4 access control list: basic ones match the source, advanced ones also the protocol
// and destination. Rules are kept in ID order, which is the order they match in (match-order config).
type ACL struct {
	Number      int
	Description string
	Rules       []ACLRule
}

// ACLRule is one permit or deny rule; an invalid address means "any".
type ACLRule struct {
	ID       int
	Permit   bool
	Proto    string // advanced ACLs: ip, tcp, udp, icmp
	Src, Dst netip.Addr
	SrcWild  netip.Addr
	DstWild  netip.Addr
}

const aclStep = 5 // Comware numbers rules 0, 5, 10... when no ID is given

func aclRows() []Row {
	addr := "[source {<src:ip> <srcwild:ip>|any}]"
	return []Row{
		{Views: InSystem, Path: "acl {basic <basic:2000-2999>|advanced <adv:3000-3999>|number <num:2000-3999>} [match-order config]",
			Priv: PrivSecurity, Run: runACL, Move: Enter, Target: aclTarget},
		{Views: InSystem, Path: "undo acl {basic <basic:2000-2999>|advanced <adv:3000-3999>|number <num:2000-3999>}", Priv: PrivSecurity, Run: runUndoACL},
		{Views: InACL, Path: "rule [<id:0-65534>] {permit|deny} " + addr, Priv: PrivSecurity, Run: runRule},
		{Views: InACL, Path: "rule [<id:0-65534>] {permit|deny} {ip|tcp|udp|icmp} " + addr + " [destination {<dst:ip> <dstwild:ip>|any}]",
			Priv: PrivSecurity, Run: runRule},
		{Views: InACL, Path: "undo rule <id:0-65534>", Priv: PrivSecurity, Run: runUndoRule},
		{Views: InACL, Path: "description <text:text:1-127>", Priv: PrivSecurity, Run: runACLDescription},
		{Views: InACL, Path: "undo description", Priv: PrivSecurity, Run: runACLDescription},
		{Views: InAll, Path: "display acl {all|<n:2000-3999>}", Priv: PrivRead, Run: runDisplayACL, Display: true},
	}
}

func aclNumber(a *Args) int {
	for _, k := range []string{"basic", "adv", "num"} {
		if a.IsSet(k) {
			return a.Int(k)
		}
	}
	return 0
}

func aclTarget(c *Ctx) (View, error) { return View{Kind: ViewACL, ID: aclNumber(c.A)}, nil }

func runACL(c *Ctx) error {
	n := aclNumber(c.A)
	return c.D.update(func(cfg *Config) error {
		if cfg.ACLs[n] == nil {
			cfg.ACLs[n] = &ACL{Number: n}
		}
		return nil
	})
}

func runUndoACL(c *Ctx) error {
	n := aclNumber(c.A)
	return c.D.update(func(cfg *Config) error {
		if cfg.ACLs[n] == nil {
			return refuse(ErrNotFound, "The ACL does not exist.")
		}
		delete(cfg.ACLs, n)
		return nil
	})
}

func withACL(c *Ctx, f func(a *ACL) error) error {
	n := c.S.View().ID
	return c.D.update(func(cfg *Config) error {
		a := cfg.ACLs[n]
		if a == nil {
			return refuse(ErrNotFound, "The ACL does not exist.")
		}
		return f(a)
	})
}

func runRule(c *Ctx) error {
	adv := c.S.View().ID >= 3000
	proto := ""
	for _, p := range []string{"ip", "tcp", "udp", "icmp"} {
		if c.A.Has(p) {
			proto = p
		}
	}
	if adv != (proto != "") {
		if adv {
			return &ParseError{Kind: Incomplete, Pos: len(strings.TrimRight(c.line, " ")) + 1}
		}
		return refuse(ErrInvalidValue, "Protocols can only be matched by advanced ACLs.")
	}
	r := ACLRule{Permit: c.A.Has("permit"), Proto: proto, Src: c.A.IP("src"), SrcWild: c.A.IP("srcwild"),
		Dst: c.A.IP("dst"), DstWild: c.A.IP("dstwild")}
	return withACL(c, func(a *ACL) error {
		r.ID = nextRuleID(a)
		if c.A.IsSet("id") {
			r.ID = c.A.Int("id")
		}
		for i := range a.Rules {
			if a.Rules[i].ID == r.ID {
				a.Rules[i] = r
				return nil
			}
		}
		a.Rules = append(a.Rules, r)
		sort.Slice(a.Rules, func(i, j int) bool { return a.Rules[i].ID < a.Rules[j].ID })
		return nil
	})
}

func nextRuleID(a *ACL) int {
	if len(a.Rules) == 0 {
		return 0
	}
	return (a.Rules[len(a.Rules)-1].ID/aclStep + 1) * aclStep
}

func runUndoRule(c *Ctx) error {
	id := c.A.Int("id")
	return withACL(c, func(a *ACL) error {
		for i := range a.Rules {
			if a.Rules[i].ID == id {
				a.Rules = append(a.Rules[:i], a.Rules[i+1:]...)
				return nil
			}
		}
		return refuse(ErrNotFound, "The rule does not exist.")
	})
}

func runACLDescription(c *Ctx) error {
	return withACL(c, func(a *ACL) error { a.Description = c.A.Str("text"); return nil })
}

// text is the rule as configuration and displays write it.
func (r ACLRule) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule %d ", r.ID)
	if r.Permit {
		b.WriteString("permit")
	} else {
		b.WriteString("deny")
	}
	if r.Proto != "" {
		b.WriteString(" " + r.Proto)
	}
	if r.Src.IsValid() {
		fmt.Fprintf(&b, " source %s %s", r.Src, r.SrcWild)
	}
	if r.Dst.IsValid() {
		fmt.Fprintf(&b, " destination %s %s", r.Dst, r.DstWild)
	}
	return b.String()
}

func (a *ACL) render(r *renderer) {
	kind := "basic"
	if a.Number >= 3000 {
		kind = "advanced"
	}
	r.line("acl %s %d", kind, a.Number)
	if a.Description != "" {
		r.line(" description %s", quoteText(a.Description))
	}
	for _, rule := range a.Rules {
		r.line(" %s", rule.text())
	}
}

// renderACLs writes every ACL block, in number order.
func (c *Config) renderACLs(r *renderer) {
	ids := make([]int, 0, len(c.ACLs))
	for n := range c.ACLs {
		ids = append(ids, n)
	}
	sort.Ints(ids)
	for _, n := range ids {
		r.sep()
		c.ACLs[n].render(r)
	}
}

// Permits reports whether the ACL lets traffic from src through; the first matching rule decides
// and an ACL with no matching rule permits, as Comware's login ACLs do for unmatched sources.
func (a *ACL) Permits(src netip.Addr) bool {
	for _, r := range a.Rules {
		if !r.Src.IsValid() || wildMatch(src, r.Src, r.SrcWild) {
			return r.Permit
		}
	}
	return true
}

func wildMatch(ip, base, wild netip.Addr) bool {
	if !ip.Is4() {
		return false
	}
	a, b, w := ip.As4(), base.As4(), wild.As4()
	for i := range a {
		if a[i]&^w[i] != b[i]&^w[i] {
			return false
		}
	}
	return true
}

// SSHPermits reports whether `ssh server acl` lets a client address in (no ACL, or a missing one:
// everyone).
func (d *Device) SSHPermits(src netip.Addr) bool {
	ok := true
	d.read(func(c *Config) {
		if a := c.ACLs[c.SSH.ACL]; c.SSH.ACL != 0 && a != nil {
			ok = a.Permits(src.Unmap())
		}
	})
	return ok
}

func runDisplayACL(c *Ctx) error {
	c.D.read(func(cfg *Config) {
		ids := []int{}
		for n := range cfg.ACLs {
			if c.A.Has("all") || n == c.A.Int("n") {
				ids = append(ids, n)
			}
		}
		sort.Ints(ids)
		for _, n := range ids {
			a := cfg.ACLs[n]
			kind := "Basic"
			if n >= 3000 {
				kind = "Advanced"
			}
			c.Printf("%s IPv4 ACL %d, %d rule(s),\nACL's step is %d, start ID is 0\n", kind, n, len(a.Rules), aclStep)
			if a.Description != "" {
				c.Printf("%s\n", a.Description)
			}
			for _, r := range a.Rules {
				c.Printf(" %s\n", r.text())
			}
			c.Println("")
		}
	})
	return nil
}

var aclHelp = pathHelp(aclRows(), map[string]string{
	"acl":         "Specify ACL configuration information",
	"basic":       "Specify a basic ACL",
	"advanced":    "Specify an advanced ACL",
	"number":      "Specify an ACL by number",
	"match-order": "Set the match order of the ACL rules",
	"config":      "Match rules in the order they were configured",
	"undo acl":    "Delete an ACL",
	"rule":        "Specify an ACL rule",
	"permit":      "Permit matching packets",
	"deny":        "Deny matching packets",
	"undo rule":   "Delete an ACL rule",
	"display acl": "ACL information",
	"all":         "All ACLs",
	"source":      "Specify a source address",
	"destination": "Specify a destination address",
	"any":         "Any address",
	"ip":          "Any IP protocol",
	"tcp":         "TCP protocol",
	"udp":         "UDP protocol",
	"icmp":        "ICMP protocol",
})

var aclArgHelp = map[string]string{
	"basic": "Basic ACL number", "adv": "Advanced ACL number", "num": "ACL number", "id": "Rule ID",
	"src": "Source address", "srcwild": "Wildcard of the source", "dst": "Destination address",
	"dstwild": "Wildcard of the destination", "n": "ACL number",
}
