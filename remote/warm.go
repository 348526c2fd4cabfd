package remote

import (
	"context"
	"strings"
	"time"
)

// Warm exec shells. An exec over a fresh shell pays a session channel, the login banner and
// `screen-length disable` before its first line — on a real switch a good part of a second — so
// Exec returns a shell that ended well, at a user-view prompt, to the pool, and the next exec for
// the same device and account takes it. An idle shell still holds one of the device's session
// slots (it is a VTY line on the switch): a session that finds none free closes an idle shell of the
// device first, and idle shells close after the pool's Idle time.

// warmShell is an idle shell and the timer that closes it.
type warmShell struct {
	s     *Shell
	timer *time.Timer
}

// takeShell returns an idle shell for t, or opens one. Waiting for a slot to open one, it takes the
// shell of an exec that ends meanwhile (putShell): under more execs than slots, each would otherwise
// close its shell for the next to open another — a session, a login and `screen-length disable`
// on the switch per exec.
func (p *Pool) takeShell(ctx context.Context, t Target) (*Shell, error) {
	p.mu.Lock()
	s := p.popWarm(connKey{t.Addr, t.User})
	p.mu.Unlock()
	if s != nil {
		return s, nil
	}
	return openExecShell(ctx, p, t, make(chan *Shell, 1))
}

// popWarm takes an idle shell of k that can run a command; nil for none. The caller holds p.mu.
func (p *Pool) popWarm(k connKey) *Shell {
	for n := len(p.warm[k]); n > 0; n = len(p.warm[k]) {
		w := p.warm[k][n-1]
		p.warm[k] = p.warm[k][:n-1]
		if w.timer.Stop() && w.s.usable() {
			return w.s
		}
		go w.s.Close() // it expired, or broke while idle
	}
	return nil
}

// putShell keeps s for the next exec when it is at a user-view prompt and the pool is open; else it
// closes it. When sessions wait for a slot of the device, it goes to the one that waited longest
// if every one of them is an exec of t's account (which takes it, slot and all); else it is closed,
// and its slot freed: a session waiting for something else is never starved by execs.
func (p *Pool) putShell(t Target, s *Shell) {
	k := connKey{t.Addr, t.User}
	p.mu.Lock()
	reusable := !p.closed && s.usable() && strings.HasPrefix(s.Prompt(), "<")
	if hs := p.handoff[k]; reusable && len(hs) > 0 && p.waiting[t.Addr] == len(hs) {
		p.unhand(k, hs[0])
		p.unwait(t.Addr)
		p.mu.Unlock()
		hs[0] <- s // buffered: the waiter takes it whether or not it got a slot meanwhile
		return
	}
	if !reusable || p.waiting[t.Addr] > 0 || len(p.warm[k]) >= p.opt.PerDevice {
		p.mu.Unlock()
		s.Close()
		return
	}
	w := &warmShell{s: s}
	w.timer = time.AfterFunc(p.opt.Idle, func() { p.dropWarm(k, w) })
	p.warm[k] = append(p.warm[k], w)
	p.mu.Unlock()
}

// dropWarm closes an idle shell whose time is up.
func (p *Pool) dropWarm(k connKey, w *warmShell) {
	p.mu.Lock()
	list := p.warm[k]
	for i, x := range list {
		if x == w {
			p.warm[k] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	p.mu.Unlock()
	w.s.Close()
}

// evictWarm closes one idle shell of the device at addr, except skip's (an exec waiting for a
// slot takes its own account's shells instead), freeing its session slot; it reports whether
// there was one. The caller does not hold p.mu.
func (p *Pool) evictWarm(addr string, skip connKey) bool {
	p.mu.Lock()
	var victim *warmShell
	for k, list := range p.warm {
		if k.addr == addr && k != skip && len(list) > 0 {
			victim = list[0]
			p.warm[k] = list[1:]
			break
		}
	}
	p.mu.Unlock()
	if victim == nil {
		return false
	}
	victim.timer.Stop()
	victim.s.Close()
	return true
}

// closeWarm closes every idle shell (Pool.Close).
func (p *Pool) closeWarm() {
	p.mu.Lock()
	all := p.warm
	p.warm = nil
	p.mu.Unlock()
	for _, list := range all {
		for _, w := range list {
			w.timer.Stop()
			w.s.Close()
		}
	}
}

// usable reports whether s can run a command: not broken, its output not ended. Output the device
// sent while it was idle (nothing, on a switch without `terminal monitor`) is dropped.
func (s *Shell) usable() bool {
	s.mu.Lock()
	broken := s.broken
	s.mu.Unlock()
	s.in.mu.Lock()
	defer s.in.mu.Unlock()
	s.in.buf = s.in.buf[:0]
	return broken == nil && s.in.end == nil
}
