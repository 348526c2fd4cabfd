package sshsrv

import (
	"runtime"
	"sync/atomic"
	"time"
)

// hashGate bounds the password hash checks that run at once. A bcrypt check takes some 75 ms of
// one core: unbounded, a few clients guessing passwords kept every core busy and queued everyone
// else behind them (a publickey login went from 10 ms to over a second with 30 such clients).
// Bounded, they queue behind one another and leave a core for the rest.
type hashGate struct {
	slots   chan struct{}
	waiting atomic.Int32 // checks waiting for a slot, for tests and the log
}

// defaultHashChecks leaves one core free of password hashing: max(1, GOMAXPROCS-1).
func defaultHashChecks() int { return max(1, runtime.GOMAXPROCS(0)-1) }

func newHashGate(n int) *hashGate {
	if n <= 0 {
		n = defaultHashChecks()
	}
	return &hashGate{slots: make(chan struct{}, n)}
}

// check runs f when a slot is free. Waiting counts against the connection's authentication
// deadline: past it, ok is false and f does not run (the connection is ending anyway).
func (h *hashGate) check(deadline time.Time, f func() bool) (match, ok bool) {
	select {
	case h.slots <- struct{}{}:
	default:
		h.waiting.Add(1)
		var timeout <-chan time.Time
		if !deadline.IsZero() {
			t := time.NewTimer(time.Until(deadline))
			defer t.Stop()
			timeout = t.C
		}
		select {
		case h.slots <- struct{}{}:
			h.waiting.Add(-1)
		case <-timeout:
			h.waiting.Add(-1)
			return false, false
		}
	}
	defer func() { <-h.slots }()
	return f(), true
}
