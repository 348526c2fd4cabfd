package switchctl

import (
	"bytes"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// The layer-3 displays: IP interfaces, the routing table and the ARP table, in Comware 7's layout.

func displayL3Rows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display ip interface", runDisplayIPInterface),
		show("display ip interface brief", runDisplayIPInterfaceBrief),
		show("display ip routing-table", runDisplayRoutingTable),
		show("display arp", runDisplayARP),
	}
}

var displayL3Help = map[string]string{
	"display ip":               "IP module",
	"display ip interface":     "IP information of interfaces",
	"display ip routing-table": "Routing table information",
	"display arp":              "ARP module",
}

// ipInterfaces are the interfaces `display ip interface` shows: the layer-3 ones.
func ipInterfaces(cfg *Config) []*Iface {
	var out []*Iface
	for _, f := range cfg.sortedIfaces() {
		if f.Name.Routed() {
			out = append(out, f)
		}
	}
	return out
}

func runDisplayIPInterfaceBrief(c *Ctx) error {
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		b.WriteString("*down: administratively down\n(s): spoofing  (l): loopback\n")
		b.WriteString("Interface                Physical Protocol IP Address      Description\n")
		for _, f := range v.cfg.sortedIfaces() {
			if !f.Name.Routed() { // NULL0 too: real switches list no NULL0 row here [HCL-LAB]
				continue
			}
			link, proto := v.linkState(f)
			phys := strings.ToLower(link)
			if link == "ADM" {
				phys = "*down"
			}
			proto = strings.ToLower(proto)
			desc := truncDesc(f.Description)
			if desc == "" {
				desc = "--"
			}
			fmt.Fprintf(&b, "%-25s%-9s%-9s%-16s%s\n", f.Name.Short(), phys, proto, primaryIP(f), desc)
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

// icmpLabels are the ICMP counters `display ip interface` lists, in order.
var icmpLabels = []string{"Echo reply", "Unreachable", "Source quench", "Routing redirect", "Echo request",
	"Router advert", "Router solicit", "Time exceed", "IP header bad", "Timestamp request", "Timestamp reply",
	"Information request", "Information reply", "Netmask request", "Netmask reply", "Unknown type"}

func runDisplayIPInterface(c *Ctx) error {
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		for i, f := range ipInterfaces(v.cfg) {
			if i > 0 {
				b.WriteByte('\n')
			}
			writeIPInterface(&b, v, f)
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

// writeIPInterface writes one block of `display ip interface`.
func writeIPInterface(b *bytes.Buffer, v *simView, f *Iface) {
	state, proto := "DOWN", "DOWN"
	switch {
	case f.Shutdown:
		state = "Administratively DOWN"
	case f.Name.Type == IfLoop:
		state, proto = "UP", "UP(spoofing)"
	case v.up(f):
		state, proto = "UP", "UP"
	}
	fmt.Fprintf(b, "%s current state: %s\nLine protocol current state: %s\n", f.Name.Full(), state, proto)
	if len(f.Addrs) == 0 {
		return
	}
	for _, a := range f.Addrs {
		kind := "Primary"
		if a.Sub {
			kind = "Sub"
		}
		fmt.Fprintf(b, "Internet Address is %s/%d %s\n", a.Addr, a.Prefix, kind)
	}
	a := f.Addrs[0]
	bcast := a.Addr
	if a.Prefix < 31 {
		bcast = lastAddr(netip.PrefixFrom(a.Addr, a.Prefix).Masked())
	}
	mtu := 1500
	if f.Name.Type == IfLoop {
		mtu = 1536
	}
	fmt.Fprintf(b, "Broadcast address: %s\nThe Maximum Transmit Unit: %d bytes\n", bcast, mtu)
	var cn simCounters
	if l := v.link(f); l != nil {
		cn = v.counters(l)
	}
	fmt.Fprintf(b, "input packets : %d, bytes : %d, multicasts : %d\n", cn.inPkts(), cn.inBytes, cn.inMcast)
	fmt.Fprintf(b, "output packets : %d, bytes : %d, multicasts : %d\n", cn.outPkts(), cn.outBytes, cn.outMcast)
	right := func(label string, n uint64) { fmt.Fprintf(b, "%s%*d\n", label, 36-len(label), n) }
	echo := cn.inPkts() / 2000 // pings and monitoring make up a small share of what reaches the interface
	right("TTL invalid packet number:", 0)
	right("ICMP packet input number:", echo*2+echo/10)
	for _, l := range icmpLabels {
		n := uint64(0)
		switch l {
		case "Echo reply", "Echo request":
			n = echo
		case "Unreachable":
			n = echo / 10
		}
		right("  "+l+":", n)
	}
}

func runDisplayRoutingTable(c *Ctx) error {
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		rs := v.routes()
		dests := 0
		for i, r := range rs {
			if i == 0 || r.dest != rs[i-1].dest {
				dests++
			}
		}
		fmt.Fprintf(&b, "\nDestinations : %-9d Routes : %d\n\n", dests, len(rs))
		b.WriteString("Destination/Mask    Proto  Pre  Cost         NextHop         Interface\n")
		for i, r := range rs {
			if i > 0 && r.dest == rs[i-1].dest && r.proto == rs[i-1].proto {
				fmt.Fprintf(&b, "%45s%-16s%s\n", "", r.nextHop, r.iface)
				continue
			}
			fmt.Fprintf(&b, "%-20s%-7s%-5d%-13d%-16s%s\n", r.dest, r.proto, r.pref, r.cost, r.nextHop, r.iface)
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

func runDisplayARP(c *Ctx) error {
	var b bytes.Buffer
	c.D.simRead(func(v *simView) {
		b.WriteString("  Type: S-Static   D-Dynamic   O-Openflow   R-Rule   M-Multiport  I-Invalid\n")
		b.WriteString("IP address      MAC address    VLAN     Interface                Aging Type\n")
		for _, e := range v.tables().arp {
			vlan := "N/A"
			if e.vlan != 0 {
				vlan = strconv.Itoa(e.vlan)
			}
			fmt.Fprintf(&b, "%-16s%-15s%-9s%-25s%-6d%s\n", e.ip, macString(e.mac), vlan, e.port.Short(), v.arpAging(e), "D")
		}
	})
	_, err := c.Out.Write(b.Bytes())
	return err
}

// arpAging is the minutes an ARP entry has left (1-20): entries are refreshed one after another.
func (v *simView) arpAging(e *simEntry) int {
	mins := uint64(v.now.Sub(v.s.boot) / time.Minute)
	return 20 - int((mins+v.s.hash(e.ip.String(), 0xa6))%20)
}
