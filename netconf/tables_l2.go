package netconf

import (
	"net/netip"
	"strconv"
	"strings"

	"vtyd/switchctl"
)

// The layer-2 tables pyhpecw7's switchport, mac and neighbor features and H3C's collection read:
// VLAN/Interfaces (every bridged port, whatever its link type) and its per-type views
// VLAN/AccessInterfaces, VLAN/TrunkInterfaces and VLAN/HybridInterfaces; MAC/MacUnicastTable;
// LLDP/LLDPNeighbors and LLDP/Inventory. Each reads the same simulated state the CLI's displays do.

// Link types as the tables encode them (LinkType 1 access, 2 trunk, 3 hybrid).
const (
	linkAccess = 1
	linkTrunk  = 2
	linkHybrid = 3
)

// bridged reports whether the interface is a front-panel port (the ones with a link type).
func bridged(f switchctl.IfState) bool {
	return f.Name.Type == switchctl.IfGE || f.Name.Type == switchctl.IfXGE
}

// portTables are VLAN's port tables, in the order Comware lists them.
func portTables(d *switchctl.Device) []*node {
	all, access, trunk, hybrid := elem("Interfaces"), elem("AccessInterfaces"), elem("TrunkInterfaces"), elem("HybridInterfaces")
	for _, f := range d.IfStates() {
		if !bridged(f) {
			continue
		}
		lt := int(f.LinkType) + 1
		e := elem("Interface", leafInt("IfIndex", f.Index), leaf("Name", f.Name.Full()), leafInt("LinkType", lt), leafInt("PVID", f.PVID))
		switch lt {
		case linkAccess:
			access.kids = append(access.kids, elem("Interface", leafInt("IfIndex", f.Index), leafInt("PVID", f.PVID)))
		case linkTrunk:
			e.kids = append(e.kids, leaf("PermitVlanList", vlanList(f.Trunk)))
			trunk.kids = append(trunk.kids, elem("Interface", leafInt("IfIndex", f.Index), leafInt("PVID", f.PVID),
				leaf("PermitVlanList", vlanList(f.Trunk))))
		case linkHybrid:
			e.kids = append(e.kids, leaf("UntaggedVlanList", vlanList(f.HybridUntag)), leaf("TaggedVlanList", vlanList(f.HybridTag)))
			hybrid.kids = append(hybrid.kids, elem("Interface", leafInt("IfIndex", f.Index), leafInt("PVID", f.PVID),
				leaf("UntaggedVlanList", vlanList(f.HybridUntag)), leaf("TaggedVlanList", vlanList(f.HybridTag))))
		}
		all.kids = append(all.kids, e)
	}
	return []*node{all, access, trunk, hybrid}
}

// vlanList writes VLAN IDs as Comware's tables do: "1,10-20,30".
func vlanList(ids []int) string {
	var b strings.Builder
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(ids[i]))
		if j > i {
			b.WriteString("-" + strconv.Itoa(ids[j]))
		}
		i = j + 1
	}
	return b.String()
}

// parseVLANList reads "1,3-5,7" (blanks allowed around the parts) into sorted, distinct IDs; ok
// false for anything else or an ID outside 1-4094. An empty list is no VLANs.
func parseVLANList(s string) ([]int, bool) {
	var set [4095]bool
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 1 || b > 4094 || a > b {
			return nil, false
		}
		for id := a; id <= b; id++ {
			set[id] = true
		}
	}
	var ids []int
	for id, in := range set {
		if in {
			ids = append(ids, id)
		}
	}
	return ids, true
}

// macTable is MAC/MacUnicastTable: the learnt addresses (Status 2, learned [unverified encoding]).
func macTable(d *switchctl.Device) *node {
	list := elem("MacUnicastTable")
	for _, e := range d.MACTable() {
		list.kids = append(list.kids, elem("Unicast", leafInt("VLANID", e.VLAN), leaf("MacAddress", e.MAC),
			leafInt("PortIndex", d.IfIndex(e.Port)), leafInt("Status", 2), leafInt("Aging", 1)))
	}
	return elem("MAC", list)
}

// lldpTable is LLDP/LLDPNeighbors (pyhpecw7's neighbor feature reads IfIndex, SystemName and PortId)
// and LLDP/Inventory (its facts feature reads SoftwareRev, SerialNum, ModelName, HardwareRev).
func lldpTable(d *switchctl.Device) *node {
	list := elem("LLDPNeighbors")
	for _, n := range d.LLDPNeighbors() {
		e := elem("LLDPNeighbor", leafInt("IfIndex", d.IfIndex(n.Port)), leafInt("AgentID", 1), leafInt("NeighborIndex", 1),
			leaf("ChassisIdSubtype", "4"), leaf("ChassisId", n.ChassisID), leaf("PortIdSubtype", portIDSubtype(n.PortIDType)),
			leaf("PortId", n.PortID), leaf("PortDesc", n.PortDesc), leaf("SystemName", n.SystemName),
			leaf("SystemDesc", n.SystemDesc), leaf("SystemCapSupported", n.CapsSupported), leaf("SystemCapEnabled", n.CapsEnabled))
		if n.MgmtAddr != "" {
			e.kids = append(e.kids, leaf("ManageAddress", n.MgmtAddr))
		}
		list.kids = append(list.kids, e)
	}
	inv := d.Inventory()
	return elem("LLDP", list, elem("Inventory", leafInt("IfIndex", 0), leaf("HardwareRev", inv.HardwareRev),
		leaf("FirmwareRev", inv.SoftwareRev), leaf("SoftwareRev", inv.SoftwareRev), leaf("SerialNum", inv.SerialNum),
		leaf("Manufacturer", inv.Manufacturer), leaf("ModelName", inv.ModelName)))
}

// portIDSubtype is LLDP's port ID subtype (IEEE 802.1AB): 3 MAC address, 5 interface name.
func portIDSubtype(t string) string {
	if strings.HasPrefix(t, "MAC") {
		return "3"
	}
	return "5"
}

// ipv4Table is IPV4ADDRESS/Ipv4Addresses, one entry per address, as pyhpecw7's ipinterface reads it:
// IfIndex, Ipv4Address and a dotted Ipv4Mask; AddressOrigin 1 for a primary, 2 for a sub address.
func ipv4Table(d *switchctl.Device) *node {
	list := elem("Ipv4Addresses")
	for _, f := range d.IfStates() {
		for _, a := range f.Addrs {
			origin := 1
			if a.Sub {
				origin = 2
			}
			list.kids = append(list.kids, elem("Ipv4Address", leafInt("IfIndex", f.Index), leaf("Ipv4Address", a.Addr.String()),
				leaf("Ipv4Mask", dottedMask(a.Prefix)), leafInt("AddressOrigin", origin)))
		}
	}
	return elem("IPV4ADDRESS", list)
}

// dottedMask writes a prefix length as a mask: 24 -> 255.255.255.0.
func dottedMask(bits int) string {
	m := ^uint32(0) << (32 - bits)
	if bits == 0 {
		m = 0
	}
	return netip.AddrFrom4([4]byte{byte(m >> 24), byte(m >> 16), byte(m >> 8), byte(m)}).String()
}
