package tui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// The -update flag rewrites the golden files in testdata/golden. teatest's golden package defines
// it already; it is defined here only when absent.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/golden")
	}
}

func updating() bool { return flag.Lookup("update").Value.String() == "true" }

// golden compares got with testdata/golden/name, or rewrites the file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -run %s -update to create it)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test ./tui -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestGoldenViews snapshots every view at three sizes and in two themes, after one action so that
// the command log has an entry.
func TestGoldenViews(t *testing.T) {
	// Keys in order: a view's tabs start at the first, so "right" walks them.
	views := []struct {
		key, name string
	}{{"1", "dashboard"}, {"2", "interfaces"}, {"3", "vlans"}, {"4", "routing"}, {"right", "routing-ip-interfaces"},
		{"5", "mac"}, {"right", "arp"}, {"right", "lldp"}, {"6", "logs"}, {"7", "sessions"}, {"8", "users"},
		{"right", "ssh-users"}, {"right", "host-keys"}, {"right", "ssh-server"}, {"9", "config"}, {"0", "commands"}}
	for _, theme := range []string{"comware-classic", "monochrome"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {250, 80}} {
			t.Run(fmt.Sprintf("%s/%dx%d", theme, sz[0], sz[1]), func(t *testing.T) {
				t.Parallel()
				f := newFixture(t, fixtureOpts{w: sz[0], h: sz[1], theme: theme})
				f.enrich()
				f.key("2", "down", "d", "ctrl+u")
				f.typeText("Web servers")
				f.key("enter", "enter")
				for _, v := range views {
					f.key(v.key)
					golden(t, fmt.Sprintf("%s/%dx%d/%s.txt", theme, sz[0], sz[1], v.name), f.screen())
				}
				f.key("2", "down", "down", "enter")
				golden(t, fmt.Sprintf("%s/%dx%d/interface-detail.txt", theme, sz[0], sz[1]), f.screen())
			})
		}
	}
}

// TestGoldenScreens snapshots the other screens once: help, the too-small screen, a paste being
// confirmed, a disruptive action's confirmation and the operator's disabled actions.
func TestGoldenScreens(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 100, h: 30})
	f.key("2", "f1")
	golden(t, "screens/help.txt", f.screen())
	f.key("esc", "down", "down", "down", "s")
	golden(t, "screens/confirm-shutdown.txt", f.screen())
	f.key("esc")
	f.send(pasteMsg("system-view\nvlan 30\n name Users\nreturn\n"))
	golden(t, "screens/paste-ok.txt", f.screen())
	f.key("esc")
	f.send(pasteMsg("system-view\nvlan 30\n nmae Users\nreturn\n"))
	golden(t, "screens/paste-bad.txt", f.screen())
	f.key("esc")
	f.send(pasteMsg(bigPaste()))
	golden(t, "screens/paste-too-big.txt", f.screen())
	f.key("esc")
	f.send(sizeMsg(79, 30))
	golden(t, "screens/too-small.txt", f.screen())

	g := newFixture(t, fixtureOpts{w: 100, h: 30})
	g.enrich()
	g.selectIf("GE1/0/2")
	g.key("t")
	golden(t, "screens/trunk-input.txt", g.screen())
	g.key("ctrl+u")
	g.typeText("1 20 30 to 32")
	g.key("enter")
	golden(t, "screens/confirm-trunk.txt", g.screen())
	g.key("esc", "8", "n")
	g.typeText("alice")
	g.key("enter")
	g.typeText("S3cret-pw")
	golden(t, "screens/new-user-password.txt", g.screen())
	g.key("enter", "enter")
	golden(t, "screens/confirm-new-user.txt", g.screen())
	g.key("esc", "7", "down", "x")
	golden(t, "screens/confirm-free-line.txt", g.screen())
	g.key("esc", "1", "R")
	golden(t, "screens/confirm-reboot.txt", g.screen())
	g.key("esc", "tab")
	g.typeText("free line vty 3")
	g.key("enter")
	golden(t, "screens/cli-asks.txt", g.screen())
	g.key("ctrl+c")

	op := newFixture(t, fixtureOpts{w: 100, h: 30, role: "network-operator"})
	op.key("2", "f1")
	golden(t, "screens/operator-help.txt", op.screen())
	op.key("pgdown")
	golden(t, "screens/operator-help-actions.txt", op.screen())
	op.key("esc", "8", "n")
	golden(t, "screens/operator-new-user.txt", op.screen())
}
