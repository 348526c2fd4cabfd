package switchctl

import (
	"sort"
	"time"
)

// What NETCONF's data tables read of the device (package netconf renders them as Comware's
// Device/Base, Ifmgr/Interfaces and VLAN/VLANs). They are copies, taken under the device's lock, so
// a reply is one consistent picture even while another session changes the configuration.

// Now is the device's clock (Device/Base LocalTime).
func (d *Device) Now() time.Time { return d.now() }

// VLANs lists the configured VLANs by ID.
func (d *Device) VLANs() []VLAN {
	var out []VLAN
	d.read(func(c *Config) {
		for _, id := range c.sortedVLANs() {
			out = append(out, *c.VLANs[id])
		}
	})
	return out
}

// IfState is one interface as Ifmgr/Interfaces shows it.
type IfState struct {
	Index       int // IfIndex: stable for the life of the device (see IfIndex)
	Name        IfName
	Description string // as configured, "" for the default
	AdminUp     bool
	OperUp      bool
	LinkType    LinkType
	PVID        int // the access VLAN of an access port
	MAC         string
	Trunk       []int    // VLANs a trunk port permits
	HybridTag   []int    // VLANs a hybrid port sends tagged
	HybridUntag []int    // VLANs a hybrid port sends untagged
	Addrs       []IfAddr // IPv4 addresses, the primary first
}

// IfIndex is the interface's stable number: the front-panel ports first in panel order (as LLDP
// numbers them), then the management port, NULL, LoopBacks and Vlan-interfaces in ranges of their own.
func (d *Device) IfIndex(n IfName) int {
	ports := d.model.Slots * (d.model.GE + d.model.XGE)
	switch n.Type {
	case IfGE, IfXGE:
		return portIndex(d.model, n)
	case IfMGE:
		return ports + 1
	case IfNull:
		return ports + 2
	case IfLoop:
		return ports + 3 + n.Num[0]
	case IfBAGG: // after the Vlan-interfaces, so that BAGG10 and Vlan-interface10 differ
		return ports + 1027 + 4094 + n.Num[0]
	}
	return ports + 1027 + n.Num[0] // Vlan-interface 1-4094
}

// IfStates lists the interfaces by IfIndex, with their link state as the simulation has it now.
func (d *Device) IfStates() []IfState {
	mac := d.ChassisMAC()
	var out []IfState
	d.simRead(func(v *simView) {
		for _, f := range v.cfg.sortedIfaces() {
			link, _ := v.linkState(f)
			st := IfState{Index: d.IfIndex(f.Name), Name: f.Name, Description: f.Description,
				AdminUp: !f.Shutdown, OperUp: link == "UP", LinkType: f.LinkType, PVID: f.PVID, MAC: dashMAC(mac)}
			switch f.LinkType {
			case LinkAccess:
				st.PVID = f.AccessVLAN
			case LinkTrunk:
				st.Trunk = f.Trunk.IDs()
			case LinkHybrid:
				st.HybridTag, st.HybridUntag = f.HybridTag.IDs(), f.HybridUntag.IDs()
			}
			st.Addrs = append([]IfAddr(nil), f.Addrs...)
			out = append(out, st)
		}
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Index < out[j].Index })
	return out
}

// dashMAC writes a MAC address as Comware's NETCONF tables do: 44-31-92-7C-C8-66.
func dashMAC(m []byte) string {
	const hx = "0123456789ABCDEF"
	b := make([]byte, 0, 17)
	for i, x := range m {
		if i > 0 {
			b = append(b, '-')
		}
		b = append(b, hx[x>>4], hx[x&15])
	}
	return string(b)
}

// RolesAllow reports whether a session with these roles may run commands that need p (NETCONF checks
// its operations with it before they reach the engine).
func RolesAllow(roles []string, p Priv) bool { return rolesAllow(roles, p) }
