package tui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"vtyd/fanout"
)

// TestLinesTarget: a fan-out from the console opens each device for the run and closes it, gives
// each device's output and first error as an exec does, reports a device it cannot open with the
// fleet's reason, and records every line of every device under one operation id.
func TestLinesTarget(t *testing.T) {
	fl := newFakeFleet(t, time.Now, "core1", "edge1")
	var mu sync.Mutex
	var seen []Observed
	fl.observe = func(o Observed) { mu.Lock(); seen = append(seen, o); mu.Unlock() }
	lines := []string{"system-view", "vlan 30", "name users", "quit", "interface Vlan-interface30", "ip address 10.0.30.1 24"}
	id := NewOpID()
	var ts []fanout.Target
	for _, n := range []string{"core1", "edge1", "secret"} {
		ts = append(ts, linesTarget(fl, n, lines, OpChange, id))
	}
	rs := fanout.Run(context.Background(), ts, fanout.Plan{KeepGoing: true})
	if rs[0].State != fanout.OK || rs[1].State != fanout.OK {
		t.Fatalf("core1 %+v\nedge1 %+v", rs[0], rs[1])
	}
	if rs[2].State != fanout.Error || rs[2].Reason != "cannot open secret: "+errNoDevice.Error() {
		t.Errorf("secret: %s %q", rs[2].State, rs[2].Reason)
	}
	for _, n := range []string{"core1", "edge1"} {
		if o, c := fl.counts(n); o != 1 || c != 1 {
			t.Errorf("%s opened %d closed %d, want 1 and 1", n, o, c)
		}
	}
	mu.Lock()
	if len(seen) != 2*len(lines) {
		t.Errorf("audit saw %d lines, want %d", len(seen), 2*len(lines))
	}
	for _, o := range seen {
		if o.Kind != OpChange || o.Op != id {
			t.Errorf("line %q recorded as %s/%s, want %s/%s", o.Ran.Line, o.Kind, o.Op, OpChange, id)
		}
	}
	mu.Unlock()

	// A line one device refuses stops that device there, with the device's error.
	rs = fanout.Run(context.Background(), []fanout.Target{linesTarget(fl, "core1", []string{"display clock", "dispaly vlan", "display version"}, OpAsk, NewOpID())}, fanout.Plan{})
	if rs[0].State != fanout.Failed || !strings.Contains(rs[0].Stderr, "Unrecognized command") || strings.Contains(rs[0].Stdout, "Comware Software") {
		t.Errorf("failing line: %+v", rs[0])
	}
}
