package switchctl

import (
	"net/netip"
	"sort"
)

const routeTail = "{<nh:ip>|<if:ifname> [<nh:ip>]} [preference <pref:1-255>]"

func routeRows() []Row {
	return []Row{
		{Views: InSystem, Path: "ip route-static <dest:ip> <mask:mask> " + routeTail, Priv: PrivWrite, Run: runRouteStatic},
		{Views: InSystem, Path: "undo ip route-static <dest:ip> <mask:mask> [" + routeTail + "]", Priv: PrivWrite, Run: runUndoRouteStatic},
	}
}

// routeArgs reads a route from the command line. Comware keeps the network of the destination, so
// host bits are cleared; a next hop must be a unicast address.
func routeArgs(c *Ctx) (Route, error) {
	prefix := c.A.Int("mask")
	dest := netip.PrefixFrom(c.A.IP("dest"), prefix).Masked().Addr()
	if dest.IsLoopback() || dest.IsMulticast() || dest.As4()[0] >= 240 {
		return Route{}, refuse(ErrInvalidValue, "Invalid destination address.")
	}
	rt := Route{Dest: dest, Prefix: prefix, Preference: defaultPreference}
	if c.A.IsSet("nh") {
		nh := c.A.IP("nh")
		if nh.IsUnspecified() || nh.IsLoopback() || nh.IsMulticast() || nh.As4()[0] >= 240 {
			return Route{}, refuse(ErrInvalidValue, "Invalid next hop address.")
		}
		rt.NextHop = nh
	}
	if c.A.IsSet("if") {
		rt.Iface = c.A.If("if").Full()
	}
	if c.A.IsSet("pref") {
		rt.Preference = c.A.Int("pref")
	}
	return rt, nil
}

// sameRoute reports whether two routes are one entry: the same prefix through the same way out.
func sameRoute(a, b Route) bool {
	return a.Dest == b.Dest && a.Prefix == b.Prefix && a.NextHop == b.NextHop && a.Iface == b.Iface
}

// sortRoutes keeps routes in a stable order (destination, prefix, next hop, interface) so that the
// configuration renders the same whatever order the routes were typed in.
func sortRoutes(rs []Route) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if c := a.Dest.Compare(b.Dest); c != 0 {
			return c < 0
		}
		if a.Prefix != b.Prefix {
			return a.Prefix < b.Prefix
		}
		if c := a.NextHop.Compare(b.NextHop); c != 0 {
			return c < 0
		}
		return a.Iface < b.Iface
	})
}

func runRouteStatic(c *Ctx) error {
	rt, err := routeArgs(c)
	if err != nil {
		return err
	}
	return c.D.update(func(cfg *Config) error {
		if rt.Iface != "" {
			f := cfg.Ifaces[rt.Iface]
			// Only layer-3 interfaces carry routes; a bridge port or a Vlan-interface that was never
			// created is a wrong parameter, as on the switch.
			if f == nil || !(f.Name.Routed() || f.Name.Type == IfNull) {
				return &ParseError{Kind: WrongParam, Pos: c.A.Pos("if")}
			}
		}
		for i := range cfg.Routes {
			if sameRoute(cfg.Routes[i], rt) { // typed again: the new preference replaces the old
				cfg.Routes[i].Preference = rt.Preference
				return nil
			}
		}
		cfg.Routes = append(cfg.Routes, rt)
		sortRoutes(cfg.Routes)
		return nil
	})
}

// runUndoRouteStatic removes the route that matches the line, or every route to the prefix when no
// next hop or interface is given. Removing a route that is not there is not an error.
func runUndoRouteStatic(c *Ctx) error {
	prefix := c.A.Int("mask")
	dest := netip.PrefixFrom(c.A.IP("dest"), prefix).Masked().Addr()
	want := Route{Dest: dest, Prefix: prefix}
	if c.A.IsSet("nh") {
		want.NextHop = c.A.IP("nh")
	}
	if c.A.IsSet("if") {
		want.Iface = c.A.If("if").Full()
	}
	all := !c.A.IsSet("nh") && !c.A.IsSet("if")
	return c.D.update(func(cfg *Config) error {
		kept := cfg.Routes[:0]
		for _, rt := range cfg.Routes {
			match := rt.Dest == dest && rt.Prefix == prefix && (all || sameRoute(rt, want))
			if match && c.A.IsSet("pref") && rt.Preference != c.A.Int("pref") {
				match = false
			}
			if !match {
				kept = append(kept, rt)
			}
		}
		cfg.Routes = kept
		return nil
	})
}

var routeHelp = map[string]string{
	"ip route-static":                 "Configure static routes",
	"undo ip route-static":            "Remove static routes",
	"ip route-static preference":      "Specify the preference of the static route",
	"undo ip route-static preference": "Specify the preference of the static route",
}

var routeArgHelp = map[string]string{
	"dest": "Destination IP address",
	"nh":   "Next hop address",
	"pref": "Preference value",
}
