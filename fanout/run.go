package fanout

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Defaults of a Plan's zero fields.
const (
	DefaultParallel = 8
	DefaultTimeout  = 60 * time.Second
	// MaxParallel bounds Parallel whatever is asked: each running device holds a session (a VTY
	// line, or a channel of a pooled connection to a real switch).
	MaxParallel = 64
	// abandonAfter is how long Run waits for a target that ignores its context's end before it
	// reports the device as timed out and goes on without it.
	abandonAfter = 2 * time.Second
)

// Target is one device of a fan-out.
type Target struct {
	Name string
	// Run runs the batch on the device: what the device printed to stdout, Comware's error text to
	// stderr. status is the exec status (0 when every line succeeded); err, when not nil, says why
	// the device could not be run or stopped part-way (unreachable, disconnected) — a result of
	// its own kind, whatever status says. Run must return soon after ctx ends.
	Run func(ctx context.Context, stdout, stderr io.Writer) (status int, err error)
}

// Plan is how a fan-out is staged.
type Plan struct {
	Parallel  int           // devices running at once; 0 is DefaultParallel, at most MaxParallel
	Canary    int           // devices run first, as a wave of their own; 0 for none
	Wave      int           // the size of each later wave; 0 runs the rest as one wave
	KeepGoing bool          // start the next devices after a failure (else they are skipped)
	Timeout   time.Duration // per device; 0 is DefaultTimeout

	// OnStart and OnDone, when set, are told of each device as it starts and ends (the console's
	// live progress). They are called from Run's goroutines, one at a time.
	OnStart func(device string, wave int)
	OnDone  func(Result)
}

// State is how a device's run ended.
type State int

const (
	OK      State = iota // every line succeeded
	Failed               // the device ran the batch and a line failed (status non-zero)
	Error                // the device could not be run, or stopped part-way: unreachable, disconnected, timed out
	Skipped              // not started: an earlier failure stopped the fan-out, or ctx ended
)

func (s State) String() string {
	switch s {
	case OK:
		return "ok"
	case Failed:
		return "failed"
	case Error:
		return "error"
	case Skipped:
		return "skipped"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Result is one device's run.
type Result struct {
	Device string
	Wave   int // 0 is the first wave (the canary's when the plan has one)
	State  State
	Status int
	// Reason says why a device did not succeed, in words for the operator: the first error line
	// for Failed, the error for Error, what stopped the fan-out for Skipped.
	Reason         string
	Stdout, Stderr string
	Took           time.Duration
}

// ErrTimeout is the reason of a device that did not finish within the plan's Timeout.
var ErrTimeout = errors.New("timed out")

// Waves splits n devices as the plan stages them: the canary's wave, then waves of Wave devices.
// Each wave is a count; their sum is n.
func (p Plan) Waves(n int) []int {
	var waves []int
	if c := min(p.Canary, n); c > 0 {
		waves = append(waves, c)
		n -= c
	}
	for n > 0 {
		w := n
		if p.Wave > 0 {
			w = min(p.Wave, n)
		}
		waves = append(waves, w)
		n -= w
	}
	return waves
}

func (p Plan) parallel() int {
	switch {
	case p.Parallel <= 0:
		return DefaultParallel
	case p.Parallel > MaxParallel:
		return MaxParallel
	}
	return p.Parallel
}

func (p Plan) timeout() time.Duration {
	if p.Timeout <= 0 {
		return DefaultTimeout
	}
	return p.Timeout
}

// Run runs every target as the plan stages them, and returns one result per target, in the
// targets' order. It returns when every device it started has ended (or been abandoned after its
// timeout and a grace), so it is bounded by the plan's Timeout per wave.
func Run(ctx context.Context, targets []Target, p Plan) []Result {
	results := make([]Result, len(targets))
	r := &runner{plan: p}
	next := 0
	for wave, size := range p.Waves(len(targets)) {
		batch := targets[next : next+size]
		out := results[next : next+size]
		for i, t := range batch {
			out[i] = Result{Device: t.Name, Wave: wave, State: Skipped}
		}
		next += size
		if why := r.stopped(ctx); why != "" {
			for i := range out {
				out[i].Reason = why
			}
			continue
		}
		r.wave(ctx, batch, out, wave)
	}
	return results
}

// runner is one Run's state: the first failure, which stops the devices not started yet.
type runner struct {
	plan  Plan
	mu    sync.Mutex // first, and the plan's callbacks
	first string     // the first device that did not succeed, "" while none has
}

// stopped says why no more devices start, "" while they may.
func (r *runner) stopped(ctx context.Context) string {
	if ctx.Err() != nil {
		return "not run: the fan-out was cancelled"
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.first != "" && !r.plan.KeepGoing {
		return "not run: stopped after " + r.first + " failed"
	}
	return ""
}

// wave runs one wave's devices, at most Parallel at a time, and fills in their results.
func (r *runner) wave(ctx context.Context, batch []Target, out []Result, wave int) {
	sem := make(chan struct{}, r.plan.parallel())
	var wg sync.WaitGroup
	for i, t := range batch {
		sem <- struct{}{}
		if why := r.stopped(ctx); why != "" {
			<-sem
			out[i].Reason = why
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			r.call(func() {
				if r.plan.OnStart != nil {
					r.plan.OnStart(t.Name, wave)
				}
			})
			out[i] = r.one(ctx, t, wave)
			r.call(func() {
				if out[i].State != OK && r.first == "" {
					r.first = t.Name
				}
				if r.plan.OnDone != nil {
					r.plan.OnDone(out[i])
				}
			})
		}()
	}
	wg.Wait()
}

func (r *runner) call(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f()
}

// one runs one device within the plan's timeout, turning a panic, an error or a hang into a
// result with its reason.
func (r *runner) one(ctx context.Context, t Target, wave int) Result {
	res := Result{Device: t.Name, Wave: wave}
	ctx, cancel := context.WithTimeoutCause(ctx, r.plan.timeout(), ErrTimeout)
	defer cancel()
	var stdout, stderr lockedBuffer
	type ended struct {
		status int
		err    error
	}
	done := make(chan ended, 1)
	start := time.Now()
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- ended{1, fmt.Errorf("internal error: %v", p)}
			}
		}()
		status, err := t.Run(ctx, &stdout, &stderr)
		done <- ended{status, err}
	}()
	var e ended
	select {
	case e = <-done:
	case <-ctx.Done():
		select {
		case e = <-done:
		case <-time.After(abandonAfter):
			e = ended{1, context.Cause(ctx)}
		}
	}
	res.Took = time.Since(start)
	res.Stdout, res.Stderr, res.Status = stdout.String(), stderr.String(), e.status
	switch {
	case e.err == nil && errors.Is(context.Cause(ctx), ErrTimeout):
		// The target returned because its context ended, and may have said nothing of why.
		res.State, res.Reason = Error, timeoutReason(r.plan.timeout())
	case e.err != nil:
		res.State, res.Reason = Error, reason(e.err, context.Cause(ctx), r.plan.timeout())
	case e.status != 0:
		res.State, res.Reason = Failed, firstLine(res.Stderr, fmt.Sprintf("exit status %d", e.status))
	default:
		res.State = OK
	}
	return res
}

func reason(err, cause error, timeout time.Duration) string {
	if errors.Is(err, ErrTimeout) || errors.Is(cause, ErrTimeout) && errors.Is(err, context.DeadlineExceeded) {
		return timeoutReason(timeout)
	}
	return firstLine(err.Error(), "error")
}

func timeoutReason(d time.Duration) string { return fmt.Sprintf("timed out after %s", d) }

// firstLine is the first non-blank line of s without the caret lines Comware puts above an
// error, or def when there is none.
func firstLine(s, def string) string {
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line != "" && strings.Trim(line, "^ ") != "" {
			return line
		}
	}
	return def
}

// lockedBuffer is a target's output: a target abandoned after its timeout may still write.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
