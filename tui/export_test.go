package tui

import (
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
	"vtyd/tui/term"
)

// copies types keys (a key name, or ":" followed by a command run on the ":" line) and returns
// the texts the console sent to the clipboard, in order.
func copies(f *fixture, keys ...string) []string {
	f.t.Helper()
	return collectCopies(f.t, keys, func(msg tea.Msg) tea.Cmd { _, cmd := f.m.Update(msg); return cmd },
		func() { f.keyClk = f.keyClk.Add(f.step) }, func() { f.quit = true })
}

// collectCopies types keys into a console through update, as copies does, for either console.
func collectCopies(t testing.TB, keys []string, update func(tea.Msg) tea.Cmd, tick, quit func()) []string {
	t.Helper()
	var got []string
	for _, k := range keys {
		msgs := []tea.Msg{keyMsg(k)}
		if cmd, ok := strings.CutPrefix(k, ":"); ok && cmd != "" {
			msgs = []tea.Msg{keyMsg(":")}
			for _, r := range cmd {
				msgs = append(msgs, keyMsg(string(r)))
			}
			msgs = append(msgs, keyMsg("enter"))
		}
		pump(t, msgs, func(msg tea.Msg) tea.Cmd {
			if c, ok := msg.(term.CopyMsg); ok {
				got = append(got, c.Text)
				return nil
			}
			return update(msg)
		}, tick, quit)
	}
	return got
}

// TestCopy: y copies the row under the cursor, Y the table (every column, filtered rows only),
// :copy csv the table as CSV; the first copy says that OSC 52 may not arrive, later ones do not.
func TestCopy(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.selectIf("GE1/0/3")
	got := copies(f, "y")
	if len(got) != 1 || !strings.HasPrefix(got[0], "GE1/0/3  ADM") || !strings.Contains(got[0], "  Uplink core  ") ||
		!strings.HasSuffix(got[0], "\n") {
		t.Fatalf("y copied %q", got)
	}
	if !strings.Contains(f.m.status, "copied 1 row to the clipboard (OSC 52") {
		t.Errorf("first copy: status %q", f.m.status)
	}
	f.key("/")
	f.typeText("uplink")
	f.key("enter")
	got = copies(f, "Y")
	if len(got) != 1 || f.m.status != "copied 1 rows to the clipboard" {
		t.Fatalf("Y: %q, status %q", got, f.m.status)
	}
	lines := strings.Split(strings.TrimSuffix(got[0], "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "Interface") || !strings.Contains(lines[0], "Duplex") ||
		!strings.Contains(lines[1], "Uplink core") {
		t.Errorf("Y copied %q (want the heading with every column, then the one row shown)", lines)
	}
	f.key("3")
	got = copies(f, ":copy csv")
	if len(got) != 1 {
		t.Fatalf(":copy csv: %q (%s)", got, f.m.status)
	}
	recs, err := csv.NewReader(strings.NewReader(got[0])).ReadAll()
	if err != nil || len(recs) != 4 || strings.Join(recs[0], ",") != "VLAN,Name,Ports,Members" || recs[2][1] != "Servers" {
		t.Errorf(":copy csv: %q, %v", recs, err)
	}
	for _, bad := range []struct{ cmd, want string }{
		{":copy nonsense", "copy what? row, table, csv, config, diff, output"},
		{":copy output", "no CLI output yet"},
	} {
		if got := copies(f, bad.cmd); len(got) != 0 || f.m.status != bad.want || !f.m.statusErr {
			t.Errorf("%s: copied %q, status %q", bad.cmd, got, f.m.status)
		}
	}
}

// TestCopyConfig: :copy config and :copy diff read the configuration first when it has not been
// read (from the Dashboard), then copy it; y in the Configuration view copies what it shows.
func TestCopyConfig(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	got := copies(f, ":copy config", ":copy diff")
	if len(got) != 2 {
		t.Fatalf("copied %d texts, status %q", len(got), f.m.status)
	}
	if !strings.Contains(got[0], "\nvlan 10\n name Servers\n") || strings.HasPrefix(got[0], "+") {
		t.Errorf(":copy config: %q", got[0])
	}
	if !strings.HasPrefix(got[1], "--- saved-configuration\n+++ current-configuration\n") || !strings.Contains(got[1], "+ description Uplink core\n") {
		t.Errorf(":copy diff: %q", got[1])
	}
	f.key("9")
	if got := copies(f, "y"); len(got) != 1 || !strings.Contains(got[0], "+ description Uplink core") {
		t.Errorf("y in the Configuration view: %q", got)
	}
	f.exec("save force")
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
	if got := copies(f, ":copy diff"); len(got) != 0 || !strings.Contains(f.m.status, "no diff") {
		t.Errorf(":copy diff after save: %q, status %q", got, f.m.status)
	}
}

// TestSaveTo: :save-to writes the table (or what is named) to flash:, through its jail and never
// over a file; bad names and read-only roles are refused with the reason, and nothing is written.
func TestSaveTo(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	fl := f.d.Flash()
	f.key("3", ":")
	f.typeText("save-to flash:/vlans.txt")
	f.key("enter")
	data, err := fl.ReadFile("vlans.txt")
	if err != nil || !strings.HasPrefix(string(data), "VLAN") || !strings.Contains(string(data), "Servers") {
		t.Fatalf("flash:/vlans.txt: %q, %v (status %q)", data, err, f.m.status)
	}
	if want := "saved 3 rows ("; !strings.HasPrefix(f.m.status, want) || !strings.Contains(f.m.status, "to flash:/vlans.txt: SFTP or SCP fetches it as vlans.txt") {
		t.Errorf("status %q", f.m.status)
	}
	f.key(":")
	f.typeText("save-to csv.txt csv")
	f.key("enter")
	if data, err := fl.ReadFile("csv.txt"); err != nil || !strings.HasPrefix(string(data), "VLAN,Name,Ports,Members\n") {
		t.Errorf("flash:/csv.txt: %q, %v", data, err)
	}
	used := fl.Used()
	for _, tc := range []struct{ cmd, want string }{
		{"save-to flash:/vlans.txt", "save-to: flash:/vlans.txt exists; the console never replaces a file: choose another name"},
		{"save-to startup.cfg", "save-to: flash:/startup.cfg exists"},
		{"save-to usb:/x.txt", "save-to: invalid path usb:/x.txt: only files on flash: can be written"},
		{"save-to flash:/../../etc/x.txt", "save-to: invalid path flash:/../../etc/x.txt"},
		{"save-to flash:/.tmp-x", "save-to: invalid file name flash:/.tmp-x"},
		{"save-to flash:/", "save-to: invalid file name flash:/"},
		{"save-to flash:/nodir/x.txt", "save-to: flash:/nodir/x.txt: the directory does not exist"},
		{"save-to", "save-to what file?"},
		{"save-to x.txt nonsense", "save-to: copy what?"},
	} {
		f.key(":")
		f.typeText(tc.cmd)
		f.key("enter")
		if !strings.Contains(f.m.status, tc.want) || !f.m.statusErr {
			t.Errorf(":%s: status %q, want %q", tc.cmd, f.m.status, tc.want)
		}
	}
	if fl.Used() != used {
		t.Errorf("refused saves used %d bytes of flash:", fl.Used()-used)
	}
	if _, err := f.m.b.(FlashWriter).WriteFlash(strings.Repeat("x", 256), []byte("x")); !errors.Is(err, ErrExportName) {
		t.Errorf("a 256-character name: %v", err)
	}
	op := newFixture(t, fixtureOpts{role: switchctl.RoleOperator})
	op.key("3", ":")
	op.typeText("save-to flash:/v.txt")
	op.key("enter")
	if _, err := op.d.Flash().Stat("v.txt"); err == nil || !strings.Contains(op.m.status, "read-only role network-operator") {
		t.Errorf("operator: %v, status %q", err, op.m.status)
	}
}

// TestRawView: P shows the table as plain text from the top-left corner, every column, no border;
// it scrolls, y copies it, the mouse is off while it shows, and P or esc go back.
func TestRawView(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 80, h: 24})
	f.m.hand.mouse = true
	f.key("2", "P")
	lines := strings.Split(f.screen(), "\n")
	if !strings.HasPrefix(lines[0], "Interface  Link") || !strings.Contains(lines[0], "Duplex") || strings.ContainsAny(f.screen(), "│╭╰") {
		t.Fatalf("raw view:\n%s", f.screen())
	}
	if !strings.HasPrefix(lines[1], "GE1/0/1  ") || f.m.View().MouseMode != tea.MouseModeNone {
		t.Errorf("raw view: first row %q, mouse %v", lines[1], f.m.View().MouseMode)
	}
	f.key("pgdown")
	if l := strings.Split(f.screen(), "\n")[0]; !strings.HasPrefix(l, "GE1/0/6 ") {
		t.Errorf("after pgdown: %q", l)
	}
	if got := copies(f, "y"); len(got) != 1 || !strings.HasPrefix(got[0], "Interface") || strings.Count(got[0], "\n") != 29 {
		t.Errorf("y in the raw view: %d lines", strings.Count(strings.Join(got, ""), "\n"))
	}
	f.key("P")
	if f.m.hand.raw != nil || !strings.Contains(f.screen(), "╭─ Interfaces") || f.m.View().MouseMode != tea.MouseModeCellMotion {
		t.Errorf("P did not go back:\n%s", f.screen())
	}
	f.key("1", "P")
	if f.m.hand.raw != nil || !strings.Contains(f.m.status, "nothing to copy on the Dashboard") {
		t.Errorf("P on the dashboard: status %q", f.m.status)
	}
}

// TestHelpListsEveryKey: the help lists every key of every binding (the vim keys beside the
// arrows), and Ctrl+C.
func TestHelpListsEveryKey(t *testing.T) {
	f := newFixture(t, fixtureOpts{noInit: true})
	f.key("f1")
	text := f.dialogText()
	var missing []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		for i := 0; i < v.NumField(); i++ {
			fv := v.Field(i)
			b, ok := fv.Interface().(Binding)
			if !ok {
				if fv.Kind() == reflect.Struct {
					walk(fv)
				}
				continue
			}
			for _, k := range b.Keys() {
				name := k
				if g, ok := keyGlyphs[k]; ok {
					name = g
				}
				if len(b.Keys()) > 4 {
					name = b.Help().Key // the views' digits: 0-9
				}
				if !strings.Contains(text, " "+name+" ") && !strings.Contains(text, name+"/") && !strings.Contains(text, "/"+name+" ") {
					missing = append(missing, v.Type().Field(i).Name+" "+k)
				}
			}
		}
	}
	walk(reflect.ValueOf(f.m.keys))
	if !strings.Contains(text, "ctrl+c") {
		missing = append(missing, "ctrl+c")
	}
	if len(missing) > 0 {
		t.Errorf("the help does not list %v:\n%s", missing, text)
	}
}
