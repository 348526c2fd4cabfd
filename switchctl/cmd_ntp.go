package switchctl

import (
	"fmt"
	"net/netip"
	"sort"
	"time"
)

// NTP and the clock's time zone. The simulation has no network to ask, so a configured server
// answers when the routing table has a way to it (a direct or static route, not NULL0): the device
// is then synchronised to the first such server, stratum one more than the server's 2, once it has
// been up for one poll interval. Everything follows from the configuration and the uptime, so every
// run, and every device of a fleet, prints the same.

// NTPConfig is the NTP client configuration.
type NTPConfig struct {
	Enabled bool                        // `ntp-service enable`
	Servers map[netip.Addr]NTPServerCfg // `ntp-service unicast-server`
}

// NTPServerCfg is one unicast server's options.
type NTPServerCfg struct {
	Priority bool // `priority`: preferred when several answer
}

// ClockConfig is the time zone (`clock timezone`) and the time source (`clock protocol`).
type ClockConfig struct {
	Zone     string // "" for none: UTC
	Offset   int    // seconds east of UTC (minus: negative)
	Protocol string // ntp (the default), none, ptp
}

const ntpPoll = 64 * time.Second

func ntpRows() []Row {
	w := func(path string, run Handler) Row { return Row{Views: InSystem, Path: path, Priv: PrivWrite, Run: run} }
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		w("ntp-service enable", runNTPEnable),
		w("undo ntp-service enable", runNTPEnable),
		w("ntp-service unicast-server <ntpip:ip> [priority]", runNTPServer),
		w("undo ntp-service unicast-server <ntpip:ip>", runNTPServer),
		w("clock timezone <zone:word:1-32> {add|minus} <offset:hms>", runClockTimezone),
		w("undo clock timezone", runClockTimezone),
		w("clock protocol {none|ntp|ptp}", runClockProtocol),
		w("undo clock protocol", runClockProtocol),
		show("display ntp-service status", runDisplayNTPStatus),
		show("display ntp-service sessions", runDisplayNTPSessions),
	}
}

func runNTPEnable(c *Ctx) error {
	on := !c.A.Has("undo")
	return c.D.update(func(cfg *Config) error { cfg.NTP.Enabled = on; return nil })
}

func runNTPServer(c *Ctx) error {
	ip := c.A.IP("ntpip")
	if !c.A.Has("undo") && (ip.IsUnspecified() || ip.IsMulticast() || ip.IsLoopback() || ip == netip.AddrFrom4([4]byte{255, 255, 255, 255})) {
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos("ntpip")}
	}
	return c.D.update(func(cfg *Config) error {
		if c.A.Has("undo") {
			if _, ok := cfg.NTP.Servers[ip]; !ok {
				return refuse(ErrNotFound, "The NTP server %s does not exist.", ip)
			}
			delete(cfg.NTP.Servers, ip)
			return nil
		}
		if _, ok := cfg.NTP.Servers[ip]; !ok && len(cfg.NTP.Servers) >= maxNTPServers {
			return refuse(ErrInUse, "The number of NTP servers has reached the upper limit.")
		}
		cfg.NTP.Servers[ip] = NTPServerCfg{Priority: c.A.Has("priority")}
		return nil
	})
}

// maxNTPServers is how many unicast servers Comware takes.
const maxNTPServers = 128

func runClockTimezone(c *Ctx) error {
	clk := ClockConfig{}
	if !c.A.Has("undo") {
		clk.Zone, clk.Offset = c.A.Str("zone"), c.A.Int("offset")
		if c.A.Has("minus") {
			clk.Offset = -clk.Offset
		}
	}
	return c.D.update(func(cfg *Config) error {
		cfg.Clock.Zone, cfg.Clock.Offset = clk.Zone, clk.Offset
		return nil
	})
}

func runClockProtocol(c *Ctx) error {
	p := "ntp"
	for _, k := range []string{"none", "ptp"} {
		if c.A.Has(k) {
			p = k
		}
	}
	return c.D.update(func(cfg *Config) error { cfg.Clock.Protocol = p; return nil })
}

// hms writes seconds as hh:mm:ss.
func hms(s int) string { return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60) }

// renderClock writes the time zone and time source after the sysname, where Comware puts them.
func (c *Config) renderClock(r *renderer) {
	var lines []string
	if c.Clock.Zone != "" {
		dir, off := "add", c.Clock.Offset
		if off < 0 {
			dir, off = "minus", -off
		}
		lines = append(lines, fmt.Sprintf("clock timezone %s %s %s", quoteWord(c.Clock.Zone), dir, hms(off)))
	}
	if c.Clock.Protocol != "ntp" {
		lines = append(lines, "clock protocol "+c.Clock.Protocol)
	}
	if len(lines) == 0 {
		return
	}
	r.sep()
	for _, l := range lines {
		r.line(" %s", l)
	}
}

func (c *Config) renderNTP(r *renderer) {
	if !c.NTP.Enabled && len(c.NTP.Servers) == 0 {
		return
	}
	r.sep()
	if c.NTP.Enabled {
		r.line(" ntp-service enable")
	}
	for _, ip := range sortedNTPServers(c.NTP.Servers) {
		l := " ntp-service unicast-server " + ip.String()
		if c.NTP.Servers[ip].Priority {
			l += " priority"
		}
		r.line("%s", l)
	}
}

func sortedNTPServers(m map[netip.Addr]NTPServerCfg) []netip.Addr {
	ips := make([]netip.Addr, 0, len(m))
	for ip := range m {
		ips = append(ips, ip)
	}
	sort.Slice(ips, func(i, j int) bool { return ips[i].Less(ips[j]) })
	return ips
}

// ntpPeer is a server's state as the simulation sees it.
type ntpPeer struct {
	ip     netip.Addr
	reach  bool
	chosen bool
}

// ntpState lists the configured servers and the one the clock follows ("" when unsynchronised).
func (d *Device) ntpState() (peers []ntpPeer, synced *ntpPeer, enabled bool) {
	up := d.Uptime()
	d.simRead(func(v *simView) {
		enabled = v.cfg.NTP.Enabled && v.cfg.Clock.Protocol == "ntp"
		ips := sortedNTPServers(v.cfg.NTP.Servers)
		sort.SliceStable(ips, func(i, j int) bool { // priority servers are chosen first
			return v.cfg.NTP.Servers[ips[i]].Priority && !v.cfg.NTP.Servers[ips[j]].Priority
		})
		for _, ip := range ips {
			peers = append(peers, ntpPeer{ip: ip, reach: enabled && v.routable(ip)})
		}
	})
	if !enabled || up < ntpPoll {
		return peers, nil, enabled
	}
	for i := range peers {
		if peers[i].reach {
			peers[i].chosen = true
			return peers, &peers[i], enabled
		}
	}
	return peers, nil, enabled
}

// routable reports whether the routing table has a way to ip other than a black hole.
func (v *simView) routable(ip netip.Addr) bool {
	best := -1
	ok := false
	for _, r := range v.routes() {
		if r.dest.Contains(ip) && r.dest.Bits() > best {
			best, ok = r.dest.Bits(), r.iface != "NULL0" && r.iface != "InLoop0"
		}
	}
	return ok
}

// runDisplayNTPStatus prints the clock's NTP state in Comware 7's layout.
func runDisplayNTPStatus(c *Ctx) error {
	_, peer, enabled := c.D.ntpState()
	if !enabled {
		c.Println(" NTP service is not enabled.")
		return nil
	}
	status, stratum, ref, leap := "unsynchronized", 16, "0.0.0.0", "11"
	jitter, disp, reftime := "0.000000", "0.00000", "00000000.00000000  Thu, Feb  7 2036  6:28:16.000"
	if peer != nil {
		status, stratum, ref, leap = "synchronized", 3, peer.ip.String(), "00"
		jitter, disp = "0.002899", "3.05176"
		t := c.D.now().UTC().Truncate(ntpPoll)
		reftime = fmt.Sprintf("%08x.%08x  %s", uint32(t.Unix()+2208988800), uint32(0), t.Format("Mon, Jan _2 2006 15:04:05.000"))
	}
	c.Printf(" Clock status: %s\n Clock stratum: %d\n System peer: %s\n Local mode: client\n", status, stratum, ref)
	c.Printf(" Reference clock ID: %s\n Leap indicator: %s\n Clock jitter: %s s\n Stability: 0.000 pps\n", ref, leap, jitter)
	c.Printf(" Clock precision: 2^-19\n Root delay: 0.00000 ms\n Root dispersion: %s ms\n", disp)
	c.Printf(" Reference time: %s\n System poll interval: %d s\n", reftime, int(ntpPoll/time.Second))
	return nil
}

// runDisplayNTPSessions lists the servers ([unverified] layout of the Comware 7 reference): the
// marks are [1] the source the clock follows, [2] a candidate, [3] a rejected one (it answers but
// another is followed), [4] a reachable one, [5] a configured one.
func runDisplayNTPSessions(c *Ctx) error {
	peers, _, _ := c.D.ntpState()
	c.Println("       source          reference       stra reach poll  now offset  delay disper")
	c.Println("********************************************************************************")
	for _, p := range peers {
		mark, ref, stra, reach, now, offset, delay, disper := "[5]", "0.0.0.0", 16, 0, "-", "0.0", "0.0000", "15937"
		switch {
		case p.chosen:
			mark, ref, stra, reach, now, offset, delay, disper = "[12345]", "127.127.1.0", 2, 255, "7", "-0.2", "0.4320", "3.2254"
		case p.reach:
			mark, ref, stra, reach, now, offset, delay, disper = "[2345]", "127.127.1.0", 2, 255, "23", "0.4", "0.6110", "5.0011"
		}
		c.Printf("%-7s%-16s%-16s%4d%6d%5d%5s%7s%7s%7s\n", mark, p.ip, ref, stra, reach, int(ntpPoll/time.Second), now, offset, delay, disper)
	}
	c.Printf("Notes: %d source(s).\n", len(peers))
	return nil
}

var ntpHelp = pathHelp(ntpRows(), map[string]string{
	"ntp-service":                  "Network Time Protocol (NTP) module",
	"ntp-service enable":           "Enable the NTP service",
	"ntp-service unicast-server":   "Specify an NTP server",
	"priority":                     "Prefer this server",
	"clock":                        "Specify the system clock",
	"clock timezone":               "Specify the local time zone",
	"clock timezone add":           "Add the offset to UTC",
	"clock timezone minus":         "Subtract the offset from UTC",
	"clock protocol":               "Specify the system time source",
	"clock protocol none":          "Set the system time at the CLI",
	"clock protocol ntp":           "Get the system time through NTP",
	"clock protocol ptp":           "Get the system time through PTP",
	"display ntp-service":          "Network Time Protocol (NTP) module",
	"display ntp-service status":   "NTP service status",
	"display ntp-service sessions": "NTP sessions",
})

var ntpArgHelp = map[string]string{
	"ntpip":  "IP address of the NTP server",
	"zone":   "Time zone name",
	"offset": "Offset from UTC (HH:MM:SS)",
}
