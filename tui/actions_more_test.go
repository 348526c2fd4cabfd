package tui

import (
	"reflect"
	"strings"
	"testing"

	"vtyd/switchctl"
)

// TestMoreActions drives the second set of actions like TestActions: trunk VLANs, a new local
// user, freeing a line. Each shows its commands, is confirmed, runs and is logged.
func TestMoreActions(t *testing.T) {
	tests := []struct {
		name    string
		drive   func(f *fixture)
		danger  bool
		lines   []string // as shown and logged
		verify  string
		contain string
	}{
		{"trunk from access", func(f *fixture) {
			f.selectIf("GE1/0/6")
			f.key("t", "ctrl+u")
			f.typeText("1,10,20")
			f.key("enter")
		}, true, []string{"system-view", "interface GigabitEthernet1/0/6", "port link-type trunk", "port trunk permit vlan 10 20", "return"},
			"display interface GigabitEthernet1/0/6", "VLAN permitted: 1(default vlan), 10, 20"},
		{"trunk change", func(f *fixture) {
			f.exec("system-view", "interface GigabitEthernet1/0/2", "port link-type trunk", "port trunk permit vlan 10 20", "return")
			f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
			f.selectIf("GE1/0/2")
			f.key("t")
			if got := f.m.dlg.input.Value(); got != "1 10 20" {
				f.t.Errorf("the dialog starts from %q, want the permitted VLANs", got)
			}
			f.key("ctrl+u")
			f.typeText("1 20 to 21")
			f.key("enter")
		}, true, []string{"system-view", "interface GigabitEthernet1/0/2", "undo port trunk permit vlan 10", "port trunk permit vlan 21", "return"},
			"display interface GigabitEthernet1/0/2", "VLAN permitted: 1(default vlan), 20-21"},
		{"trunk from hybrid", func(f *fixture) {
			f.exec("system-view", "interface GigabitEthernet1/0/7", "port link-type hybrid", "return")
			f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
			f.selectIf("GE1/0/7")
			f.key("t")
			if got := f.m.dlg.input.Value(); got != "1" {
				f.t.Errorf("a hybrid port's dialog starts from %q, want 1", got)
			}
			f.typeText(" 30")
			f.key("enter")
		}, true, []string{"system-view", "interface GigabitEthernet1/0/7", "port link-type access", "port link-type trunk", "port trunk permit vlan 30", "return"},
			"display interface GigabitEthernet1/0/7", "VLAN permitted: 1(default vlan), 30"},
		{"add user", func(f *fixture) {
			f.key("8", "n")
			f.typeText("alice")
			f.key("enter")
			f.typeText("S3cret-pw")
			if s := f.screen(); strings.Contains(s, "S3cret-pw") || !strings.Contains(s, "*********") {
				f.t.Errorf("the password is not masked while typed:\n%s", s)
			}
			f.key("enter", "ctrl+u")
			f.typeText("network-admin")
			f.key("enter")
		}, false, []string{"system-view", "local-user alice class manage", "password simple ******", "service-type ssh",
			"authorization-attribute user-role network-admin", "undo authorization-attribute user-role network-operator", "return"},
			"display local-user user-name alice", "User role list:          network-admin\n"},
		{"free line", func(f *fixture) {
			f.d.Register(switchctl.SessionInfo{User: "bob", Roles: []string{"network-operator"}, Line: 5, Proto: "SSH", Remote: "203.0.113.5:1"})
			f.key("7")
			if !f.m.sessions.selectWhere(func(r []string) bool { return r[0] == "VTY 5" }) {
				f.t.Fatalf("no VTY 5 in the Sessions view:\n%s", f.screen())
			}
			f.key("x")
		}, true, []string{"free line vty 5"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, fixtureOpts{})
			tt.drive(f)
			if f.m.dlg == nil || f.m.dlg.kind != dlgConfirm {
				t.Fatalf("no confirmation dialog; status %q\n%s", f.m.status, f.screen())
			}
			shown := f.dialogText()
			for _, l := range tt.lines {
				if !strings.Contains(shown, "    "+l+"\n") {
					t.Errorf("dialog does not show %q:\n%s", l, shown)
				}
			}
			if f.m.dlg.danger != tt.danger {
				t.Errorf("danger %v, want %v", f.m.dlg.danger, tt.danger)
			}
			if tt.danger {
				f.key("enter")
				if f.m.dlg == nil || len(f.m.cmdlog) != 0 {
					t.Fatal("enter ran a disruptive action")
				}
				f.key("y")
			} else {
				f.key("enter")
			}
			r := f.lastRecord()
			if r.failed || !reflect.DeepEqual(ranLines(r), tt.lines) {
				t.Fatalf("logged %v (failed %v), want %v\n%s", ranLines(r), r.failed, tt.lines, recordText(r))
			}
			if tt.name == "free line" {
				// The device closes Freed; the SSH layer then ends the session.
				if !freed(f.d, 5) || !strings.Contains(r.results[0].output, "Are you sure to free line vty5? [Y/N]:Y") {
					t.Errorf("line 5 not freed:\n%s", recordText(r))
				}
			} else if out := f.display(tt.verify); !strings.Contains(out, tt.contain) {
				t.Errorf("%s does not show %q:\n%s", tt.verify, tt.contain, out)
			}
			if strings.Contains(recordText(r)+f.screen(), "S3cret-pw") {
				t.Error("the password shows in the command log or on screen")
			}
		})
	}
}

// freed reports whether the login on VTY line n was told to end.
func freed(d *switchctl.Device, n int) bool {
	for _, l := range d.Logins() {
		if l.Info.Line == n {
			select {
			case <-l.Freed():
				return true
			default:
			}
		}
	}
	return false
}

func recordText(r logRecord) string {
	var b strings.Builder
	for _, l := range recordLines(r) {
		b.WriteString(l.text + "\n")
	}
	return b.String()
}

func TestMoreActionValidation(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.selectIf("GE1/0/6")
	for in, want := range map[string]string{"": "at least one VLAN", "5000": `"5000" is not a VLAN`, "10-x": `"10-x"`, "30 to 20": `"30 to 20"`} {
		f.key("t", "ctrl+u")
		f.typeText(in)
		f.key("enter")
		if f.m.dlg == nil || !strings.Contains(f.m.dlg.errText, want) {
			t.Errorf("trunk VLANs %q: %q, want %q", in, f.m.dlg.errText, want)
		}
		f.key("esc")
	}
	f.key("8", "n")
	f.typeText("admin")
	f.key("enter")
	if !strings.Contains(f.m.dlg.errText, "exists already") {
		t.Errorf("existing user: %q", f.m.dlg.errText)
	}
	f.key("ctrl+u")
	f.typeText("a@b")
	f.key("enter")
	if !strings.Contains(f.m.dlg.errText, "may not hold") {
		t.Errorf("bad name: %q", f.m.dlg.errText)
	}
	f.key("ctrl+u")
	f.typeText("carol")
	f.key("enter")
	f.typeText("two words")
	f.key("enter")
	if !strings.Contains(f.m.dlg.errText, "blanks") {
		t.Errorf("bad password: %q", f.m.dlg.errText)
	}
	f.key("ctrl+u")
	f.typeText("pw")
	f.key("enter", "ctrl+u")
	f.typeText("root")
	f.key("enter")
	if !strings.Contains(f.m.dlg.errText, `"root" is not a role`) {
		t.Errorf("bad role: %q", f.m.dlg.errText)
	}
	f.key("esc", "7")
	if !f.m.sessions.selectWhere(func(r []string) bool { return r[3] != "" }) && len(f.m.sessions.rows) > 0 {
		t.Fatal("no session row")
	}
}

// TestReboot reboots from the dashboard: a disruptive confirmation that warns about unsaved
// changes, then `reboot force`, and the console quits.
func TestReboot(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key("1", "R")
	if f.m.dlg == nil || !f.m.dlg.danger || !strings.Contains(f.dialogText(), "    reboot force\n") ||
		!strings.Contains(f.dialogText(), "not saved") {
		t.Fatalf("reboot confirmation:\n%s", f.dialogText())
	}
	f.key("enter")
	if f.quit {
		t.Fatal("enter rebooted")
	}
	f.key("y")
	r := f.lastRecord()
	if !f.quit || r.failed || !reflect.DeepEqual(ranLines(r), []string{"reboot force"}) {
		t.Errorf("quit %v, logged %v failed %v", f.quit, ranLines(r), r.failed)
	}
	if strings.Contains(f.display("display current-configuration"), "vlan 10") {
		t.Error("the unsaved VLAN 10 survived the reboot")
	}
}

// TestMoreOperator checks the new actions for roles that may not run them.
func TestMoreOperator(t *testing.T) {
	op := newFixture(t, fixtureOpts{role: "network-operator"})
	op.d.Register(switchctl.SessionInfo{User: "bob", Line: 5, Proto: "SSH", Remote: "203.0.113.5:1"})
	for _, k := range []struct{ view, key, action string }{{"2", "t", "trunk VLANs"}, {"7", "x", "free line"}, {"8", "n", "new user"}, {"1", "R", "reboot"}} {
		op.key(k.view)
		op.key(k.key)
		if op.m.dlg != nil {
			t.Fatalf("%s opened a dialog for an operator", k.action)
		}
		if want := k.action + ": read-only role network-operator"; !op.m.statusErr || op.m.status != want {
			t.Errorf("%s: status %q, want %q", k.key, op.m.status, want)
		}
	}
	op.key("f1")
	for _, want := range []string{"t trunk VLANs (read-only role", "x/del free line (read-only role", "R reboot (read-only role"} {
		if !strings.Contains(strings.Join(strings.Fields(op.dialogText()), " "), want) {
			t.Errorf("help lacks %q:\n%s", want, op.dialogText())
		}
	}

	lvl := newFixture(t, fixtureOpts{role: "level-9"})
	lvl.d.Register(switchctl.SessionInfo{User: "admin", Roles: []string{"level-9"}, Line: 0, Proto: "SSH", Remote: "192.0.2.10:50000"})
	lvl.key("8", "n")
	if lvl.m.dlg != nil || !strings.Contains(lvl.m.status, "role level-9 cannot manage users") {
		t.Errorf("level-9 new user: %q", lvl.m.status)
	}
	lvl.key("7", "x")
	if !strings.Contains(lvl.m.status, "this is your own line") {
		t.Errorf("freeing one's own line: %q", lvl.m.status)
	}
}
