package remote

import (
	"context"
	"io"
	"testing"
)

// BenchmarkExec: one `display version` exec per op through Exec on the pooled connection, against
// a fresh connection (new pool) per exec, on the replay switch and on vtyd's line CLI.
func BenchmarkExec(b *testing.B) {
	r := newReplayServer(b)
	for _, dev := range []struct {
		name string
		t    Target
	}{{"replay", r.target()}, {"vtyd", vtydDevice(b)}} {
		b.Run(dev.name+"/pooled", func(b *testing.B) {
			p := NewPool(PoolOptions{})
			defer p.Close()
			for b.Loop() {
				if Exec(context.Background(), p, dev.t, "display version", io.Discard, io.Discard) != 0 {
					b.Fatal("exec failed")
				}
			}
		})
		b.Run(dev.name+"/fresh", func(b *testing.B) {
			for b.Loop() {
				p := NewPool(PoolOptions{})
				if Exec(context.Background(), p, dev.t, "display version", io.Discard, io.Discard) != 0 {
					b.Fatal("exec failed")
				}
				p.Close()
			}
		})
	}
}
