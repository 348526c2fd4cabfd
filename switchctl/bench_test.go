package switchctl

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
)

// BenchmarkExecTypical is parse + execute of a typical configuration command.
func BenchmarkExecTypical(b *testing.B) {
	d := newTestDevice(b)
	s := d.NewSession(SessionInfo{User: "bench", Roles: []string{RoleAdmin}, Line: -1})
	ctx := context.Background()
	for _, l := range []string{"system-view", "interface GigabitEthernet1/0/1"} {
		if err := s.Exec(ctx, l, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Exec(ctx, "desc Uplink to core", io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func largeDevice(b *testing.B) *Device {
	d, _, err := Open(Options{Dir: b.TempDir(), Model: "10508", SeedKeys: true, BcryptCost: 4, AdminPassword: "x"})
	if err != nil {
		b.Fatal(err)
	}
	if errs := d.Load(strings.NewReader(largeConfig(d))); len(errs) > 0 {
		b.Fatal(errs[0])
	}
	return d
}

// largeConfig names every VLAN and configures every port of the model.
func largeConfig(d *Device) string {
	var sb strings.Builder
	sb.WriteString("vlan 2 to 4094\n")
	for id := 1; id <= 4094; id += 3 {
		fmt.Fprintf(&sb, "vlan %d\n name vlan-%d\n", id, id)
	}
	for i, p := range d.Model().Ports() {
		fmt.Fprintf(&sb, "interface %s\n description port %d\n", p.Full(), i)
		if i%2 == 0 {
			sb.WriteString(" port link-type trunk\n port trunk permit vlan 2 to 100 200 300\n")
		} else {
			fmt.Fprintf(&sb, " port access vlan %d\n", 1+i%4094)
		}
	}
	return sb.String()
}

// BenchmarkDisplayCurrentLarge renders the configuration of the large model with 4094 VLANs.
func BenchmarkDisplayCurrentLarge(b *testing.B) {
	d := largeDevice(b)
	s := d.NewSession(SessionInfo{User: "bench", Roles: []string{RoleAdmin}, Line: -1})
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Exec(context.Background(), "display current-configuration", io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad100k loads a 100,000-line configuration.
func BenchmarkLoad100k(b *testing.B) {
	d := largeDevice(b)
	var sb strings.Builder
	for n := 0; n < 100_000; {
		for _, p := range d.Model().Ports() {
			fmt.Fprintf(&sb, "interface %s\n description line %d\n", p.Full(), n)
			n += 2
		}
	}
	text := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		if r := d.loadFresh(text); len(r.errs) > 0 {
			b.Fatal(r.errs[0])
		}
	}
}

// staticRoutes is a configuration of n distinct static routes in the order a saved file has them.
func staticRoutes(n int) string {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "ip route-static 10.%d.%d.0 24 192.168.1.%d\n", i>>8&255, i&255, 1+i>>16)
	}
	return sb.String()
}

// BenchmarkLoadStaticRoutes loads a startup file of 10k and 40k static routes, as a boot does: the
// time of one load must grow about linearly with the number of routes.
func BenchmarkLoadStaticRoutes(b *testing.B) {
	d := newTestDevice(b)
	for _, n := range []int{10_000, 40_000} {
		text := staticRoutes(n)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			for b.Loop() {
				if _, errs := loadScratch(d, text); len(errs) > 0 {
					b.Fatal(errs[0])
				}
			}
		})
	}
}
