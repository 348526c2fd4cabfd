package switchctl

import (
	"fmt"
	"hash/fnv"
	"net"
	"strings"
	"time"
)

// The system displays: clock, device, manufacture information, CPU and memory. Hardware identities
// (serial numbers, the chassis MAC, manufacturing dates) are derived from the model, so a device
// prints the same ones on every start; CPU and memory figures move slowly with the uptime, never at
// random.

func systemRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display clock", runDisplayClock),
		show("display device", runDisplayDevice),
		show("display device manuinfo", runDisplayManuinfo),
		show("display cpu-usage", runDisplayCPU),
		show("display cpu-usage summary", runDisplayCPUSummary),
		show("display memory", runDisplayMemory),
	}
}

// runDisplayClock prints the time without milliseconds (`19:35:31 UTC Sat 01/08/2011`), the form
// older releases print and the ntc-templates parse. With `clock timezone` it is local time with the
// zone's name, and a second line gives the zone (`Time Zone : BJ add 08:00:00`, FACTS §3.11).
func runDisplayClock(c *Ctx) error {
	var clk ClockConfig
	c.D.read(func(cfg *Config) { clk = cfg.Clock })
	if clk.Zone == "" {
		c.Println(c.D.now().UTC().Format("15:04:05 UTC Mon 01/02/2006"))
		return nil
	}
	t := c.D.now().UTC().Add(time.Duration(clk.Offset) * time.Second)
	c.Printf("%s %s %s\n", t.Format("15:04:05"), clk.Zone, t.Format("Mon 01/02/2006"))
	dir, off := "add", clk.Offset
	if off < 0 {
		dir, off = "minus", -off
	}
	c.Printf("Time Zone : %s %s %s\n", clk.Zone, dir, hms(off))
	return nil
}

// modelHash is a stable number for the model and a component name.
func modelHash(m Model, what string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(m.ID + "/" + what))
	return h.Sum32()
}

// ChassisMAC is the device's bridge MAC address, which LLDP announces as its chassis ID. In a
// fleet (Options.Name set) it is the package's ChassisMAC of the name and seed, the address the
// far ends of wired ports learn. A single device has an HPE OUI (94:18:82) and three bytes from
// the model, with room for the per-interface addresses after it (the low 6 bits are zero).
func (d *Device) ChassisMAC() net.HardwareAddr {
	if d.opts.Name != "" {
		return ChassisMAC(d.opts.Name, d.opts.SimSeed)
	}
	v := modelHash(d.model, "mac")
	return net.HardwareAddr{0x94, 0x18, 0x82, byte(v >> 16), byte(v >> 8), byte(v) &^ 0x3f}
}

// comwareMAC writes a MAC address as Comware does: 9418-8201-2340.
func comwareMAC(a net.HardwareAddr) string {
	return fmt.Sprintf("%02X%02X-%02X%02X-%02X%02X", a[0], a[1], a[2], a[3], a[4], a[5])
}

// serialNumber is an HPE-style serial (CN43GG2001) for a component of the model.
func serialNumber(m Model, what string) string {
	v := modelHash(m, what)
	return fmt.Sprintf("CN%02d%c%c%04d", 30+v%20, 'A'+rune(v>>5%26), 'A'+rune(v>>10%26), v>>15%10000)
}

// manufacturingDate is a date in 2020-2024 for a component of the model.
func manufacturingDate(m Model, what string) string {
	v := modelHash(m, what+"/date")
	t := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(v%1800))
	return t.Format("2006-01-02")
}

// softwareName is the Soft Ver column of `display device`: series and release (5130EI-3506P06).
func softwareName(m Model) string {
	series, _, _ := strings.Cut(m.ID, "-")
	if i := strings.LastIndex(m.Product, "-"); i >= 0 {
		if suf := m.Product[i+1:]; len(suf) <= 2 && strings.ToUpper(suf) == suf {
			series += suf
		}
	}
	return series + "-" + SoftwareRelease
}

// runDisplayDevice lists the slots; a type longer than its 17-character column goes on under it,
// as the device wraps it.
func runDisplayDevice(c *Ctx) error {
	m := c.D.model
	c.Println("Slot Type              State    Subslot  Soft Ver             Patch Ver")
	for s := 1; s <= m.Slots; s++ {
		state := "Normal"
		if s == 1 {
			state = "Master"
		}
		typ := m.Product
		first := typ
		if len(first) > 17 {
			first, typ = typ[:17], typ[17:]
		} else {
			typ = ""
		}
		c.Printf("%-5d%-18s%-9s%-9d%-21s%s\n", s, first, state, 0, softwareName(m), "None")
		for len(typ) > 0 {
			n := min(17, len(typ))
			c.Printf("     %s\n", typ[:n])
			typ = typ[n:]
		}
	}
	return nil
}

// fanCount and powerCount are the field-replaceable units of the model: a chassis has more.
func fanCount(m Model) int {
	if m.Slots > 1 {
		return 2
	}
	return 1
}

func powerCount(m Model) int {
	if m.Slots > 1 {
		return 4
	}
	return 1
}

// runDisplayManuinfo prints each slot's manufacture information, then the fans' and power
// supplies'. Slot 1 carries the chassis MAC; the other cards have none.
func runDisplayManuinfo(c *Ctx) error {
	m := c.D.model
	field := func(name, value string) { c.Printf("%-21s: %s\n", name, value) }
	for s := 1; s <= m.Slots; s++ {
		what := fmt.Sprintf("slot%d", s)
		c.Printf(" Slot %d CPU 0:\n", s)
		field("DEVICE_NAME", m.DeviceName)
		field("DEVICE_SERIAL_NUMBER", serialNumber(m, what))
		mac := "NONE"
		if s == 1 {
			mac = comwareMAC(c.D.ChassisMAC())
		}
		field("MAC_ADDRESS", mac)
		field("MANUFACTURING_DATE", manufacturingDate(m, what))
		field("VENDOR_NAME", "HPE")
	}
	for f := 1; f <= fanCount(m); f++ {
		what := fmt.Sprintf("fan%d", f)
		c.Printf("Fan %d\n", f)
		field("DEVICE_NAME", "LSWM1FANSC")
		field("DEVICE_SERIAL_NUMBER", serialNumber(m, what))
		field("MANUFACTURING_DATE", manufacturingDate(m, what))
		field("VENDOR_NAME", "HPE")
	}
	for p := 1; p <= powerCount(m); p++ {
		what := fmt.Sprintf("power%d", p)
		c.Printf("Power %d\n", p)
		field("DEVICE_NAME", "LSVM1AC650")
		c.Printf("%-21s: %s\n", "MANU SERIAL NUMBER", serialNumber(m, what))
		field("MANUFACTURING_DATE", manufacturingDate(m, what))
		field("VENDOR_NAME", "HPE")
	}
	return nil
}

// cpuUsage is a slot's CPU load in percent over the last 5 seconds, minute and 5 minutes: busy for
// the first minutes after a boot, then a few percent that change with each period.
func cpuUsage(up time.Duration, slot int) (s5, m1, m5 int) {
	sec := int(up / time.Second)
	boot := 0
	if up < 5*time.Minute {
		boot = 30 - sec/10
	}
	s5 = 3 + (sec/5+slot*3)%7 + boot
	m1 = 4 + (sec/60+slot)%4 + boot*2/3
	m5 = 5 + (sec/300+slot)%3 + boot/3
	return
}

func runDisplayCPU(c *Ctx) error {
	up := c.D.Uptime()
	for s := 1; s <= c.D.model.Slots; s++ {
		s5, m1, m5 := cpuUsage(up, s)
		if s > 1 {
			c.Println("")
		}
		c.Printf("Slot %d CPU 0 CPU usage:\n", s)
		c.Printf("%8d%% in last 5 seconds\n", s5)
		c.Printf("%8d%% in last 1 minute\n", m1)
		c.Printf("%8d%% in last 5 minutes\n", m5)
	}
	return nil
}

func runDisplayCPUSummary(c *Ctx) error {
	up := c.D.Uptime()
	c.Println("Slot CPU        Last 5 sec        Last 1 min        Last 5 min")
	for s := 1; s <= c.D.model.Slots; s++ {
		s5, m1, m5 := cpuUsage(up, s)
		c.Printf("%-5d%-11d%-18s%-18s%s\n", s, 0, fmt.Sprintf("%d%%", s5), fmt.Sprintf("%d%%", m1), fmt.Sprintf("%d%%", m5))
	}
	return nil
}

// memTotal is the memory Linux reports on a board with 1024 MB of DRAM (display version's DRAM).
const memTotal = 1003520

// memUsage is a slot's memory in KB: used memory creeps up for the first day of uptime, the page
// cache with it.
func memUsage(up time.Duration, slot int) (used, buffers, cached int) {
	hours := min(int(up/time.Hour), 24)
	used = 612000 + slot*1536 + hours*512 + int(up/time.Minute)%7*64
	return used, 1376 + slot*16, 123024 + hours*256
}

func runDisplayMemory(c *Ctx) error {
	up := c.D.Uptime()
	c.Println("Memory statistics are measured in KB:")
	for s := 1; s <= c.D.model.Slots; s++ {
		used, buffers, cached := memUsage(up, s)
		free := memTotal - used
		c.Printf("Slot %d:\n", s)
		c.Printf("%18s%10s%10s%10s%10s%10s%12s\n", "Total", "Used", "Free", "Shared", "Buffers", "Cached", "FreeRatio")
		c.Printf("Mem:%14d%10d%10d%10d%10d%10d%11.1f%%\n", memTotal, used, free, 0, buffers, cached,
			float64(free)*100/memTotal)
		c.Printf("-/+ Buffers/Cache:%10d%10d\n", used-buffers-cached, free+buffers+cached)
		c.Printf("Swap:%13d%10d%10d\n", 0, 0, 0)
	}
	return nil
}

var systemHelp = pathHelp(systemRows(), map[string]string{
	"display clock":             "System clock information",
	"display device":            "Device information",
	"display device manuinfo":   "Manufacture information",
	"display cpu-usage":         "CPU usage information",
	"display cpu-usage summary": "CPU usage statistics of every CPU in one table",
	"display memory":            "Memory usage information",
})
