package fleet

import (
	"net/netip"

	"vtyd/switchctl"
)

// wiring is one device's wired ports and their far ends.
type wiring map[switchctl.IfName]switchctl.FarEnd

// Far implements switchctl.Wiring.
func (w wiring) Far(local switchctl.IfName) (switchctl.FarEnd, bool) {
	fe, ok := w[local]
	return fe, ok
}

// Wiring is what the device called name needs to know of its links (switchctl.Options.Wiring):
// every far end's identity, computed from the fleet file alone, so a device's view is the same
// whichever shard runs its neighbour. local returns the devices this process runs (nil for one it
// does not run, or has not opened yet): for those, the far end's state is read live — whether its
// port is shut down, the VLANs it carries, its Vlan-interface addresses; for the others the link
// is taken as up, carrying this end's VLANs, with no far address. It returns nil when the fleet
// has no device called name.
func (f *Fleet) Wiring(name string, local func(name string) *switchctl.Device) switchctl.Wiring {
	if _, ok := f.Device(name); !ok {
		return nil
	}
	w := wiring{}
	for _, l := range f.Links {
		if l.A.Device == name {
			w[l.A.Port] = f.farEnd(l.B, local)
		}
		if l.B.Device == name {
			w[l.B.Port] = f.farEnd(l.A, local)
		}
	}
	return w
}

// everyVLAN is the set of VLANs 1-4094.
func everyVLAN() switchctl.VLANSet {
	var s switchctl.VLANSet
	for id := 1; id <= 4094; id++ {
		s.Add(id)
	}
	return s
}

// farEnd describes the device at end e of a link.
func (f *Fleet) farEnd(e Endpoint, local func(name string) *switchctl.Device) switchctl.FarEnd {
	d, _ := f.Device(e.Device) // Load refused links to unknown devices
	m, _ := switchctl.LookupModel(d.Model)
	fe := switchctl.FarEnd{
		Sysname: d.Sysname,
		Port:    e.Port,
		Chassis: switchctl.ChassisMAC(d.Name, d.Seed),
		Model:   m,
	}
	if ip, err := netip.ParseAddr(d.Host()); err == nil && ip.Is4() {
		fe.MgmtAddr = ip.String()
	}
	if local == nil {
		return fe
	}
	// Each reads the far device when it asks: the process may open it after this device.
	far := func() *switchctl.Device { return local(e.Device) }
	fe.Up = func() bool {
		fd := far()
		return fd == nil || fd.PortAdminUp(e.Port)
	}
	fe.VLANs = func() switchctl.VLANSet {
		if fd := far(); fd != nil {
			return fd.PortVLANs(e.Port)
		}
		return everyVLAN() // not open yet: this end's VLANs decide
	}
	fe.Changed = func() {
		if fd := far(); fd != nil {
			fd.SimSync()
		}
	}
	fe.Addrs = func() []switchctl.VLANAddr {
		if fd := far(); fd != nil {
			return fd.VLANAddrs()
		}
		return nil
	}
	fe.Agg = func() (switchctl.PortAgg, bool) { // LACP across the link: both ends in dynamic groups
		if fd := far(); fd != nil {
			return fd.PortAggregation(e.Port), true
		}
		return switchctl.PortAgg{}, false
	}
	fe.STP = func() (switchctl.STPNode, bool) { // what its BPDUs say: the root and roles follow
		if fd := far(); fd != nil {
			return fd.STPNode(), true
		}
		return switchctl.STPNode{}, false
	}
	return fe
}
