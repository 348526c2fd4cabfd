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
// every far end, computed from the fleet file alone, so a device's view is the same whichever
// shard runs its neighbour. local returns the devices this process runs (nil for one it does not).
// It returns nil when the fleet has no device called name.
//
// FarEnd.Up is nil for now, which switchctl takes as "up": switchctl exports no reader of a port's
// administrative state yet, so a shutdown on the far end is not seen through the link. When it
// does, Up reads local(far name)'s port for a far device that this process runs.
func (f *Fleet) Wiring(name string, local func(name string) *switchctl.Device) switchctl.Wiring {
	if _, ok := f.Device(name); !ok {
		return nil
	}
	w := wiring{}
	for _, l := range f.Links {
		if l.A.Device == name {
			w[l.A.Port] = f.farEnd(l.B)
		}
		if l.B.Device == name {
			w[l.B.Port] = f.farEnd(l.A)
		}
	}
	return w
}

// farEnd describes the device at end e of a link.
func (f *Fleet) farEnd(e Endpoint) switchctl.FarEnd {
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
	return fe // Up stays nil, even when local runs the far device: see Wiring

}
