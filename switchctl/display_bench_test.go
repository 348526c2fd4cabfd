package switchctl

import (
	"context"
	"io"
	"testing"
)

// BenchmarkDisplayInterfaceLarge is `display interface` for every interface of the large model
// (416 ports, every VLAN configured): the goal is under 20 ms.
func BenchmarkDisplayInterfaceLarge(b *testing.B) {
	benchDisplay(b, "display interface")
}

// BenchmarkDisplayMACLarge builds the neighbourhood tables of the large model and prints the MAC table.
func BenchmarkDisplayMACLarge(b *testing.B) {
	benchDisplay(b, "display mac-address")
}

func benchDisplay(b *testing.B, cmd string) {
	d := largeDevice(b)
	s := d.NewSession(SessionInfo{User: "bench", Roles: []string{RoleAdmin}, Line: -1})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Exec(ctx, cmd, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
