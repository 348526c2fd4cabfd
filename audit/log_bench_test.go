package audit

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkLogWrite is many sessions writing at once to a real file, each a command after the
// last was acknowledged: group commit makes records/s far more than fsyncs/s. sessions_per_cpu=1
// is the figure it is measured against.
func BenchmarkLogWrite(b *testing.B) {
	for _, perCPU := range []int{1, 16} {
		b.Run(fmt.Sprintf("sessions_per_cpu=%d", perCPU), func(b *testing.B) { benchLogWrite(b, perCPU) })
	}
}

func benchLogWrite(b *testing.B, perCPU int) {
	l, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	r := Record{User: "alice", Source: "192.0.2.7:53122", Device: "core1", DeviceUser: "netops",
		Prompt: "[core1-vlan10]", Command: "description uplink to dist1", Result: ResultOK,
		Duration: 3 * time.Millisecond, Session: "s-1", Kind: KindCLI}
	b.SetParallelism(perCPU)
	b.ResetTimer()
	start := time.Now()
	var ids atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		r := r
		r.Session = fmt.Sprintf("s-%d", ids.Add(1))
		for pb.Next() {
			if err := l.Write(r); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "records/s")
}
