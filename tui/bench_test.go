package tui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"vtyd/tui/readers"
	"vtyd/tui/term"
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
	b.ReportAllocs()
	scroll(b, f, func(v tea.View) {})
}

// BenchmarkInterfacesScrollDrawn is BenchmarkInterfacesScroll with each frame drawn on the
// terminal by the console's renderer (package term): the whole cost of a key, and the bytes it
// sends.
func BenchmarkInterfacesScrollDrawn(b *testing.B) {
	for _, sz := range [][2]int{{80, 24}, {250, 80}} {
		b.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(b *testing.B) {
			f := newFixture(b, fixtureOpts{model: "10508", w: sz[0], h: sz[1]})
			f.key("2")
			var out countWriter
			r := term.NewRenderer(&out, colorprofile.ANSI256, sz[0], sz[1])
			draw := func(v tea.View) {
				if err := r.Render(v); err != nil {
					b.Fatal(err)
				}
			}
			draw(f.m.View())
			start := out.n
			b.ReportAllocs()
			keys := scroll(b, f, draw)
			b.ReportMetric(float64(out.n-start)/float64(keys), "bytes/key")
		})
	}
}

// scroll presses down 400 times, then up 400 times, and so on, handing each frame to draw; it
// returns the number of keys pressed.
func scroll(b *testing.B, f *fixture, draw func(tea.View)) int {
	down, up := keyMsg("down"), keyMsg("up")
	i := 0
	for b.Loop() {
		k := down
		if i/400%2 == 1 {
			k = up
		}
		i++
		next, _ := f.m.Update(k)
		f.m = next.(*Model)
		draw(f.m.View())
	}
	return i
}

// countWriter counts what is written to it.
type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}

// largeMAC puts a MAC table of n entries on the MAC/ARP/LLDP view, as if read from the device.
func largeMAC(tb testing.TB, f *fixture, n int) {
	tb.Helper()
	macs, err := readers.ParseMACTable(readers.LargeMACTable(n))
	if err != nil {
		tb.Fatal(err)
	}
	f.key("5")
	f.send(fetchedMsg{results: []fetchResult{{res: resMAC, value: macs}}, prompt: "<HPE>"})
	if got := len(f.m.macs.rows); got != n {
		tb.Fatalf("%d rows, want %d", got, n)
	}
}

// BenchmarkMACScroll is a key press that moves the cursor through a 10,000-entry MAC table plus
// the frame it causes: only the rows on screen are drawn.
func BenchmarkMACScroll(b *testing.B) {
	f := newFixture(b, fixtureOpts{w: 250, h: 80})
	largeMAC(b, f, 10000)
	down, pgdn, top := keyMsg("down"), keyMsg("pgdown"), keyMsg("home")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		switch {
		case i%1000 == 999:
			k = top
		case i%10 == 9:
			k = pgdn
		}
		i++
		next, _ := f.m.Update(k)
		f.m = next.(*Model)
		_ = f.m.View()
	}
}

// BenchmarkMACLoad is reading a 10,000-entry table into the view: parse, rows, filter index.
func BenchmarkMACLoad(b *testing.B) {
	f := newFixture(b, fixtureOpts{w: 120, h: 40})
	text := readers.LargeMACTable(10000)
	f.key("5")
	b.ReportAllocs()
	for b.Loop() {
		macs, err := readers.ParseMACTable(text)
		if err != nil {
			b.Fatal(err)
		}
		f.send(fetchedMsg{results: []fetchResult{{res: resMAC, value: macs}}, prompt: "<HPE>"})
	}
}
