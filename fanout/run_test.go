package fanout

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fake is a device that prints its name, or fails, errs, hangs or panics as told.
type fake struct {
	name string
	do   string // "", "fail", "err", "hang", "stubborn" (ignores ctx), "panic", "slow"
}

func (f fake) target(running *atomic.Int32, peak *atomic.Int32) Target {
	return Target{Name: f.name, Run: func(ctx context.Context, stdout, stderr io.Writer) (int, error) {
		if running != nil {
			n := running.Add(1)
			defer running.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
		}
		switch f.do {
		case "fail":
			fmt.Fprintf(stdout, "ran on %s\n", f.name)
			fmt.Fprint(stderr, "           ^\n % Unrecognized command found at '^' position.\n")
			return 1, nil
		case "err":
			return 1, errors.New("connection refused\nmore")
		case "hang":
			<-ctx.Done()
			return 1, ctx.Err()
		case "stubborn":
			time.Sleep(3 * abandonAfter)
			return 0, nil
		case "panic":
			panic("boom")
		case "slow":
			time.Sleep(20 * time.Millisecond)
		}
		fmt.Fprintf(stdout, "ran on %s\r\n", f.name)
		return 0, nil
	}}
}

func targets(fs ...fake) []Target {
	var ts []Target
	for _, f := range fs {
		ts = append(ts, f.target(nil, nil))
	}
	return ts
}

func states(rs []Result) string {
	var s []string
	for _, r := range rs {
		s = append(s, fmt.Sprintf("%s:%d:%s", r.Device, r.Wave, r.State))
	}
	return strings.Join(s, " ")
}

func TestWaves(t *testing.T) {
	for _, c := range []struct {
		plan Plan
		n    int
		want []int
	}{
		{Plan{}, 5, []int{5}},
		{Plan{Canary: 1}, 5, []int{1, 4}},
		{Plan{Canary: 1, Wave: 2}, 6, []int{1, 2, 2, 1}},
		{Plan{Wave: 3}, 7, []int{3, 3, 1}},
		{Plan{Canary: 9}, 2, []int{2}},
		{Plan{Canary: 1}, 0, nil},
	} {
		if got := c.plan.Waves(c.n); !slices.Equal(got, c.want) {
			t.Errorf("%+v.Waves(%d) = %v, want %v", c.plan, c.n, got, c.want)
		}
	}
}

func TestRunAllSucceed(t *testing.T) {
	var running, peak atomic.Int32
	var ts []Target
	for i := range 20 {
		ts = append(ts, fake{name: fmt.Sprintf("d%02d", i), do: "slow"}.target(&running, &peak))
	}
	rs := Run(context.Background(), ts, Plan{Parallel: 4})
	for i, r := range rs {
		if r.Device != ts[i].Name || r.State != OK || r.Stdout != "ran on "+r.Device+"\r\n" {
			t.Errorf("result %d = %+v", i, r)
		}
	}
	if p := peak.Load(); p > 4 || p < 2 {
		t.Errorf("at most %d devices ran at once, want 2..4 (Parallel 4)", p)
	}
	if s := Summarize(rs); !s.Success() || s.String() != "20 devices: 20 ok" {
		t.Errorf("summary %q", s)
	}
}

func TestRunStopsAtFirstFailure(t *testing.T) {
	ts := targets(fake{name: "canary"}, fake{name: "a1", do: "fail"}, fake{name: "a2"}, fake{name: "b1"}, fake{name: "b2"})
	rs := Run(context.Background(), ts, Plan{Canary: 1, Wave: 2, Parallel: 8})
	if got, want := states(rs), "canary:0:ok a1:1:failed a2:1:ok b1:2:skipped b2:2:skipped"; got != want {
		t.Fatalf("states %s\nwant   %s", got, want)
	}
	if rs[1].Reason != "% Unrecognized command found at '^' position." {
		t.Errorf("failed reason %q: want the error line, not the caret", rs[1].Reason)
	}
	if rs[3].Reason != "not run: stopped after a1 failed" {
		t.Errorf("skipped reason %q", rs[3].Reason)
	}
	if got := Summarize(rs).String(); got != "5 devices: 2 ok, 1 failed, 2 not run" {
		t.Errorf("summary %q", got)
	}

	// A failing canary stops everything after it.
	rs = Run(context.Background(), targets(fake{name: "c", do: "err"}, fake{name: "x"}), Plan{Canary: 1})
	if got := states(rs); got != "c:0:error x:1:skipped" || rs[0].Reason != "connection refused" {
		t.Errorf("states %s, reason %q", got, rs[0].Reason)
	}

	// One at a time, the devices of a wave after the failed one do not start either.
	rs = Run(context.Background(), targets(fake{name: "a", do: "fail"}, fake{name: "b"}), Plan{Parallel: 1})
	if got := states(rs); got != "a:0:failed b:0:skipped" {
		t.Errorf("states %s", got)
	}
}

func TestRunKeepGoing(t *testing.T) {
	ts := targets(fake{name: "a", do: "err"}, fake{name: "b", do: "panic"}, fake{name: "c"}, fake{name: "d", do: "fail"})
	var mu sync.Mutex
	var started, done []string
	rs := Run(context.Background(), ts, Plan{Canary: 1, Wave: 1, KeepGoing: true,
		OnStart: func(d string, _ int) { mu.Lock(); started = append(started, d); mu.Unlock() },
		OnDone:  func(r Result) { mu.Lock(); done = append(done, r.Device); mu.Unlock() }})
	if got := states(rs); got != "a:0:error b:1:error c:2:ok d:3:failed" {
		t.Errorf("states %s", got)
	}
	if rs[1].Reason != "internal error: boom" {
		t.Errorf("panic reason %q", rs[1].Reason)
	}
	if !slices.Equal(started, []string{"a", "b", "c", "d"}) || !slices.Equal(done, started) {
		t.Errorf("started %v, done %v: waves of one run in order", started, done)
	}
}

func TestRunTimeouts(t *testing.T) {
	ts := targets(fake{name: "hang", do: "hang"}, fake{name: "stubborn", do: "stubborn"}, fake{name: "ok"})
	start := time.Now()
	rs := Run(context.Background(), ts, Plan{Timeout: 50 * time.Millisecond, KeepGoing: true})
	if took := time.Since(start); took > abandonAfter+2*time.Second {
		t.Errorf("Run took %s with a device that ignores its context: it must be abandoned", took)
	}
	for _, r := range rs[:2] {
		if r.State != Error || r.Reason != "timed out after 50ms" {
			t.Errorf("%s: %s %q, want error timed out after 50ms", r.Device, r.State, r.Reason)
		}
	}
	if rs[2].State != OK {
		t.Errorf("the device that answered: %+v", rs[2])
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ts := targets(fake{name: "a"}, fake{name: "b"})
	ts[0].Run = func(context.Context, io.Writer, io.Writer) (int, error) { cancel(); return 0, nil }
	rs := Run(ctx, ts, Plan{Canary: 1})
	if got := states(rs); got != "a:0:ok b:1:skipped" || rs[1].Reason != "not run: the fan-out was cancelled" {
		t.Errorf("states %s, reason %q", got, rs[1].Reason)
	}
}

func TestGroupsAndDiff(t *testing.T) {
	rs := []Result{
		{Device: "a", State: OK, Stdout: "VLAN 1\r\nVLAN 10  \r\n"},
		{Device: "b", State: OK, Stdout: "VLAN 1\nVLAN 20\n"},
		{Device: "c", State: OK, Stdout: "VLAN 1\nVLAN 10\n"},
		{Device: "d", State: Error, Reason: "connection refused"},
		{Device: "e", State: Failed, Stderr: "% Wrong parameter found at '^' position.\n"},
	}
	gs := Groups(rs)
	if len(gs) != 3 || !slices.Equal(gs[0].Devices, []string{"a", "c"}) || !slices.Equal(gs[1].Devices, []string{"b"}) ||
		!slices.Equal(gs[2].Devices, []string{"e"}) {
		t.Fatalf("groups %+v: want a,c (line ends and trailing blanks ignored), b, e; d did not run", gs)
	}
	d := Diff("a", gs[0].Output, "b", gs[1].Output, 1)
	for _, want := range []string{"--- a\n", "+++ b\n", "-VLAN 10\n", "+VLAN 20\n", " VLAN 1\n"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if Diff("a", "x\n", "b", "x\n", 3) != "" {
		t.Error("the diff of equal outputs is not empty")
	}
}
