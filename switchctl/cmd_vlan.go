package switchctl

import (
	"fmt"
	"strings"
)

func vlanRows() []Row {
	return []Row{
		{Views: InSystem, Path: "vlan <vlan:1-4094>", Priv: PrivWrite, Run: runVLANCreate, Move: Enter,
			Target: func(c *Ctx) (View, error) { return View{Kind: ViewVLAN, ID: c.A.Int("vlan")}, nil }},
		{Views: InSystem, Path: "vlan <vlan:1-4094> to <last:1-4094>", Priv: PrivWrite, Run: runVLANRange},
		{Views: InSystem, Path: "undo vlan <vlan:1-4094> [to <last:1-4094>]", Priv: PrivWrite, Run: runVLANUndo},
		{Views: InVLAN, Path: "name <name:text:1-32>", Priv: PrivWrite, Run: runVLANAttr},
		{Views: InVLAN, Path: "undo name", Priv: PrivWrite, Run: runVLANAttr},
		{Views: InVLAN, Path: "description <text:text:1-255>", Priv: PrivWrite, Run: runVLANAttr},
		{Views: InVLAN, Path: "undo description", Priv: PrivWrite, Run: runVLANAttr},
		{Views: InAll, Path: "display vlan", Priv: PrivRead, Run: runDisplayVLANSummary, Display: true},
		{Views: InAll, Path: "display vlan brief", Priv: PrivRead, Run: runDisplayVLANBrief, Display: true},
		{Views: InAll, Path: "display vlan {all|<vlan:1-4094>}", Priv: PrivRead, Run: runDisplayVLANDetail, Display: true},
	}
}

func vlanSpan(c *Ctx) (int, int, error) {
	lo, hi := c.A.Int("vlan"), c.A.Int("vlan")
	if c.A.IsSet("last") {
		hi = c.A.Int("last")
		if hi < lo {
			return 0, 0, &ParseError{Kind: WrongParam, Pos: c.A.Pos("last")}
		}
	}
	return lo, hi, nil
}

func runVLANCreate(c *Ctx) error {
	id := c.A.Int("vlan")
	return c.D.update(func(cfg *Config) error {
		if cfg.VLANs[id] == nil {
			cfg.VLANs[id] = &VLAN{ID: id}
		}
		return nil
	})
}

func runVLANRange(c *Ctx) error {
	lo, hi, err := vlanSpan(c)
	if err != nil {
		return err
	}
	return c.D.update(func(cfg *Config) error {
		for id := lo; id <= hi; id++ {
			if cfg.VLANs[id] == nil {
				cfg.VLANs[id] = &VLAN{ID: id}
			}
		}
		return nil
	})
}

func runVLANUndo(c *Ctx) error {
	lo, hi, err := vlanSpan(c)
	if err != nil {
		return err
	}
	if lo == 1 {
		return refuse(ErrInUse, "The default VLAN cannot be deleted.")
	}
	return c.D.update(func(cfg *Config) error {
		for id := lo; id <= hi; id++ {
			if cfg.VLANs[id] == nil {
				continue
			}
			delete(cfg.VLANs, id)
			for _, f := range cfg.Ifaces {
				if f.AccessVLAN == id { // ports of a deleted VLAN go back to VLAN 1, as on the switch
					f.AccessVLAN = 1
				}
			}
		}
		return nil
	})
}

func runVLANAttr(c *Ctx) error {
	id := c.S.View().ID
	return c.D.update(func(cfg *Config) error {
		v := cfg.VLANs[id]
		if v == nil {
			return refuse(ErrNotFound, "VLAN %d does not exist.", id)
		}
		switch {
		case c.A.Has("name"):
			v.Name = c.A.Str("name")
		case c.A.Has("description"):
			v.Description = c.A.Str("text")
		}
		return nil
	})
}

// VLANName is the name a VLAN displays: its configured name or "VLAN 0010".
func (v *VLAN) displayName() string {
	if v.Name != "" {
		return v.Name
	}
	return fmt.Sprintf("VLAN %04d", v.ID)
}

func runDisplayVLANSummary(c *Ctx) error {
	c.D.read(func(cfg *Config) {
		ids := cfg.sortedVLANs()
		c.Printf(" Total VLANs: %d\n The VLANs include:\n", len(ids))
		list := vlanDisplayList(ids)
		if len(ids) > 0 && ids[0] == 1 {
			list = "1(default)"
			if rest := vlanDisplayList(ids[1:]); rest != "" {
				list += ", " + rest
			}
		}
		c.Printf(" %s\n", list)
	})
	return nil
}

// vlanMembers lists the ports carrying a VLAN, tagged and untagged, by short name.
func (cfg *Config) vlanMembers(id int) (tagged, untagged []string) {
	for _, f := range cfg.sortedIfaces() {
		if f.Name.Routed() || f.Name.Type == IfNull {
			continue
		}
		switch f.LinkType {
		case LinkAccess:
			if f.AccessVLAN == id {
				untagged = append(untagged, f.Name.Full())
			}
		case LinkTrunk:
			if f.Trunk.Has(id) {
				if f.PVID == id {
					untagged = append(untagged, f.Name.Full())
				} else {
					tagged = append(tagged, f.Name.Full())
				}
			}
		case LinkHybrid:
			if f.HybridUntag.Has(id) {
				untagged = append(untagged, f.Name.Full())
			} else if f.HybridTag.Has(id) {
				tagged = append(tagged, f.Name.Full())
			}
		}
	}
	return tagged, untagged
}

func runDisplayVLANBrief(c *Ctx) error {
	c.D.read(func(cfg *Config) {
		c.Printf("Brief information about all VLANs:\nSupported Minimum VLAN ID: 1\nSupported Maximum VLAN ID: 4094\nDefault VLAN ID: 1\n")
		c.Printf("%-10s%-33s%s\n", "VLAN ID", "Name", "Port")
		for _, id := range cfg.sortedVLANs() {
			v := cfg.VLANs[id]
			t, u := cfg.vlanMembers(id)
			ports := shortNames(append(u, t...))
			name := v.displayName()
			if len(name) > 32 {
				name = name[:32]
			}
			first := fmt.Sprintf("%-10d%-33s", id, name)
			if len(ports) == 0 {
				c.Printf("%s\n", strings.TrimRight(first, " "))
				continue
			}
			for i, row := range packPorts(ports, len(first)) {
				lead := first
				if i > 0 {
					lead = strings.Repeat(" ", len(first))
				}
				c.Printf("%s%s\n", lead, row)
			}
		}
	})
	return nil
}

func shortNames(full []string) []string {
	out := make([]string, len(full))
	for i, n := range full {
		if in, ok := ParseIfName(n); ok {
			out[i] = in.Short()
		}
	}
	return out
}

func joinCols(items []string, w int) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%-*s", w, it)
	}
	return b.String()
}

func runDisplayVLANDetail(c *Ctx) error {
	var err error
	c.D.read(func(cfg *Config) {
		ids := cfg.sortedVLANs()
		if c.A.IsSet("vlan") {
			id := c.A.Int("vlan")
			if cfg.VLANs[id] == nil {
				err = refuse(ErrNotFound, " The VLAN does not exist.")
				return
			}
			ids = []int{id}
		}
		for i, id := range ids {
			if i > 0 {
				c.Println("")
			}
			cfg.writeVLANDetail(c, cfg.VLANs[id])
		}
	})
	return err
}

func (cfg *Config) writeVLANDetail(c *Ctx, v *VLAN) {
	c.Printf(" VLAN ID: %d\n VLAN type: Static\n", v.ID)
	if f := cfg.Ifaces[IfName{Type: IfVlan, Num: [3]int{v.ID}}.Full()]; f != nil {
		c.Printf(" Route interface: Configured\n")
		for _, a := range f.Addrs {
			if !a.Sub {
				c.Printf(" IPv4 address: %s\n IPv4 subnet mask: %s\n", a.Addr, prefixMask(a.Prefix))
			}
		}
	} else {
		c.Printf(" Route interface: Not configured\n")
	}
	desc := v.Description
	if desc == "" {
		desc = fmt.Sprintf("VLAN %04d", v.ID)
	}
	c.Printf(" Description: %s\n Name: %s\n", desc, v.displayName())
	t, u := cfg.vlanMembers(v.ID)
	writePortList(c, " Tagged ports:  ", t)
	writePortList(c, " Untagged ports:", u)
}

// writePortList writes a port list of display vlan as Comware does (NTC vlan_all.raw): the heading
// with a blank after it, then two names a line in 30-column fields, trailing blanks kept, and each
// interface type starting a line of its own, so that no line passes 80 columns.
func writePortList(c *Ctx, head string, ports []string) {
	if len(ports) == 0 {
		c.Printf("%s None\n", head)
		return
	}
	c.Printf("%s \n", head)
	for _, group := range byIfType(ports) {
		for i := 0; i < len(group); i += 2 {
			c.Printf("    %s\n", joinCols(group[i:min(i+2, len(group))], 30))
		}
	}
}
