package switchctl

import (
	"net"
	"net/netip"
	"sort"
	"time"
)

// simView is the configuration and the simulation at one instant, as displays read them. It lives
// only while the device is read-locked and the simulation locked.
type simView struct {
	s     *simulation
	cfg   *Config
	now   time.Time
	tabs  *simTables
	exist *VLANSet
	stp   *stpTree // the spanning tree, solved before the locks; nil on a device with no wired port
}

// stpBlocks reports whether STP blocks a wired port's link: an alternate port at either end
// discards, so the link carries no frames and nothing is learnt through it (LLDP still is). A port
// root protection holds discards too.
func (v *simView) stpBlocks(f *Iface) bool {
	if v.stp == nil || !v.cfg.STP.Enabled || f.STP.Off {
		return false
	}
	p, ok := v.stp.ports[f.Name.Full()]
	return ok && (p.state == "DISCARDING" || p.farDiscards || (f.STP.RootProt && p.role != "DESI"))
}

// existing is the set of configured VLANs, made once per view.
func (v *simView) existing() VLANSet {
	if v.exist == nil {
		e := existingVLANs(v.cfg)
		v.exist = &e
	}
	return *v.exist
}

// link is the tracked state of an interface (nil for one the simulation does not know).
func (v *simView) link(f *Iface) *simLink { return v.s.links[f.Name.Full()] }

// up reports whether an interface's line protocol is up.
func (v *simView) up(f *Iface) bool {
	l := v.link(f)
	return l != nil && l.up
}

// simEntry is one host the switch knows about: where its MAC address was learnt and, when it sits
// in a routed subnet, its IP address (the ARP entry).
type simEntry struct {
	mac   net.HardwareAddr
	vlan  int    // 0 for the management port, -1 for a neighbour whose port carries no VLAN
	port  IfName // where the address was learnt
	order int    // the port's panel order, for sorting
	ip    netip.Addr
	ttl   int // IP TTL of its echo replies
	peer  *simPeer
	up    time.Time // when the port came up (LLDP update time)
}

// simTables are the MAC address table, the ARP table and the LLDP neighbours, derived together so
// that they agree: every ARP entry is a learnt MAC address in a VLAN whose Vlan-interface subnet
// holds its IP address.
type simTables struct {
	hosts []simEntry // MAC table order: VLAN, port, learning order
	arp   []*simEntry
	lldp  []*simEntry // one per port with a neighbour, in panel order
}

// simSubnet is the primary subnet of an up routed interface, with the addresses taken in it.
type simSubnet struct {
	pfx  netip.Prefix
	used map[netip.Addr]bool
}

// tables builds the tables once per view.
func (v *simView) tables() *simTables {
	if v.tabs != nil {
		return v.tabs
	}
	s, cfg := v.s, v.cfg
	t := &simTables{}
	exist := v.existing()
	subnets := map[int]*simSubnet{} // by VLAN; 0 is the management port
	var mge *Iface
	for _, f := range cfg.sortedIfaces() {
		if !v.up(f) || len(f.Addrs) == 0 || (f.Name.Type != IfVlan && f.Name.Type != IfMGE) {
			continue
		}
		a := f.Addrs[0]
		sn := &simSubnet{pfx: netip.PrefixFrom(a.Addr, a.Prefix).Masked(), used: map[netip.Addr]bool{}}
		for _, own := range f.Addrs {
			sn.used[own.Addr] = true
		}
		if f.Name.Type == IfMGE {
			subnets[0], mge = sn, f
		} else {
			subnets[f.Name.Num[0]] = sn
		}
	}
	var ports []*Iface
	for _, f := range cfg.sortedIfaces() {
		if (f.Name.Type == IfGE || f.Name.Type == IfXGE) && v.up(f) {
			ports = append(ports, f)
		}
	}
	// Wired neighbours first: their addresses are theirs, not the simulated routers' or hosts'.
	for order, f := range ports {
		if w := s.wired[f.Name.Full()]; w != nil {
			t.hosts = v.wiredEntries(t.hosts, f, order, w, subnets)
		}
	}
	// Next hops of static routes are routers: they answer ARP on the first port of their VLAN.
	for _, rt := range cfg.sortedRoutes() {
		nh := rt.NextHop
		if !nh.IsValid() {
			continue
		}
		for vlan, sn := range subnets {
			if !sn.pfx.Contains(nh) || sn.used[nh] || nh == lastAddr(sn.pfx) || nh == sn.pfx.Addr() {
				continue
			}
			e := simEntry{mac: simMAC(ouiSwitch, s.hash(nh.String(), 0x6a7e)), vlan: vlan, ip: nh, ttl: 255}
			if vlan == 0 {
				e.port = mge.Name
			} else if !placeOnPort(s, &e, ports, exist) {
				continue
			}
			sn.used[nh] = true
			t.hosts = append(t.hosts, e)
		}
	}
	for order, f := range ports {
		if s.wired[f.Name.Full()] != nil {
			continue
		}
		p := s.profile(f.Name)
		carried := vlanIDs(carriedVLANs(f, exist))
		if len(carried) == 0 { // LLDP does not need a VLAN: the neighbour is there, nothing is learnt
			if p.peer != nil {
				t.hosts = append(t.hosts, simEntry{mac: p.peer.chassis, vlan: -1, port: f.Name, order: order, peer: p.peer, up: v.link(f).upSince})
			}
			continue
		}
		pvid := nativeVLAN(f)
		if !exist.Has(pvid) || !containsInt(carried, pvid) {
			pvid = carried[0]
		}
		for i := 0; i < p.hosts; i++ {
			h := s.hash(f.Name.Full(), 0x4057, uint64(i))
			e := simEntry{mac: simMAC(ouiHost, h), vlan: carried[h>>40%uint64(len(carried))], port: f.Name,
				order: order, ttl: 128, up: v.link(f).upSince}
			if i == 0 {
				e.vlan = pvid
				if p.peer != nil {
					e.mac, e.peer, e.ttl = p.peer.chassis, p.peer, p.peer.ttl
				}
			}
			if sn := subnets[e.vlan]; sn != nil {
				e.ip = sn.allocate(h)
			}
			t.hosts = append(t.hosts, e)
		}
	}
	if sn := subnets[0]; sn != nil && len(sn.used) == len(mge.Addrs) { // no route names a gateway
		h := s.hash("mge-gateway", 1)
		t.hosts = append(t.hosts, simEntry{mac: simMAC(ouiSwitch, h), port: mge.Name, ip: sn.allocate(0), ttl: 255})
	}
	sort.SliceStable(t.hosts, func(i, j int) bool {
		a, b := t.hosts[i], t.hosts[j]
		if a.vlan != b.vlan {
			return a.vlan < b.vlan
		}
		return a.order < b.order
	})
	for i := range t.hosts {
		e := &t.hosts[i]
		if e.ip.IsValid() {
			t.arp = append(t.arp, e)
		}
		if e.peer != nil && lldpReceives(v.cfg, v.cfg.Ifaces[e.port.Full()]) {
			t.lldp = append(t.lldp, e)
		}
	}
	sort.Slice(t.arp, func(i, j int) bool { return t.arp[i].ip.Less(t.arp[j].ip) })
	sort.Slice(t.lldp, func(i, j int) bool {
		return portIndex(v.s.model, t.lldp[i].port) < portIndex(v.s.model, t.lldp[j].port)
	})
	v.tabs = t
	return t
}

// macs lists the MAC address table: every learnt address on a switching port.
func (t *simTables) macs() []*simEntry {
	out := make([]*simEntry, 0, len(t.hosts))
	for i := range t.hosts {
		if t.hosts[i].vlan > 0 {
			out = append(out, &t.hosts[i])
		}
	}
	return out
}

// placeOnPort puts a router on an up port that carries its VLAN, preferring the uplinks: the
// ten-gigabit ports, then ports with a switch behind them. Wired ports have only their far device
// behind them.
func placeOnPort(s *simulation, e *simEntry, ports []*Iface, exist VLANSet) bool {
	rank := func(f *Iface) int {
		if s.wired[f.Name.Full()] != nil {
			return -1
		}
		if f.Name.Type == IfXGE {
			return 0
		}
		if p := s.profile(f.Name).peer; p != nil && p.kind == peerSwitch {
			return 1
		}
		return 2
	}
	for want := 0; want <= 2; want++ {
		for order, f := range ports {
			if c := carriedVLANs(f, exist); rank(f) == want && c.Has(e.vlan) {
				e.port, e.order = f.Name, order
				return true
			}
		}
	}
	return false
}

// nativeVLAN is the VLAN a port's untagged traffic belongs to.
func nativeVLAN(f *Iface) int {
	if f.LinkType == LinkAccess {
		return f.AccessVLAN
	}
	return f.PVID
}

// allocate picks a free host address in the subnet from a hash; the invalid address when it is full.
func (sn *simSubnet) allocate(h uint64) netip.Addr {
	bits := 32 - sn.pfx.Bits()
	if bits < 2 || bits > 30 {
		return netip.Addr{}
	}
	size := uint64(1)<<bits - 2
	base := addrUint(sn.pfx.Addr())
	off := h % size
	for range min(size, 4096) {
		a := uintAddr(base + 1 + uint32(off))
		if !sn.used[a] {
			sn.used[a] = true
			return a
		}
		off = (off + 1) % size
	}
	return netip.Addr{}
}

// lastAddr is the broadcast address of a prefix.
func lastAddr(p netip.Prefix) netip.Addr {
	return uintAddr(addrUint(p.Addr()) | (1<<(32-p.Bits()) - 1))
}

func addrUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func uintAddr(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// portIndex is a front-panel port's 1-based index, as LLDP numbers ports.
func portIndex(m Model, n IfName) int {
	per := m.GE + m.XGE
	return (n.Num[0]-1)*per + n.Num[2]
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
