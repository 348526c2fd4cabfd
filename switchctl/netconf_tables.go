package switchctl

import (
	"fmt"
	"strings"
)

// More of what NETCONF's tables read (MAC/MacUnicastTable, LLDP/LLDPNeighbors, LLDP/Inventory), taken
// from the same simulated tables `display mac-address` and `display lldp neighbor-information` print,
// so that the CLI and NETCONF never disagree.

// MACEntry is one learnt unicast MAC address.
type MACEntry struct {
	VLAN int
	MAC  string // 44-31-92-7C-C8-66, as Comware's NETCONF tables write it
	Port IfName
}

// MACTable lists the MAC address table in `display mac-address` order.
func (d *Device) MACTable() []MACEntry {
	var out []MACEntry
	d.simRead(func(v *simView) {
		for _, e := range v.tables().macs() {
			out = append(out, MACEntry{VLAN: e.vlan, MAC: dashMAC(e.mac), Port: e.port})
		}
	})
	return out
}

// LLDPNeighbor is the neighbour one port has, as `display lldp neighbor-information verbose` shows it.
type LLDPNeighbor struct {
	Port          IfName
	ChassisID     string // 9457-a5c1-d2e3, as the CLI shows it
	PortIDType    string // "Interface name" or "MAC address"
	PortID        string
	PortDesc      string
	SystemName    string
	SystemDesc    string
	CapsSupported string
	CapsEnabled   string
	MgmtAddr      string // "" for none
}

// LLDPNeighbors lists the neighbours in panel order.
func (d *Device) LLDPNeighbors() []LLDPNeighbor {
	var out []LLDPNeighbor
	d.simRead(func(v *simView) {
		for _, e := range v.tables().lldp {
			p := e.peer
			n := LLDPNeighbor{Port: e.port, ChassisID: macString(p.chassis), PortIDType: p.portIDType, PortID: p.portID,
				PortDesc: p.portDesc, SystemName: p.name, SystemDesc: p.sysDesc, CapsSupported: p.capsSup, CapsEnabled: p.capsOn}
			if mgmt, _ := v.lldpMgmt(e); mgmt.IsValid() {
				n.MgmtAddr = mgmt.String()
			}
			out = append(out, n)
		}
	})
	return out
}

// Inventory is the chassis as LLDP's inventory TLVs (and pyhpecw7's facts) describe it.
type Inventory struct {
	ModelName, SerialNum, SoftwareRev, HardwareRev, Manufacturer string
}

// Inventory describes the device: slot 1's serial number, as `display device manuinfo` prints it.
func (d *Device) Inventory() Inventory {
	return Inventory{ModelName: d.model.DeviceName, SerialNum: serialNumber(d.model, "slot1"),
		SoftwareRev: fmt.Sprintf("%s Release %s", SoftwareVersion, SoftwareRelease), HardwareRev: "VER.A",
		Manufacturer: "HPE"}
}

// RestoreConfig makes the configuration text the running configuration in one step, as
// `configuration replace` does; NETCONF's edit-config puts back what it found when a change fails
// half-way, so that a failed request changes nothing. It returns the lines that could not be applied.
func (d *Device) RestoreConfig(text string) []LoadError {
	cfg, errs := loadScratch(d, text)
	d.replaceConfig(cfg)
	return errs
}

// MergeFile runs a configuration file's lines on the running configuration, as NETCONF's <load>
// does ("merges the configuration in the file into the running configuration"): good lines take
// effect, each bad one is returned. name is a flash file (flash:/x.cfg or x.cfg).
func (d *Device) MergeFile(name string) ([]LoadError, error) {
	rel, err := cfgName(name, false)
	if err != nil {
		return nil, err
	}
	if err := d.regularFile(rel); err != nil {
		return nil, err
	}
	data, err := d.flash.ReadFile(rel)
	if err != nil {
		return nil, d.fileErr(rel, err)
	}
	return d.Load(strings.NewReader(string(data))), nil
}
