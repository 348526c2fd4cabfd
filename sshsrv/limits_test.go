package sshsrv

import (
	"io"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestStartupsEarlyDrop(t *testing.T) {
	l := newStartups(Startups{Start: 2, Rate: 50, Full: 4, PerSource: -1})
	roll := 0
	l.intN = func(int) int { return roll }
	conns := make([]*guardConn, 5)
	for i := range conns {
		conns[i] = &guardConn{st: &connState{}}
	}
	for i, want := range []bool{true, true} {
		if _, _, ok := l.take(conns[i]); ok != want {
			t.Fatalf("connection %d admitted %v", i, ok)
		}
	}
	// At 2 of 2:50:4 the drop chance is 50 %: a roll of 49 drops, 50 goes in.
	roll = 49
	if _, _, ok := l.take(conns[2]); ok {
		t.Error("a roll under 50 % got in at start")
	}
	roll = 50
	if _, _, ok := l.take(conns[2]); !ok {
		t.Error("a roll of 50 was dropped at start")
	}
	// At 3 of 4 the chance is 75 %.
	roll = 74
	if _, _, ok := l.take(conns[3]); ok {
		t.Error("a roll under 75 % got in")
	}
	roll = 99
	if _, _, ok := l.take(conns[3]); !ok {
		t.Error("a roll of 99 was dropped at 75 %")
	}
	if _, _, ok := l.take(conns[4]); ok {
		t.Error("a connection got in at full")
	}
	l.release(conns[0])
	if _, _, ok := l.take(conns[4]); !ok {
		t.Error("a freed slot was not reused")
	}
}

func TestPenaltyBackoff(t *testing.T) {
	now := time.Unix(1e9, 0)
	p := newPenalties(Penalty{After: 3, Base: 10 * time.Second, Max: 35 * time.Second, Forget: time.Hour},
		[]netip.Prefix{netip.MustParsePrefix("10.9.0.0/16")})
	p.now = func() time.Time { return now }
	a := netip.MustParseAddr("192.0.2.7")
	round := func() time.Duration {
		t.Helper()
		var d time.Duration
		for range 3 {
			_, d = p.fail(a)
		}
		return d
	}
	for i, want := range []time.Duration{10 * time.Second, 20 * time.Second, 35 * time.Second, 35 * time.Second} {
		if d := round(); d != want {
			t.Fatalf("round %d: refused for %v, want %v", i+1, d, want)
		}
		if p.refused(a) != want {
			t.Fatalf("round %d: refused() = %v", i+1, p.refused(a))
		}
		now = now.Add(want)
		if p.refused(a) != 0 {
			t.Fatalf("round %d: still refused after the penalty", i+1)
		}
	}
	// A success clears the count of the round under way, not the history.
	p.fail(a)
	p.fail(a)
	p.succeeded(a)
	if _, d := p.fail(a); d != 0 {
		t.Error("failures before a success still counted")
	}
	// A quiet source is forgotten and starts again at Base.
	now = now.Add(2 * time.Hour)
	if d := round(); d != 10*time.Second {
		t.Errorf("after an hour's quiet: refused for %v, want 10s", d)
	}
	// IPv6 sources are their /64; exempt sources are never refused.
	v6a, v6b := netip.MustParseAddr("2001:db8::1"), netip.MustParseAddr("2001:db8::ffff:2")
	for range 3 {
		p.fail(v6a)
	}
	if p.refused(v6b) == 0 {
		t.Error("another address in the same /64 is not refused")
	}
	ex := netip.MustParseAddr("10.9.1.1")
	for range 10 {
		p.fail(ex)
	}
	if p.refused(ex) != 0 {
		t.Error("an exempt source was refused")
	}
}

// dialFrom logs in from a given loopback address.
func dialFrom(local, addr, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 10 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	conn, chans, reqs, err := gossh.NewClientConn(c, addr, &gossh.ClientConfig{User: user, Auth: auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		c.Close()
		return nil, err
	}
	return gossh.NewClient(conn, chans, reqs), nil
}

// TestPenaltyDuringAttack: an address guessing passwords is refused after Penalty.After failures
// — even with the right password — while a user from another address gets in.
func TestPenaltyDuringAttack(t *testing.T) {
	e := startServer(t, Config{Penalty: Penalty{After: 4, Base: time.Minute}}, nil)
	for i := range 2 { // two connections, two guesses each (authentication-retries 3 allows it)
		guesses := gossh.RetryableAuthMethod(gossh.Password("guess"), 2)
		if c, err := dialFrom("127.0.0.1", e.addr, "admin", guesses); err == nil {
			c.Close()
			t.Fatalf("guess %d logged in", i)
		}
	}
	e.waitLog(t, `srclimit_penalise: ipv4: new 127\.0\.0\.1/32 deny for 1m0s: penalty: failed authentication$`)
	if c, err := dialFrom("127.0.0.1", e.addr, "admin", password("secret")); err == nil {
		c.Close()
		t.Error("the attacking address logged in while refused")
	}
	e.waitLog(t, `drop connection #\d+ from \[127\.0\.0\.1\]:\d+ on \[127\.0\.0\.1\]:\d+ penalty: failed authentication`)
	c, err := dialFrom("127.0.0.2", e.addr, "admin", password("secret"))
	if err != nil {
		t.Fatalf("a user from 127.0.0.2 was refused during the attack from 127.0.0.1: %v", err)
	}
	defer c.Close()
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("status %d", r.status)
	}
}

func TestPenaltyExempt(t *testing.T) {
	e := startServer(t, Config{Penalty: Penalty{After: 2, Base: time.Minute},
		PenaltyExempt: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}, nil)
	for range 3 {
		if c, err := dial(e.addr, "admin", password("guess")); err == nil {
			c.Close()
		}
	}
	mustDial(t, e.addr, "admin", password("secret")).Close()
	if strings.Contains(e.logs.String(), "srclimit_penalise") {
		t.Error("an exempt source was penalised")
	}
}

// TestPerSourceMaxStartups (PROBE L10): one address stalling handshakes holds at most PerSource
// unauthenticated connections, so it cannot push another address into the early drop.
func TestPerSourceMaxStartups(t *testing.T) {
	e := startServer(t, Config{MaxStartups: Startups{Start: 4, Rate: 100, Full: 4, PerSource: 2}}, nil)
	stall := func(local string) (net.Conn, bool) {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 10 * time.Second}
		c, err := d.Dial("tcp", e.addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		buf := make([]byte, len(Version))
		_, err = io.ReadFull(c, buf)
		return c, err == nil && string(buf) == Version
	}
	for i := range 2 {
		if _, ok := stall("127.0.0.1"); !ok {
			t.Fatalf("stalled connection %d from 127.0.0.1 was dropped within its share", i)
		}
	}
	if _, ok := stall("127.0.0.1"); ok {
		t.Fatal("a third stalled connection from 127.0.0.1 got in past PerSource 2")
	}
	e.waitLog(t, `drop connection #\d+ from \[127\.0\.0\.1\]:\d+ on \[127\.0\.0\.1\]:\d+ past PerSourceMaxStartups \(2 unauthenticated from this source\)$`)
	// Another address still logs in, twice over, while 127.0.0.1 stalls.
	for range 2 {
		c, err := dialFrom("127.0.0.2", e.addr, "admin", password("secret"))
		if err != nil {
			t.Fatalf("a login from 127.0.0.2 was refused while 127.0.0.1 stalled: %v", err)
		}
		c.Close()
	}
}

// TestKeyProbesPenalised (PROBE L3): a client that only offers keys the server refuses, and leaves,
// counts against its source as a failed login does; otherwise probing which keys a user holds would
// be free and never penalised.
func TestKeyProbesPenalised(t *testing.T) {
	e := startServer(t, Config{Penalty: Penalty{After: 3, Base: time.Minute}}, nil)
	probe := cannotSign{pub: newSigner(t).PublicKey()}
	for i := range 3 {
		if c, err := dialFrom("127.0.0.3", e.addr, "admin", gossh.PublicKeys(probe)); err == nil {
			c.Close()
			t.Fatalf("probe %d logged in", i)
		}
	}
	e.waitLog(t, `srclimit_penalise: ipv4: new 127\.0\.0\.3/32 deny for 1m0s: penalty: failed authentication$`)
	if c, err := dialFrom("127.0.0.3", e.addr, "admin", password("secret")); err == nil {
		c.Close()
		t.Error("the probing address logged in while refused")
	}
}

// TestMaxStartups: with MaxStartups 2:100:2, a third unauthenticated connection is dropped; a
// logged-in one does not count, and a closed one frees its slot.
func TestMaxStartups(t *testing.T) {
	e := startServer(t, Config{MaxStartups: Startups{Start: 2, Rate: 100, Full: 2, PerSource: -1}}, nil)
	// banner dials and reads the server's version line; ok is false when the server closed first.
	banner := func() (net.Conn, bool) {
		c, err := net.Dial("tcp", e.addr)
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		buf := make([]byte, len(Version))
		_, err = io.ReadFull(c, buf)
		return c, err == nil && string(buf) == Version
	}
	logged := mustDial(t, e.addr, "admin", password("secret")) // holds no slot once logged in
	defer logged.Close()
	first, ok1 := banner()
	second, ok2 := banner()
	defer second.Close()
	if !ok1 || !ok2 {
		t.Fatal("the first two unauthenticated connections were dropped")
	}
	third, ok := banner()
	third.Close()
	if ok {
		t.Fatal("a third unauthenticated connection got in past MaxStartups 2:100:2")
	}
	e.waitLog(t, `drop connection #\d+ from \[127\.0\.0\.1\]:\d+ on \[127\.0\.0\.1\]:\d+ past MaxStartups \(2 unauthenticated, 2:100:2\)$`)
	first.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, ok := banner()
		c.Close()
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("closing an unauthenticated connection did not free its slot")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
