package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"vtyd/fanout"
	"vtyd/themes"
)

// The results pane of the fleet dashboard: what :ask and :compare ran on the selected devices. The
// fan-out runs in a command of its own (fanJob); Update only reads its progress, so the console
// answers keys while 100 devices run, and esc cancels it (the devices not started are "not run").

// fanJob is one fan-out in the background. Its work calls done as each device ends, and returns
// what the pane shows.
type fanJob struct {
	cancel context.CancelFunc
	mu     sync.Mutex
	ended  []fanout.Result // the devices ended so far, in the order they ended
	kick   chan struct{}   // a device ended (capacity 1: progress coalesces, never blocks Run)
	fin    chan struct{}   // closed once out is set
	out    fanResult
}

// fanProgressMsg is a device of job ended; fanDoneMsg is job finished. A message of a job that is
// not the pane's any more (closed, replaced) is dropped.
type fanProgressMsg struct{ job *fanJob }
type fanDoneMsg struct{ job *fanJob }

// fanResult is what a finished fan-out shows: a table with a Device column first when the console
// read every device's output, else text (groups of identical output, diffs, failures).
type fanResult struct {
	summary string // "3 devices: 2 ok, 1 unreachable or timed out"
	cols    []column
	rows    [][]string
	bad     map[string]bool // table rows of devices that did not answer (drawn as errors)
	lines   []fanLine
}

// fanLine is a line of a text result: words for people wrap; outputs and diffs, which have
// columns, are cut.
type fanLine struct {
	textLine
	wrap bool
}

// startFan starts work in a command and returns the job and the commands that run and watch it.
func startFan(parent context.Context, work func(ctx context.Context, done func(fanout.Result)) fanResult) (*fanJob, tea.Cmd) {
	ctx, cancel := context.WithCancel(parent)
	j := &fanJob{cancel: cancel, kick: make(chan struct{}, 1), fin: make(chan struct{})}
	run := func() tea.Msg {
		defer cancel()
		out := work(ctx, func(r fanout.Result) {
			j.mu.Lock()
			j.ended = append(j.ended, r)
			j.mu.Unlock()
			select {
			case j.kick <- struct{}{}:
			default:
			}
		})
		j.mu.Lock()
		j.out = out
		j.mu.Unlock()
		close(j.fin)
		return nil
	}
	return j, tea.Batch(run, j.wait())
}

// wait is the command that reports the job's next progress, or its end.
func (j *fanJob) wait() tea.Cmd {
	return func() tea.Msg {
		select {
		case <-j.fin:
			return fanDoneMsg{j}
		case <-j.kick:
			return fanProgressMsg{j}
		}
	}
}

// progress is what the job has ended so far.
func (j *fanJob) progress() []fanout.Result {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]fanout.Result(nil), j.ended...)
}

// fanPane is the results pane while it is shown, over the dashboard's table.
type fanPane struct {
	box      string // the box's title: Ask, Compare
	what     string // the question: "display version", "running configuration against core1"
	total    int    // devices asked
	job      *fanJob
	running  bool
	stopping bool // esc was pressed: the job is cancelling
	ended    []fanout.Result
	res      fanResult
	tbl      *table // the result's table, nil for text
	text     pane
	wrappedW int // the width text was wrapped to
	bar      inputBar
}

// openFan shows a new results pane running work on names, replacing (and cancelling) the one
// there was.
func (f *fleetModel) openFan(box, what string, names []string, work func(ctx context.Context, done func(fanout.Result)) fanResult) tea.Cmd {
	f.closeFan()
	job, cmd := startFan(f.opt.Context, work)
	f.fan = &fanPane{box: box, what: what, total: len(names), job: job, running: true}
	f.setStatus("", false)
	return cmd
}

// closeFan leaves the results pane, cancelling its fan-out if it runs.
func (f *fleetModel) closeFan() {
	if f.fan != nil && f.fan.running {
		f.fan.job.cancel()
	}
	f.fan = nil
}

// fanMsg takes a message of a results pane's job.
func (f *fleetModel) fanMsg(msg tea.Msg) tea.Cmd {
	p := f.fan
	switch msg := msg.(type) {
	case fanProgressMsg:
		if p == nil || msg.job != p.job || !p.running {
			return nil
		}
		p.ended = msg.job.progress()
		p.wrappedW = 0
		return msg.job.wait()
	case fanDoneMsg:
		if p == nil || msg.job != p.job {
			return nil
		}
		p.running, p.stopping = false, false
		p.ended = msg.job.progress()
		msg.job.mu.Lock()
		p.res = msg.job.out
		msg.job.mu.Unlock()
		if p.res.cols != nil {
			t := newTable(p.res.cols)
			t.setRows(p.res.rows)
			p.tbl = &t
		}
		p.text.off, p.wrappedW = 0, 0
		f.setStatus(p.what+": "+p.res.summary, false)
	}
	return nil
}

// progressLine is "12/40 done, 1 failed" while the fan-out runs.
func (p *fanPane) progressLine() string {
	bad := 0
	for _, r := range p.ended {
		if r.State != fanout.OK {
			bad++
		}
	}
	s := fmt.Sprintf("%d/%d done", len(p.ended), p.total)
	if bad > 0 {
		s += fmt.Sprintf(", %d failed", bad)
	}
	return s
}

// runningLines list the devices ended so far, the latest last.
func (p *fanPane) runningLines() []fanLine {
	var out []fanLine
	for _, r := range p.ended {
		if r.State == fanout.OK {
			out = append(out, fanLine{textLine{fmt.Sprintf(" ✓ %s  %s", CleanLine(r.Device), r.Took.Round(time.Millisecond)), kindOK}, false})
			continue
		}
		out = append(out, failLine(r))
	}
	return out
}

// failLine is a device that did not answer, with its reason.
func failLine(r fanout.Result) fanLine {
	return fanLine{textLine{fmt.Sprintf(" ✗ %s  %s", CleanLine(r.Device), resultReason(r)), kindError}, true}
}

// resultReason is why a device did not succeed, in the operator's words.
func resultReason(r fanout.Result) string {
	switch r.State {
	case fanout.Failed:
		return "failed: " + CleanLine(r.Reason)
	case fanout.Error:
		if r.Reason == context.Canceled.Error() {
			return "cancelled before it answered"
		}
		return CleanLine(r.Reason)
	case fanout.Skipped:
		return CleanLine(r.Reason)
	}
	return "ok"
}

// asciiGlyphs draws the results' marks in an ASCII theme.
var asciiGlyphs = strings.NewReplacer("✓", "+", "✗", "x", "—", "-", "−", "-", "…", "...")

// fanKey takes a key while the results pane is shown: esc cancels a running fan-out, then closes
// the pane; the keys of tables scroll; / filters a table; : and ? are the dashboard's.
func (f *fleetModel) fanKey(msg tea.KeyPressMsg) tea.Cmd {
	p := f.fan
	k := &f.ui.keys
	s := msg.String()
	if p.bar.active {
		filterBarKey(&p.bar, p.tbl, msg)
		return nil
	}
	if cmd, ok := f.toolKey(msg); ok { // sort, search, copy, the plain view, the mouse
		return cmd
	}
	switch {
	case (s == "esc" || s == "ctrl+c") && p.running:
		p.job.cancel()
		p.stopping = true
	case s == "ctrl+c":
		return f.quit(nil, true)
	case s == "esc" && p.tbl != nil && p.tbl.filter != "":
		p.tbl.setFilter("")
	case s == "esc" || k.Quit.is(msg):
		f.closeFan()
	case k.Command.is(msg):
		f.bar.open(':', "")
	case k.Help.is(msg):
		f.dlg = f.helpDialog()
	case k.Filter.is(msg) && p.tbl != nil:
		p.bar.open('/', p.tbl.filter)
	case k.Up.is(msg):
		p.move(-1)
	case k.Down.is(msg):
		p.move(1)
	case k.PageUp.is(msg):
		p.move(-p.page())
	case k.PageDown.is(msg):
		p.move(p.page())
	case k.Top.is(msg):
		p.move(-1 << 30)
	case k.Bottom.is(msg):
		p.move(1 << 30)
	}
	return nil
}

// badSelected is the reason of the device under the table's cursor when it did not answer: its
// row's last cell is too narrow for it at 80 columns.
func (p *fanPane) badSelected() string {
	if p.tbl == nil {
		return ""
	}
	r, ok := p.tbl.selected()
	if !ok || !p.res.bad[r[0]] {
		return ""
	}
	return r[0] + ": " + r[len(r)-1]
}

func (p *fanPane) move(n int) {
	if p.tbl != nil {
		p.tbl.move(n)
		return
	}
	p.text.scroll(n)
}

func (p *fanPane) page() int {
	if p.tbl != nil {
		return p.tbl.height
	}
	return p.text.height
}

// fanView draws the pane in the dashboard's box: a line of progress or summary, then the table or
// the text, exactly h lines of w cells.
func (f *fleetModel) fanView(w, h int) []string {
	p := f.fan
	st := &f.ui.st
	info := " " + CleanLine(p.what) + " · "
	switch {
	case p.stopping:
		info += p.progressLine() + " · cancelling…"
	case p.running:
		info += p.progressLine() + " · esc: cancel"
	case p.badSelected() != "":
		info = " " + p.badSelected()
	case p.tbl != nil && p.tbl.filter != "":
		info += filterLine(p.tbl, "rows")
	default:
		info += p.res.summary + " · esc: back"
	}
	out := []string{st.Muted.Render(fit(info, w))}
	bodyH := max(h-1, 1)
	if p.tbl != nil {
		p.tbl.setHeight(bodyH - 1) // its heading
		return append(out, p.tbl.render(st, w, bodyH, true, func(row []string, col int) *lipgloss.Style {
			if p.res.bad[row[0]] && col == len(p.res.cols)-1 {
				return &st.Error
			}
			return nil
		})...)
	}
	p.layText(st, w, bodyH)
	p.text.setHeight(bodyH)
	return append(out, p.text.render(st, w, bodyH)...)
}

// layText builds the text the pane shows, wrapped to w cells, once per width and per change: at
// the first frame after the results, or before, when a key searches it.
func (p *fanPane) layText(st *themes.Styles, w, bodyH int) {
	if p.wrappedW == w {
		return
	}
	var src []fanLine
	if p.running {
		src = p.runningLines()
	} else {
		src = p.res.lines
	}
	var lines []textLine
	for _, l := range src {
		if st.ASCII {
			l.text = asciiGlyphs.Replace(l.text)
		}
		if l.wrap {
			lines = append(lines, wrapLines([]textLine{l.textLine}, w)...)
		} else {
			lines = append(lines, l.textLine)
		}
	}
	p.text.set(lines)
	p.wrappedW = w
	if p.running {
		p.text.setHeight(bodyH)
		p.text.bottom()
	}
}

// fanFooter is the footer's keys while the pane is shown.
func (f *fleetModel) fanFooter() string {
	p := f.fan
	if p.bar.active {
		return p.bar.view(&f.ui.st, f.w)
	}
	k := &f.ui.keys
	if p.running {
		return " " + f.ui.help.ShortHelpView(keyList(bind("esc", "cancel", "esc"), k.Up, k.Down, k.Command))
	}
	keys := []Binding{bind("esc", "back", "esc"), k.Up, k.Down, k.PageDown}
	if p.tbl != nil {
		keys = append(keys, k.Filter, shortKey(k.Sort, "sort"))
	} else {
		keys = append(keys, shortKey(searchKey(), "search"))
	}
	return " " + f.ui.help.ShortHelpView(keyList(append(keys, k.Command, k.Help, shortKey(k.Copy, "copy"), shortKey(k.Raw, "plain"))...))
}
