package switchctl

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

// The checks of TestNTCTemplates: what each template's records must say about the device.

func checkIfBrief(t *testing.T, r *simRig, recs []ntcRecord) {
	got := byKey(t, recs, "interface")
	r.view(func(v *simView) {
		want := 1 // InLoop0
		for _, f := range v.cfg.Ifaces {
			want++
			rec, ok := got[f.Name.Short()]
			if !ok {
				t.Errorf("%s is missing", f.Name.Short())
				continue
			}
			link, proto := v.linkState(f)
			if rec.str("link") != link {
				t.Errorf("%s link %q, want %q", f.Name.Short(), rec.str("link"), link)
			}
			if f.Name.Routed() || f.Name.Type == IfNull {
				if rec.str("protocol") != proto || rec.str("main_ip") != primaryIP(f) {
					t.Errorf("%s: %v, want %s %s", f.Name.Short(), rec, proto, primaryIP(f))
				}
				continue
			}
			typ := [...]string{"A", "T", "H"}[f.LinkType]
			if rec.str("type") != typ || rec.str("vlan_id") != strconv.Itoa(nativeVLAN(f)) || rec.str("description") != truncDesc(f.Description) {
				t.Errorf("%s: %v, want type %s PVID %d %q", f.Name.Short(), rec, typ, nativeVLAN(f), f.Description)
			}
			if speed := map[bool]string{true: "1G(a)", false: "auto"}[link == "UP"]; f.Name.Type == IfGE && rec.str("speed") != speed {
				t.Errorf("%s speed %q, want %q", f.Name.Short(), rec.str("speed"), speed)
			}
		}
		if len(got) != want {
			t.Errorf("%d interfaces, want %d", len(got), want)
		}
	})
}

func checkInterface(t *testing.T, r *simRig, recs []ntcRecord) {
	got := byKey(t, recs, "interface")
	r.view(func(v *simView) {
		if len(got) != len(v.cfg.Ifaces)+1 {
			t.Errorf("%d interfaces, want %d and InLoopBack0", len(got), len(v.cfg.Ifaces))
		}
		exist := existingVLANs(v.cfg)
		for name, f := range v.cfg.Ifaces {
			rec, ok := got[name]
			if !ok {
				t.Errorf("%s is missing", name)
				continue
			}
			line, proto := "DOWN", "DOWN"
			switch {
			case f.Shutdown:
				line = "Administratively DOWN"
			case f.Name.Type == IfLoop || f.Name.Type == IfNull:
				line, proto = "UP", "UP(spoofing)"
			case v.up(f):
				line, proto = "UP", "UP"
			}
			desc := f.Description
			if desc == "" {
				desc = name + " Interface"
			}
			if rec.str("line_status") != line || rec.str("protocol_status") != proto || rec.str("description") != desc {
				t.Errorf("%s: %v, want %s/%s %q", name, rec, line, proto, desc)
			}
			var addrs []string
			for _, a := range f.Addrs {
				addrs = append(addrs, fmt.Sprintf("%s/%d", a.Addr, a.Prefix))
			}
			if strings.Join(rec.list("ip_address"), " ") != strings.Join(addrs, " ") {
				t.Errorf("%s addresses %v, want %v", name, rec.list("ip_address"), addrs)
			}
			if f.Name.Type != IfGE && f.Name.Type != IfXGE {
				continue
			}
			typ := [...]string{"Access", "Trunk", "Hybrid"}[f.LinkType]
			if rec.str("port_link_type") != typ || rec.str("vlan_native") != strconv.Itoa(nativeVLAN(f)) {
				t.Errorf("%s: %v, want %s PVID %d", name, rec, typ, nativeVLAN(f))
			}
			if f.LinkType == LinkTrunk {
				if pass, want := expandVLANs(t, rec.list("vlan_passing")), vlanIDs(andSet(f.Trunk, exist)); !sameInts(pass, want) {
					t.Errorf("%s passes %v, want %v", name, rec.list("vlan_passing"), want)
				}
				if perm := expandVLANs(t, rec.list("vlan_permitted")); !sameInts(perm, vlanIDs(f.Trunk)) {
					t.Errorf("%s permits %v", name, rec.list("vlan_permitted"))
				}
			}
		}
	})
}

func checkIPInterface(t *testing.T, r *simRig, recs []ntcRecord) {
	got := byKey(t, recs, "interface")
	r.view(func(v *simView) {
		want := ipInterfaces(v.cfg)
		if len(got) != len(want) {
			t.Errorf("%d interfaces, want %d", len(got), len(want))
		}
		for _, f := range want {
			rec := got[f.Name.Full()]
			var addrs []string
			for _, a := range f.Addrs {
				addrs = append(addrs, fmt.Sprintf("%s/%d", a.Addr, a.Prefix))
			}
			if strings.Join(rec.list("ip_address"), " ") != strings.Join(addrs, " ") {
				t.Errorf("%s: %v, want %v", f.Name.Full(), rec, addrs)
			}
			if up := v.up(f) && !f.Shutdown; up != (rec.str("line_status") == "UP") {
				t.Errorf("%s: %v, want up %v", f.Name.Full(), rec, up)
			}
		}
	})
}

func checkRoutes(t *testing.T, r *simRig, recs []ntcRecord) {
	r.view(func(v *simView) {
		want := v.routes()
		if len(recs) != len(want) {
			t.Errorf("%d routes, want %d", len(recs), len(want))
		}
		seen := map[string]bool{}
		for i, rec := range recs {
			key := rec.str("network") + "/" + rec.str("prefix_length") + " " + rec.str("nexthop_ip") + " " + rec.str("nexthop_if")
			seen[key] = true
			if i < len(want) {
				w := want[i]
				wk := fmt.Sprintf("%s %s %s", w.dest, w.nextHop, w.iface)
				if key != wk || rec.str("protocol") != w.proto || rec.str("distance") != strconv.Itoa(w.pref) {
					t.Errorf("route %d: %v, want %s %s %d", i, rec, wk, w.proto, w.pref)
				}
			}
		}
		// Every configured route whose way out is up is in the table unless a better one to the
		// same prefix wins; the others are not.
		reachable := func(rt Route) bool { return rt.Iface != "" || v.nextHopReachable(rt.NextHop) }
		best := map[string]int{}
		for _, rt := range v.cfg.sortedRoutes() {
			k := fmt.Sprintf("%s/%d", rt.Dest, rt.Prefix)
			if b, ok := best[k]; reachable(rt) && (!ok || rt.Preference < b) {
				best[k] = rt.Preference
			}
		}
		for _, rt := range v.cfg.sortedRoutes() {
			k := fmt.Sprintf("%s/%d", rt.Dest, rt.Prefix)
			nh := rt.NextHop
			if !nh.IsValid() {
				nh = anyAddr
			}
			inTable := false
			for key := range seen {
				if strings.HasPrefix(key, k+" "+nh.String()+" ") {
					inTable = true
				}
			}
			if want := reachable(rt) && best[k] == rt.Preference; inTable != want {
				t.Errorf("route %s: in the table %v, want %v", rt.command(), inTable, want)
			}
		}
	})
}

// nextHopReachable reports whether an address is in the subnet of an up interface.
func (v *simView) nextHopReachable(a netip.Addr) bool {
	for _, f := range v.cfg.Ifaces {
		for _, x := range f.Addrs {
			if v.up(f) && netip.PrefixFrom(x.Addr, x.Prefix).Masked().Contains(a) {
				return true
			}
		}
	}
	return false
}

func checkARP(t *testing.T, r *simRig, recs []ntcRecord) {
	r.view(func(v *simView) {
		want := v.tables().arp
		if len(recs) != len(want) {
			t.Fatalf("%d ARP entries, want %d", len(recs), len(want))
		}
		for i, e := range want {
			vlan := "N/A"
			if e.vlan != 0 {
				vlan = strconv.Itoa(e.vlan)
			}
			rec := recs[i]
			if rec.str("ip_address") != e.ip.String() || rec.str("mac_address") != macString(e.mac) ||
				rec.str("vlan_id") != vlan || rec.str("interface") != e.port.Short() || rec.str("type") != "D" {
				t.Errorf("ARP %d: %v, want %s %s %s %s", i, rec, e.ip, macString(e.mac), vlan, e.port.Short())
			}
		}
	})
}

func checkMAC(t *testing.T, r *simRig, recs []ntcRecord) {
	r.view(func(v *simView) {
		want := v.tables().macs()
		if len(recs) != len(want) {
			t.Fatalf("%d MAC entries, want %d", len(recs), len(want))
		}
		for i, e := range want {
			rec := recs[i]
			if rec.str("mac_address") != macString(e.mac) || rec.str("vlan_id") != strconv.Itoa(e.vlan) ||
				rec.str("interface") != v.cfg.bridgePort(e.port).Short() || rec.str("state") != "Learned" {
				t.Errorf("MAC %d: %v, want %s %d %s", i, rec, macString(e.mac), e.vlan, v.cfg.bridgePort(e.port).Short())
			}
		}
	})
}

func checkLLDP(t *testing.T, r *simRig, recs []ntcRecord) {
	r.view(func(v *simView) {
		want := v.tables().lldp
		if len(recs) != len(want) {
			t.Fatalf("%d neighbours, want %d", len(recs), len(want))
		}
		for i, e := range want {
			rec := recs[i]
			local := rec.str("local_interface")
			if local != e.port.Short() && local != e.port.Full() {
				t.Errorf("neighbour %d on %q, want %s", i, local, e.port.Full())
			}
			if rec.str("chassis_id") != macString(e.peer.chassis) || rec.str("neighbor_name") != e.peer.name ||
				rec.str("neighbor_interface") != e.peer.portID {
				t.Errorf("neighbour %d: %v, want %+v", i, rec, *e.peer)
			}
			if m, ok := rec["mgmt_address"]; ok {
				if ip, _ := v.lldpMgmt(e); ip.IsValid() && m != ip.String() {
					t.Errorf("neighbour %d management address %v, want %s", i, m, ip)
				}
			}
		}
	})
}

func checkVLANs(t *testing.T, r *simRig, recs []ntcRecord) {
	got := byKey(t, recs, "vlan_id")
	r.view(func(v *simView) {
		if len(got) != len(v.cfg.VLANs) {
			t.Errorf("%d VLANs, want %d", len(got), len(v.cfg.VLANs))
		}
		for id, vl := range v.cfg.VLANs {
			rec, ok := got[strconv.Itoa(id)]
			if !ok {
				t.Errorf("VLAN %d is missing", id)
				continue
			}
			if _, all := rec["route_interface"]; !all { // the brief table: the template keeps one word
				if rec.str("vlan_name") != strings.Fields(vl.displayName())[0] {
					t.Errorf("VLAN %d: %v", id, rec)
				}
				continue
			}
			svi := v.cfg.Ifaces[IfName{Type: IfVlan, Num: [3]int{id}}.Full()]
			wantIP := ""
			if svi != nil && len(svi.Addrs) > 0 {
				wantIP = svi.Addrs[0].Addr.String()
			}
			if rec.str("vlan_name") != vl.displayName() || rec.str("ipv4_address") != wantIP ||
				(rec.str("route_interface") == "Configured") != (svi != nil) {
				t.Errorf("VLAN %d: %v, want name %q address %q", id, rec, vl.displayName(), wantIP)
			}
		}
	})
}

func checkClock(t *testing.T, r *simRig, recs []ntcRecord) {
	now := r.clock.Now().UTC()
	if len(recs) != 1 || recs[0].str("time") != now.Format("15:04:05") || recs[0].str("year") != strconv.Itoa(now.Year()) {
		t.Errorf("clock %v, want %s", recs, now)
	}
}

func checkManuinfo(t *testing.T, r *simRig, recs []ntcRecord) {
	if len(recs) == 0 || recs[0].str("device_name") != r.d.Model().DeviceName ||
		!strings.EqualFold(recs[0].str("mac_address"), macString(r.d.ChassisMAC())) {
		t.Errorf("manuinfo %v, want %s %s", recs, r.d.Model().DeviceName, macString(r.d.ChassisMAC()))
	}
}

// checkAggVerbose: one record per dynamic group (the template records a group when its Remote
// block ends), naming its members on both sides.
func checkAggVerbose(t *testing.T, r *simRig, recs []ntcRecord) {
	got := byKey(t, recs, "interface")
	r.view(func(v *simView) {
		for _, agg := range v.cfg.aggIfaces() {
			if !agg.LACP {
				continue
			}
			rec, ok := got[agg.Name.Full()]
			if !ok {
				t.Errorf("%s is missing: %v", agg.Name.Full(), recs)
				continue
			}
			var want []string
			for _, m := range v.aggMembers(agg) {
				want = append(want, m.f.Name.Short())
			}
			local := rec.list("local_interfaces")
			for i := range local {
				local[i] = strings.TrimSuffix(local[i], "(R)")
			}
			if rec.str("aggregation_mode") != "Dynamic" || strings.Join(local, " ") != strings.Join(want, " ") ||
				strings.Join(rec.list("remote_interfaces"), " ") != strings.Join(want, " ") {
				t.Errorf("%s: %v, want members %v", agg.Name.Full(), rec, want)
			}
		}
	})
}

// checkAggMembers: every member of a dynamic group, with its group, key and partner.
func checkAggMembers(t *testing.T, r *simRig, recs []ntcRecord) {
	got := byKey(t, recs, "member_port")
	r.view(func(v *simView) {
		n := 0
		for _, agg := range v.cfg.aggIfaces() {
			for _, m := range v.aggMembers(agg) {
				n++
				rec, ok := got[m.f.Name.Full()]
				if !ok {
					t.Errorf("%s is missing: %v", m.f.Name.Full(), recs)
					continue
				}
				if rec.str("aggregate_interface") != agg.Name.Full() || rec.str("local_port_number") != strconv.Itoa(portIndex(v.s.model, m.f.Name)) {
					t.Errorf("%s: %v", m.f.Name.Full(), rec)
				}
				if agg.LACP && m.selected && (rec.str("local_flag") != "{ACDEF}" || rec.str("remote_system_id") != systemID(m.partner)) {
					t.Errorf("%s: %v, want a Selected member with partner %s", m.f.Name.Full(), rec, systemID(m.partner))
				}
			}
		}
		if n == 0 && len(v.cfg.aggIfaces()) > 0 {
			t.Error("no aggregation members to check")
		}
	})
}
