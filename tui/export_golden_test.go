package tui

import (
	"fmt"
	"testing"
)

// TestGoldenExport snapshots copy and the raw view at three sizes: the status after the first
// copy, the raw view of a table and of the configuration diff, and a save to flash:.
func TestGoldenExport(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {250, 80}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			t.Parallel()
			dir := fmt.Sprintf("export/%dx%d/", sz[0], sz[1])
			f := newFixture(t, fixtureOpts{w: sz[0], h: sz[1]})
			f.selectIf("GE1/0/3")
			copies(f, "y")
			golden(t, dir+"copy-status.txt", f.screen())
			f.key("P")
			golden(t, dir+"raw-table.txt", f.screen())
			f.key("esc", "9", "P")
			golden(t, dir+"raw-config.txt", f.screen())
			f.key("esc", "3", ":")
			f.typeText("save-to flash:/vlans.txt")
			f.key("enter")
			golden(t, dir+"saved.txt", f.screen())
		})
	}
}
