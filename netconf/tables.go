package netconf

import (
	"encoding/xml"
	"strconv"

	"vtyd/switchctl"
)

// Comware's XML tables, built from the device as element trees that subtree filters then cut down.
// Columns and encodings as pyhpecw7 and exsver/netconf read them (NETCONF.md §1.6): AdminStatus 1
// up 2 down, OperStatus IF-MIB's 1 up 2 down, ConfigSpeed 1 auto, ConfigDuplex 3 auto, PortLayer 1
// bridged 2 routed (pyhpecw7 features/interface.py), LinkType 1 access 2 trunk 3 hybrid, ifType
// IANA's, ActualSpeed in kbit/s.

// table builds one module's element (Device, Ifmgr, VLAN, ...) with all its rows.
type table func(d *switchctl.Device) *node

// modules are the tables served, by module element.
var modules = map[string]table{
	"Device":      deviceTable,
	"Ifmgr":       ifmgrTable,
	"VLAN":        vlanTable,
	"IPV4ADDRESS": ipv4Table,
	"LLDP":        lldpTable,
	"MAC":         macTable,
}

// moduleOrder is the order of a get without a filter: every module whole.
var moduleOrder = []string{"Device", "Ifmgr", "VLAN", "IPV4ADDRESS", "LLDP", "MAC"}

// listKeys names the index column of each list entry, for get-bulk's "start after" paging.
var listKeys = map[string]string{"Interface": "IfIndex", "VLANID": "ID", "Ipv4Address": "IfIndex", "LLDPNeighbor": "IfIndex"}

func elem(local string, kids ...*node) *node { return &node{name: xml.Name{Local: local}, kids: kids} }

func leaf(local, value string) *node { return &node{name: xml.Name{Local: local}, text: value} }

func leafInt(local string, v int) *node { return leaf(local, strconv.Itoa(v)) }

func deviceTable(d *switchctl.Device) *node {
	return elem("Device", elem("Base",
		leaf("HostName", d.Sysname()),
		leaf("LocalTime", d.Now().Format("2006-01-02T15:04:05")),
		leafInt("Uptime", int(d.Uptime().Seconds())),
	))
}

// IANA ifType values.
const (
	ifTypeOther    = 1
	ifTypeEthernet = 6
	ifTypeLoopback = 24
	ifTypeVLAN     = 136
)

func ifmgrTable(d *switchctl.Device) *node {
	list := elem("Interfaces")
	for _, f := range d.IfStates() {
		desc := f.Description
		if desc == "" {
			desc = f.Name.Full() + " Interface"
		}
		e := elem("Interface", leafInt("IfIndex", f.Index), leaf("Name", f.Name.Full()),
			leaf("AbbreviatedName", f.Name.Short()), leafInt("ifType", ifType(f.Name.Type)), leaf("Description", desc),
			leafInt("AdminStatus", updown(f.AdminUp)), leafInt("OperStatus", updown(f.OperUp)))
		switch f.Name.Type {
		case switchctl.IfGE, switchctl.IfXGE, switchctl.IfMGE:
			speed := 1000000
			if f.Name.Type == switchctl.IfXGE {
				speed = 10000000
			}
			e.kids = append(e.kids, leafInt("ConfigSpeed", 1), leafInt("ConfigDuplex", 3))
			if f.OperUp {
				e.kids = append(e.kids, leafInt("ActualSpeed", speed), leafInt("ActualDuplex", 1))
			}
			layer := 1
			if f.Name.Type == switchctl.IfMGE {
				layer = 2
			} else {
				e.kids = append(e.kids, leafInt("LinkType", int(f.LinkType)+1), leafInt("PVID", f.PVID))
			}
			e.kids = append(e.kids, leafInt("PortLayer", layer))
		}
		e.kids = append(e.kids, leaf("MAC", f.MAC))
		list.kids = append(list.kids, e)
	}
	return elem("Ifmgr", list)
}

func ifType(t switchctl.IfType) int {
	switch t {
	case switchctl.IfGE, switchctl.IfXGE, switchctl.IfMGE:
		return ifTypeEthernet
	case switchctl.IfLoop:
		return ifTypeLoopback
	case switchctl.IfVlan:
		return ifTypeVLAN
	}
	return ifTypeOther
}

func updown(up bool) int {
	if up {
		return 1
	}
	return 2
}

func vlanTable(d *switchctl.Device) *node {
	list := elem("VLANs")
	for _, v := range d.VLANs() {
		name := v.Name
		if name == "" {
			name = "VLAN " + pad4(v.ID)
		}
		desc := v.Description
		if desc == "" {
			desc = "VLAN " + pad4(v.ID)
		}
		list.kids = append(list.kids, elem("VLANID", leafInt("ID", v.ID), leaf("Description", desc), leaf("Name", name)))
	}
	return elem("VLAN", append([]*node{list}, portTables(d)...)...)
}

func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
