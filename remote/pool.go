package remote

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
)

// Pool defaults. Comware has 16 (older) or 64 VTY lines; four sessions per device leave most of
// them to the switch's other users.
const (
	DefaultIdle      = 5 * time.Minute
	DefaultPerDevice = 4
	// DefaultKeepalive is how often an open connection is probed; a probe that fails closes it, so
	// the next session dials afresh instead of failing.
	DefaultKeepalive = 30 * time.Second
)

// ErrPoolClosed is returned by Session after Close.
var ErrPoolClosed = errors.New("remote: the connection pool is closed")

// PoolOptions tunes a Pool; zero values take the defaults.
type PoolOptions struct {
	Idle      time.Duration // how long an unused connection stays open (default 5 min)
	PerDevice int           // sessions at once per device; more wait (default 4)
	Keepalive time.Duration // probe interval of an open connection (default 30 s)
}

// Pool keeps one SSH connection per target (Addr+User) warm for a bounded idle time and opens
// session channels on it. At most PerDevice sessions per device run at once; more wait, bounded by
// ctx. A connection found dead (a failed NewSession, a failed keepalive) is replaced once.
type Pool struct {
	opt PoolOptions

	mu      sync.Mutex
	closed  bool
	conns   map[connKey]*pooledConn
	devices map[string]chan struct{}  // Addr -> session slots
	warm    map[connKey][]*warmShell  // idle exec shells (warm.go)
	handoff map[connKey][]chan *Shell // execs waiting for a slot, oldest first: an ending exec hands its shell over (warm.go)
	waiting map[string]int            // Addr -> sessions waiting for a slot: no shell is kept idle then
}

type connKey struct{ addr, user string }

// pooledConn is one SSH connection. mu is held while dialling, so that sessions asking for the
// same connection at once wait for one dial instead of each opening their own.
type pooledConn struct {
	mu     sync.Mutex
	client *ssh.Client // nil until dialled, and again once found dead
	users  int         // sessions open on it (guarded by Pool.mu)
	idle   *time.Timer // closes the connection once unused for Idle (guarded by Pool.mu)
}

// NewPool returns an empty pool.
func NewPool(opt PoolOptions) *Pool {
	if opt.Idle <= 0 {
		opt.Idle = DefaultIdle
	}
	if opt.PerDevice <= 0 {
		opt.PerDevice = DefaultPerDevice
	}
	if opt.Keepalive <= 0 {
		opt.Keepalive = DefaultKeepalive
	}
	return &Pool{opt: opt, conns: map[connKey]*pooledConn{}, devices: map[string]chan struct{}{},
		warm: map[connKey][]*warmShell{}, handoff: map[connKey][]chan *Shell{}, waiting: map[string]int{}}
}

// Session opens a session channel to t on the pooled connection, dialling it when needed. release
// closes the session and frees its slot; call it exactly once (later calls do nothing).
func (p *Pool) Session(ctx context.Context, t Target) (sess *ssh.Session, release func(), err error) {
	sess, release, _, err = p.session(ctx, t, nil)
	return sess, release, err
}

// session is Session for an exec's shell when handed is not nil: while it waits for a slot, an
// exec that ends may hand it a shell instead (putShell), which it returns.
func (p *Pool) session(ctx context.Context, t Target, handed chan *Shell) (sess *ssh.Session, release func(), sh *Shell, err error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, nil, nil, ErrPoolClosed
	}
	slots := p.devices[t.Addr]
	if slots == nil {
		slots = make(chan struct{}, p.opt.PerDevice)
		p.devices[t.Addr] = slots
	}
	k := connKey{t.Addr, t.User}
	c := p.conns[k]
	if c == nil {
		c = &pooledConn{}
		p.conns[k] = c
	}
	p.mu.Unlock()

	select {
	case slots <- struct{}{}:
	default:
		if sh, err := p.waitSlot(ctx, t, slots, handed); sh != nil || err != nil {
			return nil, nil, sh, err
		}
	}
	p.use(c, +1)
	sess, err = p.open(ctx, c, t)
	if err != nil {
		p.use(c, -1)
		<-slots
		return nil, nil, nil, err
	}
	var once sync.Once
	return sess, func() {
		once.Do(func() {
			sess.Close()
			p.use(c, -1)
			<-slots
		})
	}, nil, nil
}

// waitSlot waits for one of the device's session slots (taken when it returns neither a shell nor
// an error), or, for an exec's shell (handed not nil), for the shell of an exec that ends.
func (p *Pool) waitSlot(ctx context.Context, t Target, slots chan struct{}, handed chan *Shell) (*Shell, error) {
	k := connKey{t.Addr, t.User}
	// Counted as waiting before looking for an idle shell to close: a shell put back from then on
	// is handed over or closed rather than kept (warm.go), so none can hold the slot this waits for.
	p.mu.Lock()
	skip := connKey{} // an idle exec shell gives its slot up to a session that has work...
	if handed != nil {
		// ...but an exec runs on its own account's, put back since it looked.
		if sh := p.popWarm(k); sh != nil {
			p.mu.Unlock()
			return sh, nil
		}
		p.handoff[k] = append(p.handoff[k], handed)
		skip = k
	}
	p.waiting[t.Addr]++
	p.mu.Unlock()
	p.evictWarm(t.Addr, skip)
	var err error
	slot := false
	select {
	case slots <- struct{}{}:
		slot = true
	case sh := <-handed: // a nil channel never delivers
		return sh, nil // putShell took this wait off the lists
	case <-ctx.Done():
		err = fmt.Errorf("remote: %s: waiting for a free session (%d in use): %w", t.name(), cap(slots), ctx.Err())
	}
	p.mu.Lock()
	listed := handed == nil || p.unhand(k, handed)
	if listed {
		p.unwait(t.Addr)
	}
	p.mu.Unlock()
	if !listed {
		// putShell took this wait off the lists as it ended otherwise: the shell is on its way, and
		// it is what this exec runs on.
		if slot {
			<-slots
		}
		return <-handed, nil
	}
	return nil, err
}

// unwait counts a session at addr as no longer waiting. The caller holds p.mu.
func (p *Pool) unwait(addr string) {
	if p.waiting[addr]--; p.waiting[addr] <= 0 {
		delete(p.waiting, addr)
	}
}

// unhand takes an exec's hand-off channel off the list of those waiting for a slot; false when it
// was not there (putShell took it off: a shell is on its way). The caller holds p.mu.
func (p *Pool) unhand(k connKey, handed chan *Shell) bool {
	list := p.handoff[k]
	for i, h := range list {
		if h == handed {
			p.handoff[k] = append(list[:i:i], list[i+1:]...)
			if len(p.handoff[k]) == 0 {
				delete(p.handoff, k)
			}
			return true
		}
	}
	return false
}

// open opens a session on c, dialling when c has no live client, and dialling once more when the
// pooled client turns out dead.
func (p *Pool) open(ctx context.Context, c *pooledConn, t Target) (*ssh.Session, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for attempt := 0; ; attempt++ {
		fresh := c.client == nil
		if fresh {
			client, err := p.dial(ctx, t)
			if err != nil {
				return nil, err
			}
			p.mu.Lock()
			closed := p.closed
			p.mu.Unlock()
			if closed { // Close ran while this dialled: do not leave a connection behind it
				client.Close()
				return nil, ErrPoolClosed
			}
			c.client = client
			go p.watch(c, client)
		}
		sess, err := newSession(ctx, c.client, t.timeout())
		if err == nil {
			return sess, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("remote: %s: opening a session: %w", t.name(), ctx.Err())
		}
		c.client.Close()
		c.client = nil
		if fresh || attempt > 0 {
			return nil, fmt.Errorf("remote: %s: opening a session: %w", t.name(), err)
		}
	}
}

// newSession opens a session channel, bounded by ctx and wait: x/crypto waits for the device's
// answer without a limit, and a device that stopped reading (hung, rebooting behind a firewall
// that keeps the TCP connection) would hold every session to it. On expiry the client is closed,
// which ends the pending open.
func newSession(ctx context.Context, client *ssh.Client, wait time.Duration) (*ssh.Session, error) {
	type result struct {
		s   *ssh.Session
		err error
	}
	res := make(chan result, 1)
	go func() {
		s, err := client.NewSession()
		res <- result{s, err}
	}()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case r := <-res:
		return r.s, r.err
	case <-t.C:
		client.Close()
		return nil, ErrTimeout
	case <-ctx.Done():
		// The caller gave up, not the connection: it stays, and the session, if it opens, is closed.
		go func() {
			if r := <-res; r.s != nil {
				r.s.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// dial connects and authenticates, bounded by ctx and the target's timeout.
func (p *Pool) dial(ctx context.Context, t Target) (*ssh.Client, error) {
	if t.HostKey == nil {
		return nil, fmt.Errorf("remote: %s: no host key pinning configured", t.name())
	}
	ctx, cancel := context.WithTimeout(ctx, t.timeout())
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		return nil, fmt.Errorf("remote: %s: %w", t.name(), err)
	}
	// The handshake has no context: the deadline bounds it, and cancelling ctx closes the socket.
	deadline, _ := ctx.Deadline()
	nc.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { nc.Close() })
	cc, chans, reqs, err := ssh.NewClientConn(nc, t.Addr, t.clientConfig())
	if !stop() || err != nil {
		nc.Close()
		if err == nil {
			cc.Close()
			err = ctx.Err()
		}
		return nil, fmt.Errorf("remote: %s: %w", t.name(), err)
	}
	nc.SetDeadline(time.Time{})
	return ssh.NewClient(cc, chans, reqs), nil
}

// watch probes client every Keepalive until it ends, and forgets it then so the next session
// dials afresh.
func (p *Pool) watch(c *pooledConn, client *ssh.Client) {
	done := make(chan struct{})
	go func() {
		client.Wait()
		close(done)
	}()
	tick := time.NewTicker(p.opt.Keepalive)
	defer tick.Stop()
	for {
		select {
		case <-done:
			c.mu.Lock()
			if c.client == client {
				c.client = nil
			}
			c.mu.Unlock()
			return
		case <-tick.C:
			if !keepalive(client, p.opt.Keepalive) {
				client.Close()
			}
		}
	}
}

// keepalive sends an OpenSSH keepalive and waits at most wait for its reply (any reply, even a
// refusal, proves the connection alive).
func keepalive(client *ssh.Client, wait time.Duration) bool {
	res := make(chan error, 1)
	go func() {
		_, _, err := client.SendRequest("keepalive@openssh.com", true, nil)
		res <- err
	}()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case err := <-res:
		return err == nil
	case <-t.C:
		return false
	}
}

// use counts the sessions on c and arms the idle timer when the last one ends.
func (p *Pool) use(c *pooledConn, delta int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c.users += delta
	if c.idle != nil {
		c.idle.Stop()
		c.idle = nil
	}
	if c.users == 0 && !p.closed {
		c.idle = time.AfterFunc(p.opt.Idle, func() { p.expire(c) })
	}
}

// expire closes c's connection when it is still unused.
func (p *Pool) expire(c *pooledConn) {
	// c.mu first: a session that counted itself in before this check then waits for c.mu and
	// redials, and one counted in after it sees the connection gone.
	c.mu.Lock()
	defer c.mu.Unlock()
	p.mu.Lock()
	busy := c.users > 0
	p.mu.Unlock()
	if !busy && c.client != nil {
		c.client.Close()
		c.client = nil
	}
}

// Close closes every connection; sessions open on them end.
func (p *Pool) Close() error {
	p.closeWarm()
	p.mu.Lock()
	p.closed = true
	conns := p.conns
	p.conns = map[connKey]*pooledConn{}
	for _, c := range conns {
		if c.idle != nil {
			c.idle.Stop()
		}
	}
	p.mu.Unlock()
	for _, c := range conns {
		c.mu.Lock()
		if c.client != nil {
			c.client.Close()
			c.client = nil
		}
		c.mu.Unlock()
	}
	return nil
}
