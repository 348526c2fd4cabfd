package main

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"vtyd/remote"
)

// switchHealth is what the gateway last saw of a real switch, for the fleet dashboard: "up", or
// why it could not reach it, and since when.
type switchHealth struct {
	mu    sync.Mutex
	state string
	since time.Time
}

// record notes the outcome of reaching the switch.
func (h *switchHealth) record(err error) {
	state := "up"
	if err != nil {
		state = "unreachable: " + reason(err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if state != h.state {
		h.state, h.since = state, time.Now()
	}
}

// String is the state the dashboard shows.
func (h *switchHealth) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.state == "" {
		return "not reached yet"
	}
	return h.state
}

// reason is an error as one short line: the innermost words that say what happened.
func reason(err error) string {
	var hk *remote.HostKeyError
	if errors.As(err, &hk) {
		return "host key is not the pinned one"
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && len(msg)-i > 12 {
		msg = msg[i+2:]
	}
	return msg
}

// probeSwitch keeps h current: it opens (and at once closes) a session on the switch every
// interval, over the pooled connection, until ctx ends. A session costs the switch no VTY line
// (no shell is started) and keeps the pooled connection warm for the operators who come next.
func probeSwitch(ctx context.Context, rs *remoteSwitch, h *switchHealth, every time.Duration) {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		timeout := rs.target.Timeout
		if timeout <= 0 {
			timeout = remote.DefaultTimeout
		}
		pctx, cancel := context.WithTimeout(ctx, timeout+5*time.Second)
		sess, release, err := rs.pool.Session(pctx, rs.target)
		cancel()
		if err == nil {
			_ = sess.Close()
			release()
		}
		if ctx.Err() == nil {
			h.record(err)
		}
		t.Reset(every)
	}
}
