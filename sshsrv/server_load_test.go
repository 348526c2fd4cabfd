package sshsrv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// TestThousandExecConnections: 1,000 connections, each logging in with a key and running one
// command, 100 in flight at a time, all succeed; afterwards no goroutine is left behind.
func TestThousandExecConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 SSH handshakes")
	}
	key := newSigner(t)
	e := startServer(t, Config{}, gossh.MarshalAuthorizedKey(key.PublicKey()))
	// Curve25519 keeps 1,000 handshakes under -race affordable; ML-KEM is tested elsewhere.
	cfg := &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second,
		Config: gossh.Config{KeyExchanges: []string{gossh.KeyExchangeCurve25519}}}
	execOnce := func() error {
		c, err := gossh.Dial("tcp", e.addr, cfg)
		if err != nil {
			return err
		}
		defer c.Close()
		sess, err := c.NewSession()
		if err != nil {
			return err
		}
		defer sess.Close()
		out, err := sess.Output("display clock")
		if err != nil {
			return fmt.Errorf("display clock: %w", err)
		}
		if len(out) == 0 {
			return errors.New("display clock printed nothing")
		}
		return nil
	}
	if err := execOnce(); err != nil { // warm up: lazily started goroutines are not leaks
		t.Fatal(err)
	}
	before := stableGoroutines()

	const total, inFlight = 1000, 100
	start := time.Now()
	jobs := make(chan int)
	errs := make(chan error, total)
	var wg sync.WaitGroup
	for range inFlight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				errs <- execOnce()
			}
		}()
	}
	for i := range total {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		if err != nil {
			if failed < 5 {
				t.Errorf("exec: %v", err)
			}
			failed++
		}
	}
	if failed > 0 {
		t.Fatalf("%d of %d exec connections failed", failed, total)
	}
	elapsed := time.Since(start)
	t.Logf("%d exec connections, %d in flight: %v (%.0f/s)", total, inFlight, elapsed.Round(time.Millisecond),
		float64(total)/elapsed.Seconds())
	if n := strings.Count(e.logs.String(), "drop connection"); n > 0 {
		t.Errorf("%d connections dropped by MaxStartups or penalties", n)
	}

	// Every connection's goroutines end once the clients have gone.
	deadline := time.Now().Add(20 * time.Second)
	for {
		after := runtime.NumGoroutine()
		if after <= before {
			break
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before, %d after:\n%s", before, after, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stableGoroutines counts goroutines once connections of the warm-up have wound down.
func stableGoroutines() int {
	n := runtime.NumGoroutine()
	for range 50 {
		time.Sleep(20 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m == n {
			return n
		}
		n = m
	}
	return n
}

// TestShutdownClosesUnauthenticated: Shutdown ends connections that have not logged in at once
// and returns without waiting for their authentication timeout.
func TestShutdownClosesUnauthenticated(t *testing.T) {
	e := startServer(t, Config{}, nil)
	c, err := net.Dial("tcp", e.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	banner := make([]byte, len(Version))
	if _, err := io.ReadFull(c, banner); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := e.srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Shutdown took %v with one unauthenticated client", d)
	}
	rest, err := io.ReadAll(c)
	if err != nil || !bytes.Equal(rest, []byte("\r\n")) {
		t.Errorf("after Shutdown the client read %q, %v; want the end of the banner, then EOF", rest, err)
	}
	if _, err := net.DialTimeout("tcp", e.addr, time.Second); err == nil {
		t.Error("the listener still accepts after Shutdown")
	}
}

// BenchmarkServerConfig is the per-connection cost of reading the device: settings, algorithm
// lists and host keys (charm.land/ssh calls serverConfig under its server lock).
func BenchmarkServerConfig(b *testing.B) {
	d, _, err := switchctl.Open(switchctl.Options{Dir: b.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{}, d, nil)
	if err != nil {
		b.Fatal(err)
	}
	g := &guardConn{st: &connState{}}
	b.ReportAllocs()
	for b.Loop() {
		if cfg := srv.configFor(g); cfg.MaxAuthTries == 0 {
			b.Fatal("no config")
		}
	}
}
