package switchctl

// Link aggregation: `interface Bridge-Aggregation N` is a layer-2 interface with the port
// attributes (link type, VLANs, description, shutdown); front-panel ports join it with `port
// link-aggregation group N`. VLAN settings made on the aggregate interface are copied to its
// members, each reported with `Configuring GigabitEthernet1/0/2 done.` [HCL-LAB]. A member is
// Selected when its link is up and its VLAN attributes are the aggregate's; in a dynamic (LACP)
// group its partner must run LACP too: a wired far end in a dynamic group, or a simulated
// neighbour, which always does. The aggregate interface is up while a member is Selected.
// lagg_display.go has the displays.

func laggRows() []Row {
	return []Row{
		{Views: inL2, Path: "port link-aggregation group <agg:1-1024>", Priv: PrivWrite, Run: runAggJoin},
		{Views: inL2, Path: "undo port link-aggregation group", Priv: PrivWrite, Run: runAggJoin},
		{Views: inL2, Path: "link-aggregation mode {dynamic|static}", Priv: PrivWrite, Run: runAggMode},
		{Views: inL2, Path: "undo link-aggregation mode", Priv: PrivWrite, Run: runAggMode},
	}
}

// aggName is the full name of aggregate interface n.
func aggName(n int) string { return IfName{Type: IfBAGG, Num: [3]int{n}}.Full() }

func runAggJoin(c *Ctx) error {
	group := c.A.Int("agg")
	return eachIface(c, func(cfg *Config, i *Iface) error {
		switch {
		case i.Name.Type == IfBAGG:
			return refuse(ErrUnsupported, "An aggregate interface cannot join an aggregation group.")
		case group == 0:
			i.AggGroup = 0
			return nil
		case cfg.Ifaces[aggName(group)] == nil:
			return refuse(ErrNotFound, "The aggregate interface %s does not exist.", aggName(group))
		case i.AggGroup != 0 && i.AggGroup != group:
			return refuse(ErrInUse, "The port is already in aggregation group %d.", i.AggGroup)
		}
		i.AggGroup = group
		return nil
	})
}

func runAggMode(c *Ctx) error {
	dynamic := c.A.Has("dynamic")
	return eachIface(c, func(_ *Config, i *Iface) error {
		if i.Name.Type != IfBAGG {
			return refuse(ErrUnsupported, "This command is available only on aggregate interfaces.")
		}
		i.LACP = dynamic
		return nil
	})
}

// eachPort is eachIface for the VLAN attributes: on an aggregate interface the change is made on
// its members too, in the same update, and each member is reported as Comware reports it.
func eachPort(c *Ctx, f func(cfg *Config, i *Iface) error) error {
	var members []string
	err := c.D.update(func(cfg *Config) error {
		for _, name := range targets(c) {
			i := cfg.Ifaces[name]
			if i == nil {
				return refuse(ErrNotFound, "The interface does not exist.")
			}
			if err := f(cfg, i); err != nil {
				return err
			}
			if i.Name.Type != IfBAGG {
				continue
			}
			for _, m := range cfg.aggMembers(i.Name.Num[0]) {
				if err := f(cfg, m); err != nil {
					return err
				}
				members = append(members, m.Name.Full())
			}
		}
		return nil
	})
	if err == nil {
		for _, m := range members {
			c.Printf("Configuring %s done.\n", m)
		}
	}
	return err
}

// aggMembers are the member ports of aggregation group n, in panel order.
func (c *Config) aggMembers(n int) []*Iface {
	var out []*Iface
	for _, f := range c.sortedIfaces() {
		if f.AggGroup == n && (f.Name.Type == IfGE || f.Name.Type == IfXGE) {
			out = append(out, f)
		}
	}
	return out
}

// sameVLANAttrs reports whether a member's VLAN attributes are its aggregate interface's, as a
// Selected member's must be.
func sameVLANAttrs(m, agg *Iface) bool {
	if m.LinkType != agg.LinkType || m.PVID != agg.PVID {
		return false
	}
	switch m.LinkType {
	case LinkAccess:
		return m.AccessVLAN == agg.AccessVLAN
	case LinkTrunk:
		return m.Trunk == agg.Trunk
	}
	return m.HybridTag == agg.HybridTag && m.HybridUntag == agg.HybridUntag
}

// renderAgg writes the aggregation lines of an interface, after its VLAN lines.
func (f *Iface) renderAgg(r *renderer) {
	if f.Name.Type == IfBAGG && f.LACP {
		r.line(" link-aggregation mode dynamic")
	}
	if f.AggGroup != 0 {
		r.line(" port link-aggregation group %d", f.AggGroup)
	}
}

var laggHelp = pathHelp(laggRows(), map[string]string{
	"link-aggregation":                 "Link aggregation",
	"port link-aggregation":            "Link aggregation",
	"port link-aggregation group":      "Add the port to an aggregation group",
	"undo port link-aggregation group": "Remove the port from its aggregation group",
	"link-aggregation mode":            "Specify the aggregation mode",
	"link-aggregation mode dynamic":    "Dynamic aggregation (LACP)",
	"link-aggregation mode static":     "Static aggregation",
	"undo link-aggregation mode":       "Restore static aggregation",
})

var laggArgHelp = map[string]string{
	"agg": "Aggregation group number",
}
