package switchctl

import (
	"fmt"
	"time"
)

func displayRows() []Row {
	return []Row{
		{Views: InAll, Path: "display version", Priv: PrivRead, Run: runDisplayVersion, Display: true},
		{Views: InAll, Path: "display current-configuration", Priv: PrivRead, Run: runDisplayCurrent, Display: true},
		{Views: InAll, Path: "display current-configuration interface [<if:ifname>]", Priv: PrivRead, Run: runDisplayCurrentIf, Display: true},
		{Views: InAll &^ InUser, Path: "display this", Priv: PrivRead, Run: runDisplayThis, Display: true},
		{Views: InAll, Path: "display history-command", Priv: PrivRead, Run: runDisplayHistory, Display: true},
		{Views: InAll, Path: "display history-command all", Priv: PrivRead, Run: runDisplayHistoryAll, Display: true},
	}
}

// CurrentConfig is the running configuration as text.
func (d *Device) CurrentConfig() string {
	var s string
	d.read(func(c *Config) { s = c.Render() })
	return s
}

func runDisplayCurrent(c *Ctx) error {
	c.Printf("%s", c.D.CurrentConfig())
	return nil
}

func runDisplayCurrentIf(c *Ctx) error {
	r := &renderer{}
	var err error
	c.D.read(func(cfg *Config) {
		if c.A.IsSet("if") {
			f := cfg.Ifaces[c.A.If("if").Full()]
			if f == nil {
				err = &ParseError{Kind: WrongParam, Pos: c.A.Pos("if")}
				return
			}
			r.sep()
			cfg.renderIface(r, f)
		} else {
			for _, f := range cfg.sortedIfaces() {
				r.sep()
				cfg.renderIface(r, f)
			}
		}
	})
	if err != nil {
		return err
	}
	r.sep()
	r.line("return")
	c.Printf("%s", r.b.String())
	return nil
}

// runDisplayThis shows the configuration of the current view.
func runDisplayThis(c *Ctx) error {
	v := c.S.View()
	r := &renderer{}
	c.D.read(func(cfg *Config) {
		switch v.Kind {
		case ViewSystem:
			r.b.WriteString(cfg.Render())
			return
		case ViewIfPort, ViewIfRoute:
			if f := cfg.Ifaces[v.Name]; f != nil {
				r.sep()
				cfg.renderIface(r, f)
			}
		case ViewIfRange:
			for _, name := range v.Ifaces {
				if f := cfg.Ifaces[name]; f != nil {
					r.sep()
					cfg.renderIface(r, f)
				}
			}
		case ViewVLAN:
			if vl := cfg.VLANs[v.ID]; vl != nil {
				r.sep()
				vl.render(r)
			}
		case ViewLocalUser:
			if u := cfg.Users[v.Name]; u != nil {
				r.sep()
				u.render(r)
			}
		case ViewLine:
			if v.Name != "" {
				r.sep()
				r.line("line %s", v.Name)
				cfg.OtherLines[v.Name].renderFrom(r, lineDefault(v.Name))
			} else {
				cfg.renderLines(r)
			}
		case ViewDomain:
			if cfg.Domains[v.Name] {
				r.sep()
				r.line("domain %s", quoteWord(v.Name))
			}
		case ViewRole:
			if ro := cfg.Roles[v.Name]; ro != nil {
				r.sep()
				ro.render(r)
			}
		case ViewSTPRegion:
			cfg.renderSTPRegion(r)
		case ViewUserGroup:
			if cfg.UserGroups[v.Name] {
				r.sep()
				r.line("user-group %s", quoteWord(v.Name))
			}
		case ViewACL:
			if a := cfg.ACLs[v.ID]; a != nil {
				r.sep()
				a.render(r)
			}
		case ViewPeerKey:
			if k := cfg.PeerKeys[v.Name]; k != nil {
				r.sep()
				k.render(r)
			}
		}
		r.sep()
		r.line("return")
	})
	c.Printf("%s", r.b.String())
	return nil
}

func runDisplayHistory(c *Ctx) error {
	for _, h := range c.S.history {
		c.Printf("  %s\n", h)
	}
	return nil
}

func runDisplayVersion(c *Ctx) error {
	m := c.D.model
	up := comwareUptime(c.D.Uptime(), ", ")
	c.Printf("HPE Comware Software, Version %s, Release %s\n", SoftwareVersion, SoftwareRelease)
	c.Printf("Copyright (c) 2010-%d Hewlett Packard Enterprise Development LP\n", c.D.now().Year())
	c.Printf("HPE %s uptime is %s\n", m.Name, up)
	c.Printf("Last reboot reason : Cold reboot\n\n")
	boot, system := m.imageFiles()
	c.Printf("Boot image: flash:/%s\n", boot.name)
	c.Printf("Boot image version: %s, Release %s\n  Compiled Jan 15 2026 16:00:00\n", SoftwareVersion, SoftwareRelease)
	c.Printf("System image: flash:/%s\n", system.name)
	c.Printf("System image version: %s, Release %s\n  Compiled Jan 15 2026 16:00:00\n\n\n", SoftwareVersion, SoftwareRelease)
	for s := 1; s <= m.Slots; s++ {
		c.Printf("Slot %d:\n", s)
		c.Printf("Uptime is %s\n", comwareUptime(c.D.Uptime(), ","))
		c.Printf("%s with 1 Processor\n", m.Product)
		c.Printf("BOARD TYPE:         %s\n", m.Product)
		c.Printf("DRAM:               1024M bytes\nFLASH:              %dM bytes\n", c.D.flash.Capacity()>>20)
		c.Printf("PCB 1 Version:      VER.B\nBootrom Version:    145\nCPLD 1 Version:     002\n")
		c.Printf("Release Version:    HPE %s-%s\n", m.Product, SoftwareRelease)
		c.Printf("Patch Version  :    None\nReboot Cause  :     ColdReboot\n")
		c.Printf("[SubSlot 0] %dGE+%dSFP Plus\n", m.GE, m.XGE)
		if s < m.Slots {
			c.Println("")
		}
	}
	return nil
}

// comwareUptime writes a duration as "1 weeks, 2 days, 3 hours, 4 minutes".
func comwareUptime(d time.Duration, sep string) string {
	mins := int(d / time.Minute)
	w, dd, h, m := mins/(7*24*60), mins/(24*60)%7, mins/60%24, mins%60
	return fmt.Sprintf("%d weeks%s%d days%s%d hours%s%d minutes", w, sep, dd, sep, h, sep, m)
}
