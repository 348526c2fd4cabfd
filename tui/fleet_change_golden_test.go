package tui

import (
	"fmt"
	"testing"
)

// TestGoldenFleetChange snapshots change many at three sizes: the preview (a device's caret, one
// that cannot check, one unreachable), the confirmation, the results after a device dropped its
// connection mid-wave, that device's transcript, and the typed confirmation of a disruptive batch.
func TestGoldenFleetChange(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			t.Parallel()
			cf := newChangeFixture(t, sz[0], sz[1])
			name := func(s string) string { return fmt.Sprintf("fleet-change/%dx%d/%s.txt", sz[0], sz[1], s) }
			cf.command("select *")
			cf.send(pasteMsg(batch48))
			cf.key("w", "w", "w", "w")
			golden(t, name("preview"), cf.screen())
			cf.key("enter")
			golden(t, name("confirm"), cf.screen())
			cf.key("y")
			golden(t, name("results"), cf.screen())
			cf.key("down", "down", "down", "enter")
			golden(t, name("transcript"), cf.screen())
			cf.key("esc", "esc")

			cf.command("select acc*")
			cf.send(pasteMsg("system-view\nundo vlan 20\ninterface GigabitEthernet1/0/40\nshutdown\nreturn\n"))
			cf.key("enter", "n")
			golden(t, name("confirm-disruptive"), cf.screen())
		})
	}
}
