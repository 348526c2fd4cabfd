package remote

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"vtyd/switchctl"
	"vtyd/tui"
	"vtyd/tui/readers"
)

// configEvery is how many polls pass between two digests of `display current-configuration`: the
// log buffer reports most changes at every poll, the digest catches the rest (a device whose
// info-center does not log commands) at a tenth of the cost.
const configEvery = 10

// Backend is the console's backend on a real switch: two Shells on one pooled connection (the CLI
// pane's and the views'), and events made by polling.
type Backend struct {
	t            Target
	cli, console *Shell
	events       chan tui.Event
	cancel       context.CancelFunc
	done         chan struct{}
	baseline     chan struct{} // closed once the first poll has read the device

	mu  sync.Mutex
	end string // why the events ended
}

// NewBackend opens the two Shells on t and polls it every poll interval (default 30 s): new
// `display logbuffer` entries become EventLog; an entry that records a command or a configuration
// change (SHELL_CMD, CFGMAN), or a changed digest of `display current-configuration` (read every
// tenth poll), becomes EventConfig. When the connection is lost the Events channel is closed and
// EndMessage says why. Close releases everything.
func NewBackend(ctx context.Context, p *Pool, t Target, poll time.Duration) (tui.Backend, error) {
	if poll <= 0 {
		poll = 30 * time.Second
	}
	cli, err := OpenShell(ctx, p, t)
	if err != nil {
		return nil, err
	}
	console, err := OpenShell(ctx, p, t)
	if err != nil {
		cli.Close()
		return nil, err
	}
	pctx, cancel := context.WithCancel(context.Background())
	b := &Backend{t: t, cli: cli, console: console, events: make(chan tui.Event, 256), cancel: cancel,
		done: make(chan struct{}), baseline: make(chan struct{})}
	go b.poll(pctx, poll)
	return b, nil
}

// Observe has the lines the operator runs told to f (the gateway's audit), as tui.SwitchBackend's
// Observe does: the CLI pane's, and the actions' — not what the views and the poller read.
func (b *Backend) Observe(f tui.ObserveFunc) {
	b.cli.SetObserver(func(r switchctl.Ran) { tui.ObservedLine(&b.cli.OpTracker, false, r, f) })
	b.console.SetObserver(func(r switchctl.Ran) { tui.ObservedLine(&b.console.OpTracker, true, r, f) })
}

// CLI implements tui.Backend.
func (b *Backend) CLI() tui.Shell { return b.cli }

// Console implements tui.Backend.
func (b *Backend) Console() tui.Shell { return b.console }

// Events implements tui.Backend.
func (b *Backend) Events() <-chan tui.Event { return b.events }

// EndMessage says why the events ended (the fleet console shows it on the dashboard).
func (b *Backend) EndMessage() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.end
}

// Close stops polling and closes both Shells; the connection stays in the pool.
func (b *Backend) Close() error {
	b.cancel()
	<-b.done
	b.cli.Close()
	b.console.Close()
	return nil
}

// poll reads the device every interval until ctx ends or the device is lost.
func (b *Backend) poll(ctx context.Context, every time.Duration) {
	defer close(b.done)
	defer close(b.events)
	var w watcher
	tick := time.NewTicker(every)
	defer tick.Stop()
	for n := 0; ; n++ {
		err := w.check(ctx, b.console, n%configEvery == 0, b.send)
		if n == 0 {
			close(b.baseline)
		}
		if err != nil {
			if ctx.Err() == nil {
				b.mu.Lock()
				b.end = fmt.Sprintf("the connection to %s was lost: %v", b.t.name(), err)
				b.mu.Unlock()
			}
			return
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return
		}
	}
}

// send delivers an event, dropping it when the console falls behind (tui.Backend allows that).
func (b *Backend) send(e tui.Event) {
	select {
	case b.events <- e:
	default:
	}
}

// watcher remembers what the last poll saw.
type watcher struct {
	started bool
	last    []string // the log entries of the last poll
	digest  [32]byte
}

// check polls once; the first poll only takes the baseline. A command the device refuses (a
// `%` error) does not end the polling; a lost session does.
func (w *watcher) check(ctx context.Context, s *Shell, config bool, send func(tui.Event)) error {
	now := time.Now()
	var out strings.Builder
	err := s.Run(ctx, "display logbuffer", &out)
	var ce *CommandError
	if err != nil && !errors.As(err, &ce) {
		return err
	}
	changed := false
	if err == nil {
		if buf, perr := readers.ParseLogBuffer(out.String()); perr == nil {
			raw := make([]string, len(buf.Entries))
			for i, e := range buf.Entries {
				raw[i] = e.Raw
			}
			if w.started {
				for _, e := range newEntries(w.last, buf.Entries) {
					send(tui.Event{Kind: tui.EventLog, Time: now, Text: e.Raw})
					changed = changed || configLog(e)
				}
			}
			w.last = raw
		}
	}
	if config {
		sum, err := digest(ctx, s)
		if err != nil {
			return err
		}
		changed = changed || (w.started && sum != w.digest)
		w.digest = sum
	}
	if changed {
		send(tui.Event{Kind: tui.EventConfig, Time: now})
	}
	w.started = true
	return nil
}

// newEntries is what follows, in cur, the newest entry of the last poll (all of cur when that
// entry has left the buffer). Comware lists the buffer oldest first.
func newEntries(last []string, cur []readers.LogEntry) []readers.LogEntry {
	if len(last) == 0 {
		return cur
	}
	newest := last[len(last)-1]
	for i := len(cur) - 1; i >= 0; i-- {
		if cur[i].Raw == newest {
			return cur[i+1:]
		}
	}
	return cur
}

// configLog reports whether a log entry records a configuration change: a command run (Comware
// logs SHELL_CMD "...; Command is vlan 10") that is not one that only reads or moves between views
// (some releases log those too, and the backend's own polling must not look like a change), or the
// configuration manager's change notice.
func configLog(e readers.LogEntry) bool {
	if e.Module == "CFGMAN" {
		return true
	}
	if e.Mnemonic != "SHELL_CMD" {
		return false
	}
	_, cmd, ok := strings.Cut(e.Text, "Command is ")
	if !ok {
		return true
	}
	f := strings.Fields(cmd)
	if len(f) == 0 {
		return false
	}
	for _, ro := range []string{"display", "dir", "ping", "tracert", "screen-length", "quit", "return", "system-view", "more"} {
		if len(f[0]) >= 3 && strings.HasPrefix(ro, strings.ToLower(f[0])) {
			return false
		}
	}
	return true
}

// digest is the hash of the running configuration.
func digest(ctx context.Context, s *Shell) ([32]byte, error) {
	h := sha256.New()
	err := s.Run(ctx, "display current-configuration", h)
	var ce *CommandError
	if err != nil && !errors.As(err, &ce) {
		return [32]byte{}, err
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, nil
}
