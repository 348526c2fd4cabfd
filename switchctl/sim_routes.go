package switchctl

import (
	"math/bits"
	"net/netip"
	"sort"
)

// simRoute is one entry of the routing table: a destination and one next hop.
type simRoute struct {
	dest    netip.Prefix
	proto   string // Direct or Static
	pref    int
	cost    int
	nextHop netip.Addr
	iface   string // short name: Vlan10, InLoop0, NULL0
}

var (
	loopback0 = netip.MustParseAddr("127.0.0.1")
	anyAddr   = netip.MustParseAddr("0.0.0.0")
)

// routes is the routing table: the entries every Comware device has, the direct routes of the up
// interfaces' addresses and the static routes whose way out is up, the best preference winning.
func (v *simView) routes() []simRoute {
	direct := func(p string, nh netip.Addr, ifc string) simRoute {
		return simRoute{dest: netip.MustParsePrefix(p), proto: "Direct", nextHop: nh, iface: ifc}
	}
	rs := []simRoute{
		direct("0.0.0.0/32", loopback0, "InLoop0"),
		direct("127.0.0.0/8", loopback0, "InLoop0"),
		direct("127.0.0.0/32", loopback0, "InLoop0"),
		direct("127.0.0.1/32", loopback0, "InLoop0"),
		direct("127.255.255.255/32", loopback0, "InLoop0"),
		direct("224.0.0.0/4", anyAddr, "NULL0"),
		direct("224.0.0.0/24", anyAddr, "NULL0"),
		direct("255.255.255.255/32", loopback0, "InLoop0"),
	}
	type connected struct {
		pfx   netip.Prefix
		iface string
	}
	var conn []connected
	for _, f := range v.cfg.sortedIfaces() {
		if !v.up(f) {
			continue
		}
		short := f.Name.Short()
		for _, a := range f.Addrs {
			host := netip.PrefixFrom(a.Addr, 32)
			rs = append(rs, simRoute{dest: host, proto: "Direct", nextHop: loopback0, iface: "InLoop0"})
			if a.Prefix >= 31 {
				continue
			}
			net := netip.PrefixFrom(a.Addr, a.Prefix).Masked()
			conn = append(conn, connected{net, short})
			rs = append(rs,
				simRoute{dest: net, proto: "Direct", nextHop: a.Addr, iface: short},
				simRoute{dest: netip.PrefixFrom(net.Addr(), 32), proto: "Direct", nextHop: a.Addr, iface: short},
				simRoute{dest: netip.PrefixFrom(lastAddr(net), 32), proto: "Direct", nextHop: a.Addr, iface: short})
		}
	}
	best := map[netip.Prefix]int{} // lowest preference per destination
	for _, r := range rs {
		best[r.dest] = 0
	}
	var statics []simRoute
	for _, rt := range v.cfg.sortedRoutes() {
		r := simRoute{dest: netip.PrefixFrom(rt.Dest, rt.Prefix), proto: "Static", pref: rt.Preference, nextHop: rt.NextHop}
		switch {
		case rt.Iface != "":
			f := v.cfg.Ifaces[rt.Iface]
			if f == nil || !v.up(f) {
				continue
			}
			r.iface = f.Name.Short()
			if !r.nextHop.IsValid() {
				r.nextHop = anyAddr
			}
		default:
			bestLen := -1
			for _, c := range conn {
				if c.pfx.Contains(rt.NextHop) && c.pfx.Bits() > bestLen {
					r.iface, bestLen = c.iface, c.pfx.Bits()
				}
			}
			if bestLen < 0 {
				continue // the next hop is not reachable: the route stays inactive
			}
		}
		if b, ok := best[r.dest]; !ok || r.pref < b {
			best[r.dest] = r.pref
		}
		statics = append(statics, r)
	}
	for _, r := range statics {
		if best[r.dest] == r.pref {
			rs = append(rs, r)
		}
	}
	sortRoutesTable(rs)
	// Two addresses in one subnet, or a route typed twice, must not print twice.
	out := rs[:0]
	for i, r := range rs {
		if i > 0 && r == rs[i-1] {
			continue
		}
		out = append(out, r)
	}
	return out
}

// sortRoutesTable orders routes by destination, then prefix length, then protocol and next hop.
func sortRoutesTable(rs []simRoute) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if c := a.dest.Addr().Compare(b.dest.Addr()); c != 0 {
			return c < 0
		}
		if a.dest.Bits() != b.dest.Bits() {
			return a.dest.Bits() < b.dest.Bits()
		}
		if a.pref != b.pref {
			return a.pref < b.pref
		}
		return a.nextHop.Less(b.nextHop)
	})
}

// vlanIDs lists a VLAN set in order, quickly: displays of large devices call it for every port.
func vlanIDs(s VLANSet) []int {
	var ids []int
	for w, word := range s.bits {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			if id := w*64 + b; id >= 1 && id <= 4094 {
				ids = append(ids, id)
			}
			word &= word - 1
		}
	}
	return ids
}
