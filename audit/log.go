package audit

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Errors of the command log. A Write that returns one of them did not acknowledge its record.
var (
	ErrClosed  = errors.New("audit: log closed")
	ErrTimeout = errors.New("audit: disk did not answer in time; record not acknowledged")
	ErrBacklog = errors.New("audit: too many records waiting for the disk; record dropped")
)

// Options tune a Log. The zero value works.
type Options struct {
	MaxSize int64         // rotate the live file before it grows past this; default 64 MiB
	Keep    int           // rotated files kept; default 10, negative keeps none
	Timeout time.Duration // longest a Write waits for the disk; default 5 s

	// open replaces the file system under test (a full or stuck disk); nil is os.OpenFile.
	open func(name string) (file, error)
	// gatherWindow replaces the group commit's longest wait under test.
	gatherWindow time.Duration
}

const (
	defaultMaxSize = 64 << 20
	defaultKeep    = 10
	defaultTimeout = 5 * time.Second
	// maxPending bounds the memory held for a disk that stopped answering.
	maxPending = 8 << 20

	// Group commit (Log.gather). An fsync costs far more than a record: a gateway relaying many
	// execs at once paid one per command, its largest cost beyond the SSH handshakes (a build
	// that skipped the fsync relayed 10 % more execs a second). So while sessions write at the same time, the
	// writer waits, gatherWindow at most, for the records it knows are coming before it commits:
	// one of every session that wrote within activeFor and has not Ended (a session writing again
	// and again), and one of every command under way (Begin: an exec is a session of one command,
	// which writes once and ends). They then share an fsync, at the price of acknowledging a
	// command up to gatherWindow later. Nobody waits for a command that has not begun, so
	// sessions that write one after the other (a script's execs in turn), and one writing alone,
	// never wait.
	defaultGatherWindow = 2 * time.Millisecond
	activeFor           = 100 * time.Millisecond
)

// Log is the command log of a gateway. Write is safe for concurrent use.
type Log struct {
	dir string
	opt Options

	mu      sync.Mutex
	pending *batch // records waiting for the writer; guarded by mu
	closed  bool   // guarded by mu
	// active holds the sessions that wrote within activeFor and have not Ended, and when they
	// last wrote; under counts each session's commands under way (Begin) whose records are still
	// to come; inflight counts the Writes not yet returned, and overlapAt is when one began while
	// another was under way. Guarded by mu.
	active    map[string]time.Time
	under     map[string]int
	inflight  int
	overlapAt time.Time
	gathering bool // the writer is in gather

	kick chan struct{} // wakes the writer; capacity 1
	done chan struct{} // closed when the writer ended

	// owned by the writer goroutine after Open
	f    file
	size int64
}

// batch is the records one fsync acknowledges (group commit).
type batch struct {
	buf     []byte
	records int
	err     error
	done    chan struct{}
}

func newBatch() *batch { return &batch{done: make(chan struct{})} }

// Open opens the log in dir, creating dir (0700) and the live file (0600) as needed. A torn last
// line left by a crash is cut away first.
func Open(dir string, opt Options) (*Log, error) {
	if opt.MaxSize <= 0 {
		opt.MaxSize = defaultMaxSize
	}
	if opt.Keep == 0 {
		opt.Keep = defaultKeep
	}
	if opt.Timeout <= 0 {
		opt.Timeout = defaultTimeout
	}
	if opt.open == nil {
		opt.open = openOS
	}
	if opt.gatherWindow <= 0 {
		opt.gatherWindow = defaultGatherWindow
	}
	l := &Log{dir: dir, opt: opt, pending: newBatch(), active: map[string]time.Time{}, under: map[string]int{},
		kick: make(chan struct{}, 1), done: make(chan struct{})}
	if err := l.openLive(); err != nil {
		return nil, fmt.Errorf("audit: open %s: %w", dir, err)
	}
	go l.run()
	return l, nil
}

// Write appends r (its command masked, its time set when zero) and returns once it is on disk.
func (l *Log) Write(r Record) error {
	line, err := r.line(time.Now())
	if err != nil {
		return fmt.Errorf("audit: encode record: %w", err)
	}
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return ErrClosed
	}
	if len(l.pending.buf)+len(line) > maxPending {
		l.mu.Unlock()
		return ErrBacklog
	}
	b := l.pending
	b.buf = append(b.buf, line...)
	b.records++
	now := time.Now()
	if r.Session != "" {
		l.active[r.Session] = now
		if l.under[r.Session] > 1 {
			l.under[r.Session]--
		} else {
			delete(l.under, r.Session)
		}
	}
	if l.inflight > 0 {
		l.overlapAt = now
	}
	l.inflight++
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.inflight--
		l.mu.Unlock()
	}()
	select {
	case l.kick <- struct{}{}:
	default: // the writer is already due to run
	}
	t := time.NewTimer(l.opt.Timeout)
	defer t.Stop()
	select {
	case <-b.done:
		return b.err
	case <-t.C:
		return ErrTimeout
	}
}

// Begin says a command of session is under way: its record will follow. Records written
// meanwhile by other sessions wait for it (gatherWindow at most), to share its fsync.
func (l *Log) Begin(session string) {
	l.mu.Lock()
	l.under[session]++
	l.mu.Unlock()
}

// Ended says that session will write no more records: the writer stops waiting for it.
func (l *Log) Ended(session string) {
	l.mu.Lock()
	_, active := l.active[session]
	_, under := l.under[session]
	delete(l.active, session)
	delete(l.under, session)
	gathering := l.gathering
	l.mu.Unlock()
	if (active || under) && gathering {
		select {
		case l.kick <- struct{}{}: // a gather waiting for it looks again
		default:
		}
	}
}

// Close writes what is waiting and closes the file. It waits at most Options.Timeout.
func (l *Log) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return ErrClosed
	}
	l.closed = true
	l.mu.Unlock()
	select {
	case l.kick <- struct{}{}:
	default:
	}
	t := time.NewTimer(l.opt.Timeout)
	defer t.Stop()
	select {
	case <-l.done:
		if l.f != nil {
			return l.f.Close()
		}
		return nil
	case <-t.C:
		return ErrTimeout
	}
}

// run is the writer: each wake-up takes every record waiting and commits them with one fsync,
// after gathering the records of the other sessions writing at the same time.
func (l *Log) run() {
	defer close(l.done)
	for range l.kick {
		if l.expecting() {
			l.gather()
		}
		// Whether this batch is taken is decided under the lock: a batch left in place (empty)
		// is still the writers', who may append to it the moment the lock is released.
		l.mu.Lock()
		b, closed := l.pending, l.closed
		take := len(b.buf) > 0
		if take {
			l.pending = newBatch()
		}
		l.mu.Unlock()
		if take {
			b.err = l.commit(b.buf)
			close(b.done)
		}
		if closed {
			return
		}
	}
}

// expecting reports whether sessions write at the same time (two Writes overlapped within
// activeFor) and more records than are waiting are known to be coming. It forgets the sessions
// that wrote nothing within activeFor.
func (l *Log) expecting() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	for s, at := range l.active {
		if now.Sub(at) > activeFor {
			delete(l.active, s)
		}
	}
	return now.Sub(l.overlapAt) <= activeFor && !l.gathered()
}

// gathered reports whether the pending batch holds every record known to be coming: one of each
// active session, and none is under way. The caller holds l.mu.
func (l *Log) gathered() bool {
	return l.pending.records >= len(l.active) && len(l.under) == 0
}

// gather waits, gatherWindow at most, until the pending batch holds the records known to be coming
// (gathered; a session waits for its record before it writes another, and one that Ended is not
// waited for), or the log closes.
func (l *Log) gather() {
	t := time.NewTimer(l.opt.gatherWindow)
	defer t.Stop()
	l.mu.Lock()
	l.gathering = true
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.gathering = false
		l.mu.Unlock()
	}()
	for {
		l.mu.Lock()
		enough := l.gathered() || l.closed
		l.mu.Unlock()
		if enough {
			return
		}
		select {
		case <-l.kick:
		case <-t.C:
			return
		}
	}
}
