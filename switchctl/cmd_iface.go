package switchctl

const inL2 = InIfPort | InIfRange

func ifaceRows() []Row {
	return []Row{
		{Views: InSystem, Path: "interface <if:ifname>", Priv: PrivWrite, Run: runIfEnter, Move: Enter, Target: ifTarget},
		{Views: InSystem, Path: "interface range <ifs:iflist>", Priv: PrivWrite, Move: Enter, Target: ifRangeTarget},
		{Views: InSystem, Path: "undo interface <if:ifname>", Priv: PrivWrite, Run: runIfUndo},
		{Views: InAnyIf, Path: "description <text:text:1-255>", Priv: PrivWrite, Run: runIfDescription},
		{Views: InAnyIf, Path: "undo description", Priv: PrivWrite, Run: runIfDescription},
		{Views: InAnyIf, Path: "shutdown", Priv: PrivWrite, Run: runIfShutdown},
		{Views: InAnyIf, Path: "undo shutdown", Priv: PrivWrite, Run: runIfShutdown},
		{Views: inL2, Path: "port link-type {access|trunk|hybrid}", Priv: PrivWrite, Run: runLinkType},
		{Views: inL2, Path: "undo port link-type", Priv: PrivWrite, Run: runLinkType},
		{Views: inL2, Path: "port access vlan <vlan:1-4094>", Priv: PrivWrite, Run: runAccessVLAN},
		{Views: inL2, Path: "undo port access vlan", Priv: PrivWrite, Run: runAccessVLAN},
		{Views: inL2, Path: "port trunk permit vlan {<vlans:vlanlist>|all}", Priv: PrivWrite, Run: runTrunkPermit},
		{Views: inL2, Path: "undo port trunk permit vlan {<vlans:vlanlist>|all}", Priv: PrivWrite, Run: runTrunkPermit},
		{Views: inL2, Path: "port trunk pvid vlan <vlan:1-4094>", Priv: PrivWrite, Run: runPVID},
		{Views: inL2, Path: "undo port trunk pvid", Priv: PrivWrite, Run: runPVID},
		{Views: inL2, Path: "port hybrid vlan <vlans:vlanlist> {tagged|untagged}", Priv: PrivWrite, Run: runHybridVLAN},
		{Views: inL2, Path: "undo port hybrid vlan <vlans:vlanlist>", Priv: PrivWrite, Run: runHybridVLAN},
		{Views: inL2, Path: "port hybrid pvid vlan <vlan:1-4094>", Priv: PrivWrite, Run: runPVID},
		{Views: inL2, Path: "undo port hybrid pvid", Priv: PrivWrite, Run: runPVID},
		{Views: InIfRoute, Path: "ip address <ip:ip> <mask:mask> [sub]", Priv: PrivWrite, Run: runIPAddress},
		{Views: InIfRoute, Path: "undo ip address [<ip:ip> <mask:mask> [sub]]", Priv: PrivWrite, Run: runIPAddress},
	}
}

func ifTarget(c *Ctx) (View, error) {
	n := c.A.If("if")
	if n.Type == IfGE || n.Type == IfXGE || n.Type == IfBAGG {
		return View{Kind: ViewIfPort, Name: n.Full()}, nil
	}
	return View{Kind: ViewIfRoute, Name: n.Full()}, nil
}

func ifRangeTarget(c *Ctx) (View, error) {
	var names []string
	for _, n := range c.A.Ifs("ifs") {
		if n.Type != IfGE && n.Type != IfXGE {
			return View{}, &ParseError{Kind: WrongParam, Pos: c.A.Pos("ifs")}
		}
		names = append(names, n.Full())
	}
	return View{Kind: ViewIfRange, Ifaces: names}, nil
}

// runIfEnter creates a Vlan-interface or LoopBack on first entry, as Comware does.
func runIfEnter(c *Ctx) error {
	n := c.A.If("if")
	return c.D.update(func(cfg *Config) error {
		if cfg.Ifaces[n.Full()] == nil {
			cfg.addIface(n)
		}
		return nil
	})
}

func runIfUndo(c *Ctx) error {
	n := c.A.If("if")
	if n.Type != IfVlan && n.Type != IfLoop && n.Type != IfBAGG {
		return refuse(ErrUnsupported, "This interface cannot be deleted.")
	}
	return c.D.update(func(cfg *Config) error {
		if cfg.Ifaces[n.Full()] == nil {
			return refuse(ErrNotFound, "The interface does not exist.")
		}
		delete(cfg.Ifaces, n.Full())
		if n.Type == IfBAGG { // its members leave the group
			for _, m := range cfg.Ifaces {
				if m.AggGroup == n.Num[0] {
					m.AggGroup = 0
				}
			}
		}
		for k, r := range cfg.Routes { // routes out of a deleted interface go with it
			if r.Iface == n.Full() {
				delete(cfg.Routes, k)
			}
		}
		return nil
	})
}

// targets are the interfaces the current view configures.
func targets(c *Ctx) []string {
	v := c.S.View()
	if v.Kind == ViewIfRange {
		return v.Ifaces
	}
	return []string{v.Name}
}

// eachIface applies f to every interface of the view under one lock: a range changes all or none.
func eachIface(c *Ctx, f func(cfg *Config, i *Iface) error) error {
	return c.D.update(func(cfg *Config) error {
		for _, name := range targets(c) {
			i := cfg.Ifaces[name]
			if i == nil {
				return refuse(ErrNotFound, "The interface does not exist.")
			}
			if err := f(cfg, i); err != nil {
				return err
			}
		}
		return nil
	})
}

func runIfDescription(c *Ctx) error {
	return eachIface(c, func(_ *Config, i *Iface) error { i.Description = c.A.Str("text"); return nil })
}

func runIfShutdown(c *Ctx) error {
	down := !c.A.Has("undo")
	if err := eachIface(c, func(_ *Config, i *Iface) error { i.Shutdown = down; return nil }); err != nil {
		return err
	}
	if !down {
		c.D.reopen(targets(c))
	}
	c.D.SimSync() // the link follows at once, with its PHY_UPDOWN and LINK_UPDOWN log lines
	return nil
}

func runLinkType(c *Ctx) error {
	want := LinkAccess
	switch {
	case c.A.Has("trunk"):
		want = LinkTrunk
	case c.A.Has("hybrid"):
		want = LinkHybrid
	}
	return eachPort(c, func(_ *Config, i *Iface) error {
		if i.LinkType == want {
			return nil
		}
		if i.LinkType != LinkAccess && want != LinkAccess {
			return refuse(ErrInUse, "Please set the link type of the port to access first.")
		}
		i.LinkType, i.PVID = want, 1
		i.Trunk, i.HybridTag, i.HybridUntag = NewVLANSet(1), VLANSet{}, NewVLANSet(1)
		return nil
	})
}

func runAccessVLAN(c *Ctx) error {
	id := 1
	if c.A.IsSet("vlan") {
		id = c.A.Int("vlan")
	}
	return eachPort(c, func(cfg *Config, i *Iface) error {
		if i.LinkType != LinkAccess {
			return refuse(ErrInUse, "Please set the link type of the port to access first.")
		}
		if cfg.VLANs[id] == nil {
			return refuse(ErrNotFound, "VLAN %d does not exist.", id)
		}
		i.AccessVLAN = id
		return nil
	})
}

func vlanArg(c *Ctx) []int {
	if c.A.Has("all") {
		ids := make([]int, 4094)
		for k := range ids {
			ids[k] = k + 1
		}
		return ids
	}
	return c.A.Ints("vlans")
}

func runTrunkPermit(c *Ctx) error {
	ids, undo := vlanArg(c), c.A.Has("undo")
	return eachPort(c, func(_ *Config, i *Iface) error {
		if i.LinkType != LinkTrunk {
			return refuse(ErrInUse, "Please set the link type of the port to trunk first.")
		}
		for _, id := range ids {
			if undo {
				i.Trunk.Remove(id)
			} else {
				i.Trunk.Add(id)
			}
		}
		return nil
	})
}

func runPVID(c *Ctx) error {
	id := 1
	if c.A.IsSet("vlan") {
		id = c.A.Int("vlan")
	}
	want := LinkTrunk
	if c.A.Has("hybrid") {
		want = LinkHybrid
	}
	return eachPort(c, func(_ *Config, i *Iface) error {
		if i.LinkType != want {
			return refuse(ErrInUse, "Please set the link type of the port to %s first.", want)
		}
		i.PVID = id
		return nil
	})
}

func runHybridVLAN(c *Ctx) error {
	ids, undo, tagged := c.A.Ints("vlans"), c.A.Has("undo"), c.A.Has("tagged")
	return eachPort(c, func(_ *Config, i *Iface) error {
		if i.LinkType != LinkHybrid {
			return refuse(ErrInUse, "Please set the link type of the port to hybrid first.")
		}
		for _, id := range ids {
			i.HybridTag.Remove(id)
			i.HybridUntag.Remove(id)
			switch {
			case undo:
			case tagged:
				i.HybridTag.Add(id)
			default:
				i.HybridUntag.Add(id)
			}
		}
		return nil
	})
}

func runIPAddress(c *Ctx) error {
	undo, sub := c.A.Has("undo"), c.A.Has("sub")
	return eachIface(c, func(_ *Config, i *Iface) error {
		if i.Name.Type == IfNull {
			return refuse(ErrUnsupported, "This operation is not supported on the NULL interface.")
		}
		if undo && !c.A.IsSet("ip") {
			i.Addrs = nil
			return nil
		}
		a := IfAddr{Addr: c.A.IP("ip"), Prefix: c.A.Int("mask"), Sub: sub}
		for k, old := range i.Addrs {
			if old.Addr == a.Addr && old.Prefix == a.Prefix {
				if undo {
					i.Addrs = append(i.Addrs[:k], i.Addrs[k+1:]...)
				}
				return nil
			}
			if undo {
				continue
			}
			if !sub && !old.Sub { // a new primary address replaces the old one
				i.Addrs[k] = a
				return nil
			}
		}
		if undo {
			return refuse(ErrNotFound, "The IP address does not exist on the interface.")
		}
		if a.Prefix == 32 && i.Name.Type != IfLoop || a.Prefix == 0 {
			return refuse(ErrInvalidValue, "Invalid mask.")
		}
		if !sub {
			i.Addrs = append([]IfAddr{a}, i.Addrs...)
		} else {
			i.Addrs = append(i.Addrs, a)
		}
		return nil
	})
}

// truncDesc cuts a description to what the brief table shows.
func truncDesc(s string) string {
	if len(s) > 27 {
		return s[:27]
	}
	return s
}
