package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestGoldenTableTools snapshots issue 15's table tools and previews at three sizes: marked ports
// under a sort and a filter, one plan over them with the LLDP neighbour it cuts, a VLAN deletion's
// impact, a paste preview with disruptive lines and questions, and a stopped paste's undo.
func TestGoldenTableTools(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {250, 80}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, fixtureOpts{w: sz[0], h: sz[1]})
			f.enrich()
			dir := fmt.Sprintf("tables/%dx%d/", sz[0], sz[1])
			f.selectIf("GE1/0/1")
			f.key("space", "space", "down", "space", "o", "/")
			f.typeText("!re:^xge")
			f.key("enter")
			golden(t, dir+"interfaces-marked-sorted.txt", f.screen())
			f.key("s")
			golden(t, dir+"confirm-shut-many.txt", f.screen())
			f.key("esc")
			f.selectVLAN("10")
			f.key("x")
			golden(t, dir+"confirm-delete-vlan.txt", f.screen())
			f.key("esc")
			f.send(pasteMsg("system-view\ninterface GigabitEthernet1/0/9\nshutdown\nundo port trunk permit vlan 20\nreturn\nsave\n"))
			golden(t, dir+"paste-impact.txt", f.screen())
			f.key("esc")
			f.send(pasteMsg(strings.Join([]string{"system-view", "interface GigabitEthernet1/0/7", "description Temp",
				"vlan 40", "quit", "interface GigabitEthernet1/0/8", "port access vlan 999", "return"}, "\n") + "\n"))
			f.key("y")
			golden(t, dir+"paste-stopped-undo.txt", f.screen())
		})
	}
}
