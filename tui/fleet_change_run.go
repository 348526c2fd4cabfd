package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/fanout"
	"vtyd/switchctl"
)

// The change's fan-outs: the check, the run and the save, each a fanout.Run over the devices opened
// one run at a time (deviceTarget). The run and the save stream their progress to the console: the
// fan-out runs on a goroutine a command starts, and tells each device's start and end through a
// channel the console reads one message at a time (listen), so Update never waits for a device.

// checkTimeout bounds a device's check: opening it and parsing the batch.
const checkTimeout = 30 * time.Second

// chgKind is what a chgMsg tells.
type chgKind int

const (
	chgChecked chgKind = iota // every device checked the batch
	chgStarted                // a device started (run or save)
	chgEnded                  // a device ended (run or save)
	chgAllDone                // the run or the save ended
)

// chgMsg is a change's progress.
type chgMsg struct {
	gen    int
	kind   chgKind
	save   bool
	device string
	wave   int
	res    fanout.Result
	out    runOutcome
	checks []checkVerdict
	ch     <-chan chgMsg
}

// checkAll has each device check lines without running them, par at a time. A device that cannot
// be opened fails its check with the fleet's reason; one that cannot check (a real switch) is
// unchecked.
func checkAll(ctx context.Context, fl Fleet, names, lines []string, par int) []checkVerdict {
	var mu sync.Mutex
	verdicts := make([]checkVerdict, len(names))
	ts := make([]fanout.Target, len(names))
	for i, n := range names {
		ts[i] = deviceTarget(fl, n, func(_ context.Context, b Backend, _, _ io.Writer) (int, error) {
			bad, err := b.Console().Check(lines)
			mu.Lock()
			defer mu.Unlock()
			verdicts[i] = checkVerdict{done: true, bad: bad, err: err}
			switch {
			case errors.Is(err, ErrNoDryRun):
				verdicts[i] = checkVerdict{done: true, bad: -1, unchecked: true}
			case err != nil && bad < 0: // not a line's fault: the check itself failed
				verdicts[i] = checkVerdict{done: true, bad: -1, failed: "cannot check: " + CleanLine(errText(err))}
			case err == nil:
				verdicts[i].bad = -1
			}
			return 0, nil
		})
	}
	rs := fanout.Run(ctx, ts, fanout.Plan{Parallel: par, KeepGoing: true, Timeout: checkTimeout})
	mu.Lock()
	defer mu.Unlock()
	for i, r := range rs {
		if r.State != fanout.OK && !verdicts[i].done {
			verdicts[i] = checkVerdict{done: true, bad: -1, failed: CleanLine(r.Reason)}
		}
	}
	return append([]checkVerdict(nil), verdicts...)
}

// changeTarget runs lines on a device as part of operation id and keeps its transcript. A line the
// device refuses is a failure (status 1); a device that ends the session or drops the connection
// before the last line is an error whose reason says so.
func changeTarget(fl Fleet, name string, lines []string, id string, keep func(string, runOutcome)) fanout.Target {
	return deviceTarget(fl, name, func(ctx context.Context, b Backend, stdout, stderr io.Writer) (int, error) {
		sh := &watchedShell{Shell: b.Console()}
		o := runLinesIn(ctx, sh, lines, nil, OpChange, id)
		keep(name, o)
		if !o.ended && sh.lost == nil {
			defer sh.Reset()
		}
		for _, r := range o.results {
			if r.output != "" {
				fmt.Fprintln(stdout, r.output)
			}
			if r.err != "" {
				fmt.Fprintln(stderr, r.err)
			}
		}
		n := len(o.results)
		switch {
		case o.ended && o.skipped > 0:
			return 1, fmt.Errorf("the device ended the session at line %d (%s); %d lines not run", n, endMessage(b), o.skipped)
		case ctx.Err() != nil && o.failed:
			return 1, context.Cause(ctx)
		case sh.lost != nil:
			return 1, fmt.Errorf("disconnected at line %d: %s", n, CleanLine(sh.lost.Error()))
		case o.failed:
			return 1, nil
		}
		return 0, nil
	})
}

// watchedShell tells a line the device refused from a session that broke under it: the first is a
// Comware error (a parse error or a refusal, as switchctl words them, from a simulated device or a
// real one), anything else on a line is the connection's.
type watchedShell struct {
	Shell
	lost error
}

func (w *watchedShell) Exec(ctx context.Context, line string, out io.Writer) error {
	err := w.Shell.Exec(ctx, line, out)
	if err != nil && ctx.Err() == nil && !refusedByDevice(err) && !isSessionEnd(err) {
		w.lost = err
	}
	return err
}

// BeginOperation and JoinOperation pass the audit's operation to the shell underneath.
func (w *watchedShell) BeginOperation(kind string) func() {
	if ops, ok := w.Shell.(operations); ok {
		return ops.BeginOperation(kind)
	}
	return func() {}
}

func (w *watchedShell) JoinOperation(kind, id string) func() {
	if ops, ok := w.Shell.(operations); ok {
		return ops.JoinOperation(kind, id)
	}
	return func() {}
}

// refusedByDevice reports whether err is the device's answer to a line, not a broken session.
func refusedByDevice(err error) bool {
	var pe *switchctl.ParseError
	var ce *switchctl.CommandError
	if errors.As(err, &pe) || errors.As(err, &ce) {
		return true
	}
	for _, e := range []error{switchctl.ErrPermissionDenied, switchctl.ErrLineTooLong, switchctl.ErrNoAnswer,
		switchctl.ErrAborted, switchctl.ErrInvalidValue, switchctl.ErrNotFound, switchctl.ErrInUse,
		switchctl.ErrUnsupported, switchctl.ErrFile} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// stream runs the targets as plan stages them on a goroutine of its own and returns the command
// that reads its first message; each message brings the command that reads the next (listen).
func stream(ctx context.Context, gen int, save bool, ts []fanout.Target, plan fanout.Plan, outcome func(string) runOutcome) tea.Cmd {
	ch := make(chan chgMsg, 2*len(ts)+1) // never full: Run's callbacks must not wait for the console
	plan.OnStart = func(device string, wave int) {
		ch <- chgMsg{gen: gen, kind: chgStarted, save: save, device: device, wave: wave}
	}
	plan.OnDone = func(r fanout.Result) {
		ch <- chgMsg{gen: gen, kind: chgEnded, save: save, device: r.Device, wave: r.Wave, res: r, out: outcome(r.Device)}
	}
	return func() tea.Msg {
		go func() {
			rs := fanout.Run(ctx, ts, plan)
			// Devices that never started (stopped, cancelled) end here, with Run's reason.
			for _, r := range rs {
				if r.State == fanout.Skipped {
					ch <- chgMsg{gen: gen, kind: chgEnded, save: save, device: r.Device, wave: r.Wave, res: r}
				}
			}
			ch <- chgMsg{gen: gen, kind: chgAllDone, save: save}
			close(ch)
		}()
		return listen(ch)()
	}
}

// listen reads the next message of a fan-out; it carries the channel to read the one after.
func listen(ch <-chan chgMsg) tea.Cmd {
	return func() tea.Msg {
		m, ok := <-ch
		if !ok {
			return nil
		}
		m.ch = ch
		return m
	}
}

// transcripts keeps each device's transcript as its target ends; a device abandoned after its
// timeout may still write.
type transcripts struct {
	mu sync.Mutex
	m  map[string]runOutcome
}

func (t *transcripts) keep(name string, o runOutcome) {
	t.mu.Lock()
	t.m[name] = o
	t.mu.Unlock()
}

func (t *transcripts) get(name string) runOutcome {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[name]
}

// runChange starts the run: the devices that passed their check (or cannot check), canary first.
func (f *fleetModel) runChange() tea.Cmd {
	c := f.chg
	var ts []fanout.Target
	tr := &transcripts{m: map[string]runOutcome{}}
	n := 0
	for _, d := range c.devs {
		d.inRun = d.check.passes()
		if !d.inRun {
			d.state, d.reason = "not run", "left out: "+d.checkWord()
			continue
		}
		d.state = "waiting"
		ts = append(ts, changeTarget(f.fleet, d.name, c.lines, c.id, tr.keep))
		n++
	}
	plan := c.plan()
	c.wavesN = len(plan.Waves(n))
	c.phase = chgRunning
	ctx, cancel := context.WithCancelCause(f.opt.Context)
	c.cancel = cancel
	f.changeTableRows()
	return stream(ctx, c.gen, false, ts, plan, tr.get)
}

func (c *changeMany) plan() fanout.Plan {
	return fanout.Plan{Parallel: c.parallel, Canary: c.canary, Wave: c.wave, KeepGoing: c.keepGoing}
}

// saveChange runs save force on every device the change succeeded on, all at once (up to the
// parallelism), as part of the change's operation.
func (f *fleetModel) saveChange() tea.Cmd {
	c := f.chg
	var ts []fanout.Target
	tr := &transcripts{m: map[string]runOutcome{}}
	for _, d := range c.devs {
		if d.state == "ok" {
			d.saveState = "waiting"
			ts = append(ts, changeTarget(f.fleet, d.name, []string{"save force"}, c.id, tr.keep))
		}
	}
	c.phase, c.canceled = chgSaving, false
	ctx, cancel := context.WithCancelCause(f.opt.Context)
	c.cancel = cancel
	f.changeTableRows()
	return stream(ctx, c.gen, true, ts, fanout.Plan{Parallel: c.parallel, KeepGoing: true}, tr.get)
}

// onChange applies a change's progress.
func (f *fleetModel) onChange(msg chgMsg) tea.Cmd {
	c := f.chg
	if c == nil || msg.gen != c.gen {
		return nil // a change closed since: its fan-out was cancelled, its news is dropped
	}
	next := listen(msg.ch)
	switch msg.kind {
	case chgChecked:
		for i, v := range msg.checks {
			c.devs[i].check = v
		}
		c.phase, c.cancel = chgPreview, nil
		f.changePreviewView()
		return nil
	case chgStarted:
		if d := c.device(msg.device); d != nil {
			if msg.save {
				d.saveState = "running"
			} else {
				d.state, d.wave = "running", msg.wave
			}
		}
	case chgEnded:
		f.deviceEnded(msg)
	case chgAllDone:
		c.phase, c.cancel = chgDone, nil
		f.changeFinished(msg.save)
		next = nil
	}
	f.changeTableRows()
	return next
}

func (c *changeMany) device(name string) *chgDevice {
	for _, d := range c.devs {
		if d.name == name {
			return d
		}
	}
	return nil
}

// deviceEnded records a device's result, and what it ran in the session's command log.
func (f *fleetModel) deviceEnded(msg chgMsg) {
	c := f.chg
	d := c.device(msg.device)
	if d == nil {
		return
	}
	r := msg.res
	state := stateWord(r.State)
	reason := strings.TrimPrefix(CleanLine(r.Reason), "not run: ")
	if msg.save {
		d.saveState, d.saveReason, d.saveOut = state, reason, msg.out
	} else {
		d.state, d.reason, d.wave, d.out = state, reason, r.Wave, msg.out
	}
	if len(msg.out.results) == 0 {
		return
	}
	title := fmt.Sprintf("change of %d lines (operation %s)", len(c.lines), c.id)
	if msg.save {
		title = fmt.Sprintf("save after the change (operation %s)", c.id)
	} else {
		f.changed[d.name] = true // the quit rule asks about it until it is saved
	}
	f.cmdlog = append(f.cmdlog, logRecord{at: f.opt.Now(), device: d.name, title: title, results: msg.out.results,
		skipped: msg.out.skipped, failed: r.State != fanout.OK})
}

// changeFinished says how the run or the save went: the devices by state, in the table's words
// (an error is a device that could not run or stopped part-way, whatever the reason: its row says).
func (f *fleetModel) changeFinished(save bool) {
	c := f.chg
	count := map[string]int{}
	n, out := 0, 0
	for _, d := range c.devs {
		st := d.state
		if save {
			st = d.saveState
		}
		switch {
		case !save && !d.inRun:
			out++
			continue
		case st == "":
			continue
		}
		n++
		count[st]++
	}
	parts := []string{fmt.Sprintf("%d ok", count["ok"])}
	for _, st := range []string{"failed", "error", "not run"} {
		if count[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", count[st], st))
		}
	}
	word := "change"
	if save {
		word = "save"
	}
	c.summary = fmt.Sprintf("%s: %s: %s", word, countWord(n, "device", "devices"), strings.Join(parts, ", "))
	if out > 0 {
		c.summary += fmt.Sprintf("; %d left out by the check", out)
	}
	if c.canceled {
		c.summary += " (stopped by the operator)"
	}
	f.setStatus(c.summary, count["ok"] != n)
}

// stateWord is how the change's table words a fan-out state.
func stateWord(s fanout.State) string {
	switch s {
	case fanout.OK:
		return "ok"
	case fanout.Failed:
		return "failed"
	case fanout.Error:
		return "error"
	}
	return "not run"
}
