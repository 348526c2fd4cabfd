package switchctl

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testFleet wires devices of one test together, as the fleet package does: a FarEnd is computed
// from the link and the far device's name, seed and model, and asks the far *Device for its state.
type testFleet struct {
	mu    sync.Mutex
	rigs  map[string]*simRig
	specs map[string]testSpec
	links []testLink
	clock *simClock
}

// testSpec is a device of the fleet as its fleet file would describe it.
type testSpec struct {
	model string
	seed  int64
	mgmt  string // management address its LLDP announces
}

// testLink is a cable: port a.pa to port b.pb.
type testLink struct {
	a  string
	pa string
	b  string
	pb string
}

func newTestFleet(specs map[string]testSpec, links ...testLink) *testFleet {
	return &testFleet{rigs: map[string]*simRig{}, specs: specs, links: links, clock: newSimClock()}
}

// open boots the fleet's devices in the order given; each is first called by its name.
func (fl *testFleet) open(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		sp := fl.specs[name]
		r := newSimRigOn(t, Options{Name: name, Model: sp.model, SimSeed: sp.seed, Wiring: fleetWiring{fl, name}}, fl.clock)
		fl.mu.Lock()
		fl.rigs[name] = r
		fl.mu.Unlock()
	}
}

// dev is a device of the fleet, nil while it is not open.
func (fl *testFleet) dev(name string) *Device {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	if r := fl.rigs[name]; r != nil {
		return r.d
	}
	return nil
}

// fleetWiring is one device's view of the fleet's links.
type fleetWiring struct {
	fl   *testFleet
	name string
}

func (w fleetWiring) Far(local IfName) (FarEnd, bool) {
	for _, l := range w.fl.links {
		far, port := "", ""
		switch {
		case l.a == w.name && CanonicalIfName(l.pa) == local.Full():
			far, port = l.b, l.pb
		case l.b == w.name && CanonicalIfName(l.pb) == local.Full():
			far, port = l.a, l.pa
		default:
			continue
		}
		fp, _ := ParseIfName(port)
		sp := w.fl.specs[far]
		m, _ := LookupModel(sp.model)
		fl := w.fl
		return FarEnd{Sysname: far, Port: fp, Chassis: ChassisMAC(far, sp.seed), MgmtAddr: sp.mgmt, Model: m,
			Up: func() bool {
				d := fl.dev(far)
				return d == nil || d.PortAdminUp(fp)
			},
			VLANs: func() VLANSet {
				if d := fl.dev(far); d != nil {
					return d.PortVLANs(fp)
				}
				return VLANSet{}
			},
			Addrs: func() []VLANAddr {
				if d := fl.dev(far); d != nil {
					return d.VLANAddrs()
				}
				return nil
			},
			Agg: func() (PortAgg, bool) {
				if d := fl.dev(far); d != nil {
					return d.PortAggregation(fp), true
				}
				return PortAgg{}, false
			},
			STP: func() (STPNode, bool) {
				if d := fl.dev(far); d != nil {
					return d.STPNode(), true
				}
				return STPNode{}, false
			}}, true
	}
	return FarEnd{}, false
}

// leafSpine is two switches of different models and seeds on one ten-gigabit cable.
func leafSpine(t *testing.T) (fl *testFleet, leaf, spine *simRig) {
	t.Helper()
	fl = newTestFleet(map[string]testSpec{
		"leaf1":  {model: "5130-28", seed: 3, mgmt: "172.31.0.11"},
		"spine1": {model: "5130-52", seed: 5, mgmt: "172.31.0.1"},
	}, testLink{"leaf1", "Ten-GigabitEthernet1/0/25", "spine1", "Ten-GigabitEthernet1/0/49"})
	fl.open(t, "leaf1", "spine1")
	return fl, fl.rigs["leaf1"], fl.rigs["spine1"]
}

func TestFleetChassisMAC(t *testing.T) {
	r := newSimRig(t, Options{Name: "leaf1", SimSeed: 3})
	want := ChassisMAC("leaf1", 3)
	if got := r.d.ChassisMAC(); got.String() != want.String() {
		t.Fatalf("ChassisMAC %s, want %s", got, want)
	}
	if out := r.run("display device manuinfo"); !strings.Contains(out, "MAC_ADDRESS          : "+comwareMAC(want)+"\n") {
		t.Errorf("manuinfo does not show %s:\n%s", comwareMAC(want), out)
	}
	if ChassisMAC("leaf1", 0).String() != ChassisMAC("leaf1", DefaultSimSeed).String() {
		t.Error("seed 0 is not the default seed")
	}
	if ChassisMAC("leaf1", 3).String() == ChassisMAC("leaf2", 3).String() {
		t.Error("two names share a chassis MAC")
	}
}

func TestFleetNameIsTheFactorySysname(t *testing.T) {
	cases := []struct{ name, sysname, want string }{
		{"leaf1", "", "leaf1"},
		{"leaf1", "LEAF-1", "LEAF-1"}, // the fleet file's sysname: wins
		{"", "", DefaultSysname},
		{"two words", "", DefaultSysname}, // `sysname` would not take it
		{strings.Repeat("x", 65), "", DefaultSysname},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			r := newSimRig(t, Options{Name: c.name, Sysname: c.sysname})
			if got := r.s.Prompt(); got != "<"+c.want+">" {
				t.Errorf("Name %q, Sysname %q: prompt %q, want <%s>", c.name, c.sysname, got, c.want)
			}
		})
	}
}

func TestWiredLLDPNamesTheOtherEnd(t *testing.T) {
	_, leaf, spine := leafSpine(t)
	cases := []struct {
		name           string
		r              *simRig
		local          string
		far            *simRig
		farName        string
		farPort, model string
		mgmt           string
	}{
		{"leaf", leaf, "XGE1/0/25", spine, "spine1", "Ten-GigabitEthernet1/0/49", "HPE 5130 48G 4SFP+ EI Switch JG934A", "172.31.0.1"},
		{"spine", spine, "XGE1/0/49", leaf, "leaf1", "Ten-GigabitEthernet1/0/25", "HPE 5130 24G 4SFP+ EI Switch JG932A", "172.31.0.11"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			chassis := macString(c.far.d.ChassisMAC()) // what the far device announces as itself
			list := c.r.run("display lldp neighbor-information list")
			row := fmt.Sprintf("%-21s%-16s%-16s%s\n", c.farName, c.local, chassis, c.farPort)
			if !strings.Contains(list, row) {
				t.Errorf("list lacks %q:\n%s", row, list)
			}
			if n := strings.Count(list, c.local+" "); n != 1 {
				t.Errorf("%s has %d neighbours, want 1:\n%s", c.local, n, list)
			}
			verbose := c.r.run("display lldp neighbor-information verbose")
			_, block, _ := strings.Cut(verbose, "["+CanonicalIfName(c.local)+"]:\n")
			block, _, _ = strings.Cut(block, "\n\n")
			for _, want := range []string{
				" Chassis ID          : " + chassis + "\n",
				" Port ID type        : Interface name\n",
				" Port ID             : " + c.farPort + "\n",
				" Port description    : " + c.farPort + " Interface\n",
				" System name         : " + c.farName + "\n",
				" System description  : HPE Comware Platform Software, Software Version " + SoftwareVersion + ", Release " + SoftwareRelease + "\n" +
					lldpIndent + c.model + "\n",
				" Management address                : " + c.mgmt + "\n",
			} {
				if !strings.Contains(block, want) {
					t.Errorf("verbose block lacks %q:\n%s", want, block)
				}
			}
		})
	}
}

// briefRow is a port's row of the bridge-mode table of `display interface brief`, up to its Type.
func briefRow(r *simRig, port string) string {
	for _, l := range strings.Split(r.run("display interface brief"), "\n") {
		if strings.HasPrefix(l, port+" ") {
			return l
		}
	}
	return ""
}

func TestWiredShutdownTakesBothEndsDown(t *testing.T) {
	_, leaf, spine := leafSpine(t)
	ends := []struct {
		r          *simRig
		short, ful string
	}{{leaf, "XGE1/0/25", "Ten-GigabitEthernet1/0/25"}, {spine, "XGE1/0/49", "Ten-GigabitEthernet1/0/49"}}
	for _, e := range ends {
		if row := briefRow(e.r, e.short); !strings.HasPrefix(row, fmt.Sprintf("%-21sUP   10G(a)", e.short)) {
			t.Fatalf("%s is not up before the shutdown: %q", e.short, row)
		}
	}
	for _, shut := range ends {
		t.Run("shutdown on "+shut.short, func(t *testing.T) {
			shut.r.clock.Advance(time.Minute)
			shut.r.run("system-view", "interface "+shut.ful, "shutdown", "return")
			for _, e := range ends {
				log := e.r.run("display logbuffer") // first: the far end's change is logged without another display
				for _, line := range []string{
					"IFNET/3/PHY_UPDOWN: Physical state on the interface " + e.ful + " changed to down.",
					"IFNET/5/LINK_UPDOWN: Line protocol state on the interface " + e.ful + " changed to down.",
				} {
					if strings.Count(log, line) != 1 {
						t.Errorf("%s's log buffer has not %q once:\n%s", e.short, line, log)
					}
				}
				want := "DOWN "
				if e.r == shut.r {
					want = "ADM  "
				}
				if row := briefRow(e.r, e.short); !strings.HasPrefix(row, fmt.Sprintf("%-21s%sauto", e.short, want)) {
					t.Errorf("%s: %q, want %s", e.short, row, want)
				}
			}
			if out := spine.run("display interface Ten-GigabitEthernet1/0/49"); shut.r == leaf && !strings.Contains(out, "Current state: DOWN\n") {
				t.Errorf("the far end of a shut port:\n%s", out)
			}

			shut.r.clock.Advance(time.Minute)
			shut.r.run("system-view", "interface "+shut.ful, "undo shutdown", "return")
			for _, e := range ends {
				if row := briefRow(e.r, e.short); !strings.HasPrefix(row, fmt.Sprintf("%-21sUP   10G(a)", e.short)) {
					t.Errorf("%s after undo shutdown: %q", e.short, row)
				}
				up := "IFNET/3/PHY_UPDOWN: Physical state on the interface " + e.ful + " changed to up."
				if log := e.r.run("display logbuffer"); strings.Count(log, up) != 1 {
					t.Errorf("%s's log buffer has not %q once:\n%s", e.short, up, log)
				}
			}
			leaf.run("reset logbuffer")
			spine.run("reset logbuffer")
		})
	}
}

// macRows are the rows of `display mac-address` on a port.
func macRows(r *simRig, port string) []string {
	var out []string
	for _, l := range strings.Split(r.run("display mac-address"), "\n") {
		if f := strings.Fields(l); len(f) == 5 && f[3] == port {
			out = append(out, l)
		}
	}
	return out
}

func TestWiredMACTablesLearnTheFarChassisInSharedVLANs(t *testing.T) {
	_, leaf, spine := leafSpine(t)
	leaf.run("system-view", "vlan 10", "vlan 20", "vlan 30", "quit",
		"interface Ten-GigabitEthernet1/0/25", "port link-type trunk", "port trunk permit vlan 10 20", "return")
	spine.run("system-view", "vlan 10", "vlan 20", "vlan 30", "quit",
		"interface Ten-GigabitEthernet1/0/49", "port link-type trunk", "port trunk permit vlan 20 30", "return")
	// VLAN 1 (both trunks keep it) and 20 are on both ends; 10 only on the leaf's, 30 only on the spine's.
	cases := []struct {
		r    *simRig
		port string
		far  *simRig
	}{{leaf, "XGE1/0/25", spine}, {spine, "XGE1/0/49", leaf}}
	for _, c := range cases {
		mac := macString(c.far.d.ChassisMAC())
		want := []string{
			fmt.Sprintf("%-17s%-11d%-17s%-25s%s", mac, 1, "Learned", c.port, "Y"),
			fmt.Sprintf("%-17s%-11d%-17s%-25s%s", mac, 20, "Learned", c.port, "Y"),
		}
		if got := macRows(c.r, c.port); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s learns:\n%s\nwant:\n%s", c.port, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestWiredARPResolvesTheFarVlanInterface(t *testing.T) {
	_, leaf, spine := leafSpine(t)
	for _, r := range []*simRig{leaf, spine} {
		port := "Ten-GigabitEthernet1/0/25"
		if r == spine {
			port = "Ten-GigabitEthernet1/0/49"
		}
		r.run("system-view", "vlan 20", "quit", "interface "+port, "port link-type trunk", "port trunk permit vlan 20", "return")
	}
	leaf.run("system-view", "interface Vlan-interface 20", "ip address 10.20.0.1 24", "quit",
		"ip route-static 10.99.0.0 16 10.20.0.2", "return")
	spine.run("system-view", "interface Vlan-interface 20", "ip address 10.20.0.2 24", "return")

	cases := []struct {
		r        *simRig
		ip, port string
		far      *simRig
	}{{leaf, "10.20.0.2", "XGE1/0/25", spine}, {spine, "10.20.0.1", "XGE1/0/49", leaf}}
	for _, c := range cases {
		row := fmt.Sprintf("%-16s%-15s%-9s%-25s", c.ip, macString(c.far.d.ChassisMAC()), "20", c.port)
		if arp := c.r.run("display arp"); !strings.Contains(arp, row) {
			t.Errorf("ARP lacks %q:\n%s", row, arp)
		}
	}
	if rt := leaf.run("display ip routing-table"); !strings.Contains(rt, fmt.Sprintf("%-20s%-7s%-5d%-13d%-16s%s\n", "10.99.0.0/16", "Static", 60, 0, "10.20.0.2", "Vlan20")) {
		t.Errorf("the static route is not through the far Vlan-interface:\n%s", rt)
	}
	if out := leaf.run("ping -c 1 10.20.0.2"); !strings.Contains(out, "1 packet(s) received") {
		t.Errorf("ping the far Vlan-interface:\n%s", out)
	}

	spine.run("system-view", "interface Vlan-interface 20", "shutdown", "return")
	if arp := leaf.run("display arp"); strings.Contains(arp, "10.20.0.2 ") {
		t.Errorf("a shut far Vlan-interface still answers ARP:\n%s", arp)
	}
}

// fleetTables is what the displays of every device of a leaf-spine pair show after the same steps.
func fleetTables(t *testing.T) string {
	_, leaf, spine := leafSpine(t)
	var b strings.Builder
	for _, r := range []*simRig{leaf, spine} {
		r.run(labConfig(r.d.Model())...)
	}
	leaf.clock.Advance(3 * time.Hour)
	for _, r := range []*simRig{leaf, spine} {
		for _, cmd := range []string{"display interface brief", "display mac-address", "display arp",
			"display lldp neighbor-information verbose", "display ip routing-table"} {
			b.WriteString(r.run(cmd))
		}
	}
	return b.String()
}

// TestFleetDevicesHaveTheirOwnNeighbourhood: two devices of a fleet on one seed do not see the same
// phones and servers on the same ports; a single device (no name) keeps the seed's world.
func TestFleetDevicesHaveTheirOwnNeighbourhood(t *testing.T) {
	a := newSimRig(t, Options{Name: "acc1", SimSeed: 1}).run("display lldp neighbor-information list")
	b := newSimRig(t, Options{Name: "acc2", SimSeed: 1}).run("display lldp neighbor-information list")
	if a == b {
		t.Errorf("acc1 and acc2 see the same neighbours:\n%s", a)
	}
	one := newSimRig(t, Options{SimSeed: 1}).run("display lldp neighbor-information list")
	again := newSimRig(t, Options{SimSeed: 1}).run("display lldp neighbor-information list")
	if one != again {
		t.Error("a single device's neighbourhood changed between two runs")
	}
}

func TestWiredTablesAreDeterministic(t *testing.T) {
	if a, b := fleetTables(t), fleetTables(t); a != b {
		t.Errorf("the same fleet built twice shows different tables:\n%s\n---\n%s", a, b)
	}
}

func TestUnwiredPortsKeepTheirNeighbourhood(t *testing.T) {
	_, leaf, _ := leafSpine(t)
	// Routers (next hops of static routes) prefer the uplinks and would move off a wired one: the
	// factory configuration has none.
	alone := newSimRig(t, Options{Name: "leaf1", SimSeed: 3}) // the same device, nothing wired

	without := func(r *simRig, cmd string) string {
		var keep []string
		for _, l := range strings.Split(r.run(cmd), "\n") {
			if !strings.Contains(l, "XGE1/0/25 ") && !strings.HasSuffix(l, "XGE1/0/25") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	for _, cmd := range []string{"display mac-address", "display lldp neighbor-information list"} {
		if a, b := without(leaf, cmd), without(alone, cmd); a != b {
			t.Errorf("%s: the unwired ports of a wired device differ from the same seed alone:\n%s\n---\n%s", cmd, a, b)
		}
	}
}

// TestWiredDevicesSyncConcurrently has both ends change and display their link at once: each
// device reads the other while syncing, so a device that held its own lock while waiting for the
// other's would deadlock here (a writer waiting on each side blocks the other's reader).
func TestWiredDevicesSyncConcurrently(t *testing.T) {
	_, leaf, spine := leafSpine(t)
	ends := []struct {
		r           *simRig
		port, short string
	}{{leaf, "Ten-GigabitEthernet1/0/25", "XGE1/0/25"}, {spine, "Ten-GigabitEthernet1/0/49", "XGE1/0/49"}}
	done := make(chan error, 2*len(ends))
	for _, e := range ends {
		s := e.r.d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: -1})
		go func() { // changes the configuration: takes the write lock
			for i := range 200 {
				cmd := "undo shutdown"
				if i%2 == 0 {
					cmd = "shutdown"
				}
				for _, l := range []string{"system-view", "interface " + e.port, cmd, "return"} {
					if err := s.Exec(context.Background(), l, io.Discard); err != nil {
						done <- err
						return
					}
				}
			}
			done <- nil
		}()
		go func() { // syncs and displays: reads the far end
			for range 200 {
				e.r.d.SimSync()
				e.r.d.simRead(func(v *simView) { v.tables() })
			}
			done <- nil
		}()
	}
	timeout := time.After(30 * time.Second)
	for range 2 * len(ends) {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-timeout:
			t.Fatal("two wired devices syncing at once are stuck")
		}
	}
	// Both ends settle on the same state.
	leaf.run("system-view", "interface Ten-GigabitEthernet1/0/25", "undo shutdown", "return")
	spine.run("system-view", "interface Ten-GigabitEthernet1/0/49", "undo shutdown", "return")
	for _, e := range ends {
		if row := briefRow(e.r, e.short); !strings.Contains(row, " UP ") {
			t.Errorf("%s: %q", e.port, row)
		}
	}
}

// rateLine is a port's "Last 300 seconds input|output" line of `display interface`, without its label.
func rateLine(r *simRig, port, dir string) string {
	label := " Last 300 seconds " + dir + ": "
	for _, l := range strings.Split(r.run("display interface "+port), "\n") {
		if strings.HasPrefix(l, label) {
			return strings.TrimPrefix(l, label)
		}
	}
	return ""
}

func TestWiredEndsAgreeOnRates(t *testing.T) {
	fl := newTestFleet(map[string]testSpec{
		"leaf1":  {model: "5130-28", seed: 3},
		"spine1": {model: "5130-52", seed: 5},
	}, testLink{"leaf1", "Ten-GigabitEthernet1/0/25", "spine1", "Ten-GigabitEthernet1/0/49"})
	fl.open(t, "leaf1")
	fl.clock.Advance(17*time.Minute + 3*time.Second) // the two boot apart: rates follow the wall clock
	fl.open(t, "spine1")
	leaf, spine := fl.rigs["leaf1"], fl.rigs["spine1"]
	for _, step := range []time.Duration{time.Hour, 7 * time.Minute, 23 * time.Minute} {
		fl.clock.Advance(step)
		for _, dir := range [][2]string{{"input", "output"}, {"output", "input"}} {
			a, b := rateLine(leaf, "Ten-GigabitEthernet1/0/25", dir[0]), rateLine(spine, "Ten-GigabitEthernet1/0/49", dir[1])
			if a == "" || a != b || strings.HasPrefix(a, "0 packets/sec 0 bytes/sec") {
				t.Errorf("after %v the leaf's %s is %q, the spine's %s %q", step, dir[0], a, dir[1], b)
			}
		}
	}
}

func TestFarEndAccessors(t *testing.T) {
	r := newSimRig(t, Options{})
	r.run("system-view", "vlan 10", "vlan 20", "quit",
		"interface Vlan-interface 20", "ip address 10.20.0.1 24", "ip address 10.21.0.1 24 sub",
		"interface Vlan-interface 10", "ip address 10.10.0.1 24",
		"interface Vlan-interface 30", "ip address 10.30.0.1 24", // VLAN 30 does not exist
		"interface Vlan-interface 1", "ip address 192.168.1.1 24", "shutdown",
		"interface GigabitEthernet1/0/2", "shutdown",
		"interface GigabitEthernet1/0/3", "port link-type trunk", "port trunk permit vlan 10 20 30", "return")
	ge := func(n int) IfName { return IfName{Type: IfGE, Num: [3]int{1, 0, n}} }
	if !r.d.PortAdminUp(ge(1)) || r.d.PortAdminUp(ge(2)) || r.d.PortAdminUp(IfName{Type: IfGE, Num: [3]int{9, 0, 1}}) {
		t.Error("PortAdminUp: want GE1/0/1 up, GE1/0/2 (shut) and GE9/0/1 (absent) down")
	}
	if got := r.d.PortVLANs(ge(3)).IDs(); fmt.Sprint(got) != "[1 10 20]" {
		t.Errorf("PortVLANs of the trunk %v, want [1 10 20] (VLAN 30 does not exist)", got)
	}
	if got := r.d.PortVLANs(ge(1)).IDs(); fmt.Sprint(got) != "[1]" {
		t.Errorf("PortVLANs of an access port %v, want [1]", got)
	}
	want := "[{10 10.10.0.1/24} {20 10.20.0.1/24} {20 10.21.0.1/24}]"
	if got := fmt.Sprint(r.d.VLANAddrs()); got != want {
		t.Errorf("VLANAddrs %s, want %s", got, want)
	}
}

// slowWiring wires XGE1/0/25 to a far end whose second answer is slow and stale.
type slowWiring struct{ up func() bool }

func (w slowWiring) Far(local IfName) (FarEnd, bool) {
	if local.Full() != "Ten-GigabitEthernet1/0/25" {
		return FarEnd{}, false
	}
	return FarEnd{Sysname: "spine1", Port: IfName{Type: IfXGE, Num: [3]int{1, 0, 49}}, Chassis: ChassisMAC("spine1", 1), Up: w.up}, true
}

func TestAStalePollOfTheFarEndIsNotApplied(t *testing.T) {
	var calls atomic.Int32
	entered, release := make(chan struct{}), make(chan struct{})
	up := func() bool {
		if calls.Add(1) == 2 { // the first sync after Open: it read "down" and takes its time
			close(entered)
			<-release
			return false
		}
		return true
	}
	r := newSimRig(t, Options{Name: "leaf1", Wiring: slowWiring{up}})
	before := len(r.d.LogEntries())
	slow := make(chan struct{})
	go func() { r.d.SimSync(); close(slow) }()
	<-entered
	r.d.SimSync() // started later, finished first: the far end is up
	close(release)
	<-slow
	if row := briefRow(r, "XGE1/0/25"); !strings.HasPrefix(row, "XGE1/0/25            UP ") {
		t.Errorf("brief: %q", row)
	}
	for _, l := range r.d.LogEntries()[before:] {
		if strings.Contains(l, "XGE") || strings.Contains(l, "Ten-GigabitEthernet1/0/25") {
			t.Errorf("a stale poll logged %q", l)
		}
	}
}
