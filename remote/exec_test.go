package remote

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestExec: vtyd's exec contract over a real switch's shell: output on stdout, Comware's error
// text with its caret on stderr, status 1 when a line failed; refused dialogs; quit ends it.
func TestExec(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	ver := r.answers["display version"]
	arp := r.answers["display arp"]
	for _, tc := range []struct {
		name, command  string
		status         int
		stdout, stderr string
	}{
		{"one line", "display version", 0, ver, ""},
		{"lines", "display version\ndisplay arp", 0, ver + arp, ""},
		{"crlf", "display version\r\ndisplay arp\r\n", 0, ver + arp, ""},
		{"a failing line", "display version\ndisplay bogus\ndisplay arp", 1, ver + arp,
			"^\n % Unrecognized command found at '^' position.\n"},
		{"views", "system-view\ninterface GigabitEthernet1/0/1\nshutdown\nreturn\ndisplay arp", 0,
			"System View: return to User View with Ctrl+Z.\n" + arp, ""},
		{"quit ends it", "display arp\nquit\ndisplay version", 0, arp, ""},
		{"dialog refused", "save", 1, "",
			"This command needs a confirmation that cannot be given here; use its force form or an interactive session.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb strings.Builder
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			status := Exec(ctx, p, r.target(), tc.command, &out, &errb)
			if status != tc.status || out.String() != tc.stdout || errb.String() != tc.stderr {
				t.Errorf("status %d stdout %q stderr %q\nwant %d %q %q", status, out.String(), errb.String(),
					tc.status, tc.stdout, tc.stderr)
			}
		})
	}
	if n := r.conns.Load(); n != 1 {
		t.Errorf("the execs used %d connections, want 1", n)
	}
}

// TestExecFailures: an unreachable device, wrong credentials, a device that stops answering or
// closes: status 1, the reason on stderr naming the device, within the timeout.
func TestExecFailures(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	wrong := r.target()
	wrong.Auth = nil
	slow := r.target()
	slow.Timeout = 300 * time.Millisecond
	gone := r.target()
	gone.Addr = "127.0.0.1:1"
	for _, tc := range []struct {
		name    string
		t       Target
		command string
	}{
		{"unreachable", gone, "display version"},
		{"credentials", wrong, "display version"},
		{"stops answering", slow, "display arp\nhang\ndisplay version"},
		{"closes", r.target(), "die\ndisplay version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb strings.Builder
			start := time.Now()
			status := Exec(context.Background(), p, tc.t, tc.command, &out, &errb)
			if status != 1 || !strings.Contains(errb.String(), "core1") {
				t.Errorf("status %d, stderr %q: want 1 and the device named", status, errb.String())
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestExecConcurrencyCapped: execs in parallel to one device never hold more sessions than the
// cap, and all complete (the others queue).
func TestExecConcurrencyCapped(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{PerDevice: 2})
	defer p.Close()
	var wg sync.WaitGroup
	fails := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			var out, errb strings.Builder
			if Exec(context.Background(), p, r.target(), "display arp", &out, &errb) != 0 {
				fails <- errb.String()
			}
		})
	}
	wg.Wait()
	close(fails)
	for f := range fails {
		t.Errorf("an exec failed: %s", f)
	}
	if m := r.maxSess.Load(); m > 2 {
		t.Errorf("%d sessions at once, cap 2", m)
	}
	if n := r.conns.Load(); n != 1 {
		t.Errorf("%d connections, want 1", n)
	}
}
