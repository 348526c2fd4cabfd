package remote

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestExecReusesWarmShells: execs one after another run on one shell left at a user-view prompt;
// an exec that ends in another view leaves no shell behind; an idle shell gives its slot up to a
// session that needs one.
func TestExecReusesWarmShells(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{PerDevice: 1})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	exec := func(command string) {
		t.Helper()
		var errb strings.Builder
		if status := Exec(ctx, p, r.target(), command, io.Discard, &errb); status != 0 {
			t.Fatalf("exec %q: status %d, %s", command, status, errb.String())
		}
	}
	for range 5 {
		exec("display version")
	}
	if n := r.maxSess.Load(); n != 1 {
		t.Errorf("%d shells at most for five execs in a row, want 1", n)
	}
	if n := r.sessions.Load(); n != 1 {
		t.Errorf("%d shells open after the execs, want the warm one", n)
	}
	exec("system-view")
	for i := 0; r.sessions.Load() != 0; i++ { // the replay server sees the close a moment later
		if i == 500 {
			t.Fatalf("%d shells open after an exec that ended in system view, want none", r.sessions.Load())
		}
		time.Sleep(10 * time.Millisecond)
	}
	exec("display version") // warm again
	// With one slot per device, a session that needs it takes it from the idle shell.
	sess, release, err := p.Session(ctx, r.target())
	if err != nil {
		t.Fatalf("a session while the warm shell holds the only slot: %v", err)
	}
	sess.Close()
	release()
}

// TestExecHandsItsShellOver: with more execs at once than the device has slots, an exec that ends
// hands its shell to one that waits for a slot, rather than closing it for that one to open
// another: the slots' shells serve every exec.
func TestExecHandsItsShellOver(t *testing.T) {
	r := newReplayServer(t)
	p := NewPool(PoolOptions{PerDevice: 2})
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	const workers, each = 6, 5
	errs := make(chan string, workers*each)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				var errb strings.Builder
				if status := Exec(ctx, p, r.target(), "display version", io.Discard, &errb); status != 0 {
					errs <- errb.String()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("exec failed: %s", e)
	}
	if n := r.opened.Load(); n > 2 {
		t.Errorf("%d shells opened for %d execs on 2 slots, want 2", n, workers*each)
	}
}
