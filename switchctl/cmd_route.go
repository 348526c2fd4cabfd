package switchctl

import (
	"net/netip"
	"slices"
	"strings"
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

// routeKey is what makes two static routes one entry: the same prefix through the same way out. The
// configuration keys its routes by it, so that typing a route again (or loading a file of many
// thousands) finds the old entry at once instead of searching the list.
type routeKey struct {
	Dest    netip.Addr
	Prefix  int
	NextHop netip.Addr
	Iface   string
}

func (rt Route) key() routeKey {
	return routeKey{Dest: rt.Dest, Prefix: rt.Prefix, NextHop: rt.NextHop, Iface: rt.Iface}
}

// sortedRoutes is the static routes in a stable order (destination, prefix, next hop, interface), so
// that the configuration renders the same whatever order the routes were typed in. Sorting when asked
// keeps adding a route cheap.
func (c *Config) sortedRoutes() []Route {
	rs := make([]Route, 0, len(c.Routes))
	for _, rt := range c.Routes {
		rs = append(rs, rt)
	}
	slices.SortFunc(rs, func(a, b Route) int {
		if c := a.Dest.Compare(b.Dest); c != 0 {
			return c
		}
		if a.Prefix != b.Prefix {
			return a.Prefix - b.Prefix
		}
		if c := a.NextHop.Compare(b.NextHop); c != 0 {
			return c
		}
		return strings.Compare(a.Iface, b.Iface)
	})
	return rs
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
		cfg.Routes[rt.key()] = rt // typed again: the new preference replaces the old
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
		if !all {
			if rt, ok := cfg.Routes[want.key()]; ok && (!c.A.IsSet("pref") || rt.Preference == c.A.Int("pref")) {
				delete(cfg.Routes, want.key())
			}
			return nil
		}
		for k, rt := range cfg.Routes {
			if rt.Dest == dest && rt.Prefix == prefix && (!c.A.IsSet("pref") || rt.Preference == c.A.Int("pref")) {
				delete(cfg.Routes, k)
			}
		}
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
