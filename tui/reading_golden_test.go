package tui

import (
	"fmt"
	"testing"
)

// TestGoldenReading snapshots the reading aids and the ":" line's at three sizes: a search held in
// the configuration, the pager on a display command, wrapped Logs, the suggestion list and the
// theme picker.
func TestGoldenReading(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}, {250, 80}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			t.Parallel()
			dir := fmt.Sprintf("reading/%dx%d/", sz[0], sz[1])
			f := newFixture(t, fixtureOpts{w: sz[0], h: sz[1]})
			f.enrich()
			f.key("9", "f", "/")
			f.typeText("interface GigabitEthernet1/0/2")
			golden(t, dir+"search-typing.txt", f.screen())
			f.key("enter", "n")
			golden(t, dir+"search-held.txt", f.screen())

			f.key(":")
			f.typeText("display interface brief")
			f.key("enter")
			golden(t, dir+"pager.txt", f.screen())
			f.key("/")
			f.typeText("ADM")
			f.key("enter")
			golden(t, dir+"pager-search.txt", f.screen())
			f.key("q")

			f.exec("system-view", "interface GigabitEthernet1/0/7", "shutdown", "return")
			f.send(eventsMsg{events: []Event{{Kind: EventLog}, {Kind: EventConfig}}})
			f.key("6", "W", "G")
			golden(t, dir+"logs-wrapped.txt", f.screen())

			f.key(":")
			golden(t, dir+"suggestions.txt", f.screen())
			f.typeText("l")
			f.key("tab")
			golden(t, dir+"suggestions-picked.txt", f.screen())
			f.key("esc", ":")
			f.typeText("theme")
			f.key("enter", "down")
			golden(t, dir+"theme-picker.txt", f.screen())
		})
	}
}
