package switchctl

import (
	"bytes"
	"fmt"
	"math"
)

// Transceivers: the SFP+ (Ten-GigabitEthernet) ports that have a module — those display interface
// calls 10G_BASE_SR_SFP: every port with something plugged in, up or not — hold an HPE X130 10G
// SFP+ LC SR (JD092B). The copper GigabitEthernet ports take none. Its readings follow the link: a
// port whose laser is off (shut down) sends nothing, and one whose far end sends nothing (down)
// receives nothing, both shown as -40.00 dBm.

func transceiverRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display transceiver interface [<if:ifname>]", runDisplayTransceiver),
		show("display transceiver diagnosis interface [<if:ifname>]", runDisplayTransceiver),
		show("display transceiver manuinfo interface [<if:ifname>]", runDisplayTransceiver),
	}
}

// hasTransceiver reports whether a port holds a module.
func (v *simView) hasTransceiver(f *Iface) bool {
	return f != nil && f.Name.Type == IfXGE && v.s.profile(f.Name).connected
}

// noPower is the optical power a transceiver reports with no light, dBm.
const noPower = -40.0

func runDisplayTransceiver(c *Ctx) error {
	var b bytes.Buffer
	var err error
	c.D.simRead(func(v *simView) {
		ports := displayOrder(v.cfg)
		if c.A.IsSet("if") {
			f := v.cfg.Ifaces[c.A.If("if").Full()]
			switch {
			case f == nil:
				err = refuse(ErrNotFound, "The interface does not exist.")
			case f.Name.Type != IfXGE:
				err = refuse(ErrUnsupported, "The interface does not support transceivers.")
			case !v.hasTransceiver(f):
				err = refuse(ErrNotFound, "The transceiver is absent.")
			}
			if err != nil {
				return
			}
			ports = []*Iface{f}
		}
		for _, f := range ports {
			if !v.hasTransceiver(f) {
				continue
			}
			switch {
			case c.A.Has("diagnosis"):
				c.D.writeDiagnosis(&b, v, f)
			case c.A.Has("manuinfo"):
				fmt.Fprintf(&b, "%s transceiver manufacture information:\n", f.Name.Full())
				fmt.Fprintf(&b, "  Manu. Serial Number  : %s\n", serialNumber(c.D.model, "xcvr/"+c.D.opts.Name+f.Name.Full()))
				fmt.Fprintf(&b, "  Manufacturing Date   : %s\n", manufacturingDate(c.D.model, "xcvr/"+f.Name.Full()))
				b.WriteString("  Vendor Name          : HPE\n")
			default:
				fmt.Fprintf(&b, "%s transceiver information:\n", f.Name.Full())
				b.WriteString("  Transceiver Type              : 10G_BASE_SR_SFP\n" +
					"  Connector Type                : LC\n" +
					"  Wavelength(nm)                : 850\n" +
					"  Transfer Distance(m)          : 80(OM2),30(OM1),300(OM3)\n" +
					"  Digital Diagnostic Monitoring : YES\n" +
					"  Vendor Name                   : HPE\n" +
					"  Ordering Name                 : JD092B\n")
			}
		}
	})
	if err != nil {
		return err
	}
	_, werr := c.Out.Write(b.Bytes())
	return werr
}

// writeDiagnosis writes a module's readings and alarm thresholds. The module runs a few degrees
// over its slot's hotspot; its bias and powers vary a little by port, never with time.
func (d *Device) writeDiagnosis(b *bytes.Buffer, v *simView, f *Iface) {
	h := v.s.hash(f.Name.Full(), 0x7c)
	unit := func(k uint) float64 { return float64(h>>(k*10)%1000) / 1000 }
	temp := d.slotTemp(f.Name.Num[0]) + 3 + int(unit(0)*4)
	tx, rx, bias := -2.0-1.5*unit(1), -2.5-3.5*unit(2), 5.5+2*unit(3)
	if f.Shutdown {
		tx, bias = noPower, 0
	}
	if !v.up(f) {
		rx = noPower
	}
	fmt.Fprintf(b, "%s transceiver diagnostic information:\n", f.Name.Full())
	b.WriteString("  Current diagnostic parameters:\n")
	b.WriteString("    Temp.(C)  Voltage(V)  Bias(mA)  RX power(dBm)  TX power(dBm)\n")
	fmt.Fprintf(b, "    %-10d%-12.2f%-10.2f%-15.2f%.2f\n", temp, 3.28+0.04*unit(4), bias, round2(rx), round2(tx))
	b.WriteString("  Alarm thresholds:\n")
	b.WriteString("          Temp.(C)  Voltage(V)  Bias(mA)  RX power(dBm)  TX power(dBm)\n")
	b.WriteString("    High  75        3.63        11.80     2.00           1.00\n")
	b.WriteString("    Low   -5        2.97        4.00      -13.90         -11.20\n")
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

var transceiverHelp = pathHelp(transceiverRows(), map[string]string{
	"display transceiver":           "Transceiver information",
	"display transceiver interface": "Specify an interface",
	"diagnosis":                     "Digital diagnosis parameters",
	"manuinfo":                      "Manufacture information",
	"display transceiver diagnosis interface": "Specify an interface",
	"display transceiver manuinfo interface":  "Specify an interface",
})
