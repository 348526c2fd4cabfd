package main

import (
	"strings"
	"testing"
)

// TestConsoleMarkedPortsEndToEnd logs in over SSH with a PTY, marks three ports with space, shuts
// them in one plan over `interface range`, sees them ADM over a second session, and brings them
// back up in one plan (issue 15's end-to-end test).
func TestConsoleMarkedPortsEndToEnd(t *testing.T) {
	addr, _ := startConsoleServer(t, 0)
	sh, scr := openConsole(t, addr, 120, 40)

	send(t, sh, "2")
	waitScreen(t, sh, scr, "the Interfaces view", func(s string) bool { return strings.Contains(s, "28 ports") })
	send(t, sh, "jjjjj")
	waitScreen(t, sh, scr, "GE1/0/6 selected", func(s string) bool { return strings.Contains(s, "▸GE1/0/6") })
	send(t, sh, "   ")
	waitScreen(t, sh, scr, "three ports marked", func(s string) bool {
		return strings.Contains(s, "3 marked") && strings.Contains(s, "✓ GE1/0/6") && strings.Contains(s, "✓ GE1/0/8")
	})
	send(t, sh, "s")
	waitScreen(t, sh, scr, "one plan for the three", func(s string) bool {
		return strings.Contains(s, "shut down 3 ports (GE1/0/6, GE1/0/7, GE1/0/8)") &&
			strings.Contains(s, "interface range GigabitEthernet1/0/6 to GigabitEthernet1/0/8") &&
			strings.Contains(s, "This is disruptive. Type y to run it.")
	})
	answer(t, sh, "y")
	waitScreen(t, sh, scr, "the ports shut down", func(s string) bool {
		return strings.Contains(s, "✓ shut down 3 ports") && strings.Contains(s, "✓ GE1/0/7    ADM")
	})
	brief := execOutput(t, dialAdmin(t, addr), "display interface brief")
	for _, p := range []string{"GE1/0/6", "GE1/0/7", "GE1/0/8"} {
		if !strings.Contains(brief, p+"              ADM") {
			t.Errorf("display interface brief does not show %s shut down:\n%s", p, brief)
		}
	}

	send(t, sh, "u")
	waitScreen(t, sh, scr, "the undo plan", func(s string) bool {
		return strings.Contains(s, "bring up 3 ports") && strings.Contains(s, "    undo shutdown")
	})
	answer(t, sh, "y")
	waitScreen(t, sh, scr, "the ports back up", func(s string) bool {
		return strings.Contains(s, "✓ bring up 3 ports")
	})
	brief = execOutput(t, dialAdmin(t, addr), "display interface brief")
	for _, p := range []string{"GE1/0/6", "GE1/0/7", "GE1/0/8"} {
		if strings.Contains(brief, p+"              ADM") {
			t.Errorf("%s is still shut down:\n%s", p, brief)
		}
	}
}
