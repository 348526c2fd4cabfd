package remote

import (
	"context"
	"strings"
	"testing"
	"time"

	"vtyd/tui"
	"vtyd/tui/readers"
)

// TestReadersParseReplay: the console's readers parse every view from what a Shell reads off the
// replay switch, called as the console does (tui/resources.go): the command, then its reader.
func TestReadersParseReplay(t *testing.T) {
	r := newReplayServer(t)
	r.refuseSL = true // the harder path: every long view comes through the pager
	r.addLog("%Dec  7 10:00:00:000 2026 H3C SHELL/5/SHELL_LOGIN: admin logged in from 10.0.0.1.")
	p := NewPool(PoolOptions{})
	defer p.Close()
	b, err := NewBackend(context.Background(), p, r.target(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	count := func(n int, err error) (int, error) { return n, err }
	for _, v := range []struct {
		cmd  string
		read func(string) (int, error)
	}{
		{"display version", func(s string) (int, error) { v, err := readers.ParseVersion(s); return len(v.Slots), err }},
		{"display interface brief", func(s string) (int, error) {
			v, err := readers.ParseIfBrief(s)
			return len(v.Bridge) + len(v.Route), err
		}},
		{"display vlan brief", func(s string) (int, error) { return count(lenOf(readers.ParseVLANBrief(s))) }},
		{"display logbuffer", func(s string) (int, error) { v, err := readers.ParseLogBuffer(s); return len(v.Entries), err }},
		{"display mac-address", func(s string) (int, error) { return count(lenOf(readers.ParseMACTable(s))) }},
		{"display arp", func(s string) (int, error) { return count(lenOf(readers.ParseARP(s))) }},
		{"display lldp neighbor-information list", func(s string) (int, error) { return count(lenOf(readers.ParseLLDPList(s))) }},
		{"display ip routing-table", func(s string) (int, error) {
			v, err := readers.ParseRoutingTable(s)
			return len(v.Entries), err
		}},
		{"display users", func(s string) (int, error) { return count(lenOf(readers.ParseUsers(s))) }},
		{"display current-configuration", func(s string) (int, error) {
			v, err := readers.ParseConfig(s)
			return len(v.Text()), err
		}},
	} {
		var out strings.Builder
		if err := b.Console().Exec(context.Background(), v.cmd, &out); err != nil {
			t.Errorf("%s: %v", v.cmd, err)
			continue
		}
		if n, err := v.read(out.String()); err != nil || n == 0 {
			t.Errorf("%s: the reader got %d items, err %v, from\n%s", v.cmd, n, err, out.String())
		}
	}
}

func lenOf[T any](s []T, err error) (int, error) { return len(s), err }

// TestBackendEvents: new log buffer entries arrive as EventLog, a logged configuration command also
// as EventConfig, the backend's own polling as nothing; a lost connection closes the channel with
// an EndMessage naming the device.
func TestBackendEvents(t *testing.T) {
	r := newReplayServer(t)
	r.addLog("%Dec  7 10:00:00:000 2026 H3C SHELL/5/SHELL_LOGIN: admin logged in from 10.0.0.1.")
	p := NewPool(PoolOptions{})
	defer p.Close()
	b, err := NewBackend(context.Background(), p, r.target(), 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	next := func() (tui.Event, bool) {
		select {
		case e, ok := <-b.Events():
			return e, ok
		case <-time.After(10 * time.Second):
			t.Fatal("no event")
			return tui.Event{}, false
		}
	}
	select { // the first poll takes the baseline
	case <-r.logReads:
	case <-time.After(10 * time.Second):
		t.Fatal("the backend does not poll")
	}
	cmd := "%Dec  7 10:00:05:000 2026 H3C SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=10.0.0.1-User=admin; Command is vlan 42"
	r.addLog("%Dec  7 10:00:04:000 2026 H3C SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=10.0.0.1-User=admin; Command is display version")
	r.addLog(cmd)
	var got []tui.Event
	for len(got) < 3 {
		e, ok := next()
		if !ok {
			t.Fatalf("events ended: %s", b.(*Backend).EndMessage())
		}
		got = append(got, e)
	}
	if got[0].Kind != tui.EventLog || !strings.Contains(got[0].Text, "Command is display version") ||
		got[1].Kind != tui.EventLog || got[1].Text != cmd || got[2].Kind != tui.EventConfig {
		t.Errorf("events %+v, want the two log lines then one configuration change", got)
	}
	// The first entry, there before the backend started, was not sent.
	r.dropAll()
	for {
		e, ok := next()
		if !ok {
			break
		}
		if e.Kind == tui.EventConfig || strings.Contains(e.Text, "SHELL_LOGIN") {
			t.Errorf("unexpected event %+v", e)
		}
	}
	if msg := b.(*Backend).EndMessage(); !strings.Contains(msg, "core1") || !strings.Contains(msg, "lost") {
		t.Errorf("EndMessage %q", msg)
	}
}
