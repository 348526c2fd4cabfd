package fleet

import (
	"context"
	"fmt"
	"io"
	"net"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"vtyd/switchctl"
)

// TestShard: the shards of a fleet are disjoint, cover it, and are the same on every call.
func TestShard(t *testing.T) {
	var src strings.Builder
	src.WriteString("devices:\n")
	for i := 9; i >= 0; i-- { // out of order: shards follow names, not the file
		fmt.Fprintf(&src, "  sw%02d: {address: 127.0.5.%d}\n", i, i+1)
	}
	f := mustParse(t, "f.yml", src.String())
	var got [][]string
	seen := map[string]int{}
	for k := 0; k < 3; k++ {
		var names []string
		for _, d := range f.Shard(k, 3) {
			names = append(names, d.Name)
			seen[d.Name]++
		}
		got = append(got, names)
	}
	want := [][]string{
		{"sw00", "sw03", "sw06", "sw09"},
		{"sw01", "sw04", "sw07"},
		{"sw02", "sw05", "sw08"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("shards %v, want %v", got, want)
	}
	if len(seen) != 10 {
		t.Errorf("shards cover %d of 10 devices", len(seen))
	}
	if all := f.Shard(0, 1); len(all) != 10 {
		t.Errorf("shard 0/1 has %d devices, want all 10", len(all))
	}
	if s := f.Shard(3, 3); s != nil {
		t.Errorf("shard 3/3 = %v, want none", s)
	}
}

func TestParseShard(t *testing.T) {
	for _, c := range []struct {
		in   string
		k, n int
		err  string
	}{
		{"0/1", 0, 1, ""},
		{"2/3", 2, 3, ""},
		{"3/3", 0, 0, `shard "3/3": K counts from 0 to 2`},
		{"-1/3", 0, 0, `shard "-1/3": K counts from 0 to 2`},
		{"1/0", 0, 0, `shard "1/0": want K/N, shard K (0 to N-1) of N`},
		{"1", 0, 0, `shard "1": want K/N, shard K (0 to N-1) of N`},
		{"a/3", 0, 0, `shard "a/3": want K/N, shard K (0 to N-1) of N`},
	} {
		k, n, err := ParseShard(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("ParseShard(%q) error %v, want %s", c.in, err, c.err)
			}
			continue
		}
		if err != nil || k != c.k || n != c.n {
			t.Errorf("ParseShard(%q) = %d, %d, %v; want %d, %d", c.in, k, n, err, c.k, c.n)
		}
	}
}

// TestWiring: a device's far ends come from the fleet file: the far device's sysname, port,
// chassis MAC, management address and model.
func TestWiring(t *testing.T) {
	f, err := Load("../examples/fleet.yml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := f.Wiring("acc1", func(string) *switchctl.Device { return nil })
	fe, ok := w.Far(ifName(t, "XGE1/0/25"))
	if !ok {
		t.Fatal("acc1 XGE1/0/25 is not wired")
	}
	if fe.Sysname != "CORE-1" || fe.Port.Short() != "XGE2/0/49" || fe.MgmtAddr != "127.0.1.1" ||
		fe.Model.ID != "10508" || fe.Up == nil || !fe.Up() {
		t.Errorf("far end of acc1 XGE1/0/25: %+v", fe)
	}
	if want := switchctl.ChassisMAC("core1", 1); fe.Chassis.String() != want.String() {
		t.Errorf("chassis %s, want %s", fe.Chassis, want)
	}
	if fe, _ := w.Far(ifName(t, "XGE1/0/26")); fe.Sysname != "core2" || fe.Port.Short() != "XGE1/0/50" {
		t.Errorf("far end of acc1 XGE1/0/26: %+v", fe)
	}
	if _, ok := w.Far(ifName(t, "GE1/0/1")); ok {
		t.Error("acc1 GE1/0/1 is wired, want not")
	}
	// Both ends see each other.
	back, ok := f.Wiring("core1", nil).Far(ifName(t, "XGE2/0/49"))
	if !ok || back.Sysname != "acc1" || back.Port.Short() != "XGE1/0/25" {
		t.Errorf("far end of core1 XGE2/0/49: %+v", back)
	}
	if f.Wiring("nosuch", nil) != nil {
		t.Error("Wiring of an unknown device is not nil")
	}
}

// TestWiringReadsLocalDevices: for a far device this process runs, the far end's state is read
// from it: a shutdown of its port takes the link down as this end sees it, and this end logs it
// when it happens, not when someone next looks.
func TestWiringReadsLocalDevices(t *testing.T) {
	var mu sync.Mutex
	clock := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	f, err := Load("../examples/fleet.yml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	devs := map[string]*switchctl.Device{}
	local := func(name string) *switchctl.Device { return devs[name] }
	for _, name := range []string{"acc1", "core1"} {
		dv, _ := f.Device(name)
		d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, Model: dv.Model,
			Name: dv.Name, SimSeed: dv.Seed, Wiring: f.Wiring(name, local), Now: now})
		if err != nil {
			t.Fatal(err)
		}
		devs[name] = d
	}
	fe, _ := f.Wiring("acc1", local).Far(ifName(t, "XGE1/0/25"))
	if !fe.Up() {
		t.Fatal("the far port is down before anyone shut it")
	}
	s := devs["core1"].NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: -1})
	for _, l := range []string{"system-view", "interface Ten-GigabitEthernet2/0/49", "shutdown"} {
		if err := s.Exec(context.Background(), l, io.Discard); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
	}
	if fe.Up() {
		t.Error("core1 shut its port, but acc1 still sees the far end up")
	}
	mu.Lock()
	clock = clock.Add(time.Hour) // nobody looks at acc1 for an hour
	mu.Unlock()
	var logs strings.Builder
	acc := devs["acc1"].NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: -1})
	if err := acc.Exec(context.Background(), "display logbuffer", &logs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "Dec  7 10:00:00:000 2026 acc1 IFNET/3/PHY_UPDOWN: Physical state on the interface Ten-GigabitEthernet1/0/25 changed to down.") {
		t.Errorf("acc1 did not log the link going down when core1 shut it:\n%s", logs.String())
	}
}

// TestWiringIPv6: an IPv6 listener has no management IPv4 address for LLDP to announce.
func TestWiringIPv6(t *testing.T) {
	f := mustParse(t, "f.yml", "devices:\n  a: {address: 127.0.1.1}\n  b: {address: \"::1\"}\nlinks:\n  - a:GE1/0/1 -- b:GE1/0/1\n")
	fe, ok := f.Wiring("a", nil).Far(ifName(t, "GE1/0/1"))
	if !ok || fe.MgmtAddr != "" || net.ParseIP(f.Devices[1].Host()) == nil {
		t.Errorf("far end %+v, want no MgmtAddr", fe)
	}
}
