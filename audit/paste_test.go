package audit

import (
	"fmt"
	"testing"
	"time"
)

// timed is one exchange of a relayed terminal session at a time of its own: after wait, keys the
// user's client sent in one read; then what the device sent back.
type timed struct {
	wait    time.Duration
	in, out string
}

// pasteCmd is what a record says of a command and its operation: op is "" for none, else the
// letter the test gives each distinct id in order of appearance (A, B, ...).
type pasteCmd struct{ cmd, kind, op string }

// cutTimed plays exchanges through a Cutter on a terminal and names the operation ids it gave.
func cutTimed(t *testing.T, terminal bool, steps []timed) []pasteCmd {
	t.Helper()
	clock := time.Date(2026, 12, 7, 21, 58, 0, 0, time.UTC)
	n := 0
	c := &Cutter{Base: Record{User: "alice", Device: "sw1", Session: "s-1", Kind: KindCLI}, Terminal: terminal,
		Now: func() time.Time { return clock }, NewOp: func() string { n++; return fmt.Sprintf("op%d", n) }}
	var recs []Record
	for _, s := range steps {
		clock = clock.Add(s.wait)
		c.Input([]byte(s.in))
		recs = append(recs, c.Output([]byte(s.out))...)
	}
	recs = append(recs, c.Close(nil)...)
	names := map[string]string{"": ""}
	var got []pasteCmd
	for _, r := range recs {
		if _, ok := names[r.Op]; !ok {
			names[r.Op] = string(rune('A' + len(names) - 1))
		}
		got = append(got, pasteCmd{r.Command, r.Kind, names[r.Op]})
	}
	return got
}

// typed is a line typed a key at a time, each key echoed, then Enter after typing pause.
func typed(line, out string) []timed {
	var s []timed
	for i := range len(line) {
		s = append(s, timed{150 * time.Millisecond, line[i : i+1], line[i : i+1]})
	}
	return append(s, timed{300 * time.Millisecond, "\r", "\r\n" + out})
}

func TestCutterPastes(t *testing.T) {
	const clock = "21:58:00 UTC Mon 12/07/2026\r\n"
	ms := time.Millisecond
	cat := func(parts ...[]timed) []timed {
		var s []timed
		for _, p := range parts {
			s = append(s, p...)
		}
		return s
	}
	tests := []struct {
		name     string
		terminal bool
		steps    []timed
		want     []pasteCmd
	}{
		{"a paste in one read is one operation, typed lines are none", true, cat([]timed{
			{0, "", "<sw1>"},
			{time.Second, "system-view\rvlan 10\rquit\r", "system-view\r\nSystem View: return to User View with Ctrl+Z.\r\n[sw1]"},
			{5 * ms, "", "vlan 10\r\n[sw1-vlan10]quit\r\n[sw1]"},
		}, typed("dis clock", clock+"[sw1]")), []pasteCmd{
			{"system-view", KindPaste, "A"}, {"vlan 10", KindPaste, "A"}, {"quit", KindPaste, "A"},
			{"dis clock", KindCLI, ""},
		}},
		{"a paste cut in reads back to back", true, []timed{
			{0, "", "<sw1>"},
			{time.Second, "system-view\rvl", ""}, // the rest comes before the device answers
			{2 * ms, "an 10\rdescr", "system-view\r\nSystem View: return to User View with Ctrl+Z.\r\n[sw1]vl"},
			{2 * ms, "iption up\r", "an 10\r\n[sw1-vlan10]description up\r\n[sw1-vlan10]"},
		}, []pasteCmd{{"system-view", KindPaste, "A"}, {"vlan 10", KindPaste, "A"}, {"description up", KindPaste, "A"}}},
		{"two pastes are two operations", true, []timed{
			{0, "", "<sw1>"},
			{time.Second, "dis clock\rdis clock\r", "dis clock\r\n" + clock + "<sw1>dis clock\r\n" + clock + "<sw1>"},
			{2 * time.Second, "dis clock\rdis clock\r", "dis clock\r\n" + clock + "<sw1>dis clock\r\n" + clock + "<sw1>"},
		}, []pasteCmd{
			{"dis clock", KindPaste, "A"}, {"dis clock", KindPaste, "A"},
			{"dis clock", KindPaste, "B"}, {"dis clock", KindPaste, "B"},
		}},
		{"a tool writes each line whole once the prompt is back", true, []timed{
			{0, "", "<sw1>"},
			{time.Second, "screen-length disable\n", "screen-length disable\r\n<sw1>"},
			{ms, "dis clock\n", "dis clock\r\n" + clock + "<sw1>"},
			{ms, "dis clock\n", "dis clock\r\n" + clock + "<sw1>"},
		}, []pasteCmd{{"screen-length disable", KindCLI, ""}, {"dis clock", KindCLI, ""}, {"dis clock", KindCLI, ""}}},
		{"lines sent apart before the device answers", true, []timed{
			{0, "", "<sw1>"},
			{time.Second, "dis clock\r", ""},
			{100 * ms, "dis clock\r", "dis clock\r\n" + clock + "<sw1>dis clock\r\n" + clock + "<sw1>"},
		}, []pasteCmd{{"dis clock", KindCLI, ""}, {"dis clock", KindCLI, ""}}},
		{"a bracketed paste, its markers cut between reads", true, cat([]timed{
			{0, "", "<sw1>"},
			{time.Second, "\x1b[20", ""},
			{time.Second, "0~dis clock\rdis", "dis clock\r\n" + clock + "<sw1>dis"},
			{time.Second, " clock\r\x1b", " clock\r\n" + clock + "<sw1>"},
			{time.Second, "[201~", ""},
		}, typed("dis clock", clock+"<sw1>")), []pasteCmd{
			{"dis clock", KindPaste, "A"}, {"dis clock", KindPaste, "A"}, {"dis clock", KindCLI, ""},
		}},
		{"a bracketed paste of one line", true, []timed{
			{0, "", "<sw1>"},
			{time.Second, "\x1b[200~dis clock\r\x1b[201~", "dis clock\r\n" + clock + "<sw1>"},
			{time.Second, "\x1b[200~dis clock\x1b[201~", "dis clock"},
			{time.Second, "\r", "\r\n" + clock + "<sw1>"},
		}, []pasteCmd{{"dis clock", KindPaste, "A"}, {"dis clock", KindCLI, ""}}},
		{"without a terminal, a script's lines are its own", false, []timed{
			{0, "", "<sw1>"},
			{time.Second, "dis clock\rdis clock\r", "dis clock\r\n" + clock + "<sw1>dis clock\r\n" + clock + "<sw1>"},
		}, []pasteCmd{{"dis clock", KindCLI, ""}, {"dis clock", KindCLI, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutTimed(t, tt.terminal, tt.steps)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("records:\n%v\nwant:\n%v", got, tt.want)
			}
		})
	}
}
