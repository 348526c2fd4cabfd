package switchctl

import (
	"math"
	"net"
	"net/netip"
	"strings"
)

// Wired ports: a port the fleet's Wiring names has the far device behind it instead of a simulated
// neighbour. Its link is up while neither end is shut down, LLDP names the far device, and the MAC
// and ARP tables learn the far device's chassis MAC in the VLANs both ends carry.
//
// The far device is another *Device with its own locks, so what it reports (FarEnd.Up, VLANs,
// Addrs) is read before this device's locks are taken (pollFar): two wired devices syncing at once
// never wait on each other's locks while holding their own.

// wiredPort is a port wired to another device.
type wiredPort struct {
	far   FarEnd
	peer  *simPeer // the far device as LLDP shows it
	cable string   // the link's key, the same from both ends: its two ends in order
	first bool     // this end is the key's first
}

// farState is what a far end reported at one poll.
type farState struct {
	up       bool
	allVLANs bool    // the far end did not say (FarEnd.VLANs nil): the near end's VLANs decide
	vlans    VLANSet // the VLANs the far port carries
	addrs    []VLANAddr
	agg      PortAgg // the far port's aggregation, when aggKnown
	aggKnown bool
	bpdu     bool // the far device runs STP on the far port: BPDUs arrive
}

// wirePorts finds the model's wired ports of the device whose chassis MAC is self. The wiring is
// data, so this is done once.
func wirePorts(m Model, w Wiring, self net.HardwareAddr) map[string]*wiredPort {
	if w == nil {
		return nil
	}
	out := map[string]*wiredPort{}
	for _, n := range m.Ports() {
		fe, ok := w.Far(n)
		if !ok {
			continue
		}
		wp := &wiredPort{far: fe, peer: wiredPeer(fe)}
		near, far := macString(self)+" "+n.Full(), macString(wp.peer.chassis)+" "+fe.Port.Full()
		wp.first = near < far
		wp.cable = far + " " + near
		if wp.first {
			wp.cable = near + " " + far
		}
		out[n.Full()] = wp
	}
	return out
}

// wiredPeer is the LLDP neighbour a far end announces: a Comware switch with its port named in
// full and its management address.
func wiredPeer(fe FarEnd) *simPeer {
	name := fe.Sysname
	if strings.TrimSpace(name) == "" {
		name = DefaultSysname
	}
	chassis := fe.Chassis
	if len(chassis) != 6 { // a fleet bug must not panic a display: a stable address stands in
		chassis = ChassisMAC(name, 0)
	}
	p := &simPeer{kind: peerSwitch, wired: true, name: name, chassis: net.HardwareAddr(chassis),
		portIDType: "Interface name", portID: fe.Port.Full(), portDesc: fe.Port.Full() + " Interface",
		sysDesc: lldpSysDesc(fe.Model), ttl: 255,
		capsSup: "Bridge, Router, Customer Bridge, Service Bridge", capsOn: "Bridge, Router, Customer Bridge"}
	if a, err := netip.ParseAddr(fe.MgmtAddr); err == nil && a.Is4() {
		p.mgmt = a
	}
	return p
}

// lldpSysDesc is the system description a simulated device of model m announces: the software,
// then the device name on a continuation line, as Comware does.
func lldpSysDesc(m Model) string {
	d := "HPE Comware Platform Software, Software Version " + SoftwareVersion + ", Release " + SoftwareRelease
	if m.DeviceName != "" {
		d += "\n" + m.DeviceName
	}
	return d
}

// pollFar asks every far end for its state now. It runs with no lock of this device held.
func (s *simulation) pollFar() map[string]farState {
	if len(s.wired) == 0 {
		return nil
	}
	out := make(map[string]farState, len(s.wired))
	for name, w := range s.wired {
		st := farState{up: true, allVLANs: true}
		if w.far.Up != nil {
			st.up = w.far.Up()
		}
		if w.far.VLANs != nil {
			st.vlans, st.allVLANs = w.far.VLANs(), false
		}
		if w.far.Addrs != nil {
			st.addrs = w.far.Addrs()
		}
		if w.far.Agg != nil {
			st.agg, st.aggKnown = w.far.Agg()
		}
		if w.far.STP != nil {
			n, ok := w.far.STP()
			st.bpdu = ok && n.Enabled && n.hasPort(w.far.Port)
		}
		out[name] = st
	}
	return out
}

// farUp reports whether the far end of a wired port was up at the last poll; true for a port
// that is not wired.
func (s *simulation) farUp(n IfName) bool {
	st, ok := s.far[n.Full()]
	return !ok || st.up
}

// sharedVLANs is the set of VLANs both ends of a wired port carry.
func (s *simulation) sharedVLANs(f *Iface, exist VLANSet) VLANSet {
	c := carriedVLANs(f, exist)
	if st, ok := s.far[f.Name.Full()]; ok && !st.allVLANs {
		for i := range c.bits {
			c.bits[i] &= st.vlans.bits[i]
		}
	}
	return c
}

// wiredEntries adds what an up wired port learns: the far chassis MAC in each VLAN both ends carry,
// with the far device's address in that VLAN's subnet when it has one (its ARP entry), and the LLDP
// neighbour on the native VLAN's entry (or on an entry of no VLAN when the ends share none, or STP
// blocks the link: LLDP frames still cross it).
func (v *simView) wiredEntries(hosts []simEntry, f *Iface, order int, w *wiredPort, subnets map[int]*simSubnet) []simEntry {
	s := v.s
	p := w.peer
	up := v.link(f).upSince
	shared := vlanIDs(s.sharedVLANs(f, v.existing()))
	if len(shared) == 0 || v.stpBlocks(f) {
		return append(hosts, simEntry{mac: p.chassis, vlan: -1, port: f.Name, order: order, peer: p, up: up, ttl: p.ttl})
	}
	pvid := nativeVLAN(f)
	if !containsInt(shared, pvid) {
		pvid = shared[0]
	}
	addrs := s.far[f.Name.Full()].addrs
	for _, vlan := range shared {
		e := simEntry{mac: p.chassis, vlan: vlan, port: f.Name, order: order, ttl: p.ttl, up: up}
		if vlan == pvid {
			e.peer = p
		}
		if sn := subnets[vlan]; sn != nil {
			for _, a := range addrs {
				if ip := a.Addr.Addr(); a.VLAN == vlan && sn.pfx.Contains(ip) && !sn.used[ip] {
					e.ip, sn.used[ip] = ip, true
					break
				}
			}
		}
		hosts = append(hosts, e)
	}
	return hosts
}

// farMgmtIfID is the interface ID announced with a far device's management address: its
// Vlan-interface's, numbered as the simulated neighbours number theirs (1000+VLAN), or the
// management port's (1000) when no Vlan-interface holds it.
func (v *simView) farMgmtIfID(port IfName, mgmt netip.Addr) int {
	for _, a := range v.s.far[port.Full()].addrs {
		if a.Addr.Addr() == mgmt {
			return 1000 + a.VLAN
		}
	}
	return 1000
}

// cableTraffic makes a wired port's traffic the cable's: what one end sends the other receives, with
// the waves on the wall clock rather than since boot, so both ends show the same rates whatever
// their boot times. Counters still count from each end's own boot.
func (s *simulation) cableTraffic(p *simProfile, w *wiredPort) {
	h0 := fnv64(w.cable)
	unit := func(k uint64) float64 { return float64(mix64(h0^k)%10000) / 10000 }
	speed := p.speed
	if w.far.Port.Type == IfGE {
		speed = min(speed, 1_000_000_000)
	}
	bootSec := float64(s.boot.UnixNano()) / 1e9
	wave := func(k uint64, base float64) simWave {
		period := 600 + 3000*unit(k+1)
		return simWave{base: base, ampl: 0.2 + 0.5*unit(k), period: period,
			phase: 2 * math.Pi * (unit(k+2) + math.Mod(bootSec, period)/period)}
	}
	util := 0.002 + 0.06*unit(6)*unit(7)
	load := float64(speed/8) * util
	ab, ba := wave(10, load), wave(20, load*(0.3+1.4*unit(8))) // first end to second, and back
	sa, sb := 300+900*unit(1), 300+900*unit(2)
	if w.first {
		p.out, p.in, p.pktOut, p.pktIn = ab, ba, sa, sb
	} else {
		p.in, p.out, p.pktIn, p.pktOut = ab, ba, sa, sb
	}
}

// fnv64 is FNV-1a of a string.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// tellWired tells the far devices of the wired ports that this device's configuration changed
// (FarEnd.Changed), so that each syncs and logs what the change did to its end of the link at once.
// It runs outside the device's locks: a far device's sync reads this device.
func (d *Device) tellWired() {
	if d.sim == nil {
		return
	}
	for _, w := range d.sim.wired {
		if w.far.Changed != nil {
			w.far.Changed()
		}
	}
}
