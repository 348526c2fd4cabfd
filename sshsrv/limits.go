package sshsrv

import (
	"fmt"
	"math/rand/v2"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// Startups caps unauthenticated connections as OpenSSH's MaxStartups start:rate:full does: below
// Start every connection is accepted; from Start on, a new one is dropped with probability Rate
// percent, rising linearly to 100 % at Full. A connection stops counting once it authenticates or
// closes, so a flood of half-open handshakes cannot take every slot while logged-in users work.
type Startups struct {
	Start, Rate, Full int
	// PerSource caps the unauthenticated connections of one source (an IPv4 address, an IPv6 /64),
	// as OpenSSH's PerSourceMaxStartups: one address stalling handshakes cannot push everyone else
	// into the early drop. 0 means Start/2; negative, no cap.
	PerSource int
}

// DefaultStartups is 200:30:400, 100 per source: high enough that 100 clients connecting at once
// all get in.
var DefaultStartups = Startups{Start: 200, Rate: 30, Full: 400, PerSource: 100}

// String writes st as OpenSSH does, start:rate:full.
func (st Startups) String() string { return fmt.Sprintf("%d:%d:%d", st.Start, st.Rate, st.Full) }

// startups counts the unauthenticated connections and holds them, so Shutdown can close them.
type startups struct {
	cfg      Startups
	intN     func(int) int // random numbers for the early drop; math/rand/v2 outside tests
	mu       sync.Mutex
	conns    map[*guardConn]struct{}
	bySource map[netip.Prefix]int
}

func newStartups(cfg Startups) *startups {
	if cfg.Full <= 0 {
		cfg = DefaultStartups
	}
	cfg.Start = min(max(cfg.Start, 1), cfg.Full)
	if cfg.PerSource == 0 {
		cfg.PerSource = max(cfg.Start/2, 1)
	}
	return &startups{cfg: cfg, intN: rand.IntN, conns: map[*guardConn]struct{}{}, bySource: map[netip.Prefix]int{}}
}

// take admits g unless a cap says drop; it reports the count before g (of its source when
// perSource, the cap that refused it) and whether g got in.
func (l *startups) take(g *guardConn) (n int, perSource, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	src := sourcePrefix(g.st.remote.Addr())
	if l.cfg.PerSource > 0 && l.bySource[src] >= l.cfg.PerSource {
		return l.bySource[src], true, false
	}
	n = len(l.conns)
	if n >= l.cfg.Full {
		return n, false, false
	}
	if n >= l.cfg.Start && l.cfg.Full > l.cfg.Start {
		// OpenSSH's drop_connection: p = rate + (100-rate) * (n-start) / (full-start).
		p := l.cfg.Rate + (100-l.cfg.Rate)*(n-l.cfg.Start)/(l.cfg.Full-l.cfg.Start)
		if l.intN(100) < p {
			return n, false, false
		}
	}
	l.conns[g] = struct{}{}
	l.bySource[src]++
	return n, false, true
}

func (l *startups) release(g *guardConn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.conns[g]; !ok {
		return
	}
	delete(l.conns, g)
	src := sourcePrefix(g.st.remote.Addr())
	if l.bySource[src]--; l.bySource[src] <= 0 {
		delete(l.bySource, src)
	}
}

// sourcePrefix is the source a per-source limit applies to: the address, or its /64 for IPv6,
// since one IPv6 host commonly holds a whole /64.
func sourcePrefix(a netip.Addr) netip.Prefix {
	a = a.Unmap()
	bits := 32
	if a.Is6() {
		bits = 64
	}
	p, _ := a.Prefix(bits)
	return p
}

// closeAll closes every connection that has not authenticated, as sshd does on SIGTERM.
func (l *startups) closeAll() {
	l.mu.Lock()
	conns := make([]*guardConn, 0, len(l.conns))
	for g := range l.conns {
		conns = append(conns, g)
	}
	l.mu.Unlock()
	for _, g := range conns {
		_ = g.Close()
	}
}

// connState is what the server knows about one connection before and during authentication.
type connState struct {
	n        uint64         // connection number, sshd's "#N"
	remote   netip.AddrPort // the client
	local    netip.AddrPort // our end
	deadline time.Time      // authentication must be over by then (authentication-timeout)
	authed   atomic.Bool
	channels atomic.Int32 // session channels open (sessionChannel)
	// netconfOnly: accepted on the NETCONF port, which serves the netconf subsystem only
	netconfOnly bool

	mu        sync.Mutex
	user      string // the user name of the latest attempt, "" before the first
	valid     bool   // whether user exists on the device
	noticed   bool   // "Invalid user" already logged for user
	failures  int    // failed password, keyboard-interactive and signed publickey attempts
	keyProbes int    // public keys offered and refused (no signature asked for)
}

// tried records the user name of an attempt; it reports true when the name is new to this
// connection (the caller logs "Invalid user" once for an unknown one).
func (st *connState) tried(user string, valid bool) (isNew bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.user == user && st.noticed {
		return false
	}
	st.user, st.valid, st.noticed = user, valid, true
	return true
}

// who is the latest user name tried and whether it exists ("" before any attempt).
func (st *connState) who() (string, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.user, st.valid
}

// refusedKey counts a public key the client offered that the server refused.
func (st *connState) refusedKey() {
	st.mu.Lock()
	st.keyProbes++
	st.mu.Unlock()
}

// onlyProbed reports whether the connection's only failed attempts were refused public keys: such a
// connection has not been counted against its source yet (see connFailed).
func (st *connState) onlyProbed() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.failures == 0 && st.keyProbes > 0
}

func (st *connState) failed() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.failures++
	return st.failures
}

// guardConn wraps an accepted connection until it authenticates: it checks the client's version
// line (version.go), holds every deadline the SSH library sets to the authentication deadline, and
// frees its MaxStartups slot when it authenticates or closes.
type guardConn struct {
	net.Conn
	st    *connState
	slots *startups
	once  sync.Once

	identified bool   // the client's identification line has been checked
	pending    []byte // bytes read ahead while checking it, replayed to the library
}

// authenticated lifts the authentication deadline and frees the connection's startup slot; the
// library clears its own handshake deadline right after, which now passes through.
func (g *guardConn) authenticated() {
	g.st.authed.Store(true)
	g.free()
}

func (g *guardConn) free() {
	g.once.Do(func() {
		if g.slots != nil {
			g.slots.release(g)
		}
	})
}

func (g *guardConn) clamp(t time.Time) time.Time {
	if g.st.authed.Load() || (!t.IsZero() && t.Before(g.st.deadline)) {
		return t
	}
	return g.st.deadline
}

// SetDeadline keeps the authentication deadline in force until the client has authenticated.
func (g *guardConn) SetDeadline(t time.Time) error { return g.Conn.SetDeadline(g.clamp(t)) }

// SetReadDeadline keeps the authentication deadline in force until the client has authenticated.
func (g *guardConn) SetReadDeadline(t time.Time) error { return g.Conn.SetReadDeadline(g.clamp(t)) }

// SetWriteDeadline keeps the authentication deadline in force until the client has authenticated.
func (g *guardConn) SetWriteDeadline(t time.Time) error { return g.Conn.SetWriteDeadline(g.clamp(t)) }

// Close closes the connection and frees its startup slot.
func (g *guardConn) Close() error {
	g.free()
	return g.Conn.Close()
}

// addrPort reads a net.Addr as an address and port; unknown kinds give the zero value.
func addrPort(a net.Addr) netip.AddrPort {
	switch a := a.(type) {
	case *net.TCPAddr:
		ap := a.AddrPort()
		return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	case nil:
		return netip.AddrPort{}
	}
	ap, _ := netip.ParseAddrPort(a.String())
	return ap
}

// Penalty refuses a source for a while after repeated authentication failures, as OpenSSH's
// PerSourcePenalties does: every After failures from one source (an IPv4 address, an IPv6 /64)
// refuse it for Base, then twice as long at each further round, up to Max. A source forgotten
// for Forget starts afresh; a successful login clears its failure count but not its history.
// Connections from a refused source are closed before the version exchange.
type Penalty struct {
	After  int           // failures per round; negative disables penalties (default 10)
	Base   time.Duration // first refusal (default 30 s)
	Max    time.Duration // longest refusal (default 10 min)
	Forget time.Duration // quiet time after which a source's record is dropped (default 1 h)
}

// DefaultPenalty is 10 failures, then 30 s, 1 min, 2 min ... up to 10 min.
var DefaultPenalty = Penalty{After: 10, Base: 30 * time.Second, Max: 10 * time.Minute, Forget: time.Hour}

// maxPenaltySources bounds the table; when it is full of live records new sources go untracked
// (OpenSSH's overflow:permissive), so an attacker with many addresses cannot grow memory.
const maxPenaltySources = 65536

type penalties struct {
	cfg    Penalty
	exempt []netip.Prefix
	now    func() time.Time
	mu     sync.Mutex
	m      map[netip.Prefix]*source
}

type source struct {
	failures int       // in the current round
	rounds   int       // refusals imposed so far
	until    time.Time // refused until then
	last     time.Time // latest failure
}

func newPenalties(cfg Penalty, exempt []netip.Prefix) *penalties {
	def := DefaultPenalty
	if cfg.After == 0 {
		cfg.After = def.After
	}
	if cfg.Base <= 0 {
		cfg.Base = def.Base
	}
	if cfg.Max < cfg.Base {
		cfg.Max = max(def.Max, cfg.Base)
	}
	if cfg.Forget <= 0 {
		cfg.Forget = max(def.Forget, 2*cfg.Max)
	}
	return &penalties{cfg: cfg, exempt: exempt, now: time.Now, m: map[netip.Prefix]*source{}}
}

// key is the source a penalty applies to: the address, or its /64 for IPv6.
func (p *penalties) key(a netip.Addr) (netip.Prefix, bool) {
	a = a.Unmap()
	if !a.IsValid() || p.cfg.After < 0 {
		return netip.Prefix{}, false
	}
	for _, e := range p.exempt {
		if e.Contains(a) {
			return netip.Prefix{}, false
		}
	}
	return sourcePrefix(a), true
}

// refused reports how much longer a is refused, or 0.
func (p *penalties) refused(a netip.Addr) time.Duration {
	k, ok := p.key(a)
	if !ok {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if src := p.m[k]; src != nil {
		return max(src.until.Sub(p.now()), 0)
	}
	return 0
}

// fail counts a failure from a; when it completes a round it returns the source and how long
// it is now refused.
func (p *penalties) fail(a netip.Addr) (netip.Prefix, time.Duration) {
	k, ok := p.key(a)
	if !ok {
		return k, 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	src := p.m[k]
	if src != nil && now.Sub(src.last) > p.cfg.Forget && !now.Before(src.until) {
		src = nil
	}
	if src == nil {
		if len(p.m) >= maxPenaltySources && !p.sweep(now) {
			return k, 0
		}
		src = &source{}
		p.m[k] = src
	}
	src.last = now
	src.failures++
	if src.failures < p.cfg.After {
		return k, 0
	}
	src.failures = 0
	src.rounds++
	d := p.cfg.Max
	if src.rounds <= 30 {
		d = min(p.cfg.Base<<(src.rounds-1), p.cfg.Max)
	}
	src.until = now.Add(d)
	return k, d
}

// succeeded clears a's failure count: a user who mistyped and then got in is not an attacker.
func (p *penalties) succeeded(a netip.Addr) {
	k, ok := p.key(a)
	if !ok {
		return
	}
	p.mu.Lock()
	if src := p.m[k]; src != nil {
		src.failures = 0
	}
	p.mu.Unlock()
}

// sweep drops forgotten sources; it reports whether there is room afterwards. Caller holds mu.
func (p *penalties) sweep(now time.Time) bool {
	for k, src := range p.m {
		if now.Sub(src.last) > p.cfg.Forget && !now.Before(src.until) {
			delete(p.m, k)
		}
	}
	return len(p.m) < maxPenaltySources
}
