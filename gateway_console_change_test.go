package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"vtyd/switchctl"
	"vtyd/tui"
)

// TestGatewayConsoleChangeMany: alice pastes a batch on the fleet dashboard of the gateway's console
// with both devices selected: each checks it, she confirms, it runs canary first, and she saves it
// on both as a step of its own — over SSH, through the real console and the devices' own logins.
func TestGatewayConsoleChangeMany(t *testing.T) {
	tg := startTestGateway(t)
	sh, scr := selectAll(t, tg, 2)

	send(t, sh, "\x1b[200~system-view\r\nvlan 42\r\n name Fleet-42\r\nreturn\r\n\x1b[201~")
	onScreen(t, sh, scr, "the preview with both checks", "Change many", "4 lines", "✓ acc1", "✓ core1", "would pass", "2 devices will run it.")
	send(t, sh, "\r")
	onScreen(t, sh, scr, "the confirmation", "Run the change on 2 devices?", "canary   acc1", "wave 1   core1")
	time.Sleep(tui.DialogGuard) // not a wait for something: a person reads before answering
	send(t, sh, "y")
	onScreen(t, sh, scr, "the results", "change: 2 devices: 2 ok", "4 lines ran")
	for name, d := range tg.devs {
		if out := runOn(t, d, "display vlan brief"); !strings.Contains(out, "Fleet-42") {
			t.Errorf("%s: VLAN 42 was not made:\n%s", name, out)
		}
	}

	send(t, sh, "s")
	onScreen(t, sh, scr, "the save's confirmation", "Save on 2 devices?")
	time.Sleep(tui.DialogGuard)
	send(t, sh, "y")
	onScreen(t, sh, scr, "the save", "save: 2 devices: 2 ok", "saved")
	for name, d := range tg.devs {
		if out := runOn(t, d, "display saved-configuration"); !strings.Contains(out, "vlan 42") {
			t.Errorf("%s: VLAN 42 is not saved", name)
		}
	}
	// A batch larger than a device's paste limit is the console's to take: the dashboard's input
	// keeps it whole (up to tui.ChangeMaxBytes) and it is checked like any other.
	send(t, sh, "\x1b")
	onScreen(t, sh, scr, "the dashboard again", "2 devices · 2 selected")
	big := "system-view\r\n" + strings.Repeat("interface GigabitEthernet1/0/1\r\n description "+strings.Repeat("d", 50)+"\r\n", 40) + "return\r\n"
	if len(big) <= switchctl.PasteLimit {
		t.Fatalf("the batch is %d bytes, not over the paste limit", len(big))
	}
	send(t, sh, "\x1b[200~"+big+"\x1b[201~")
	onScreen(t, sh, scr, "the preview of a batch over PasteLimit", "82 lines", "✓ acc1", "✓ core1")
	send(t, sh, "\x1b")

	// Each device was opened for the check, the run and the save, and closed after: no login stays.
	for _, d := range tg.devs {
		waitLogin(t, d, "alice", false)
	}
}

// runOn runs a command on d in a session of its own.
func runOn(t *testing.T, d *switchctl.Device, cmd string) string {
	t.Helper()
	s := d.NewSession(switchctl.SessionInfo{User: "test", Roles: []string{switchctl.RoleAdmin}, Line: -1, Proto: "SSH", Remote: "192.0.2.9:1"})
	var b strings.Builder
	if err := s.Exec(context.Background(), cmd, &b); err != nil {
		t.Fatalf("%s: %v", cmd, err)
	}
	return b.String()
}

// TestGatewayConsoleChangeManyFailures: a change on four devices over SSH, where each fails its own
// way — acc1 (a 5130-28) rejects a port it lacks when the batch is checked and is left out, lab9 is
// not serving and cannot be opened, acc3 accepts the batch but refuses a line when it runs (its
// VLAN 77 does not exist) — and acc2 succeeds; told to go on after a failure, every device that
// could run did, and each result says what happened.
func TestGatewayConsoleChangeManyFailures(t *testing.T) {
	tg := startTestGatewayOf(t, gwDevice{name: "acc1"}, gwDevice{name: "acc2", model: "5130-52"},
		gwDevice{name: "acc3", model: "5130-52"}, gwDevice{name: "lab9", down: "not started: address in use"})
	// Only acc2 has VLAN 77 before the change.
	adm := tg.devs["acc2"].NewSession(switchctl.SessionInfo{User: "test", Roles: []string{switchctl.RoleAdmin}, Line: -1, Proto: "SSH"})
	for _, l := range []string{"system-view", "vlan 77"} {
		if err := adm.Exec(context.Background(), l, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	sh, scr := selectAll(t, tg, 4)

	send(t, sh, "\x1b[200~system-view\r\ninterface GigabitEthernet1/0/40\r\nport access vlan 77\r\nreturn\r\n\x1b[201~")
	onScreen(t, sh, scr, "the preview", "Change many", "✓ acc2", "✓ acc3", "would pass", "GigabitEthernet1/0/40", "lab9")
	if s := scr.text(); !strings.Contains(s, "✗ acc1") {
		t.Errorf("acc1 (no GE1/0/40) is not shown failing the check:\n%s", s)
	}
	send(t, sh, "f") // go on after a failure
	onScreen(t, sh, scr, "continue after a failure", "continue")
	send(t, sh, "\r")
	onScreen(t, sh, scr, "the confirmation", "Run the change on 2 devices?")
	time.Sleep(tui.DialogGuard) // not a wait for something: a person reads before answering
	send(t, sh, "y")
	onScreen(t, sh, scr, "the results", "change: 2 devices:", "1 ok", "1 failed")
	s := scr.text()
	for _, want := range []string{"acc3", "VLAN 77 does not exist", "acc2"} {
		if !strings.Contains(s, want) {
			t.Errorf("results lack %q:\n%s", want, s)
		}
	}
	if out := runOn(t, tg.devs["acc2"], "display current-configuration interface GigabitEthernet1/0/40"); !strings.Contains(out, "port access vlan 77") {
		t.Errorf("acc2 did not take the change:\n%s", out)
	}
	if out := runOn(t, tg.devs["acc1"], "display vlan brief"); strings.Contains(out, "77") {
		t.Errorf("acc1 was left out by its check, but changed:\n%s", out)
	}
	for _, d := range tg.devs {
		waitLogin(t, d, "alice", false)
	}
}

// selectAll opens alice's fleet console on the gateway, 120×40, and selects its n devices.
func selectAll(t *testing.T, tg *testGateway, n int) (*shell, *screen) {
	t.Helper()
	scr := newScreen(120, 40)
	sh := openShell(t, tg.dial(t, "alice"), "xterm-256color", 120, 40, tuiEnv, scr)
	scr.answer(sh.in)
	onScreen(t, sh, scr, "the fleet dashboard", fmt.Sprintf("%d devices", n))
	typeInto(t, sh, scr, ":select *")
	send(t, sh, "\r")
	onScreen(t, sh, scr, "all selected", fmt.Sprintf("%d selected", n))
	return sh, scr
}
