package tui

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"vtyd/themes"
)

// BenchmarkHeldFleetDashboards measures the memory a fleet console holds on the dashboard (its
// table, tools and styles, one frame drawn), the fleet's devices aside: 100 consoles on one fake
// fleet of 3 devices, the live heap after a GC before and after, divided by their number. The
// goal is that of a held device console: under 512 KB. Run with -benchtime=1x.
func BenchmarkHeldFleetDashboards(b *testing.B) {
	const n = 100
	fl := newFakeFleet(b, func() time.Time { return bootTime }, "core1", "core2", "edge1")
	var per float64
	for b.Loop() {
		before := liveHeap()
		held := make([]*fleetModel, n)
		for i := range held {
			f := newFleetModel(fl, "", Options{Theme: themes.Default(), User: "alice", Role: "network-admin", Width: 80, Height: 24})
			f.manual = true
			f.Init()
			f.setDevices(fl.Devices())
			_ = f.View()
			held[i] = f
		}
		per = float64(liveHeap()-before) / n
		runtime.KeepAlive(held)
	}
	b.ReportMetric(per/1024, "KB/console")
}

// liveHeap is the live heap after two collections.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}
