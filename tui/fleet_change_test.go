package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
	"vtyd/tui/term"
)

// rowOf is the change table's line of device name.
func (cf *changeFixture) rowOf(name string) string {
	cf.t.Helper()
	for _, l := range strings.Split(cf.screen(), "\n") {
		if f := strings.Fields(strings.Trim(l, "│|▸> ")); len(f) > 0 && f[0] == name {
			return l
		}
	}
	return ""
}

func wantAll(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// TestFleetChangeMany: a pasted batch on six devices is checked on each (core1 rejects line 5, with
// the caret; real1 cannot check; lab9 cannot be opened), runs after a confirmation on those that
// passed, canary first and then waves of one, stops when flaky drops its connection mid-batch,
// shows each device's transcript, and saves where it succeeded as a confirmed step of its own —
// all of it one operation in the audit.
func TestFleetChangeMany(t *testing.T) {
	cf := newChangeFixture(t, 80, 24)
	cf.command("select *")
	cf.send(pasteMsg(batch48))
	s := cf.screen()
	wantAll(t, "the preview", s, "Change many", "7 lines, 97 bytes on 6 devices · operation 0123456789ab",
		"No disruptive lines.", "4 of 6 devices will run it; 2 devices left out (the check failed).",
		"✓ acc1          would pass", "✗ core1         line 5 is rejected:",
		"│"+strings.Repeat(" ", 19)+"interface GigabitEthernet1/0/40 ", "│"+strings.Repeat(" ", 29)+"^ ",
		"│"+strings.Repeat(" ", 19)+"% Wrong parameter found at '^' position.",
		"✗ lab9          cannot open lab9: no such device", "? real1         not checked", "Staging: canary 1 · waves of 5 · stop at the first failure · 8 at a time")
	if strings.Contains(cf.display("acc1", "display vlan brief"), "Users") {
		t.Fatal("the batch ran before it was confirmed")
	}
	cf.key("pgdown")
	wantAll(t, "the preview's batch", cf.screen(), "     5  interface GigabitEthernet1/0/40")

	cf.key("w", "w", "w", "w")
	wantAll(t, "the staging", cf.screen(), "canary 1 · waves of 1 ·")
	cf.key("enter")
	wantAll(t, "the confirmation", cf.screen(), "Run the change on 4 devices?", "canary   acc1", "wave 1   acc2",
		"wave 2   flaky", "wave 3   real1", "The first failure stops every device not started yet.",
		"Left out (the check failed): core1, lab9", "Not checked (real switches): real1")
	cf.key("y")

	s = cf.screen()
	wantAll(t, "the results", s, "Operation 0123456789ab · change: 4 devices: 2 ok, 1 error")
	if got := cf.f.chg.summary; got != "change: 4 devices: 2 ok, 1 error, 1 not run; 2 left out by the check" {
		t.Errorf("summary %q", got)
	}
	for name, want := range map[string][]string{
		"acc1":  {"canary", "ok", "7 lines ran"},
		"acc2":  {"1", "ok", "7 lines ran"},
		"core1": {"not run", "left out: the check rejected line 5"},
		"flaky": {"2", "error", "disconnected at line 3"},
		"lab9":  {"not run", "left out: cannot open lab9"},
		"real1": {"3", "not run", "stopped after flaky failed"},
	} {
		wantAll(t, "row of "+name, cf.rowOf(name), want...)
	}
	for name, ran := range map[string]bool{"acc1": true, "acc2": true, "core1": false, "real1": false} {
		if got := strings.Contains(cf.display(name, "display vlan brief"), "Users"); got != ran {
			t.Errorf("%s has VLAN 30: %v, want %v", name, got, ran)
		}
	}

	cf.key("down", "down", "down", "enter")
	wantAll(t, "flaky's transcript", cf.screen(), "Change · flaky", "flaky · error · disconnected at line 3",
		"<flaky>system-view", "[flaky]vlan 30", "[flaky-vlan30] name Users", "remote: flaky: the session with the device ended",
		"(4 more lines not run)")
	cf.key("pgdown", "pgup", "esc")

	cf.key("s")
	wantAll(t, "the save's confirmation", cf.screen(), "Save on 2 devices?", "acc1, acc2", "Not saved (the change did not succeed there)")
	if strings.Contains(cf.display("acc1", "display saved-configuration"), "vlan 30") {
		t.Fatal("saved before the save was confirmed")
	}
	cf.key("y")
	wantAll(t, "after the save", cf.screen(), "save: 2 devices: 2 ok")
	wantAll(t, "acc1's row", cf.rowOf("acc1"), "saved")
	for _, n := range []string{"acc1", "acc2"} {
		if !strings.Contains(cf.display(n, "display saved-configuration"), "vlan 30") {
			t.Errorf("%s: the change is not in the saved configuration", n)
		}
	}

	// The audit: every line of the run and the save, on every device, is the one operation.
	cf.mu.Lock()
	saves := 0
	for _, o := range cf.seen {
		if o.Kind != OpChange || o.Op != "0123456789ab" {
			t.Errorf("%q recorded as %s/%s", o.Ran.Line, o.Kind, o.Op)
		}
		if o.Ran.Line == "save force" {
			saves++
		}
	}
	if n := len(cf.seen); n != 7+7+2+2 || saves != 2 {
		t.Errorf("the audit saw %d lines (%d saves), want 18 (2 saves): acc1, acc2 seven each, flaky two, two saves", n, saves)
	}
	cf.mu.Unlock()

	// The session's command log has each device's part; esc goes back to the dashboard.
	var logged []string
	for _, r := range cf.f.cmdlog {
		logged = append(logged, r.device)
	}
	if got := strings.Join(logged, " "); got != "acc1 acc2 flaky acc1 acc2" && got != "acc1 acc2 flaky acc2 acc1" {
		t.Errorf("command log devices %q", got)
	}
	cf.key("esc")
	wantAll(t, "the dashboard", cf.screen(), "6 devices · 6 selected")
}

// TestFleetChangeKeepGoing: told to continue, the wave after a failure still runs; a device that
// went down between its check and its wave is an error with the fleet's reason.
func TestFleetChangeKeepGoing(t *testing.T) {
	cf := newChangeFixture(t, 120, 40)
	cf.tf.tricks["acc2"] = trick{opens: 1}
	cf.command("select acc*,flaky,real1")
	cf.send(pasteMsg(batch48))
	cf.key("w", "w", "w", "w", "f")
	wantAll(t, "the staging", cf.screen(), "continue after a failure")
	cf.key("enter")
	wantAll(t, "the confirmation", cf.screen(), "A failure does not stop the devices after it.")
	cf.key("enter")
	wantAll(t, "the results", cf.screen(), "change: 4 devices: 2 ok, 2 error")
	wantAll(t, "real1's row", cf.rowOf("real1"), "ok", "7 lines ran")
	wantAll(t, "acc2's row", cf.rowOf("acc2"), "error", "cannot open acc2: unreachable: connection refused")
}

// TestFleetChangeDisruptive: disruptive lines are marked with why, and running them takes the
// typed word: a key, a wrong word, do nothing.
func TestFleetChangeDisruptive(t *testing.T) {
	cf := newChangeFixture(t, 80, 24)
	cf.command("select acc*")
	cf.send(pasteMsg("system-view\nundo vlan 1\ninterface GigabitEthernet1/0/40\nshut\nreturn\n"))
	cf.key("pgdown")
	s := cf.screen()
	wantAll(t, "the preview", s, "! 2 disruptive lines: running them needs a typed confirmation.",
		" !   2  undo vlan 1   (deletes a VLAN)", " !   4  shut   (shuts the interface down)")
	cf.key("enter")
	wantAll(t, "the confirmation", cf.screen(), "The batch has 2 disruptive lines: line 2 deletes a VLAN, line 4 shuts",
		"Type yes or 2 (the number of devices), then enter:")
	cf.key("y", "enter")
	wantAll(t, "a key is not the word", cf.screen(), "type yes or 2 to run it; esc goes back")
	cf.typeText("3")
	cf.key("enter")
	if cf.f.chg.dlg == nil || cf.f.chg.phase != chgPreview {
		t.Fatal("a wrong count ran the batch")
	}
	if portLine(cf.display("acc1", "display interface brief"), "GE1/0/40") == "" || strings.Contains(portLine(cf.display("acc1", "display interface brief"), "GE1/0/40"), "ADM") {
		t.Fatal("the port was shut before the confirmation")
	}
	cf.typeText("yes")
	cf.key("enter")
	if cf.f.chg.phase != chgDone {
		t.Fatalf("yes did not run it: phase %d\n%s", cf.f.chg.phase, cf.screen())
	}
	// VLAN 1 cannot be deleted: the canary fails at line 2 and the wave after it does not start.
	wantAll(t, "acc1", cf.rowOf("acc1"), "failed", "line 2:")
	wantAll(t, "acc2", cf.rowOf("acc2"), "not run", "stopped after acc1 failed")
	if cf.f.chg.saveable() != 0 {
		t.Error("a failed device is offered for saving")
	}
}

// TestFleetChangeEditor: :change takes the batch typed a line at a time (backspace on an empty line
// goes back into the line before), or pasted into it, and an empty line checks it.
func TestFleetChangeEditor(t *testing.T) {
	cf := newChangeFixture(t, 80, 24)
	cf.command("select acc1")
	cf.command("change")
	wantAll(t, "the editor", cf.screen(), "A batch for acc1. Type it a line at a time, or paste it.", " > ")
	cf.key("enter")
	wantAll(t, "an empty batch", cf.screen(), "type the batch's first line, or paste the batch")
	cf.typeText("system-view")
	cf.key("enter")
	cf.typeText("vlan 40")
	cf.key("enter", "backspace", "backspace")
	cf.typeText("1")
	cf.key("enter")
	wantAll(t, "the lines typed", cf.screen(), "   1  system-view", "   2  vlan 41")
	cf.send(pasteMsg(" name Typed\nreturn"))
	wantAll(t, "the preview", cf.screen(), "4 lines, 39 bytes on acc1", "✓ acc1          would pass")
	cf.key("enter", "enter")
	if !strings.Contains(cf.display("acc1", "display vlan brief"), "Typed") {
		t.Error("the typed batch did not run")
	}
	cf.key("esc")

	cf.command("change")
	cf.typeText("vlan 5")
	cf.key("esc")
	if cf.f.chg != nil || !strings.Contains(cf.screen(), "change cancelled: nothing was run") {
		t.Errorf("esc in the editor:\n%s", cf.screen())
	}
}

// TestFleetChangeBadInput: no selection, a role that cannot write, a batch over the console's own
// limit (in bytes, pasted whole or counted by the input reader, and in lines) and a control
// character are refused with words, and nothing runs.
func TestFleetChangeBadInput(t *testing.T) {
	cf := newChangeFixture(t, 120, 40)
	cf.key("/")
	cf.typeText("nosuch")
	cf.key("enter")
	cf.send(pasteMsg("system-view\nvlan 7\n"))
	wantAll(t, "no selection", cf.screen(), "change: no device selected (space marks one")
	cf.key("esc")

	big := "system-view\n" + strings.Repeat("interface GigabitEthernet1/0/1\n description "+strings.Repeat("x", 60)+"\n", 700)
	manyLines := strings.Repeat("vlan 9\n", ChangeMaxLines+1)
	for name, msg := range map[string]tea.Msg{"bytes": pasteMsg(big), "counted": term.PasteTooLongMsg{Bytes: 70000},
		"lines": pasteMsg(manyLines)} {
		cf.send(msg)
		wantAll(t, name, cf.screen(), "Batch refused: too large", "change many takes at most 64 KiB and 2000 lines.",
			"Nothing of it was run.", "sftp -P PORT USER@DEVICE@GATEWAY, then put new.cfg")
		if cf.f.chg != nil {
			t.Errorf("%s: a change opened for a batch over the limit", name)
		}
		cf.key("esc")
	}
	if len(big) <= ChangeMaxBytes {
		t.Fatalf("the big batch is %d bytes", len(big))
	}
	// Within the console's limit, a batch larger than a device's paste limit is fine.
	mid := "system-view\n" + strings.Repeat("interface GigabitEthernet1/0/1\n description "+strings.Repeat("y", 60)+"\n", 40) + "return\n"
	cf.send(pasteMsg(mid))
	wantAll(t, "a batch over PasteLimit", cf.screen(), fmt.Sprintf("82 lines, %d bytes on acc1", len(mid)), "✓ acc1")
	cf.key("esc")

	cf.send(pasteMsg("system-view\ninterface GigabitEthernet1/0/1\ndescription \x1b]0;pwned\x07\nreturn\n"))
	wantAll(t, "a control character", cf.screen(), "line 3 holds a control character (^[)", "No device can run it", "description ^[]0;pwned^G")
	cf.key("enter")
	wantAll(t, "refused", cf.screen(), "nothing to run: every device failed the check")
	cf.key("esc")

	op := newFleetFixture(t, fleetOpts{role: switchctl.RoleOperator})
	op.send(pasteMsg("system-view\nvlan 7\n"))
	wantAll(t, "an operator", op.screen(), "change: your role (network-operator) cannot change the configuration")
}

// TestFleetChangeCancel: esc during the run stops it: the device running is cancelled with that
// reason, the devices not started are not run, and nothing after is.
func TestFleetChangeCancel(t *testing.T) {
	cf := newChangeFixture(t, 80, 24)
	cf.tf.tricks["acc1"] = trick{hang: true}
	cf.command("select acc*,real1")
	cf.send(pasteMsg(batch48))
	cf.key("enter")
	cf.keyClk = cf.keyClk.Add(DialogGuard)
	_, cmd := cf.f.Update(keyMsg("y")) // the run starts: the canary, acc1, hangs
	started := cmd()
	_, next := cf.f.Update(started)
	wantAll(t, "the canary running", cf.rowOf("acc1"), "canary", "running")
	cf.key("esc")
	wantAll(t, "stopping", cf.screen(), "Stopping: 0/3 done", "stopping: the devices not started will not run")
	cf.send(next())
	wantAll(t, "acc1", cf.rowOf("acc1"), "error", "cancelled by the operator")
	wantAll(t, "acc2", cf.rowOf("acc2"), "not run", "the fan-out was cancelled")
	if got := cf.f.chg.summary; got != "change: 3 devices: 0 ok, 1 error, 2 not run (stopped by the operator)" {
		t.Errorf("summary %q", got)
	}
	if strings.Contains(cf.display("acc2", "display vlan brief"), "Users") {
		t.Error("acc2 ran after the stop")
	}
}

// portLine is the line of port in a display interface brief.
func portLine(out, port string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, port+" ") {
			return l
		}
	}
	return ""
}

// TestFleetChangeOverAsk: a paste while an ask's results are shown opens the change in their place
// (the change's keys come first, so its screen must be the one shown), and esc leaves the change for
// the dashboard.
func TestFleetChangeOverAsk(t *testing.T) {
	ff := newFleetFixture(t, fleetOpts{})
	ff.command("select core1")
	ff.command("ask version")
	if s := ff.screen(); !strings.Contains(s, "Ask") {
		t.Fatalf("no ask results:\n%s", s)
	}
	ff.send(pasteMsg("system-view\nvlan 5\nreturn\n"))
	s := ff.screen()
	if strings.Contains(s, "─ Ask ") || !strings.Contains(s, "would pass") {
		t.Fatalf("the change is not the pane shown:\n%s", s)
	}
	ff.key("esc")
	if ff.f.fan != nil || ff.row("core1") == "" {
		t.Errorf("esc on the change did not come back to the dashboard:\n%s", ff.screen())
	}
}
