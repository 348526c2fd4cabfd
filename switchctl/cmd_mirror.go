package switchctl

import (
	"bytes"
	"fmt"
	"sort"
)

// Local port mirroring: `mirroring-group N local` makes a group; source ports (`mirroring-port`,
// with a direction) and one monitor port join it, from system view with the ports named or from
// the port's own view. The configuration shows the group in system view and the ports' roles in
// their interface blocks, as Comware writes them whichever way they were given. A group is Active
// once it has a source and a monitor port.

// MirrorGroup is one local mirroring group.
type MirrorGroup struct {
	Sources map[string]string // port full name -> both, inbound, outbound
	Monitor string            // the monitor port's full name; "" none
}

func mirrorRows() []Row {
	w := func(views ViewSet, path string, run Handler) Row {
		return Row{Views: views, Path: path, Priv: PrivWrite, Run: run}
	}
	dir := "{both|inbound|outbound}"
	return []Row{
		w(InSystem, "mirroring-group <mgroup:1-4> local", runMirrorGroup),
		w(InSystem, "undo mirroring-group {<mgroup:1-4>|all|local}", runMirrorGroup),
		// One port per line in system view: a list to the end of the line would take the direction.
		w(InSystem, "mirroring-group <mgroup:1-4> mirroring-port <if:ifname> "+dir, runMirrorSource),
		w(InSystem, "undo mirroring-group <mgroup:1-4> mirroring-port <if:ifname>", runMirrorSource),
		w(InSystem, "mirroring-group <mgroup:1-4> monitor-port <if:ifname>", runMirrorMonitor),
		w(InSystem, "undo mirroring-group <mgroup:1-4> monitor-port <if:ifname>", runMirrorMonitor),
		w(inL2, "mirroring-group <mgroup:1-4> mirroring-port "+dir, runMirrorSource),
		w(inL2, "undo mirroring-group <mgroup:1-4> mirroring-port", runMirrorSource),
		w(inL2, "mirroring-group <mgroup:1-4> monitor-port", runMirrorMonitor),
		w(inL2, "undo mirroring-group <mgroup:1-4> monitor-port", runMirrorMonitor),
		{Views: InAll, Path: "display mirroring-group {<mgroup:1-4>|all|local}", Priv: PrivRead, Run: runDisplayMirror, Display: true},
	}
}

func runMirrorGroup(c *Ctx) error {
	undo, n := c.A.Has("undo"), c.A.Int("mgroup")
	return c.D.update(func(cfg *Config) error {
		switch {
		case !undo:
			if cfg.Mirrors == nil {
				cfg.Mirrors = map[int]*MirrorGroup{}
			}
			if cfg.Mirrors[n] == nil {
				cfg.Mirrors[n] = &MirrorGroup{Sources: map[string]string{}}
			}
		case n == 0: // all or local: every group is local
			cfg.Mirrors = nil
		case cfg.Mirrors[n] == nil:
			return refuse(ErrNotFound, "Mirroring group %d does not exist.", n)
		default:
			delete(cfg.Mirrors, n)
		}
		return nil
	})
}

// mirrorPorts are the ports a mirroring command names: in system view its argument, else the view's.
func mirrorPorts(c *Ctx) []string {
	if c.A.IsSet("if") {
		return []string{c.A.If("if").Full()}
	}
	return targets(c)
}

// mirrorGroupFor finds group n and checks that each named interface is a front-panel port.
func mirrorGroupFor(cfg *Config, n int, ports []string) (*MirrorGroup, error) {
	g := cfg.Mirrors[n]
	if g == nil {
		return nil, refuse(ErrNotFound, "Mirroring group %d does not exist.", n)
	}
	for _, p := range ports {
		f := cfg.Ifaces[p]
		if f == nil {
			return nil, refuse(ErrNotFound, "The interface does not exist.")
		}
		if f.Name.Type != IfGE && f.Name.Type != IfXGE {
			return nil, refuse(ErrUnsupported, "Only Ethernet ports can be mirroring or monitor ports.")
		}
	}
	return g, nil
}

func runMirrorSource(c *Ctx) error {
	n, undo, ports := c.A.Int("mgroup"), c.A.Has("undo"), mirrorPorts(c)
	dir := "both"
	for _, d := range []string{"inbound", "outbound"} {
		if c.A.Has(d) {
			dir = d
		}
	}
	return c.D.update(func(cfg *Config) error {
		g, err := mirrorGroupFor(cfg, n, ports)
		if err != nil {
			return err
		}
		for _, p := range ports {
			switch {
			case undo:
				delete(g.Sources, p)
			case g.Monitor == p:
				return refuse(ErrInUse, "%s is the monitor port of mirroring group %d.", p, n)
			default:
				g.Sources[p] = dir
			}
		}
		return nil
	})
}

func runMirrorMonitor(c *Ctx) error {
	n, undo, ports := c.A.Int("mgroup"), c.A.Has("undo"), mirrorPorts(c)
	return c.D.update(func(cfg *Config) error {
		g, err := mirrorGroupFor(cfg, n, ports)
		if err != nil {
			return err
		}
		if len(ports) != 1 { // an interface range
			return refuse(ErrInUse, "A mirroring group has one monitor port.")
		}
		p := ports[0]
		switch {
		case undo && g.Monitor != p:
			return refuse(ErrNotFound, "%s is not the monitor port of mirroring group %d.", p, n)
		case undo:
			g.Monitor = ""
		case g.Sources[p] != "":
			return refuse(ErrInUse, "%s is a mirroring port of mirroring group %d.", p, n)
		case g.Monitor != "" && g.Monitor != p:
			return refuse(ErrInUse, "Mirroring group %d already has a monitor port.", n)
		default:
			g.Monitor = p
		}
		return nil
	})
}

func (c *Config) mirrorIDs() []int {
	ids := make([]int, 0, len(c.Mirrors))
	for id := range c.Mirrors {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// renderMirrorGroups writes the groups, a system-view section before the VLANs.
func (c *Config) renderMirrorGroups(r *renderer) {
	if len(c.Mirrors) == 0 {
		return
	}
	r.sep()
	for _, id := range c.mirrorIDs() {
		r.line(" mirroring-group %d local", id)
	}
}

// renderMirrorPort writes a port's roles in the groups, in its interface block.
func (c *Config) renderMirrorPort(r *renderer, f *Iface) {
	name := f.Name.Full()
	for _, id := range c.mirrorIDs() {
		g := c.Mirrors[id]
		if d := g.Sources[name]; d != "" {
			r.line(" mirroring-group %d mirroring-port %s", id, d)
		}
		if g.Monitor == name {
			r.line(" mirroring-group %d monitor-port", id)
		}
	}
}

// runDisplayMirror shows groups in Comware's layout:
//
//	Mirroring group 1:
//	    Type: Local
//	    Status: Active
//	    Mirroring port:
//	        GigabitEthernet1/0/1  Both
//	    Monitor port: GigabitEthernet1/0/2
func runDisplayMirror(c *Ctx) error {
	var b bytes.Buffer
	var err error
	n := c.A.Int("mgroup")
	c.D.read(func(cfg *Config) {
		if n != 0 && cfg.Mirrors[n] == nil {
			err = refuse(ErrNotFound, "Mirroring group %d does not exist.", n)
			return
		}
		for _, id := range cfg.mirrorIDs() {
			if n != 0 && id != n {
				continue
			}
			g := cfg.Mirrors[id]
			status := "Incomplete"
			if len(g.Sources) > 0 && g.Monitor != "" {
				status = "Active"
			}
			fmt.Fprintf(&b, "Mirroring group %d:\n    Type: Local\n    Status: %s\n    Mirroring port:\n", id, status)
			for _, f := range cfg.sortedIfaces() {
				if d := g.Sources[f.Name.Full()]; d != "" {
					fmt.Fprintf(&b, "        %-22s%s\n", f.Name.Full(), map[string]string{"both": "Both", "inbound": "Inbound", "outbound": "Outbound"}[d])
				}
			}
			mon := g.Monitor
			if mon == "" {
				mon = "None"
			}
			fmt.Fprintf(&b, "    Monitor port: %s\n", mon)
		}
	})
	if err != nil {
		return err
	}
	_, werr := c.Out.Write(b.Bytes())
	return werr
}

var mirrorHelp = pathHelp(mirrorRows(), map[string]string{
	"mirroring-group":                         "Specify a mirroring group",
	"mirroring-group local":                   "Local mirroring group",
	"mirroring-group mirroring-port":          "Specify mirroring (source) ports",
	"mirroring-group monitor-port":            "Specify the monitor port",
	"mirroring-group mirroring-port both":     "Mirror incoming and outgoing packets",
	"mirroring-group mirroring-port inbound":  "Mirror incoming packets",
	"mirroring-group mirroring-port outbound": "Mirror outgoing packets",
	"undo mirroring-group":                    "Delete a mirroring group or a port's role in it",
	"undo mirroring-group local":              "Delete all local mirroring groups",
	"display mirroring-group":                 "Mirroring group information",
	"display mirroring-group local":           "Local mirroring groups",
})

var mirrorArgHelp = map[string]string{
	"mgroup": "Mirroring group number",
}
