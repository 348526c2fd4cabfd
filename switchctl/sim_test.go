package switchctl

import (
	"fmt"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"
)

// upPort finds an up front-panel port with learnt MAC addresses.
func upPortWithMACs(t *testing.T, r *simRig) IfName {
	t.Helper()
	var found IfName
	ok := false
	r.view(func(v *simView) {
		for _, e := range v.tables().macs() {
			if e.port.Type == IfGE {
				found, ok = e.port, true
				return
			}
		}
	})
	if !ok {
		t.Fatal("no port has learnt a MAC address")
	}
	return found
}

func macsOn(r *simRig, port IfName) (n int) {
	r.view(func(v *simView) {
		for _, e := range v.tables().macs() {
			if e.port == port {
				n++
			}
		}
	})
	return n
}

func TestShutdownTakesThePortDown(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 42})
	r.run(labConfig(r.d.Model())...)
	port := upPortWithMACs(t, r)
	before := len(r.d.LogEntries())
	r.clock.Advance(time.Minute)
	r.run("system-view", "interface "+port.Full(), "shutdown", "return")

	if n := macsOn(r, port); n != 0 {
		t.Errorf("%d MAC addresses stay on a shut port", n)
	}
	r.view(func(v *simView) {
		for _, e := range v.tables().arp {
			if e.port == port {
				t.Errorf("ARP entry %s stays on a shut port", e.ip)
			}
		}
	})
	logs := strings.Join(r.d.LogEntries()[before:], "\n")
	for _, want := range []string{
		"IFNET/3/PHY_UPDOWN: Physical state on the interface " + port.Full() + " changed to down.",
		"IFNET/5/LINK_UPDOWN: Line protocol state on the interface " + port.Full() + " changed to down.",
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
	brief := r.run("display interface brief")
	if !strings.Contains(brief, fmt.Sprintf("%-21sADM  auto    A ", port.Short())) {
		t.Errorf("brief does not show %s administratively down:\n%s", port.Short(), brief)
	}
	if out := r.run("display interface " + port.Full()); !strings.Contains(out, "Current state: Administratively DOWN\n") ||
		!strings.Contains(out, "Last link flapping: 0 hours 0 minutes\n") {
		t.Errorf("display interface:\n%s", out)
	}

	r.clock.Advance(time.Minute)
	r.run("system-view", "interface "+port.Full(), "undo shutdown", "return")
	if n := macsOn(r, port); n == 0 {
		t.Error("no MAC addresses after undo shutdown")
	}
	if logs := strings.Join(r.d.LogEntries(), "\n"); !strings.Contains(logs, "interface "+port.Full()+" changed to up.") {
		t.Errorf("no up log:\n%s", logs)
	}
}

func TestShuttingADownPortLogsNothing(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 42})
	var dark *Iface
	r.view(func(v *simView) {
		for _, f := range v.cfg.sortedIfaces() {
			if f.Name.Type == IfGE && !v.up(f) {
				dark = f
				return
			}
		}
	})
	if dark == nil {
		t.Skip("every port is up with this seed")
	}
	before := len(r.d.LogEntries())
	r.run("system-view", "interface "+dark.Name.Full(), "shutdown", "return")
	for _, l := range r.d.LogEntries()[before:] {
		if strings.Contains(l, "IFNET") {
			t.Errorf("a port without a link logged %q", l)
		}
	}
}

func TestVlanInterfaceFollowsItsPorts(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 42})
	port := upPortWithMACs(t, r)
	r.run("system-view", "vlan 300", "quit", "interface Vlan-interface 300", "ip address 10.30.0.1 24", "return")
	if out := r.run("display ip interface brief"); !strings.Contains(out, "Vlan300                  down     down") {
		t.Errorf("a Vlan-interface without ports is up:\n%s", out)
	}
	r.run("system-view", "interface "+port.Full(), "port access vlan 300", "return")
	if out := r.run("display ip interface brief"); !strings.Contains(out, "Vlan300                  up       up") {
		t.Errorf("a Vlan-interface with an up port is down:\n%s", out)
	}
	r.run("system-view", "interface "+port.Full(), "shutdown", "return")
	logs := strings.Join(r.d.LogEntries(), "\n")
	if !strings.Contains(logs, "Line protocol state on the interface Vlan-interface300 changed to down.") {
		t.Errorf("the Vlan-interface's fall is not logged:\n%s", logs)
	}
}

func TestCountersAreMonotonic(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 9, SimFlaps: true})
	r.run(labConfig(r.d.Model())...)
	type snap map[string]simCounters
	take := func() snap {
		s := snap{}
		r.view(func(v *simView) {
			for name, f := range v.cfg.Ifaces {
				if l := v.link(f); l != nil {
					s[name] = v.counters(l)
				}
			}
		})
		return s
	}
	prev := take()
	grew := false
	steps := []time.Duration{time.Nanosecond, time.Millisecond, 7 * time.Second, 5 * time.Minute, 3 * time.Hour, 13 * time.Microsecond, 26 * time.Hour}
	for i := 0; i < 60; i++ {
		r.clock.Advance(steps[i%len(steps)])
		if i == 20 {
			r.run("system-view", "interface range GigabitEthernet 1/0/1 to GigabitEthernet 1/0/12", "shutdown", "return")
		}
		if i == 40 {
			r.run("system-view", "interface range GigabitEthernet 1/0/1 to GigabitEthernet 1/0/12", "undo shutdown", "return")
		}
		cur := take()
		for name, c := range cur {
			p := prev[name]
			a := []uint64{c.inBytes, c.outBytes, c.inUni, c.inBcast, c.inMcast, c.outUni, c.outBcast, c.outMcast, c.inPkts(), c.outPkts()}
			b := []uint64{p.inBytes, p.outBytes, p.inUni, p.inBcast, p.inMcast, p.outUni, p.outBcast, p.outMcast, p.inPkts(), p.outPkts()}
			for k := range a {
				if a[k] < b[k] {
					t.Fatalf("step %d: %s counter %d went from %d to %d", i, name, k, b[k], a[k])
				}
				grew = grew || a[k] > b[k]
			}
		}
		prev = cur
	}
	if !grew {
		t.Error("no counter grew")
	}
}

func TestCountersStopWhileDown(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 42})
	port := upPortWithMACs(t, r)
	r.clock.Advance(time.Hour)
	r.run("system-view", "interface "+port.Full(), "shutdown", "return")
	bytesIn := func() (n uint64) {
		r.view(func(v *simView) { n = v.counters(v.link(v.cfg.Ifaces[port.Full()])).inBytes })
		return n
	}
	shut := bytesIn()
	if shut == 0 {
		t.Fatal("no traffic in an hour")
	}
	r.clock.Advance(time.Hour)
	if got := bytesIn(); got != shut {
		t.Errorf("a shut port counted %d bytes", got-shut)
	}
	r.run("system-view", "interface "+port.Full(), "undo shutdown", "return")
	r.clock.Advance(time.Minute)
	if got := bytesIn(); got <= shut {
		t.Error("the port does not count again after undo shutdown")
	}
}

func TestTablesStayInsideTheConfiguration(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		r := newSimRig(t, Options{SimSeed: seed, Model: "5130-52"})
		r.run(labConfig(r.d.Model())...)
		r.run("system-view", "interface GigabitEthernet 1/0/9", "port link-type trunk", "undo port trunk permit vlan 1",
			"port trunk permit vlan 20 555", "return") // 555 does not exist
		r.view(func(v *simView) {
			exist := existingVLANs(v.cfg)
			for _, e := range v.tables().macs() {
				f := v.cfg.Ifaces[e.port.Full()]
				if !v.up(f) || !carriedVLANs(f, exist).Has(e.vlan) {
					t.Errorf("seed %d: %s learnt in VLAN %d on %s, which does not carry it (up %v)", seed, macString(e.mac), e.vlan, e.port.Full(), v.up(f))
				}
			}
			for _, e := range v.tables().arp {
				svi := v.cfg.Ifaces[IfName{Type: IfVlan, Num: [3]int{e.vlan}}.Full()]
				if e.vlan == 0 {
					svi = v.cfg.Ifaces[e.port.Full()]
				}
				if svi == nil || !v.up(svi) || len(svi.Addrs) == 0 ||
					!netip.PrefixFrom(svi.Addrs[0].Addr, svi.Addrs[0].Prefix).Masked().Contains(e.ip) {
					t.Errorf("seed %d: ARP %s in VLAN %d is outside every configured subnet", seed, e.ip, e.vlan)
					continue
				}
				for _, a := range svi.Addrs {
					if a.Addr == e.ip {
						t.Errorf("seed %d: ARP entry for the switch's own %s", seed, e.ip)
					}
				}
			}
			seen := map[netip.Addr]bool{}
			for _, e := range v.tables().arp {
				if seen[e.ip] {
					t.Errorf("seed %d: %s in the ARP table twice", seed, e.ip)
				}
				seen[e.ip] = true
			}
		})
	}
}

func TestSameSeedSameWorld(t *testing.T) {
	world := func(seed int64) string {
		r := newSimRig(t, Options{SimSeed: seed})
		r.run(labConfig(r.d.Model())...)
		r.clock.Advance(3 * time.Hour)
		var b strings.Builder
		for _, c := range []string{"display interface brief", "display mac-address", "display arp",
			"display lldp neighbor-information verbose", "display interface", "display ip routing-table"} {
			b.WriteString(r.run(c))
		}
		return b.String()
	}
	a, b := world(11), world(11)
	if a != b {
		t.Errorf("the same seed built two worlds:\n%s", lineDiff(a, b))
	}
	if world(12) == a {
		t.Error("another seed built the same world")
	}
}

func TestFlapsOnlyWhenAskedFor(t *testing.T) {
	flaps := func(opts Options) []string {
		r := newSimRig(t, opts)
		for i := 0; i < 48; i++ {
			r.clock.Advance(time.Hour)
			r.d.SimSync()
		}
		var out []string
		for _, l := range r.d.LogEntries() {
			if strings.Contains(l, "PHY_UPDOWN") {
				out = append(out, l)
			}
		}
		return out
	}
	if got := flaps(Options{SimSeed: 5}); len(got) != 0 {
		t.Errorf("links flapped without SimFlaps: %v", got)
	}
	a := flaps(Options{SimSeed: 5, SimFlaps: true, Model: "5130-52"})
	if len(a) == 0 || len(a)%2 != 0 {
		t.Errorf("%d flap lines in two days on 52 ports", len(a))
	}
	if b := flaps(Options{SimSeed: 5, SimFlaps: true, Model: "5130-52"}); !reflect.DeepEqual(a, b) {
		t.Error("flaps differ for the same seed")
	}
}

func TestRebootStartsTheCountersAfresh(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 42})
	port := upPortWithMACs(t, r)
	r.clock.Advance(24 * time.Hour)
	count := func() (n uint64) {
		r.view(func(v *simView) { n = v.counters(v.link(v.cfg.Ifaces[port.Full()])).inBytes })
		return n
	}
	day := count()
	r.d.Reboot()
	r.clock.Advance(time.Second)
	if after := count(); after >= day || after == 0 {
		t.Errorf("after reboot %d bytes, before %d", after, day)
	}
}

func TestNeighboursStayWithoutVLANs(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 42})
	var port IfName
	r.view(func(v *simView) { port = v.tables().lldp[0].port })
	r.run("system-view", "interface "+port.Full(), "port link-type trunk", "undo port trunk permit vlan 1", "return")
	if n := macsOn(r, port); n != 0 {
		t.Errorf("%d MAC addresses learnt on a trunk that carries no VLAN", n)
	}
	if out := r.run("display lldp neighbor-information list"); !strings.Contains(out, port.Short()) {
		t.Errorf("the neighbour on %s is gone:\n%s", port.Short(), out)
	}
}
