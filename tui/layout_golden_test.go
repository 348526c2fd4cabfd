package tui

import (
	"fmt"
	"testing"
	"time"
)

// TestGoldenLayout snapshots layout control and the live panes at three sizes: the zoomed view and
// CLI, the sidebar with the focus (unfolded on a narrow terminal), the port detail after five
// reads, a :watch, and the Dashboard's faceplate on the 28-port switch and the 416-port chassis.
func TestGoldenLayout(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {250, 80}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			t.Parallel()
			dir := fmt.Sprintf("layout/%dx%d/", sz[0], sz[1])
			f := newFixture(t, fixtureOpts{w: sz[0], h: sz[1]})
			f.enrich()
			golden(t, dir+"dashboard.txt", f.screen())
			f.key("2", "z")
			golden(t, dir+"zoom-view.txt", f.screen())
			f.key("tab")
			f.typeText("display vlan brief")
			f.key("enter")
			golden(t, dir+"zoom-cli.txt", f.screen())
			f.send(altZ)
			f.key("esc", "shift+tab")
			golden(t, dir+"nav-focused.txt", f.screen())

			f.key("tab")
			f.selectIf("GE1/0/2")
			f.key("enter")
			tickLive(f, 4, 2*time.Second)
			golden(t, dir+"port-detail-live.txt", f.screen())

			f.key("esc", ":")
			f.typeText("watch 5s display interface brief | include DOWN|ADM")
			f.key("enter")
			f.exec("system-view", "interface GigabitEthernet1/0/9", "shutdown", "return")
			tickLive(f, 1, 5*time.Second)
			golden(t, dir+"watch.txt", f.screen())

			c := newFixture(t, fixtureOpts{model: "10508", w: sz[0], h: sz[1]})
			golden(t, dir+"dashboard-10508.txt", c.screen())
		})
	}
}
