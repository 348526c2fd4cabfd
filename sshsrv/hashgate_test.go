package sshsrv

import (
	"sync/atomic"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestPasswordChecksBounded (PROBE M8): password hash checks run at most MaxPasswordChecks at once;
// the others wait, and a publickey login is not queued behind them.
func TestPasswordChecksBounded(t *testing.T) {
	var inside, most atomic.Int32
	release := make(chan struct{})
	cfg := Config{MaxPasswordChecks: 1, Penalty: Penalty{After: -1}}
	cfg.checkPassword = func(string, string) bool { // a slow hash that the test lets finish
		n := inside.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-release
		inside.Add(-1)
		return false
	}
	key := newSigner(t)
	e := startServer(t, cfg, gossh.MarshalAuthorizedKey(key.PublicKey()))
	const guessers = 4
	done := make(chan error, guessers)
	for range guessers {
		go func() {
			c, err := dial(e.addr, "admin", password("guess"))
			if err == nil {
				c.Close()
			}
			done <- err
		}()
	}
	waitFor(t, "one check running and the others waiting", func() bool {
		return inside.Load() == 1 && e.srv.hashing.waiting.Load() == guessers-1
	})
	// Every hash slot is taken: a key still logs in.
	c := mustDial(t, e.addr, "admin", gossh.PublicKeys(key))
	if r := run(t, c, "display clock", "", false); r.status != 0 {
		t.Errorf("publickey login while passwords were being checked: status %d", r.status)
	}
	close(release)
	for range guessers {
		if err := <-done; err == nil {
			t.Error("a wrong password logged in")
		}
	}
	if m := most.Load(); m != 1 {
		t.Errorf("%d password checks ran at once, want at most 1", m)
	}
}
