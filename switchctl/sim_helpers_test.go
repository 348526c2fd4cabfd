package switchctl

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// simClock is a clock tests move by hand.
type simClock struct {
	mu sync.Mutex
	t  time.Time
}

func newSimClock() *simClock {
	return &simClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
}

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *simClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// simRig is a device on a fake clock with an admin session.
type simRig struct {
	t     testing.TB
	d     *Device
	clock *simClock
	s     *Session
}

func newSimRig(t testing.TB, opts Options) *simRig {
	t.Helper()
	return newSimRigOn(t, opts, newSimClock())
}

// newSimRigOn is newSimRig on a given clock, which devices of one test share.
func newSimRigOn(t testing.TB, opts Options, clock *simClock) *simRig {
	t.Helper()
	opts.Dir, opts.SeedKeys, opts.BcryptCost, opts.AdminPassword, opts.Now = t.TempDir(), true, 4, "admin-pw", clock.Now
	if opts.Wait == nil { // what takes time on the device (ping's pace) moves the fake clock instead
		opts.Wait = func(ctx context.Context, d time.Duration) error { clock.Advance(d); return ctx.Err() }
	}
	d, _, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	return &simRig{t: t, d: d, clock: clock, s: d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: -1})}
}

// run executes lines and returns the output of the last one; any error fails the test.
func (r *simRig) run(lines ...string) string {
	r.t.Helper()
	var out string
	for _, l := range lines {
		var b strings.Builder
		if err := r.s.Exec(context.Background(), l, &b); err != nil {
			r.t.Fatalf("%s: %v", l, err)
		}
		out = b.String()
	}
	return out
}

// view runs f on the simulation as of now.
func (r *simRig) view(f func(v *simView)) { r.d.simRead(f) }

// labConfig is a configuration with something of everything the displays show: VLANs with and
// without Vlan-interfaces, access, trunk and hybrid ports, a shut port, a LoopBack, the management
// port where the model has one, dynamic and static link aggregation, secondary addresses and static routes that are active, inactive and equal-cost.
func labConfig(m Model) []string {
	uplink := fmt.Sprintf("interface Ten-GigabitEthernet 1/0/%d", m.GE+1)
	lines := []string{"system-view", "vlan 10 to 12", "vlan 20", "name Servers", "description Server farm", "quit", "vlan 4000"}
	for i := 0; i < 40; i++ { // enough single VLANs for a trunk's VLAN list to wrap
		lines = append(lines, fmt.Sprintf("vlan %d", 1001+2*i))
	}
	if m.MGE { // a 5130 EI has none
		lines = append(lines, "interface M-GigabitEthernet 0/0/0", "ip address 172.31.0.10 24", "quit")
	}
	return append(lines, "quit",
		"interface Vlan-interface 1", "ip address 192.168.1.1 24",
		"interface Vlan-interface 10", "ip address 10.10.0.1 16", "ip address 10.11.0.1 24 sub",
		"interface Vlan-interface 20", "ip address 10.20.0.1 24", "description Server gateway",
		"interface Vlan-interface 4000", "ip address 10.40.0.1 24",
		"interface Vlan-interface 12", "ip address 10.12.0.1 24", "shutdown",
		"interface LoopBack 0", "ip address 1.1.1.1 32",
		"interface range GigabitEthernet 1/0/1 to GigabitEthernet 1/0/4", "port access vlan 10",
		"interface GigabitEthernet 1/0/5", "port link-type trunk", "port trunk permit vlan 10 to 12 20", "port trunk pvid vlan 10",
		"interface GigabitEthernet 1/0/6", "port link-type hybrid", "port hybrid vlan 20 tagged", "port hybrid vlan 10 untagged",
		"port hybrid pvid vlan 10", "description Phone and PC",
		"interface GigabitEthernet 1/0/7", "shutdown", "description Spare",
		// An LACP uplink whose VLANs are set on the aggregate (and so on its members), and a static one.
		"interface Bridge-Aggregation 1", "link-aggregation mode dynamic", "description LACP uplink",
		"interface range GigabitEthernet 1/0/8 to GigabitEthernet 1/0/9", "port link-aggregation group 1",
		"interface Bridge-Aggregation 1", "port link-type trunk", "port trunk permit vlan 10 20",
		"interface Bridge-Aggregation 2", "interface GigabitEthernet 1/0/12", "port link-aggregation group 2",
		uplink, "port link-type trunk", "port trunk permit vlan all", "description Uplink to core",
		"quit",
		"ip route-static 0.0.0.0 0 192.168.1.254",
		"ip route-static 172.16.0.0 12 10.10.99.99",
		"ip route-static 10.99.0.0 16 NULL0",
		"ip route-static 8.8.8.0 24 1.2.3.4",
		"ip route-static 198.51.100.0 24 10.20.0.7 preference 70",
		"ip route-static 198.51.100.0 24 10.20.0.8 preference 70",
		"ip route-static 203.0.113.0 24 10.20.0.9 preference 80",
		"ip route-static 203.0.113.0 24 10.20.0.10 preference 90",
		"return")
}
