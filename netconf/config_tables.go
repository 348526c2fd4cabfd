package netconf

import "vtyd/switchctl"

// The configuration views of the tables, for get-config and get-bulk-config: Comware answers them
// with "only non-default configuration" (HPE 5940 NETCONF appendix), so an entry appears only when
// something in it is configured, with the configured columns only. State (OperStatus, MAC
// addresses, LLDP neighbours) is not configuration; those modules answer empty.

var configModules = map[string]table{
	"Device":      deviceConfig,
	"Ifmgr":       ifmgrConfig,
	"VLAN":        vlanConfig,
	"IPV4ADDRESS": ipv4Table, // every address is configured
	"LLDP":        nil,
	"MAC":         nil,
}

func deviceConfig(d *switchctl.Device) *node {
	return elem("Device", elem("Base", leaf("HostName", d.Sysname())))
}

func ifmgrConfig(d *switchctl.Device) *node {
	list := elem("Interfaces")
	for _, f := range d.IfStates() {
		e := elem("Interface", leafInt("IfIndex", f.Index))
		if f.Description != "" {
			e.kids = append(e.kids, leaf("Description", f.Description))
		}
		if !f.AdminUp {
			e.kids = append(e.kids, leafInt("AdminStatus", 2))
		}
		if len(e.kids) > 1 {
			list.kids = append(list.kids, e)
		}
	}
	return elem("Ifmgr", list)
}

// vlanConfig: the VLANs but the default VLAN 1 (unless named), and the ports whose link type, PVID
// or VLAN lists are not the default (an access port in VLAN 1).
func vlanConfig(d *switchctl.Device) *node {
	vlans := elem("VLANs")
	for _, v := range d.VLANs() {
		e := elem("VLANID", leafInt("ID", v.ID))
		if v.Name != "" {
			e.kids = append(e.kids, leaf("Name", v.Name))
		}
		if v.Description != "" {
			e.kids = append(e.kids, leaf("Description", v.Description))
		}
		if v.ID != 1 || len(e.kids) > 1 {
			vlans.kids = append(vlans.kids, e)
		}
	}
	access, trunk, hybrid := elem("AccessInterfaces"), elem("TrunkInterfaces"), elem("HybridInterfaces")
	for _, f := range d.IfStates() {
		if !bridged(f) {
			continue
		}
		e := elem("Interface", leafInt("IfIndex", f.Index))
		if f.PVID != 1 {
			e.kids = append(e.kids, leafInt("PVID", f.PVID))
		}
		switch int(f.LinkType) + 1 {
		case linkAccess:
			if len(e.kids) > 1 {
				access.kids = append(access.kids, e)
			}
		case linkTrunk:
			e.kids = append(e.kids, leaf("PermitVlanList", vlanList(f.Trunk)))
			trunk.kids = append(trunk.kids, e)
		case linkHybrid:
			e.kids = append(e.kids, leaf("UntaggedVlanList", vlanList(f.HybridUntag)), leaf("TaggedVlanList", vlanList(f.HybridTag)))
			hybrid.kids = append(hybrid.kids, e)
		}
	}
	return elem("VLAN", vlans, access, trunk, hybrid)
}
