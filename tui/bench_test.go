package tui

import (
	"fmt"
	"testing"
)

// BenchmarkInterfacesFrame is the time to draw one frame of the Interfaces view on the 10508 chassis
// (416 ports) with the cursor in the middle of the table. Goal: under 5ms.
func BenchmarkInterfacesFrame(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {250, 80}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			f := newFixture(b, fixtureOpts{model: "10508", w: sz[0], h: sz[1]})
			f.key("2")
			if n := len(f.m.ifs.rows); n != 416 {
				b.Fatalf("%d ports", n)
			}
			f.m.ifs.cur = 200
			f.m.ifs.clamp()
			b.ReportAllocs()
			for b.Loop() {
				_ = f.m.View()
			}
		})
	}
}

// BenchmarkInterfacesScroll is a key press that moves the cursor plus the frame it causes.
func BenchmarkInterfacesScroll(b *testing.B) {
	f := newFixture(b, fixtureOpts{model: "10508", w: 250, h: 80})
	f.key("2")
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i/400%2 == 1 {
			k = up
		}
		i++
		next, _ := f.m.Update(k)
		f.m = next.(Model)
		_ = f.m.View()
	}
}
