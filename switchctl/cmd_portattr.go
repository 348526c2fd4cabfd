package switchctl

import (
	"fmt"
	"strconv"
	"strings"
)

// Physical and layer-2 port attributes of a front-panel port: speed and duplex, flow control,
// jumbo frames, broadcast suppression, loopback detection, port isolation and PoE. Each shows in
// display interface (the speed and duplex lines, Flow-control, Maximum frame length, Broadcast
// max-ratio) and display interface brief (a forced speed loses its "(a)"). packet-filter (cmd_pfilter.go)
// and mirroring (cmd_mirror.go) are kept here too, in PortAttr, since they are per-port settings.

// PortAttr is a port's Ethernet and layer-2 settings; the zero value is the factory default.
type PortAttr struct {
	Speed       int    // forced speed in Mbps; 0 autonegotiates
	Duplex      string // full or half; "" autonegotiates
	FlowControl bool
	JumboOff    bool   // `undo jumboframe enable`
	JumboSize   int    // `jumboframe enable N`; 0 is the default size
	Bcast       string // what follows `broadcast-suppression`: "10", "pps 1000", "kbps 5000"; "" none
	LoopVLANs   VLANSet
	LoopAll     bool   // `loopback-detection enable vlan all`
	LoopAction  string // block, no-learning, shutdown; "" the default (none)
	Isolate     bool   // `port-isolate enable`
	PoE         bool   // `poe enable`
	FilterIn    int    // `packet-filter N inbound`; 0 none
	FilterOut   int    // `packet-filter N outbound`; 0 none
}

// defaultJumbo is the maximum frame length of a 5130 EI port with jumbo frames allowed (the default).
const (
	defaultJumbo = 10000
	noJumbo      = 1536
)

func portAttrRows() []Row {
	w := func(path string, run Handler) Row { return Row{Views: inL2, Path: path, Priv: PrivWrite, Run: run} }
	return []Row{
		w("speed {10|100|1000|10000|auto}", runSpeed),
		w("undo speed", runSpeed),
		w("duplex {auto|full|half}", runDuplex),
		w("undo duplex", runDuplex),
		w("flow-control", runFlowControl),
		w("undo flow-control", runFlowControl),
		w("jumboframe enable [<jumbo:1536-10000>]", runJumbo),
		w("undo jumboframe enable", runJumbo),
		w("broadcast-suppression {<ratio:0-100>|pps <bpps:0-14881000>|kbps <bkbps:0-10000000>}", runBcast),
		w("undo broadcast-suppression", runBcast),
		w("loopback-detection enable vlan {<vlans:vlanlist>|all}", runLoopDetect),
		w("undo loopback-detection enable vlan {<vlans:vlanlist>|all}", runLoopDetect),
		w("loopback-detection action {block|no-learning|shutdown}", runLoopAction),
		w("undo loopback-detection action", runLoopAction),
		w("port-isolate enable", runIsolate),
		w("undo port-isolate enable", runIsolate),
		w("poe enable", runPoE),
		w("undo poe enable", runPoE),
	}
}

// eachFront is eachIface for settings only front-panel ports have: an aggregate interface refuses.
func eachFront(c *Ctx, f func(i *Iface) error) error {
	return eachIface(c, func(_ *Config, i *Iface) error {
		if i.Name.Type != IfGE && i.Name.Type != IfXGE {
			return refuse(ErrUnsupported, "This command is not supported on aggregate interfaces.")
		}
		return f(i)
	})
}

func runSpeed(c *Ctx) error {
	speed := 0
	for _, s := range []int{10, 100, 1000, 10000} {
		if c.A.Has(strconv.Itoa(s)) {
			speed = s
		}
	}
	return eachFront(c, func(i *Iface) error {
		ok := speed == 0 || i.Name.Type == IfGE && speed <= 1000 || i.Name.Type == IfXGE && speed >= 1000
		if !ok {
			return refuse(ErrUnsupported, "The port does not support speed %d Mbps.", speed)
		}
		if i.Attr.Duplex == "half" && (speed == 0 || speed >= 1000) {
			return refuse(ErrInUse, "Half duplex works only at 10 or 100 Mbps: set the duplex mode first.")
		}
		i.Attr.Speed = speed
		return nil
	})
}

func runDuplex(c *Ctx) error {
	mode := ""
	switch {
	case c.A.Has("full"):
		mode = "full"
	case c.A.Has("half"):
		mode = "half"
	}
	return eachFront(c, func(i *Iface) error {
		if mode == "half" && (i.Name.Type == IfXGE || i.Attr.Speed != 10 && i.Attr.Speed != 100) {
			return refuse(ErrUnsupported, "Half duplex works only at a forced speed of 10 or 100 Mbps.")
		}
		i.Attr.Duplex = mode
		return nil
	})
}

func runFlowControl(c *Ctx) error {
	on := !c.A.Has("undo")
	return eachFront(c, func(i *Iface) error { i.Attr.FlowControl = on; return nil })
}

func runJumbo(c *Ctx) error {
	off, size := c.A.Has("undo"), c.A.Int("jumbo")
	if size == defaultJumbo {
		size = 0
	}
	return eachFront(c, func(i *Iface) error {
		i.Attr.JumboOff, i.Attr.JumboSize = off, size
		return nil
	})
}

func runBcast(c *Ctx) error {
	val := ""
	switch {
	case c.A.IsSet("ratio") && c.A.Int("ratio") != 100:
		val = strconv.Itoa(c.A.Int("ratio"))
	case c.A.IsSet("bpps"):
		val = fmt.Sprintf("pps %d", c.A.Int("bpps"))
	case c.A.IsSet("bkbps"):
		val = fmt.Sprintf("kbps %d", c.A.Int("bkbps"))
	}
	return eachFront(c, func(i *Iface) error {
		// A GE port passes at most 1,488,100 minimum-size frames a second; the ranges are the XGE's.
		if i.Name.Type == IfGE && (c.A.Int("bpps") > 1488100 || c.A.Int("bkbps") > 1000000) {
			return refuse(ErrInvalidValue, "The value exceeds what the port can carry (1488100 pps, 1000000 kbps).")
		}
		i.Attr.Bcast = val
		return nil
	})
}

func runLoopDetect(c *Ctx) error {
	undo, all, ids := c.A.Has("undo"), c.A.Has("all"), c.A.Ints("vlans")
	return eachFront(c, func(i *Iface) error {
		a := &i.Attr
		switch {
		case undo && all:
			a.LoopAll, a.LoopVLANs = false, VLANSet{}
		case all:
			a.LoopAll = true
		default:
			for _, id := range ids {
				if undo {
					a.LoopVLANs.Remove(id)
				} else {
					a.LoopVLANs.Add(id)
				}
			}
		}
		return nil
	})
}

func runLoopAction(c *Ctx) error {
	action := ""
	for _, a := range []string{"block", "no-learning", "shutdown"} {
		if c.A.Has(a) && !c.A.Has("undo") {
			action = a
		}
	}
	return eachFront(c, func(i *Iface) error { i.Attr.LoopAction = action; return nil })
}

func runIsolate(c *Ctx) error {
	on := !c.A.Has("undo")
	return eachFront(c, func(i *Iface) error { i.Attr.Isolate = on; return nil })
}

// runPoE powers a port: only the copper ports of a PoE model (Model.PoE) can; elsewhere the
// command is refused, and nothing changes.
func runPoE(c *Ctx) error {
	on := !c.A.Has("undo")
	if !c.D.model.PoE {
		return refuse(ErrUnsupported, "PoE is not supported on this device.")
	}
	return eachFront(c, func(i *Iface) error {
		if i.Name.Type != IfGE {
			return refuse(ErrUnsupported, "PoE is not supported on %s.", i.Name.Full())
		}
		i.Attr.PoE = on
		return nil
	})
}

// renderPhys writes speed and duplex, which come before a port's VLAN lines.
func (f *Iface) renderPhys(r *renderer) {
	if f.Attr.Speed != 0 {
		r.line(" speed %d", f.Attr.Speed)
	}
	if f.Attr.Duplex != "" {
		r.line(" duplex %s", f.Attr.Duplex)
	}
}

// renderL2 writes the settings that follow a port's VLAN lines and come before its aggregation
// group and spanning tree lines.
func (f *Iface) renderL2(r *renderer) {
	a := &f.Attr
	if a.Bcast != "" {
		r.line(" broadcast-suppression %s", a.Bcast)
	}
	if a.FlowControl {
		r.line(" flow-control")
	}
	switch {
	case a.JumboOff:
		r.line(" undo jumboframe enable")
	case a.JumboSize != 0:
		r.line(" jumboframe enable %d", a.JumboSize)
	}
	if a.LoopAll {
		r.line(" loopback-detection enable vlan all")
	} else if a.LoopVLANs != (VLANSet{}) { // IDs walks 4094 bits: not for every port of a large box
		for _, l := range vlanLines(" loopback-detection enable vlan", a.LoopVLANs.IDs()) {
			r.line("%s", l)
		}
	}
	if a.LoopAction != "" {
		r.line(" loopback-detection action %s", a.LoopAction)
	}
	if a.PoE {
		r.line(" poe enable")
	}
}

// renderPortTail writes the last lines of a port's block, after LLDP's: isolation, the ACLs
// applied and mirroring.
func (c *Config) renderPortTail(r *renderer, f *Iface) {
	if f.Attr.Isolate {
		r.line(" port-isolate enable")
	}
	if f.Attr.FilterIn != 0 {
		r.line(" packet-filter %d inbound", f.Attr.FilterIn)
	}
	if f.Attr.FilterOut != 0 {
		r.line(" packet-filter %d outbound", f.Attr.FilterOut)
	}
	c.renderMirrorPort(r, f)
}

// frameLength is the port's maximum frame length, as display interface shows it.
func (a PortAttr) frameLength() int {
	switch {
	case a.JumboOff:
		return noJumbo
	case a.JumboSize != 0:
		return a.JumboSize
	}
	return defaultJumbo
}

// portSpeedMbps is the speed an up port runs at: its forced speed, or its type's.
func portSpeedMbps(f *Iface) int {
	if f.Attr.Speed != 0 {
		return f.Attr.Speed
	}
	if f.Name.Type == IfXGE {
		return 10000
	}
	return 1000
}

// speedWord writes Mbps as the displays do: 100M, 1G, 10G.
func speedWord(mbps int) string {
	if mbps >= 1000 && mbps%1000 == 0 {
		return fmt.Sprintf("%dG", mbps/1000)
	}
	return fmt.Sprintf("%dM", mbps)
}

// briefSpeedDuplex is the Speed and Duplex columns of display interface brief for a port.
func briefSpeedDuplex(f *Iface, up bool) (speed, duplex string) {
	a := f.Attr
	speed, duplex = "auto", "A"
	if a.Speed != 0 {
		speed = speedWord(a.Speed)
	}
	if a.Duplex != "" {
		duplex = strings.ToUpper(a.Duplex[:1])
	}
	if up {
		if a.Speed == 0 {
			speed = speedWord(portSpeedMbps(f)) + "(a)"
		}
		if a.Duplex == "" {
			duplex = "F(a)"
		}
	}
	return speed, duplex
}

// etherLines are the lines of a port's display interface block from the speed mode to the
// unicast max-ratio.
func etherLines(f *Iface, up bool) string {
	var b strings.Builder
	a := f.Attr
	duplex := a.Duplex
	if duplex == "" {
		duplex = "full"
	}
	if up {
		mbps := portSpeedMbps(f)
		word := fmt.Sprintf("%dMbps", mbps)
		if mbps >= 10000 {
			word = fmt.Sprintf("%dGbps", mbps/1000)
		}
		fmt.Fprintf(&b, "%s-speed mode, %s-duplex mode\n", word, duplex)
	} else {
		b.WriteString("Unknown-speed mode, unknown-duplex mode\n")
	}
	kind := func(forced bool) string {
		if forced {
			return "force link"
		}
		return "autonegotiation"
	}
	fmt.Fprintf(&b, "Link speed type is %s, link duplex type is %s\n", kind(a.Speed != 0), kind(a.Duplex != ""))
	if a.FlowControl {
		b.WriteString("Flow-control is enabled\n")
	} else {
		b.WriteString("Flow-control is not enabled\n")
	}
	fmt.Fprintf(&b, "Maximum frame length: %d\n", a.frameLength())
	if !a.JumboOff {
		b.WriteString("Allow jumbo frames to pass\n")
	}
	switch unit, v, _ := strings.Cut(a.Bcast, " "); {
	case a.Bcast == "":
		b.WriteString("Broadcast max-ratio: 100%\n")
	case v == "":
		fmt.Fprintf(&b, "Broadcast max-ratio: %s%%\n", unit)
	default:
		fmt.Fprintf(&b, "Broadcast max-%s: %s\n", unit, v)
	}
	b.WriteString("Multicast max-ratio: 100%\nUnicast max-ratio: 100%\n")
	return b.String()
}

var portAttrHelp = pathHelp(portAttrRows(), map[string]string{
	"speed":                              "Specify the speed of the port",
	"speed 10":                           "10 Mbps",
	"speed 100":                          "100 Mbps",
	"speed 1000":                         "1000 Mbps",
	"speed 10000":                        "10000 Mbps",
	"speed auto":                         "Autonegotiate the speed",
	"undo speed":                         "Restore the default speed (autonegotiation)",
	"duplex":                             "Specify the duplex mode of the port",
	"duplex auto":                        "Autonegotiate the duplex mode",
	"duplex full":                        "Full duplex",
	"duplex half":                        "Half duplex",
	"undo duplex":                        "Restore the default duplex mode (autonegotiation)",
	"flow-control":                       "Enable flow control",
	"undo flow-control":                  "Disable flow control",
	"jumboframe":                         "Jumbo frames",
	"jumboframe enable":                  "Allow jumbo frames to pass",
	"undo jumboframe enable":             "Do not allow jumbo frames to pass",
	"broadcast-suppression":              "Broadcast storm suppression",
	"pps":                                "Packets per second",
	"kbps":                               "Kilobits per second",
	"undo broadcast-suppression":         "Disable broadcast storm suppression",
	"loopback-detection":                 "Loopback detection",
	"loopback-detection enable":          "Enable loopback detection",
	"loopback-detection enable vlan":     "Specify the VLANs",
	"loopback-detection action":          "Specify the action taken on a loop",
	"block":                              "Block the port",
	"no-learning":                        "Stop learning MAC addresses on the port",
	"loopback-detection action shutdown": "Shut down the port",
	"undo loopback-detection enable":     "Disable loopback detection",
	"undo loopback-detection action":     "Restore the default action",
	"port-isolate":                       "Port isolation",
	"port-isolate enable":                "Add the port to the isolation group",
	"undo port-isolate enable":           "Remove the port from the isolation group",
	"poe":                                "Power over Ethernet",
	"poe enable":                         "Enable PoE on the port",
	"undo poe enable":                    "Disable PoE on the port",
})

var portAttrArgHelp = map[string]string{
	"jumbo": "Maximum frame length in bytes",
	"ratio": "Maximum share of the port's bandwidth in percent",
	"bpps":  "Maximum packets per second",
	"bkbps": "Maximum kilobits per second",
}

// usagePct is a rate in bytes per second as a share of the port's speed, in whole percent. The
// simulated traffic does not slow down when a speed is forced lower, so it stops at 100.
func usagePct(rate float64, f *Iface) int {
	return min(100, int(rate*8*100/(float64(portSpeedMbps(f))*1e6)))
}
