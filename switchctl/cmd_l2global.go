package switchctl

import (
	"bytes"
	"strings"
)

// Layer-2 settings of the whole device that go with per-port ones: loopback detection in system
// view (`loopback-detection global enable vlan {list|all}`, which every port then runs in those
// VLANs besides its own `loopback-detection enable vlan`), and the port isolation group the ports
// with `port-isolate enable` form (`display port-isolate group`; the 5130 EI has the one group, 1).
// Neither layout is in a capture ([unverified]): the configuration line follows the per-port
// command's form, in its own block before the spanning tree's.

// LoopDetectConfig is the global loopback detection setting.
type LoopDetectConfig struct {
	All   bool    // `vlan all`
	VLANs VLANSet // the VLANs named, when not all
}

func l2GlobalRows() []Row {
	w := func(path string, run Handler) Row { return Row{Views: InSystem, Path: path, Priv: PrivWrite, Run: run} }
	return []Row{
		w("loopback-detection global enable vlan {<vlans:vlanlist>|all}", runLoopGlobal),
		w("undo loopback-detection global enable [vlan {<vlans:vlanlist>|all}]", runLoopGlobal),
		{Views: InAll, Path: "display port-isolate group", Priv: PrivRead, Run: runDisplayIsolate, Display: true},
	}
}

func runLoopGlobal(c *Ctx) error {
	undo, all, ids := c.A.Has("undo"), c.A.Has("all"), c.A.Ints("vlans")
	return c.D.update(func(cfg *Config) error {
		g := &cfg.LoopDetect
		switch {
		case undo && (all || !c.A.IsSet("vlans")):
			*g = LoopDetectConfig{}
		case all:
			g.All = true
		default:
			for _, id := range ids {
				if undo {
					g.VLANs.Remove(id)
				} else {
					g.VLANs.Add(id)
				}
			}
		}
		return nil
	})
}

// renderLoopDetect writes the global loopback detection block.
func (c *Config) renderLoopDetect(r *renderer) {
	g := c.LoopDetect
	switch {
	case g.All:
		r.sep()
		r.line(" loopback-detection global enable vlan all")
	case g.VLANs != (VLANSet{}):
		r.sep()
		for _, l := range vlanLines(" loopback-detection global enable vlan", g.VLANs.IDs()) {
			r.line("%s", l)
		}
	}
}

// runDisplayIsolate lists isolation group 1 and its member ports in panel order.
func runDisplayIsolate(c *Ctx) error {
	var members []string
	c.D.read(func(cfg *Config) {
		for _, f := range cfg.sortedIfaces() {
			if f.Attr.Isolate {
				members = append(members, "    "+f.Name.Full()+"\n")
			}
		}
	})
	var b bytes.Buffer
	b.WriteString(" Port isolation group information:\n Group ID: 1\n Group members:\n")
	if len(members) == 0 {
		b.WriteString("    None\n")
	}
	b.WriteString(strings.Join(members, ""))
	_, err := c.Out.Write(b.Bytes())
	return err
}

var l2GlobalHelp = pathHelp(l2GlobalRows(), map[string]string{
	"loopback-detection global":             "Global loopback detection settings",
	"loopback-detection global enable":      "Enable loopback detection globally",
	"loopback-detection global enable vlan": "Specify the VLANs",
	"undo loopback-detection global":        "Global loopback detection settings",
	"undo loopback-detection global enable": "Disable loopback detection globally",
	"display port-isolate":                  "Port isolation",
	"display port-isolate group":            "Port isolation group information",
})
