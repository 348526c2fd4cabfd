package switchctl

import "net"

// Wiring is how a fleet wires this device's ports to other simulated devices (Options.Wiring).
// A wired port's far end is that device, not the simulated neighbourhood: LLDP on both ends names
// the other, a shutdown on one end takes the link down on both, MAC and ARP tables learn the far
// side. Ports the wiring does not name keep the simulated neighbourhood of DefaultSimSeed's world.
//
// Everything a FarEnd holds but Up is computed from the fleet file and seeds, so any process —
// another shard included — computes the same for the same link (the fleet package does). Up reads
// the far device when it runs in this process.
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
	// device is not in this process, which is taken as up.
	Up func() bool
}

// ChassisMAC is the chassis (bridge) MAC address of the simulated device called name whose
// simulation seed is seed: what its LLDP announces as chassis ID and its neighbours learn. It is
// a pure function, so the far end of a link can be described without the device.
func ChassisMAC(name string, seed int64) net.HardwareAddr {
	h := mix64(uint64(seed) ^ 0x636861737369735f)
	for i := 0; i < len(name); i++ {
		h = mix64(h ^ uint64(name[i]))
	}
	// An HPE OUI, as on the simulated switch's own ports.
	return net.HardwareAddr{0x94, 0x57, 0xa5, byte(h >> 16), byte(h >> 24), byte(h >> 32)}
}
