package switchctl

import (
	"fmt"
	"net"
)

// The health displays daily checks and napalm's get_environment read: power supplies, fans,
// temperatures, the IRF, and MAC moves. They agree with the inventory (display device manuinfo
// lists the same fans and power supplies: one each on a 5130, two fan trays and four supplies on a
// 10508) and with the simulation: temperatures follow each slot's CPU load, a chassis' supplies
// share the power its cards and up ports draw.

func healthRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display power", runDisplayPower),
		show("display fan", runDisplayFan),
		show("display environment", runDisplayEnvironment),
		show("display irf", runDisplayIRF),
		show("display mac-address mac-move", runDisplayMACMove),
		{Views: InAll, Path: "display diagnostic-information", Priv: PrivRead, Run: runDisplayDiag, Display: true},
	}
}

// chassis reports whether the model is a chassis: its fans and supplies belong to no slot.
func chassis(m Model) bool { return m.Slots > 1 }

// slotLine heads a box's table with its slot, as a fixed-port switch prints it.
func slotLine(c *Ctx) {
	if !chassis(c.D.model) {
		c.Println(" Slot 1:")
	}
}

// powerDraw is what the device draws in W: each card, and 1 W for each port whose link is up.
func (d *Device) powerDraw() float64 {
	w := 45.0 * float64(d.model.Slots)
	if chassis(d.model) {
		w += 250 // the fabric, the MPUs and the fan trays
	}
	d.simRead(func(v *simView) {
		for _, f := range v.cfg.Ifaces {
			if (f.Name.Type == IfGE || f.Name.Type == IfXGE) && v.up(f) {
				w++
			}
		}
	})
	return w
}

// runDisplayPower lists the supplies. A 5130's built-in supply reports no readings (--); a
// chassis' supplies share its draw.
func runDisplayPower(c *Ctx) error {
	m := c.D.model
	slotLine(c)
	c.Println(" PowerID State         Mode   Current(A)  Voltage(V)  Power(W)  FanDirection")
	n := powerCount(m)
	if !chassis(m) {
		c.Printf(" %-8d%-14s%-7s%-12s%-12s%-10s%s\n", 1, "Normal", "AC", "--", "--", "--", "Back-to-Front")
		return nil
	}
	share := c.D.powerDraw() / float64(n)
	const volts = 53.5
	for p := 1; p <= n; p++ {
		c.Printf(" %-8d%-14s%-7s%-12.2f%-12.2f%-10.2f%s\n", p, "Normal", "AC", share/volts, volts, share, "Back-to-Front")
	}
	return nil
}

// runDisplayFan lists the fans (a chassis' fan trays), all normal.
func runDisplayFan(c *Ctx) error {
	slotLine(c)
	c.Println(" FanID    Status      Direction")
	for f := 1; f <= fanCount(c.D.model); f++ {
		c.Printf(" %-9d%-12s%s\n", f, "Normal", "Back-to-Front")
	}
	return nil
}

// slotTemp is a slot's hotspot temperature in degrees Celsius: a few degrees over the room, more
// with the CPU's load over the last 5 minutes.
func (d *Device) slotTemp(slot int) int {
	_, _, m5 := cpuUsage(d.Uptime(), slot)
	return 31 + int(modelHash(d.model, fmt.Sprintf("temp%d", slot))%5) + m5/3
}

// Temperature thresholds of a 5130 EI's hotspot sensor.
const (
	tempLower, tempWarning, tempAlarm = 0, 70, 80
)

func runDisplayEnvironment(c *Ctx) error {
	c.Println(" System temperature information (degree centigrade):")
	c.Println(" ----------------------------------------------------------------------")
	c.Println(" Slot  Sensor    Temperature  Lower  Warning  Alarm  Shutdown")
	for s := 1; s <= c.D.model.Slots; s++ {
		c.Printf(" %-6d%-10s%-13d%-7d%-9d%-7d%s\n", s, "hotspot 1", c.D.slotTemp(s), tempLower, tempWarning, tempAlarm, "NA")
	}
	return nil
}

// runDisplayIRF shows the one-member IRF a standalone box is, with the settings of its irf lines.
func runDisplayIRF(c *Ctx) error {
	var irf IRFConfig
	c.D.read(func(cfg *Config) { irf = cfg.IRF })
	mac := c.D.ChassisMAC()
	cpu := append(net.HardwareAddr(nil), mac...)
	cpu[5] += 2 // after the bridge MAC and the management port's
	persist := map[string]string{"timer": "6 min", "always": "always", "": "no"}[irf.MACPersistent]
	auto := "no"
	if irf.AutoUpdate {
		auto = "yes"
	}
	c.Println("MemberID    Role    Priority  CPU-Mac         Description")
	c.Printf(" *+%-9d%-8s%-10d%-16s%s\n", 1, "Master", irf.Priority, macString(cpu), "---")
	c.Println("--------------------------------------------------")
	c.Println(" * indicates the device is the master.")
	c.Println(" + indicates the device through which the user logs in.")
	c.Println("")
	c.Printf(" The bridge MAC of the IRF is: %s\n", macString(mac))
	c.Printf(" Auto upgrade                : %s\n", auto)
	c.Printf(" Mac persistent              : %s\n", persist)
	c.Println(" Domain ID                   : 0")
	return nil
}

// runDisplayMACMove lists MAC moves. Every simulated host stays behind the one port the seed put
// it behind (a host behind a port that goes down is aged out, not moved), so there are none.
func runDisplayMACMove(c *Ctx) error {
	c.Println("MAC address    VLAN Current port   Source port    Last time           Times")
	c.Println("--- Number of MAC moves: 0 ---")
	return nil
}

var healthHelp = pathHelp(healthRows(), map[string]string{
	"display power":                  "Power supply information",
	"display fan":                    "Fan information",
	"display environment":            "Temperature information",
	"display irf":                    "IRF information",
	"display mac-address mac-move":   "MAC address moves",
	"display diagnostic-information": "Diagnostic information of the device",
})
