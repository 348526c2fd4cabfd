package switchctl

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// The layer-2 displays: interfaces, the MAC address table and LLDP neighbours, in Comware 7's
// layout (the ntc-templates hp_comware templates parse them); the figures come from the simulation.

func displayL2Rows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display interface [<if:ifname>]", runDisplayInterface),
		show("display interface <iftype:iftype>", runDisplayInterface),
		show("display mac-address", runDisplayMAC),
		show("display lldp neighbor-information list", runDisplayLLDPList),
		show("display lldp neighbor-information verbose", runDisplayLLDPVerbose),
	}
}

var displayL2Help = map[string]string{
	"display mac-address":                       "MAC address table information",
	"display lldp":                              "Link Layer Discovery Protocol(LLDP) module",
	"display lldp neighbor-information":         "Neighbor information",
	"display lldp neighbor-information list":    "Neighbor information in a list",
	"display lldp neighbor-information verbose": "Detailed neighbor information",
}

// linkState is the link and protocol state of an interface as the brief tables show them.
func (v *simView) linkState(f *Iface) (link, proto string) {
	switch {
	case f.Shutdown:
		return "ADM", "DOWN"
	case f.Name.Type == IfLoop || f.Name.Type == IfNull:
		return "UP", "UP(s)"
	case v.up(f):
		return "UP", "UP"
	}
	return "DOWN", "DOWN"
}

// primaryIP is an interface's primary address, "--" without one.
func primaryIP(f *Iface) string {
	for _, a := range f.Addrs {
		if !a.Sub {
			return a.Addr.String()
		}
	}
	return "--"
}

// runDisplayInterface prints every interface, or one, in full; blocks are separated by a blank line.
func runDisplayInterface(c *Ctx) error {
	var b bytes.Buffer
	b.Grow(4096)
	var err error
	c.D.simRead(func(v *simView) {
		w := newIfWriter(c.D, &b, v)
		if c.A.IsSet("if") {
			f := v.cfg.Ifaces[c.A.If("if").Full()]
			if f == nil {
				err = &ParseError{Kind: WrongParam, Pos: c.A.Pos("if")}
				return
			}
			w.iface(f)
			return
		}
		for i, f := range ofType(c, displayOrder(v.cfg)) {
			if i > 0 {
				b.WriteByte('\n')
			}
			if f == nil {
				b.WriteString(inLoopBlock)
				continue
			}
			w.iface(f)
		}
	})
	if err != nil {
		return err
	}
	_, err = c.Out.Write(b.Bytes())
	return err
}

// displayOrder is the order of `display interface`: the aggregate interfaces, the front panel, the
// management port, InLoopBack0 (nil), LoopBacks, NULL0, then Vlan-interfaces.
func displayOrder(cfg *Config) []*Iface {
	rank := [...]int{IfBAGG: 0, IfGE: 1, IfXGE: 1, IfMGE: 2, IfLoop: 4, IfNull: 5, IfVlan: 6}
	var groups [7][]*Iface
	for _, f := range cfg.sortedIfaces() {
		r := rank[f.Name.Type]
		groups[r] = append(groups[r], f)
	}
	groups[3] = []*Iface{nil}
	var out []*Iface
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// inLoopBlock is InLoopBack0, the internal loopback every Comware device has.
const inLoopBlock = `InLoopBack0
Current state: UP
Line protocol state: UP(spoofing)
Description: InLoopBack0 Interface
Bandwidth: 0 kbps
Maximum transmission unit: 1536
Physical: InLoopBack
Last 300 seconds input rate: 0 bytes/sec, 0 bits/sec, 0 packets/sec
Last 300 seconds output rate: 0 bytes/sec, 0 bits/sec, 0 packets/sec
Input: 0 packets, 0 bytes, 0 drops
Output: 0 packets, 0 bytes, 0 drops
`

func runDisplayMAC(c *Ctx) error {
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		b.WriteString("MAC Address      VLAN ID    State            Port/Nickname            Aging\n")
		for _, e := range v.tables().macs() {
			fmt.Fprintf(&b, "%-17s%-11d%-17s%-25s%s\n", macString(e.mac), e.vlan, "Learned", v.cfg.bridgePort(e.port).Short(), "Y")
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

func runDisplayLLDPList(c *Ctx) error {
	if lldpOff(c) {
		return nil
	}
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		b.WriteString("Chassis ID : * -- -- Nearest nontpmr bridge neighbor\n")
		b.WriteString("             # -- -- Nearest customer bridge neighbor\n")
		b.WriteString("             Default -- -- Nearest bridge neighbor\n")
		b.WriteString("System Name          Local Interface Chassis ID      Port ID\n")
		for _, e := range v.tables().lldp {
			p := e.peer
			fmt.Fprintf(&b, "%-21s%-16s%-16s%s\n", p.name, e.port.Short(), macString(p.chassis), p.portID)
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

func runDisplayLLDPVerbose(c *Ctx) error {
	if lldpOff(c) {
		return nil
	}
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		for i, e := range v.tables().lldp {
			if i > 0 {
				b.WriteByte('\n')
			}
			writeLLDPNeighbor(&b, v, e)
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

// writeLLDPNeighbor writes one neighbour block of `display lldp neighbor-information verbose`.
func writeLLDPNeighbor(b *bytes.Buffer, v *simView, e *simEntry) {
	p := e.peer
	f := v.cfg.Ifaces[e.port.Full()]
	line := func(label, val string) { fmt.Fprintf(b, " %-20s: %s\n", label, val) }
	fmt.Fprintf(b, "LLDP neighbor-information of port %d[%s]:\nLLDP agent nearest-bridge:\n", portIndex(v.s.model, e.port), e.port.Full())
	line("LLDP neighbor index", "1")
	line("Update time", lldpAge(v.now.Sub(e.up)))
	line("Chassis type", "MAC address")
	line("Chassis ID", macString(p.chassis))
	line("Port ID type", p.portIDType)
	line("Port ID", p.portID)
	line("Time to live", "121")
	line("Port description", p.portDesc)
	line("System name", p.name)
	line("System description", strings.ReplaceAll(p.sysDesc, "\n", "\n"+lldpIndent))
	fmt.Fprintf(b, " System capabilities supported : %s\n System capabilities enabled   : %s\n", p.capsSup, p.capsOn)
	if mgmt, ifID := v.lldpMgmt(e); mgmt.IsValid() {
		fmt.Fprintf(b, " Management address type           : IPv4\n Management address                : %s\n", mgmt)
		fmt.Fprintf(b, " Management address interface type : IfIndex\n Management address interface ID   : %d\n", ifID)
		b.WriteString(" Management address OID            : 0\n")
	}
	if p.kind == peerSwitch || p.kind == peerAP {
		fmt.Fprintf(b, " Port VLAN ID(PVID)  : %d\n", nativeVLAN(f))
	}
	speed := "Speed(1000)/Duplex(Full)"
	if e.port.Type == IfXGE {
		speed = "Speed(10000)/Duplex(Full)"
	}
	aggOn, aggID := "No", 0
	if f != nil && f.AggGroup != 0 {
		aggOn, aggID = "Yes", f.AggGroup
	}
	fmt.Fprintf(b, " Link aggregation supported : Yes\n Link aggregation enabled   : %s\n Aggregation port ID        : %d\n", aggOn, aggID)
	fmt.Fprintf(b, " Auto-negotiation supported : Yes\n Auto-negotiation enabled   : Yes\n OperMau                    : %s\n", speed)
	b.WriteString(" Maximum frame size         : 9216\n")
}

// lldpMgmt is the management address a neighbour announces and its interface ID: a simulated
// neighbour announces the address it answers ARP with, a wired one its fleet's management address.
func (v *simView) lldpMgmt(e *simEntry) (netip.Addr, int) {
	if e.peer.wired {
		return e.peer.mgmt, v.farMgmtIfID(e.port, e.peer.mgmt)
	}
	return e.ip, 1000 + e.vlan
}

// lldpIndent is where a value's continuation lines start in an LLDP verbose block: under its first.
const lldpIndent = "                       "

// lldpAge writes an LLDP update age: "0 days, 2 hours, 1 minutes, 46 seconds".
func lldpAge(d time.Duration) string {
	s := int(max(d, 0) / time.Second)
	return fmt.Sprintf("%d days, %d hours, %d minutes, %d seconds", s/86400, s/3600%24, s/60%60, s%60)
}
