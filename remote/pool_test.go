package remote

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestPoolReusesOneConnection: many sessions, one after the other and side by side, ride one SSH
// connection.
func TestPoolReusesOneConnection(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	ctx := context.Background()
	for range 10 {
		_, release, err := p.Session(ctx, r.target())
		if err != nil {
			t.Fatal(err)
		}
		release()
		release() // a second release does nothing
	}
	var releases []func()
	for range DefaultPerDevice {
		_, release, err := p.Session(ctx, r.target())
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, release)
	}
	for _, release := range releases {
		release()
	}
	if n := r.conns.Load(); n != 1 {
		t.Errorf("%d connections for 14 sessions, want 1", n)
	}
}

// TestPoolCapQueues: the session over the per-device cap waits for a free one, bounded by its
// context, and gets the slot once a session ends.
func TestPoolCapQueues(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{PerDevice: 2})
	defer p.Close()
	ctx := context.Background()
	_, rel1, err := p.Session(ctx, r.target())
	if err != nil {
		t.Fatal(err)
	}
	_, rel2, err := p.Session(ctx, r.target())
	if err != nil {
		t.Fatal(err)
	}
	defer rel2()
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, _, err := p.Session(short, r.target()); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a third session over a cap of 2 gave %v, want to wait until its deadline", err)
	}
	got := make(chan error, 1)
	go func() {
		_, rel3, err := p.Session(ctx, r.target())
		if err == nil {
			rel3()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("the third session did not wait for a slot (err %v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	rel1()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("the queued session failed: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the queued session did not get the freed slot")
	}
}

// TestPoolReplacesDeadConnection: after the device drops the connection (a reboot), the next
// session dials a new one transparently; when the device is gone for good, Session fails rather
// than hang.
func TestPoolReplacesDeadConnection(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	ctx := context.Background()
	_, release, err := p.Session(ctx, r.target())
	if err != nil {
		t.Fatal(err)
	}
	release()
	r.dropAll()
	_, release, err = p.Session(ctx, r.target())
	if err != nil {
		t.Fatalf("the session after a dropped connection failed: %v", err)
	}
	release()
	if n := r.conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2 (the dead one replaced once)", n)
	}

	r.ln.Close()
	r.dropAll()
	tg := r.target()
	tg.Timeout = 2 * time.Second
	start := time.Now()
	if _, _, err := p.Session(ctx, tg); err == nil {
		t.Fatal("a session to a device that is gone succeeded")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("failing took %v", d)
	}
}

// TestPoolIdleCloses: an unused connection is closed after the idle time, and the next session
// dials again.
func TestPoolIdleCloses(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{Idle: 50 * time.Millisecond})
	defer p.Close()
	ctx := context.Background()
	_, release, err := p.Session(ctx, r.target())
	if err != nil {
		t.Fatal(err)
	}
	release()
	select {
	case <-r.gone:
	case <-time.After(10 * time.Second):
		t.Fatal("the idle connection was never closed")
	}
	_, release, err = p.Session(ctx, r.target())
	if err != nil {
		t.Fatal(err)
	}
	release()
	if n := r.conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

// TestPoolReplacesHungConnection: a device that stops reading with its TCP connection open (no
// answer to a channel open) costs one timeout, then the connection is replaced; no hang.
func TestPoolReplacesHungConnection(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	defer p.Close()
	tg := r.target()
	tg.Timeout = 300 * time.Millisecond
	ctx := context.Background()
	_, release, err := p.Session(ctx, tg)
	if err != nil {
		t.Fatal(err)
	}
	release()
	r.freezeAll()
	start := time.Now()
	_, release, err = p.Session(ctx, tg)
	if err != nil {
		t.Fatalf("the session after the connection hung failed: %v", err)
	}
	release()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("replacing the hung connection took %v", d)
	}
	if n := r.conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

// TestPoolClosed: Session after Close is refused.
func TestPoolClosed(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{})
	p.Close()
	if _, _, err := p.Session(context.Background(), r.target()); !errors.Is(err, ErrPoolClosed) {
		t.Errorf("Session after Close gave %v", err)
	}
}
