package tui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"vtyd/switchctl"
	"vtyd/themes"
)

// ntcFixtures holds real devices' output that automation parses (../shared/ntc-templates).
const ntcFixtures = "../../shared/ntc-templates/fixtures"

// replayShell is a device that is not switchctl: it answers display commands with output recorded
// from real Comware switches (ntc-templates fixtures, FACTS.md samples), takes configuration
// commands as a switch would (silently), keeps the prompt of the view it is in, and has no dry run.
// It stands for what the console meets in front of a real switch.
type replayShell struct {
	sysname string
	answers map[string]string // display command -> recorded output

	mu    sync.Mutex
	views []string // view names below user view, as the prompt shows them
	ran   []string // every line, as run
	asker Asker
}

func (r *replayShell) Exec(_ context.Context, line string, w io.Writer) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ran = append(r.ran, line)
	words := strings.Fields(line)
	switch {
	case len(words) == 0:
		return nil
	case strings.HasPrefix(line, "display "):
		out, ok := r.answers[line]
		if !ok {
			return &switchctl.ParseError{Kind: switchctl.Unrecognized, Pos: 8}
		}
		_, err := io.WriteString(w, out)
		return err
	case line == "system-view":
		r.views = []string{""}
	case line == "return":
		r.views = nil
	case line == "quit":
		if len(r.views) > 0 {
			r.views = r.views[:len(r.views)-1]
		}
	case words[0] == "interface" && len(r.views) > 0:
		r.views = append(r.views[:1], words[1])
	case words[0] == "vlan" && len(r.views) > 0:
		r.views = append(r.views[:1], "vlan"+words[1])
	case len(r.views) == 0 && words[0] != "save":
		return &switchctl.ParseError{Kind: switchctl.Unrecognized, Pos: 0}
	}
	return nil
}

func (r *replayShell) Prompt() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch len(r.views) {
	case 0:
		return "<" + r.sysname + ">"
	case 1:
		return "[" + r.sysname + "]"
	}
	return "[" + r.sysname + "-" + r.views[len(r.views)-1] + "]"
}

func (r *replayShell) Help(string, io.Writer) error         { return nil }
func (r *replayShell) Complete(l string) (string, []string) { return l, nil }
func (r *replayShell) Check([]string) (int, error)          { return -1, ErrNoDryRun }
func (r *replayShell) Reset()                               { r.mu.Lock(); r.views = nil; r.mu.Unlock() }
func (r *replayShell) SetAsker(a Asker)                     { r.mu.Lock(); r.asker = a; r.mu.Unlock() }

// lines returns what ran since the last call.
func (r *replayShell) lines() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.ran
	r.ran = nil
	return out
}

// replayBackend is two replay sessions on one recorded device, with no events.
type replayBackend struct{ cli, console *replayShell }

func (b *replayBackend) CLI() Shell           { return b.cli }
func (b *replayBackend) Console() Shell       { return b.console }
func (b *replayBackend) Events() <-chan Event { return nil }
func (b *replayBackend) Close() error         { return nil }

// recorded reads the real output the replay device answers with.
func recorded(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{
		"display interface brief":                filepath.Join(ntcFixtures, "display_interface_brief/hp_comware_display_interface_brief.raw"),
		"display vlan brief":                     filepath.Join(ntcFixtures, "display_vlan_brief/hp_comware_display_vlan_brief.raw"),
		"display arp":                            filepath.Join(ntcFixtures, "display_arp/hp_comware_display_arp.raw"),
		"display mac-address":                    filepath.Join(ntcFixtures, "display_mac-address/hp_comware_display_mac-address.raw"),
		"display lldp neighbor-information list": filepath.Join(ntcFixtures, "display_lldp_neighbor-information_list/hp_comware_display_lldp_neighbor-information_list.raw"),
		"display ip routing-table":               filepath.Join(ntcFixtures, "display_ip_routing-table/hp_comware_display_ip_routing-table.raw"),
		"display version":                        "readers/testdata/facts-version.txt",
		"display logbuffer":                      "readers/testdata/facts-logbuffer.txt",
		"display users":                          "readers/testdata/facts-users.txt",
	}
	out := map[string]string{}
	for cmd, f := range files {
		b, err := os.ReadFile(f)
		if os.IsNotExist(err) && strings.HasPrefix(f, ntcFixtures) {
			t.Skipf("ntc-templates fixtures are missing (../shared beside the repository): %v", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		out[cmd] = strings.ReplaceAll(string(b), "\r\n", "\n")
	}
	return out
}

// TestConsoleOverRecordedDevice runs the whole console — views, an action, a paste — over a backend
// that is not switchctl: one that answers from real Comware output and cannot dry-run a batch, as
// a real switch behind the gateway will. Nothing in the console may assume the simulator.
func TestConsoleOverRecordedDevice(t *testing.T) {
	answers := recorded(t)
	b := &replayBackend{cli: &replayShell{sysname: "H3C", answers: answers}, console: &replayShell{sysname: "H3C", answers: answers}}
	now := func() time.Time { return bootTime }
	f := &fixture{t: t, clk: bootTime}
	f.setModel(New(b, Options{Theme: themes.Default(), User: "admin", Role: switchctl.RoleAdmin, Width: 120, Height: 40, Now: now}))
	f.run(f.m.initCmds()...)

	// Views show the recorded device. What it refuses (this recording has no `display ip interface
	// brief` or `display ssh server session`) is named above what could be read, not instead of it.
	for _, v := range []struct {
		key  string
		want []string
	}{
		{"2", []string{"GE0/1"}}, {"3", []string{"VLAN 0001"}}, {"5", []string{"fedc-ba09-8765"}},
		{"4", []string{"10.1.14.0/24", "display ip interface brief: % Unrecognized command"}},
		{"7", []string{"bob", "display ssh server session: % Unrecognized command"}},
		{"1", []string{"H3C S6520-30SG-SI"}},
	} {
		f.key(v.key)
		s := f.screen()
		for _, want := range v.want {
			if !strings.Contains(s, want) {
				t.Errorf("view %s does not show %q:\n%s", v.key, want, s)
			}
		}
	}

	// An action runs its commands on that device and shows them.
	b.console.lines()
	f.selectIf("GE0/2")
	f.key("s")
	if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm {
		t.Fatalf("no confirmation for shutdown:\n%s", f.screen())
	}
	b.console.lines() // the LLDP neighbours, read for the confirmation
	f.key("y")
	want := []string{"system-view", "interface GigabitEthernet0/2", "shutdown", "return"}
	if ran := b.console.lines(); !reflect.DeepEqual(ran[:min(len(ran), len(want))], want) {
		t.Errorf("the action ran %q, want %q first", ran, want)
	}
	if r := f.lastRecord(); r.failed || !reflect.DeepEqual(ranLines(r), want) {
		t.Errorf("command log %v (failed %v), want %v", ranLines(r), r.failed, want)
	}

	// A paste cannot be checked on this device: it is shown unchecked, Enter does not run it, y does.
	b.cli.lines()
	f.send(pasteMsg("system-view\nvlan 42\nname Replay\nreturn\n"))
	shown := f.dialogText()
	if !strings.Contains(shown, "cannot check commands without running them") {
		t.Fatalf("the paste dialog does not say the batch is unchecked:\n%s", shown)
	}
	f.key("enter")
	if ran := b.cli.lines(); len(ran) != 0 {
		t.Fatalf("enter ran an unchecked paste: %q", ran)
	}
	f.key("y")
	if ran, want := b.cli.lines(), []string{"system-view", "vlan 42", "name Replay", "return"}; !reflect.DeepEqual(ran, want) {
		t.Errorf("the paste ran %q, want %q", ran, want)
	}
	if p := b.cli.Prompt(); p != "<H3C>" {
		t.Errorf("the CLI session was left in %s", p)
	}
	if strings.Contains(f.screen(), fmt.Sprint(ErrNoDryRun)) {
		t.Error("the console shows ErrNoDryRun as a failure")
	}
}
