package tui

import (
	"context"
	"io"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text\n", "plain text\n"},
		{"a\x1b[31mb", "a^[[31mb"},
		{"bell\x07 del\x7f", "bell^G del^?"},
		{"csi\u009b31m", "csi<U+009B>31m"},
		{"rtl\u202eevil", "rtl<U+202E>evil"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"a\tb", "a       b"},
		{"ab\tc", "ab      c"},
		{"dos\r\nline", "dos\nline"},
		{"héllo wörld", "héllo wörld"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := CleanLine("one\ntwo"); got != "one^Jtwo" {
		t.Errorf("CleanLine = %q", got)
	}
}

// sgrOnly matches the only escape sequences the console may send inside its frame: colours and
// attributes (SGR). Anything else would be a sequence that came from user text.
var escSeq = regexp.MustCompile("\x1b\\[[0-9;:]*[A-Za-z]|\x1b.")

// TestNoInjection puts hostile text everywhere a user can (a description, a VLAN name, the log that
// records both) and checks that every frame holds colour sequences only.
func TestNoInjection(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	// The engine refuses terminal controls in names and descriptions (switchctl, PROBE M7), so the
	// device cannot hand them to the console any more; the views are still checked below.
	s := f.d.NewSession(switchctl.SessionInfo{User: "root", Roles: []string{switchctl.RoleAdmin}, Line: 2, Proto: "SSH"})
	for _, l := range []string{"system-view", "vlan 66", "name \x1b]0;owned\x07", "interface GigabitEthernet1/0/8",
		"description \x1b[2J\x1b[H\u009b6n"} {
		err := s.Exec(context.Background(), l, io.Discard)
		if bad := strings.ContainsAny(l, "\x1b"); bad != (err != nil) {
			t.Errorf("%q: err %v", l, err)
		}
	}
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}}) // as the device would announce it
	f.key("T")                                              // a colour theme
	for _, k := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"} {
		f.key(k)
		for _, seq := range escSeq.FindAllString(f.m.View().Content, -1) {
			if !strings.HasSuffix(seq, "m") || !strings.HasPrefix(seq, "\x1b[") {
				t.Errorf("view %s sends %q", k, seq)
			}
		}
		if strings.ContainsRune(f.m.View().Content, '\u009b') || strings.ContainsRune(f.m.View().Content, '\x07') {
			t.Errorf("view %s sends a C1 control or BEL", k)
		}
	}
}

// TestPanicStaysInSession checks the guard: a panic in Update or in a command becomes an error
// screen, and the program can still quit.
func TestPanicStaysInSession(t *testing.T) {
	var logged []any
	g := &guard{m: New(nil, Options{Width: 100, Height: 30}), OnPanic: func(v any, _ []byte) { logged = append(logged, v) }}
	g.Update(keyMsg("tab"))             // focus the CLI
	_, cmd := g.Update(keyMsg("enter")) // the CLI runs through a nil backend: a panic in Update
	if g.crashed == "" || cmd != nil || len(logged) != 1 {
		t.Fatalf("crashed %q, logged %v", g.crashed, logged)
	}
	if v := g.View(); !strings.Contains(v.Content, "The console stopped on an internal error") {
		t.Errorf("view: %q", v.Content)
	}
	if _, cmd := g.Update(keyMsg("q")); cmd == nil {
		t.Error("q does not quit the crashed console")
	}

	boom := wrapCmd(func() tea.Msg { panic("in a command") })
	msg := boom()
	if p, ok := msg.(panicMsg); !ok || p.value != "in a command" {
		t.Fatalf("wrapped command returned %#v", msg)
	}
	inner := wrapCmd(tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("in a batch") }))
	b := inner().(tea.BatchMsg)
	if p, ok := b[1]().(panicMsg); !ok || p.value != "in a batch" {
		t.Errorf("batched command: %#v", p)
	}
	h := &guard{m: New(nil, Options{})}
	h.Update(msg)
	if h.crashed != "in a command" {
		t.Errorf("panicMsg: crashed %q", h.crashed)
	}
}
