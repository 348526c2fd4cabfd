package switchctl

import (
	"fmt"
	"sort"
)

// Spanning tree configuration: the global switch (`stp global enable`, on in the factory
// configuration), the mode, the bridge priority per instance (`stp instance N priority`, `root
// primary|secondary`), BPDU protection, the MST region, and per port `stp enable`, `stp
// edged-port`, cost, port priority and the root and loop protections. stp_sim.go computes the
// roles; stp_display.go has the displays.

// STPConfig is the spanning tree configuration.
type STPConfig struct {
	Enabled        bool   // `stp global enable`
	Mode           string // stp, rstp, mstp (the default), pvst
	BPDUProtection bool
	Instances      map[int]STPInstance // by MSTI, 0 the CIST; only what differs from the default
	Region         STPRegion
}

// STPInstance is one instance's bridge settings.
type STPInstance struct {
	Priority int    // 32768 by default
	Root     string // primary, secondary or ""
}

// STPRegion is the MST region configuration.
type STPRegion struct {
	Name     string // "" for the default: the bridge MAC
	Revision int
	VLANs    map[int]VLANSet // instance -> VLANs mapped to it
	Active   bool            // `active region-configuration` was given
}

// IfSTP is a port's spanning tree settings.
type IfSTP struct {
	Off      bool // `undo stp enable`
	Edged    bool
	Cost     int // 0: automatic
	PortPrio int // 0: the default 128
	RootProt bool
	LoopProt bool
}

const (
	defaultBridgePriority = 32768
	defaultPortPriority   = 128
	defaultSTPMode        = "mstp"
)

func newSTPConfig() STPConfig {
	return STPConfig{Mode: defaultSTPMode, Instances: map[int]STPInstance{}, Region: STPRegion{VLANs: map[int]VLANSet{}}}
}

func stpRows() []Row {
	w := func(views ViewSet, path string, run Handler) Row {
		return Row{Views: views, Path: path, Priv: PrivWrite, Run: run}
	}
	return []Row{
		w(InSystem, "stp global enable", runSTPGlobal),
		w(InSystem, "undo stp global enable", runSTPGlobal),
		w(InSystem, "stp mode {stp|rstp|mstp|pvst}", runSTPMode),
		w(InSystem, "undo stp mode", runSTPMode),
		w(InSystem, "stp [instance <msti:0-4094>] priority <bprio:0-61440>", runSTPPriority),
		w(InSystem, "undo stp [instance <msti:0-4094>] priority", runSTPPriority),
		w(InSystem, "stp [instance <msti:0-4094>] root {primary|secondary}", runSTPRoot),
		w(InSystem, "undo stp [instance <msti:0-4094>] root", runSTPRoot),
		w(InSystem, "stp bpdu-protection", runSTPBPDUProt),
		w(InSystem, "undo stp bpdu-protection", runSTPBPDUProt),
		{Views: InSystem, Path: "stp region-configuration", Priv: PrivWrite, Move: Enter,
			Target: func(*Ctx) (View, error) { return View{Kind: ViewSTPRegion}, nil }},
		w(InSTPRegion, "region-name <region:word:1-32>", runSTPRegionName),
		w(InSTPRegion, "undo region-name", runSTPRegionName),
		w(InSTPRegion, "revision-level <rev:0-65535>", runSTPRevision),
		w(InSTPRegion, "undo revision-level", runSTPRevision),
		w(InSTPRegion, "instance <msti:1-4094> vlan <vlans:vlanlist>", runSTPInstanceVLAN),
		w(InSTPRegion, "undo instance <msti:1-4094> [vlan <vlans:vlanlist>]", runSTPInstanceVLAN),
		w(InSTPRegion, "active region-configuration", runSTPActivate),
		w(inL2, "stp enable", runIfSTP(func(s *IfSTP, c *Ctx) { s.Off = c.A.Has("undo") })),
		w(inL2, "undo stp enable", runIfSTP(func(s *IfSTP, c *Ctx) { s.Off = c.A.Has("undo") })),
		w(inL2, "stp edged-port", runIfSTP(func(s *IfSTP, c *Ctx) { s.Edged = !c.A.Has("undo") })),
		w(inL2, "undo stp edged-port", runIfSTP(func(s *IfSTP, c *Ctx) { s.Edged = !c.A.Has("undo") })),
		w(inL2, "stp cost <cost:1-200000000>", runIfSTP(func(s *IfSTP, c *Ctx) { s.Cost = c.A.Int("cost") })),
		w(inL2, "undo stp cost", runIfSTP(func(s *IfSTP, c *Ctx) { s.Cost = 0 })),
		w(inL2, "stp port priority <pprio:0-240>", runIfSTPPortPrio),
		w(inL2, "undo stp port priority", runIfSTPPortPrio),
		w(inL2, "stp root-protection", runIfSTP(func(s *IfSTP, c *Ctx) { s.RootProt = !c.A.Has("undo") })),
		w(inL2, "undo stp root-protection", runIfSTP(func(s *IfSTP, c *Ctx) { s.RootProt = !c.A.Has("undo") })),
		w(inL2, "stp loop-protection", runIfSTP(func(s *IfSTP, c *Ctx) { s.LoopProt = !c.A.Has("undo") })),
		w(inL2, "undo stp loop-protection", runIfSTP(func(s *IfSTP, c *Ctx) { s.LoopProt = !c.A.Has("undo") })),
	}
}

func stpUpdate(c *Ctx, f func(s *STPConfig) error) error {
	return c.D.update(func(cfg *Config) error { return f(&cfg.STP) })
}

func runSTPGlobal(c *Ctx) error {
	on := !c.A.Has("undo")
	return stpUpdate(c, func(s *STPConfig) error { s.Enabled = on; return nil })
}

func runSTPMode(c *Ctx) error {
	mode := "stp" // every path starts with the keyword stp: the other modes are looked for
	for _, m := range []string{"rstp", "mstp", "pvst"} {
		if c.A.Has(m) {
			mode = m
		}
	}
	if c.A.Has("undo") {
		mode = defaultSTPMode
	}
	return stpUpdate(c, func(s *STPConfig) error { s.Mode = mode; return nil })
}

// instanceArg is the instance a command names; none is the CIST, 0.
func instanceArg(c *Ctx) int { return c.A.Int("msti") }

func runSTPPriority(c *Ctx) error {
	prio := defaultBridgePriority
	if c.A.IsSet("bprio") {
		prio = c.A.Int("bprio")
		if prio%4096 != 0 {
			return refuse(ErrInvalidValue, "The priority must be a multiple of 4096.")
		}
	}
	msti := instanceArg(c)
	return stpUpdate(c, func(s *STPConfig) error {
		in := s.Instances[msti]
		in.Priority, in.Root = prio, ""
		s.setInstance(msti, in)
		return nil
	})
}

func runSTPRoot(c *Ctx) error {
	root := ""
	if !c.A.Has("undo") {
		root = "secondary"
		if c.A.Has("primary") {
			root = "primary"
		}
	}
	msti := instanceArg(c)
	return stpUpdate(c, func(s *STPConfig) error {
		in, ok := s.Instances[msti]
		if !ok {
			in.Priority = defaultBridgePriority
		}
		in.Root = root
		s.setInstance(msti, in)
		return nil
	})
}

// setInstance stores an instance's settings, dropping them when they are the defaults.
func (s *STPConfig) setInstance(msti int, in STPInstance) {
	if in == (STPInstance{Priority: defaultBridgePriority}) {
		delete(s.Instances, msti)
		return
	}
	s.Instances[msti] = in
}

// bridgePriority is an instance's effective priority: root primary is 0, secondary 4096.
func (s *STPConfig) bridgePriority(msti int) int {
	in, ok := s.Instances[msti]
	switch {
	case !ok:
		return defaultBridgePriority
	case in.Root == "primary":
		return 0
	case in.Root == "secondary":
		return 4096
	}
	return in.Priority
}

func runSTPBPDUProt(c *Ctx) error {
	on := !c.A.Has("undo")
	return stpUpdate(c, func(s *STPConfig) error { s.BPDUProtection = on; return nil })
}

func runSTPRegionName(c *Ctx) error {
	name := c.A.Str("region")
	return stpUpdate(c, func(s *STPConfig) error { s.Region.Name = name; return nil })
}

func runSTPRevision(c *Ctx) error {
	rev := c.A.Int("rev")
	return stpUpdate(c, func(s *STPConfig) error { s.Region.Revision = rev; return nil })
}

func runSTPInstanceVLAN(c *Ctx) error {
	msti, ids, undo := c.A.Int("msti"), c.A.Ints("vlans"), c.A.Has("undo")
	return stpUpdate(c, func(s *STPConfig) error {
		set := s.Region.VLANs[msti]
		if undo && !c.A.IsSet("vlans") {
			delete(s.Region.VLANs, msti)
			return nil
		}
		for _, id := range ids {
			if undo {
				set.Remove(id)
				continue
			}
			for other, os := range s.Region.VLANs { // a VLAN maps to one instance
				if other != msti {
					os.Remove(id)
					s.Region.VLANs[other] = os
				}
			}
			set.Add(id)
		}
		s.Region.VLANs[msti] = set
		for k, v := range s.Region.VLANs {
			if len(v.IDs()) == 0 {
				delete(s.Region.VLANs, k)
			}
		}
		return nil
	})
}

func runSTPActivate(c *Ctx) error {
	return stpUpdate(c, func(s *STPConfig) error { s.Region.Active = true; return nil })
}

func runIfSTP(f func(s *IfSTP, c *Ctx)) Handler {
	return func(c *Ctx) error {
		return eachIface(c, func(_ *Config, i *Iface) error { f(&i.STP, c); return nil })
	}
}

func runIfSTPPortPrio(c *Ctx) error {
	p := 0
	if c.A.IsSet("pprio") {
		if p = c.A.Int("pprio"); p%16 != 0 {
			return refuse(ErrInvalidValue, "The port priority must be a multiple of 16.")
		}
		if p == defaultPortPriority {
			p = 0
		}
	}
	return eachIface(c, func(_ *Config, i *Iface) error { i.STP.PortPrio = p; return nil })
}

// renderSTP writes the region block and the global spanning tree lines, after the VLANs.
func (c *Config) renderSTP(r *renderer) {
	c.renderSTPRegion(r)
	c.renderSTPGlobals(r)
}

// renderSTPRegion writes the MST region block when it is configured.
func (c *Config) renderSTPRegion(r *renderer) {
	s := c.STP
	if s.Region.Name != "" || s.Region.Revision != 0 || len(s.Region.VLANs) > 0 || s.Region.Active {
		r.sep()
		r.line(" stp region-configuration")
		if s.Region.Name != "" {
			r.line("  region-name %s", quoteWord(s.Region.Name))
		}
		if s.Region.Revision != 0 {
			r.line("  revision-level %d", s.Region.Revision)
		}
		ids := make([]int, 0, len(s.Region.VLANs))
		for id := range s.Region.VLANs {
			ids = append(ids, id)
		}
		sort.Ints(ids)
		for _, id := range ids {
			for _, l := range vlanLines(fmt.Sprintf("  instance %d vlan", id), s.Region.VLANs[id].IDs()) {
				r.line("%s", l)
			}
		}
		if s.Region.Active {
			r.line("  active region-configuration")
		}
	}
}

func (c *Config) renderSTPGlobals(r *renderer) {
	s := c.STP
	var lines []string
	if s.Mode != defaultSTPMode {
		lines = append(lines, "stp mode "+s.Mode)
	}
	ids := make([]int, 0, len(s.Instances))
	for id := range s.Instances {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for _, id := range ids {
		in := s.Instances[id]
		if in.Root != "" {
			lines = append(lines, fmt.Sprintf("stp instance %d root %s", id, in.Root))
		} else {
			lines = append(lines, fmt.Sprintf("stp instance %d priority %d", id, in.Priority))
		}
	}
	if s.BPDUProtection {
		lines = append(lines, "stp bpdu-protection")
	}
	if s.Enabled {
		lines = append(lines, "stp global enable")
	}
	if len(lines) == 0 {
		return
	}
	r.sep()
	for _, l := range lines {
		r.line(" %s", l)
	}
}

// renderSTP writes a port's spanning tree lines.
func (f *Iface) renderSTP(r *renderer) {
	s := f.STP
	if s.Off {
		r.line(" undo stp enable")
	}
	if s.Cost != 0 {
		r.line(" stp cost %d", s.Cost)
	}
	if s.PortPrio != 0 {
		r.line(" stp port priority %d", s.PortPrio)
	}
	if s.Edged {
		r.line(" stp edged-port")
	}
	if s.RootProt {
		r.line(" stp root-protection")
	}
	if s.LoopProt {
		r.line(" stp loop-protection")
	}
}

var stpHelp = pathHelp(stpRows(), map[string]string{
	"stp":                         "Spanning Tree Protocol (STP) module",
	"stp global":                  "Global STP settings",
	"stp global enable":           "Enable STP globally",
	"stp mode":                    "Specify the STP mode",
	"stp mode stp":                "STP mode",
	"stp mode rstp":               "RSTP mode",
	"stp mode mstp":               "MSTP mode",
	"stp mode pvst":               "PVST mode",
	"instance":                    "Spanning tree instance",
	"stp priority":                "Specify the bridge priority",
	"stp instance priority":       "Specify the bridge priority",
	"stp root":                    "Specify the device as a root bridge",
	"stp instance root":           "Specify the device as a root bridge",
	"primary":                     "Primary root bridge",
	"secondary":                   "Secondary root bridge",
	"stp bpdu-protection":         "BPDU protection",
	"stp region-configuration":    "Enter MST region view",
	"region-name":                 "Specify the MST region name",
	"revision-level":              "Specify the MSTP revision level",
	"instance vlan":               "VLANs mapped to the instance",
	"active":                      "Activate",
	"active region-configuration": "Activate the MST region configuration",
	"stp enable":                  "Enable the spanning tree feature on the port",
	"stp edged-port":              "Configure the port as an edge port",
	"stp cost":                    "Specify the path cost of the port",
	"stp port":                    "Port settings",
	"stp port priority":           "Specify the port priority",
	"stp root-protection":         "Enable root guard",
	"stp loop-protection":         "Enable loop guard",
})

var stpArgHelp = map[string]string{
	"msti":   "Instance ID (0 is the CIST)",
	"bprio":  "Priority, a multiple of 4096 (a lower value is a higher priority)",
	"region": "MST region name",
	"rev":    "Revision level",
	"cost":   "Path cost",
	"pprio":  "Port priority, a multiple of 16",
}
