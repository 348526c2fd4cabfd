package switchctl

import (
	"net"
	"net/netip"
	"sort"
)

// Wiring is how a fleet wires this device's ports to other simulated devices (Options.Wiring).
// A wired port's far end is that device, not the simulated neighbourhood: LLDP on both ends names
// the other, a shutdown on one end takes the link down on both, MAC and ARP tables learn the far
// side. Ports the wiring does not name keep the simulated neighbourhood of the device's SimSeed.
// A wired port does not flap, and its traffic is the cable's: one end's output rate is the other's
// input rate.
//
// Everything a FarEnd holds but its functions is computed from the fleet file and seeds, so any
// process — another shard included — computes the same for the same link (the fleet package does).
// The functions (Up, VLANs, Addrs) read the far device when it runs in this process; the device
// calls them with none of its own locks held, at each sync (every display), so a change at the far
// end shows, and is logged, at the next one.
type Wiring interface {
	// Far returns the far end of local port, ok false when no link wires it.
	Far(local IfName) (FarEnd, bool)
}

// FarEnd is the device at the other end of a wired port, as this device sees it.
type FarEnd struct {
	Sysname  string           // the far device's system name, as its LLDP announces it
	Port     IfName           // its port on the link
	Chassis  net.HardwareAddr // its chassis MAC (ChassisMAC of its name and seed)
	MgmtAddr string           // its management IPv4 address, "" for none
	Model    Model            // its model, for its LLDP system description
	// Up reports whether the far port is administratively up (not shut down) now; nil when the far
	// device is not in this process, which is taken as up. (*Device).PortAdminUp answers it.
	Up func() bool
	// VLANs reports the VLANs the far port carries now (configured, permitted, tagged or not); nil
	// when the far device is not in this process: this end's own VLANs decide. The MAC table learns
	// the far chassis MAC in the VLANs both ends carry. (*Device).PortVLANs answers it.
	VLANs func() VLANSet
	// Addrs reports the far device's Vlan-interface addresses now; nil for none. ARP resolves those
	// in this device's subnets on VLANs both ends carry, over the wired port, and static routes
	// through them go that way. (*Device).VLANAddrs answers it.
	Addrs func() []VLANAddr
	// Agg reports the far port's aggregation now (PortAggregation); ok false, or Agg nil, when the
	// far device is not in this process: a dynamic group on this end then takes it as a partner.
	Agg func() (agg PortAgg, ok bool)
	// STP reports the far device's spanning tree node now (STPNode); ok false, or STP nil, when
	// the far device is not in this process: this end's port is then designated.
	STP func() (node STPNode, ok bool)
	// Changed, when set, is called after each change of this device's configuration, outside its
	// locks: the far device syncs then (SimSync), so a shutdown here is logged there when it
	// happens, not when someone next looks, and its `terminal monitor` sessions see it at once.
	Changed func()
}

// VLANAddr is an address of a Vlan-interface: what a wired neighbour resolves by ARP.
type VLANAddr struct {
	VLAN int
	Addr netip.Prefix // the address and its prefix length, 10.1.0.2/24
}

// ChassisMAC is the chassis (bridge) MAC address of the simulated device called name whose
// simulation seed is seed: what its LLDP announces as chassis ID and its neighbours learn. It is
// a pure function, so the far end of a link can be described without the device. Seed 0 is
// DefaultSimSeed, as for Options.SimSeed.
func ChassisMAC(name string, seed int64) net.HardwareAddr {
	if seed == 0 {
		seed = DefaultSimSeed
	}
	h := mix64(uint64(seed) ^ 0x636861737369735f)
	for i := 0; i < len(name); i++ {
		h = mix64(h ^ uint64(name[i]))
	}
	// An HPE OUI, as on the simulated switch's own ports.
	return net.HardwareAddr{0x94, 0x57, 0xa5, byte(h >> 16), byte(h >> 24), byte(h >> 32)}
}

// The far end of a wired port asks the device at that end (the fleet builds FarEnd's functions
// from these). Each takes the device's read lock briefly and nothing else, so a device may call
// them on another while it syncs.

// PortAdminUp reports whether port exists and is neither shut down nor closed by BPDU protection:
// FarEnd.Up of the port's far end.
func (d *Device) PortAdminUp(port IfName) bool {
	up := false
	d.read(func(c *Config) {
		if c != nil {
			f := c.Ifaces[port.Full()]
			up = f != nil && !f.Shutdown
		}
	})
	return up && !d.portClosed(port)
}

// PortVLANs is the set of configured VLANs port carries, tagged or not (empty for a port that does
// not exist): FarEnd.VLANs of the port's far end.
func (d *Device) PortVLANs(port IfName) VLANSet {
	var out VLANSet
	d.read(func(c *Config) {
		if c != nil {
			if f := c.Ifaces[port.Full()]; f != nil {
				out = carriedVLANs(f, existingVLANs(c))
			}
		}
	})
	return out
}

// VLANAddrs lists the addresses, primary and sub, of the Vlan-interfaces that are not shut down and
// whose VLAN exists, in interface order: FarEnd.Addrs of every far end of the device's ports.
func (d *Device) VLANAddrs() []VLANAddr {
	var out []VLANAddr
	d.read(func(c *Config) {
		if c == nil {
			return
		}
		// Neighbours ask at every display: the Vlan-interfaces are picked out, not all interfaces sorted.
		var svis []*Iface
		for _, f := range c.Ifaces {
			if f.Name.Type == IfVlan && !f.Shutdown && len(f.Addrs) > 0 && c.VLANs[f.Name.Num[0]] != nil {
				svis = append(svis, f)
			}
		}
		sort.Slice(svis, func(i, j int) bool { return svis[i].Name.Num[0] < svis[j].Name.Num[0] })
		for _, f := range svis {
			for _, a := range f.Addrs {
				out = append(out, VLANAddr{VLAN: f.Name.Num[0], Addr: netip.PrefixFrom(a.Addr, a.Prefix)})
			}
		}
	})
	return out
}
