package switchctl

import (
	"net"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// The simulation makes the device live: ports come up or stay dark, traffic flows, neighbours answer
// LLDP, hosts fill the MAC and ARP tables. Everything is a pure function of the seed, the interface,
// the configuration and the time since boot; the only state kept is the history of link changes
// (so that counters stop while a link is down and logs say when it changed). Nothing runs in the
// background: every display brings the simulation up to the injected clock first (sync), and a front
// end that wants flaps pushed as they happen calls Device.SimSync on a timer. Ports a fleet wires to
// other devices follow their far ends instead of the seed (sim_wired.go).

// DefaultSimSeed is the seed used when Options.SimSeed is 0.
const DefaultSimSeed = 1

// simFlapWindow is the period in which a port may flap once when Options.SimFlaps is set.
const simFlapWindow = time.Hour

// simulation is the device's simulated surroundings.
type simulation struct {
	seed  uint64
	flaps bool
	model Model

	mu     sync.Mutex
	boot   time.Time           // the boot the links belong to; a reboot starts them afresh
	last   time.Time           // the last sync
	links  map[string]*simLink // tracked interfaces by full name
	profs  map[string]*simProfile
	wired  map[string]*wiredPort // the ports a fleet wires to other devices; fixed at Open
	far    map[string]farState   // what their far ends reported at the latest poll applied
	closed map[string]bool       // ports BPDU protection closed, until undo shutdown (stp_protect.go)
	polls  atomic.Uint64         // polls of the far ends started
	farAt  uint64                // the poll s.far holds: an older one finishing late is not applied
}

// simLink is the history of one interface since boot.
type simLink struct {
	name     IfName
	adm      bool      // administratively down at the last sync
	up       bool      // line protocol up at the last sync
	upSince  time.Time // start of the current up period
	firstUp  time.Time // zero: never up since boot
	lastUp   time.Time // last change to up after boot (zero: none)
	lastDown time.Time // last change to down after boot (zero: none)
	accIn    float64   // bytes of finished up periods
	accOut   float64
	hwIn     uint64 // highest byte counts shown: counters never go back
	hwOut    uint64
}

// simLog is a log line a sync produced, written once the device lock is released.
type simLog struct {
	module         string // "" is IFNET
	sev            int
	mnemonic, text string
}

// newSimulation makes the simulation of a device of model m whose chassis MAC is self.
func newSimulation(m Model, seed int64, flaps bool, w Wiring, self net.HardwareAddr) *simulation {
	if seed == 0 {
		seed = DefaultSimSeed
	}
	return &simulation{seed: uint64(seed), flaps: flaps, model: m, links: map[string]*simLink{}, profs: map[string]*simProfile{},
		wired: wirePorts(m, w, self)}
}

// SimSync brings the simulation up to the device clock: link changes that are due (shutdown,
// undo shutdown, flaps, the far end of a wired port shut down or back, VLAN interfaces following
// their ports) are recorded and logged as IFNET/3/PHY_UPDOWN and IFNET/5/LINK_UPDOWN. Displays
// call it; it is cheap when nothing changed. A change at a far end is seen, and logged, at the
// next sync after it; a fleet that wants it logged at once calls SimSync on the far device.
func (d *Device) SimSync() { d.simRead(nil) }

// simRead syncs the simulation and runs f on the configuration and the simulation as of now, with
// the device read-locked; the sync's log lines are written after the locks are released (Logf reads
// the configuration itself).
func (d *Device) simRead(f func(v *simView)) {
	if d.sim == nil {
		return
	}
	s := d.sim
	var logs []simLog
	poll := s.polls.Add(1)
	far := s.pollFar() // before the locks: the far ends are other devices with locks of their own
	var tree *stpTree
	if f != nil && len(s.wired) > 0 { // which wired links STP blocks: it asks the far ends too
		t := d.stpSolve()
		tree = &t
	}
	d.mu.RLock()
	s.mu.Lock()
	if poll > s.farAt { // two displays at once: the later poll wins, whichever locks first
		s.far, s.farAt = far, poll
	}
	now := d.now()
	logs = s.sync(d.cfg, d.booted, now)
	if f != nil {
		f(&simView{s: s, cfg: d.cfg, now: now, stp: tree})
	}
	s.mu.Unlock()
	d.mu.RUnlock()
	for _, l := range logs {
		module := l.module
		if module == "" {
			module = "IFNET"
		}
		d.Logf(module, l.sev, l.mnemonic, "%s", l.text)
	}
}

// sync records what changed since the last sync. Called with s.mu held and the device read-locked.
func (s *simulation) sync(cfg *Config, boot, now time.Time) []simLog {
	if !s.boot.Equal(boot) { // first sync, or the device rebooted: start from the boot state
		s.boot, s.last = boot, boot
		s.links = map[string]*simLink{}
		s.closed = map[string]bool{}
		for name := range s.wired { // their traffic is set on the wall clock from the boot time
			delete(s.profs, name)
		}
	}
	if now.Before(s.last) {
		now = s.last // a clock that steps back does not undo history
	}
	var logs []simLog
	ifs := cfg.sortedIfaces()
	seen := make(map[string]bool, len(ifs))
	// Ports first, flap by flap, then the interfaces whose state follows the ports.
	for _, f := range ifs {
		name := f.Name.Full()
		seen[name] = true
		if f.Name.Type != IfGE && f.Name.Type != IfXGE {
			continue
		}
		l := s.links[name]
		if l == nil {
			l = s.newLink(f, s.last)
			s.links[name] = l
		}
		if !l.adm && s.flaps && s.profile(f.Name).connected && s.wired[name] == nil {
			for _, ev := range s.flapEvents(f.Name, s.last, now) {
				if ev.up != l.up {
					logs = s.change(l, ev.up, ev.at, logs)
				}
			}
		}
		l.adm = f.Shutdown
		if !s.closed[name] && s.bpduCloses(cfg, f) {
			s.closed[name] = true
			logs = append(logs, bpduLog(name))
		}
		if want := s.portUp(f, now); want != l.up {
			logs = s.change(l, want, now, logs)
		}
	}
	carried := s.carriedByUpPorts(cfg)
	for _, f := range ifs {
		if f.Name.Type == IfGE || f.Name.Type == IfXGE {
			continue
		}
		name := f.Name.Full()
		want := s.routedUp(cfg, f, carried)
		l := s.links[name]
		if l == nil { // a new interface starts in its state without a log line
			l = s.newLink(f, now)
			l.up, l.adm = want, f.Shutdown
			if want {
				l.upSince, l.firstUp = now, now
			}
			s.links[name] = l
			continue
		}
		l.adm = f.Shutdown
		if want != l.up {
			logs = s.change(l, want, now, logs)
		}
	}
	for name := range s.links {
		if !seen[name] {
			delete(s.links, name)
		}
	}
	s.last = now
	return logs
}

// newLink starts following an interface in its state at time at, silently.
func (s *simulation) newLink(f *Iface, at time.Time) *simLink {
	l := &simLink{name: f.Name, adm: f.Shutdown}
	if f.Name.Type == IfGE || f.Name.Type == IfXGE {
		l.up = s.portUp(f, at)
	}
	if l.up {
		l.upSince, l.firstUp = at, at
	}
	return l
}

// change records a link going up or down at time at and the two log lines Comware writes for it.
func (s *simulation) change(l *simLink, up bool, at time.Time, logs []simLog) []simLog {
	p := s.profile(l.name)
	if up {
		l.upSince, l.lastUp = at, at
		if l.firstUp.IsZero() {
			l.firstUp = at
		}
	} else {
		t0, t1 := s.since(l.upSince), s.since(at)
		l.accIn += p.in.integral(t1) - p.in.integral(t0)
		l.accOut += p.out.integral(t1) - p.out.integral(t0)
		l.lastDown = at
	}
	l.up = up
	state := "down"
	if up {
		state = "up"
	}
	name := l.name.Full()
	if l.name.Type != IfLoop && l.name.Type != IfNull {
		logs = append(logs, simLog{sev: SevError, mnemonic: "PHY_UPDOWN", text: "Physical state on the interface " + name + " changed to " + state + "."})
	}
	return append(logs, simLog{sev: SevNotification, mnemonic: "LINK_UPDOWN", text: "Line protocol state on the interface " + name + " changed to " + state + "."})
}

// since is the time from boot to t in seconds, the simulation's own time axis.
func (s *simulation) since(t time.Time) float64 { return t.Sub(s.boot).Seconds() }

// portUp is whether a front-panel port's link is up at time t. A wired port is up while neither
// end is shut down; it does not flap, since its far end would not.
func (s *simulation) portUp(f *Iface, t time.Time) bool {
	if s.wired[f.Name.Full()] != nil {
		return !f.Shutdown && !s.closed[f.Name.Full()] && s.farUp(f.Name)
	}
	return !f.Shutdown && s.profile(f.Name).connected && !s.inFlap(f.Name, t)
}

// routedUp is the state of a layer-3 or logical interface: a Vlan-interface is up while a port that
// is up carries its VLAN; the management port, LoopBacks and NULL0 are up unless shut down.
func (s *simulation) routedUp(cfg *Config, f *Iface, carried VLANSet) bool {
	if f.Shutdown {
		return false
	}
	switch f.Name.Type {
	case IfVlan:
		return cfg.VLANs[f.Name.Num[0]] != nil && carried.Has(f.Name.Num[0])
	case IfBAGG:
		return s.aggUp(cfg, f)
	}
	return true
}

// carriedByUpPorts is the set of existing VLANs that some up port carries.
func (s *simulation) carriedByUpPorts(cfg *Config) VLANSet {
	exist := existingVLANs(cfg)
	var out VLANSet
	for name, l := range s.links {
		if !l.up || (l.name.Type != IfGE && l.name.Type != IfXGE) {
			continue
		}
		if f := cfg.Ifaces[name]; f != nil {
			c := carriedVLANs(f, exist)
			for i := range out.bits {
				out.bits[i] |= c.bits[i]
			}
		}
	}
	return out
}

// existingVLANs is the set of configured VLANs.
func existingVLANs(cfg *Config) VLANSet {
	var s VLANSet
	for id := range cfg.VLANs {
		s.Add(id)
	}
	return s
}

// carriedVLANs is the set of existing VLANs a switching port carries, tagged or not.
func carriedVLANs(f *Iface, exist VLANSet) VLANSet {
	var c VLANSet
	switch f.LinkType {
	case LinkAccess:
		c.Add(f.AccessVLAN)
	case LinkTrunk:
		c = f.Trunk
	case LinkHybrid:
		for i := range c.bits {
			c.bits[i] = f.HybridTag.bits[i] | f.HybridUntag.bits[i]
		}
	}
	for i := range c.bits {
		c.bits[i] &= exist.bits[i]
	}
	return c
}

// simFlap is one link change of a flap.
type simFlap struct {
	at time.Time
	up bool
}

// flapEvents lists a port's flap changes in (from, to], in order. A port flaps at most once per
// window, with a small probability, for a few seconds.
func (s *simulation) flapEvents(n IfName, from, to time.Time) []simFlap {
	var out []simFlap
	w := int64(simFlapWindow / time.Second)
	k0, k1 := int64(s.since(from))/w, int64(s.since(to))/w
	for k := max(k0-1, 0); k <= k1; k++ {
		down, up, ok := s.flapAt(n, k)
		if !ok {
			continue
		}
		for _, ev := range []simFlap{{down, false}, {up, true}} {
			if ev.at.After(from) && !ev.at.After(to) {
				out = append(out, ev)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	return out
}

// flapAt is the flap of window k, if the port has one.
func (s *simulation) flapAt(n IfName, k int64) (down, up time.Time, ok bool) {
	h := s.hash(n.Full(), 0xf1a9, uint64(k))
	if h%1000 >= 15 { // 1.5% of ports per hour
		return
	}
	w := int64(simFlapWindow / time.Second)
	start := k*w + int64(h>>12)%(w-60)
	dur := 2 + int64(h>>32)%40
	down = s.boot.Add(time.Duration(start) * time.Second)
	return down, down.Add(time.Duration(dur) * time.Second), true
}

// inFlap reports whether a port is in the down part of a flap at time t.
func (s *simulation) inFlap(n IfName, t time.Time) bool {
	if !s.flaps || t.Before(s.boot) {
		return false
	}
	k := int64(s.since(t)) / int64(simFlapWindow/time.Second)
	for _, kk := range []int64{k - 1, k} {
		if down, up, ok := s.flapAt(n, kk); ok && kk >= 0 && !t.Before(down) && t.Before(up) {
			return true
		}
	}
	return false
}

// hash is a well-mixed number for the seed, a key and some numbers: the simulation's only source of
// variety, so the same seed always builds the same world.
func (s *simulation) hash(key string, nums ...uint64) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * 1099511628211
	}
	h = mix64(h ^ s.seed)
	for _, n := range nums {
		h = mix64(h ^ n)
	}
	return h
}

// mix64 is the splitmix64 finaliser.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
