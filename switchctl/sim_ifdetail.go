package switchctl

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ifWriter writes `display interface` blocks for one view of the simulation.
type ifWriter struct {
	b   *bytes.Buffer
	v   *simView
	mac string // the bridge MAC, which every interface shows
	mge string // the management port's own MAC
}

func newIfWriter(d *Device, b *bytes.Buffer, v *simView) *ifWriter {
	mac := d.ChassisMAC()
	mge := append(mac[:0:0], mac...)
	mge[5]++
	return &ifWriter{b: b, v: v, mac: macString(mac), mge: macString(mge)}
}

func (w *ifWriter) printf(format string, args ...any) { fmt.Fprintf(w.b, format, args...) }

// iface writes one interface's block.
func (w *ifWriter) iface(f *Iface) {
	w.b.WriteString(f.Name.Full())
	w.b.WriteByte('\n')
	state, proto := "DOWN", "DOWN"
	switch {
	case f.Shutdown:
		state = "Administratively DOWN"
	case w.v.s.bpduClosed(f.Name):
		state = "STP DOWN"
	case f.Name.Type == IfLoop || f.Name.Type == IfNull:
		state, proto = "UP", "UP(spoofing)"
	case w.v.up(f):
		state, proto = "UP", "UP"
	}
	w.printf("Current state: %s\nLine protocol state: %s\n", state, proto)
	desc := f.Description
	if desc == "" {
		desc = f.Name.Full() + " Interface"
	}
	switch f.Name.Type {
	case IfGE, IfXGE:
		w.port(f, state == "UP", desc)
	case IfMGE:
		w.mgmt(f, state == "UP", desc)
	case IfBAGG:
		w.agg(f, state == "UP", desc)
	default:
		w.routed(f, desc)
	}
}

// addrs writes the Internet address lines of a routed interface.
func (w *ifWriter) addrs(f *Iface) {
	if len(f.Addrs) == 0 {
		w.b.WriteString("Internet protocol processing: Disabled\n")
	}
	for _, a := range f.Addrs {
		kind := "Primary"
		if a.Sub {
			kind = "Sub"
		}
		w.printf("Internet address: %s/%d (%s)\n", a.Addr, a.Prefix, kind)
	}
}

// routed writes the rest of a Vlan-interface, LoopBack or NULL block.
func (w *ifWriter) routed(f *Iface, desc string) {
	w.printf("Description: %s\n", desc)
	switch f.Name.Type {
	case IfVlan:
		w.b.WriteString("Bandwidth: 1000000 kbps\nMaximum transmission unit: 1500\n")
		w.addrs(f)
		w.printf("IP packet frame type: Ethernet II, hardware address: %s\n", w.mac)
		w.printf("IPv6 packet frame type: Ethernet II, hardware address: %s\n", w.mac)
	case IfLoop:
		w.b.WriteString("Bandwidth: 8000000 kbps\nMaximum transmission unit: 1536\n")
		w.addrs(f)
		w.b.WriteString("Physical: Loopback\n")
	default:
		w.b.WriteString("Bandwidth: 1000000 kbps\nMaximum transmission unit: 1500\nInternet protocol processing: Disabled\n")
		w.b.WriteString("Physical: NULL DEV, baudrate: 1000000 kbps\n")
	}
	w.b.WriteString("Last clearing of counters: Never\n")
	var c simCounters
	if l := w.v.link(f); l != nil {
		c = w.v.counters(l)
	}
	w.printf("Last 300 seconds input rate: %d bytes/sec, %d bits/sec, %d packets/sec\n", int64(c.inRate), int64(c.inRate*8), int64(c.inPPS))
	w.printf("Last 300 seconds output rate: %d bytes/sec, %d bits/sec, %d packets/sec\n", int64(c.outRate), int64(c.outRate*8), int64(c.outPPS))
	w.printf("Input: %d packets, %d bytes, 0 drops\nOutput: %d packets, %d bytes, 0 drops\n", c.inPkts(), c.inBytes, c.outPkts(), c.outBytes)
}

// mgmt writes the rest of the management port's block, in the layout Comware uses for it.
func (w *ifWriter) mgmt(f *Iface, up bool, desc string) {
	w.printf("Description: %s\nBandwidth: 1000000 kbps\nMaximum transmission unit: 1500\n", desc)
	w.addrs(f)
	w.printf("IP packet frame type: Ethernet II, hardware address: %s\n", w.mge)
	w.printf("IPv6 packet frame type: Ethernet II, hardware address: %s\n", w.mge)
	l := w.v.link(f)
	w.printf("Last link flapping: %s\nLast clearing of counters: Never\n", w.flapping(l))
	w.b.WriteString("Media type is twisted pair, loopback not set\nPort hardware type is 1000_BASE_T\n")
	if up {
		w.b.WriteString("1000Mbps-speed mode, full-duplex mode\n")
	} else {
		w.b.WriteString("Unknown-speed mode, unknown-duplex mode\n")
	}
	w.b.WriteString("Link speed type is autonegotiation, link duplex type is autonegotiation\n")
	var c simCounters
	if l != nil {
		c = w.v.counters(l)
	}
	const pad = "         "
	w.printf("input:   %d packets, %d bytes\n%s%d broadcasts,%d multicasts\n", c.inPkts(), c.inBytes, pad, c.inBcast, c.inMcast)
	w.printf("input:   - input errors,- runts,- giants,- throttles,0 CRC\n%s- frame,- overruns,- aborts,- ignored,- parity errors\n", pad)
	w.printf("output:  %d packets, %d bytes\n%s%d broadcasts,%d multicasts\n", c.outPkts(), c.outBytes, pad, c.outBcast, c.outMcast)
	w.printf("output:  - output errors,- underruns,- buffer failures\n%s- aborts,- deferred,0 collisions,0 late collisions\n", pad)
	w.printf("%s- lost carrier,- no carrier\n", pad)
}

// agg writes the rest of an aggregate interface's block: its bandwidth is its Selected members'.
func (w *ifWriter) agg(f *Iface, up bool, desc string) {
	w.printf("IP packet frame type: Ethernet II, hardware address: %s\nDescription: %s\n", w.mac, desc)
	mbps := w.v.aggSpeed(f)
	w.printf("Bandwidth: %d kbps\n", mbps*1000)
	if up {
		w.printf("%dGbps-speed mode, full-duplex mode\n", mbps/1000)
	} else {
		w.b.WriteString("Unknown-speed mode, unknown-duplex mode\n")
	}
	w.b.WriteString("Link speed type is autonegotiation, link duplex type is autonegotiation\n")
	w.printf("PVID: %d\n", nativeVLAN(f))
	w.vlanLines(f)
	w.b.WriteString("Last clearing of counters: Never\n")
}

// vlanLines writes a switching interface's link type and VLAN lines.
func (w *ifWriter) vlanLines(f *Iface) {
	exist := w.v.existing()
	switch f.LinkType {
	case LinkAccess:
		w.printf("Port link-type: Access\n Tagged VLANs:   None\n Untagged VLANs: %d\n", f.AccessVLAN)
	case LinkTrunk:
		w.b.WriteString("Port link-type: Trunk\n")
		w.wrapped(" VLAN Passing:   ", vlanIDs(andSet(f.Trunk, exist)))
		w.printf(" VLAN permitted: %s\n Trunk port encapsulation: IEEE 802.1q\n", vlanListOrNone(vlanIDs(f.Trunk)))
	case LinkHybrid:
		w.printf("Port link-type: Hybrid\n Tagged VLANs:   %s\n Untagged VLANs: %s\n",
			vlanListOrNone(vlanIDs(andSet(f.HybridTag, exist))), vlanListOrNone(vlanIDs(andSet(f.HybridUntag, exist))))
	}
}

// port writes the rest of a front-panel port's block.
func (w *ifWriter) port(f *Iface, up bool, desc string) {
	xge := f.Name.Type == IfXGE
	w.printf("IP packet frame type: Ethernet II, hardware address: %s\nDescription: %s\n", w.mac, desc)
	media := "Media type is twisted pair, port hardware type is 1000_BASE_T"
	if xge {
		media = "Media type is optical fiber, port hardware type is 10G_BASE_SR_SFP"
		if !w.v.s.profile(f.Name).connected {
			media = "Media type is not sure, port hardware type is No connector"
		}
	}
	w.printf("Bandwidth: %d kbps\nLoopback is not set\n%s\n", portSpeedMbps(f)*1000, media)
	w.b.WriteString(etherLines(f, up))
	w.printf("PVID: %d\nMDI type: Automdix\n", nativeVLAN(f))
	w.vlanLines(f)
	l := w.v.link(f)
	w.printf("Port priority: 0\nLast link flapping: %s\nLast clearing of counters: Never\n", w.flapping(l))
	w.printf("Current system time:%s\n", sysTime(w.v.now))
	lastUp, lastDown := "-", "-"
	if l != nil {
		if t := latest(l.firstUp, l.lastUp); !t.IsZero() {
			lastUp = sysTime(t)
		}
		if !l.lastDown.IsZero() {
			lastDown = sysTime(l.lastDown)
		}
	}
	w.printf("Last time when physical state changed to up:%s\nLast time when physical state changed to down:%s\n", lastUp, lastDown)
	var c simCounters
	if l != nil {
		c = w.v.counters(l)
	}
	w.printf(" Peak input rate: %d bytes/sec, at %s\n", int64(c.peakIn), c.peakInAt.Format(time.DateTime))
	w.printf(" Peak output rate: %d bytes/sec, at %s\n", int64(c.peakOut), c.peakOutAt.Format(time.DateTime))
	pct := func(rate float64) string {
		if !up {
			return "-%"
		}
		return strconv.Itoa(usagePct(rate, f)) + "%"
	}
	w.printf(" Last 300 seconds input: %d packets/sec %d bytes/sec %s\n", int64(c.inPPS), int64(c.inRate), pct(c.inRate))
	w.printf(" Last 300 seconds output: %d packets/sec %d bytes/sec %s\n", int64(c.outPPS), int64(c.outRate), pct(c.outRate))
	const pad = "        "
	w.printf(" Input (total):  %d packets, %d bytes\n", c.inPkts(), c.inBytes)
	w.printf("%s%d unicasts, %d broadcasts, %d multicasts, 0 pauses\n", pad, c.inUni, c.inBcast, c.inMcast)
	w.printf(" Input (normal):  %d packets, - bytes\n", c.inPkts())
	w.printf("%s%d unicasts, %d broadcasts, %d multicasts, 0 pauses\n", pad, c.inUni, c.inBcast, c.inMcast)
	w.printf(" Input:  0 input errors, 0 runts, 0 giants, 0 throttles\n%s0 CRC, 0 frame, - overruns, 0 aborts\n%s- ignored, - parity errors\n", pad, pad)
	w.printf(" Output (total): %d packets, %d bytes\n", c.outPkts(), c.outBytes)
	w.printf("%s%d unicasts, %d broadcasts, %d multicasts, 0 pauses\n", pad, c.outUni, c.outBcast, c.outMcast)
	w.printf(" Output (normal): %d packets, - bytes\n", c.outPkts())
	w.printf("%s%d unicasts, %d broadcasts, %d multicasts, 0 pauses\n", pad, c.outUni, c.outBcast, c.outMcast)
	w.printf(" Output: 0 output errors, - underruns, - buffer failures\n%s0 aborts, 0 deferred, 0 collisions, 0 late collisions\n%s0 lost carrier, - no carrier\n", pad, pad)
}

// wrapped writes a VLAN list after a label, continuing on lines indented under the first item when
// it would pass 80 columns, as the switch does.
func (w *ifWriter) wrapped(label string, ids []int) {
	parts := strings.Split(vlanListOrNone(ids), ", ")
	line, n := label, 0
	for i, p := range parts {
		sep := ", "
		if i == len(parts)-1 {
			sep = ""
		}
		if n > 0 && len(line)+len(p)+len(sep) > 80 {
			w.b.WriteString(strings.TrimSuffix(line, ", ") + "\n")
			line, n = strings.Repeat(" ", len(label)), 0
		}
		line += p + sep
		n++
	}
	w.b.WriteString(line + "\n")
}

// vlanListOrNone writes VLANs as "1(default vlan), 2-10, 20", or "none".
func vlanListOrNone(ids []int) string {
	if len(ids) == 0 {
		return "none"
	}
	if ids[0] == 1 {
		if len(ids) == 1 {
			return "1(default vlan)"
		}
		return "1(default vlan), " + vlanDisplayList(ids[1:])
	}
	return vlanDisplayList(ids)
}

func andSet(a, b VLANSet) VLANSet {
	for i := range a.bits {
		a.bits[i] &= b.bits[i]
	}
	return a
}

// flapping is the "Last link flapping" value: how long ago the link last changed, or Never.
func (w *ifWriter) flapping(l *simLink) string {
	if l == nil {
		return "Never"
	}
	t := latest(l.lastUp, l.lastDown)
	if t.IsZero() {
		return "Never"
	}
	m := int(w.v.now.Sub(t) / time.Minute)
	s := fmt.Sprintf("%d hours %d minutes", m/60%24, m%60)
	if d := m / 1440; d > 0 {
		s = fmt.Sprintf("%d days %s", d%7, s)
		if d >= 7 {
			s = fmt.Sprintf("%d weeks %s", d/7, s)
		}
	}
	return s
}

// sysTime writes a time as the detailed display does: 2026-11-25 10:38:12 UTC+00:00:00.
func sysTime(t time.Time) string {
	name, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s %s%c%02d:%02d:%02d", t.Format(time.DateTime), name, sign, off/3600, off/60%60, off%60)
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
