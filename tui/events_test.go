package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestEvents feeds the device's own events to the console: a change made in another session shows
// up, and log lines arrive without a read of the log buffer.
func TestEvents(t *testing.T) {
	f := newFixture(t, fixtureOpts{noSeed: true})
	ch, stop := f.d.Subscribe(64)
	defer stop()
	f.key("3")
	if f.m.data.unsaved() {
		t.Fatal("a fresh device is unsaved")
	}
	f.exec("system-view", "vlan 40", "name Lab", "return")
	var evs []Event
	for len(ch) > 0 {
		evs = append(evs, <-ch)
	}
	f.send(eventsMsg{events: evs})
	if !strings.Contains(f.screen(), "40    Lab") || !f.m.data.unsaved() || !strings.Contains(f.screen(), "unsaved changes") {
		t.Errorf("after another session made VLAN 40:\n%s", f.screen())
	}
	if last := f.m.data.logs[len(f.m.data.logs)-1]; last.Mnemonic != "SHELL_CMD" || !strings.HasSuffix(last.Text, "Command is name Lab") {
		t.Errorf("last log: %+v", last)
	}
	f.key("6") // the Logs view reads the whole buffer, then takes new lines as they come
	f.exec("system-view", "vlan 41", "return")
	evs = nil
	for len(ch) > 0 {
		evs = append(evs, <-ch)
	}
	f.send(eventsMsg{events: evs})
	if rows := f.m.logs.rows; len(rows) != len(f.m.data.logs) || !strings.HasSuffix(rows[len(rows)-1][3], "Command is vlan 41") {
		t.Errorf("the Logs table is not live: %d rows for %d entries", len(rows), len(f.m.data.logs))
	}
	n := len(f.m.data.logs)
	f.send(eventsMsg{events: evs}) // the same lines again are not duplicated
	if len(f.m.data.logs) != n {
		t.Errorf("duplicate log lines: %d -> %d", n, len(f.m.data.logs))
	}
}

// TestListenCoalesces checks the bounded refresh: a burst of events arrives as one message.
func TestListenCoalesces(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.m.manual = false
	f.m.opt.RefreshInterval = 50 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.m.opt.Context = ctx
	cmd := f.m.listen()
	got := make(chan eventsMsg, 1)
	go func() {
		msg, _ := cmd().(eventsMsg)
		got <- msg
	}()
	for i := 0; i < 20; i++ {
		f.exec("system-view", fmt.Sprintf("vlan %d", 100+i), "return")
	}
	msg := <-got
	if len(msg.events) < 20 {
		t.Errorf("one message carries %d events, want all of the burst", len(msg.events))
	}
	cancel()
	if m := f.m.listen()(); m != nil {
		t.Errorf("listen after the session ended: %v", m)
	}
}
