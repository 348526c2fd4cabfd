package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// Panes that refresh themselves (issue 15, point 4): an interface's detail reads `display
// interface NAME` again every few seconds and draws its rates as sparklines and its counters as
// deltas since it opened; ":watch [INTERVAL] display ..." runs a display command into the main
// pane at an interval, as watch(1) does. A run starts only after the previous one ended, so a slow
// device is never asked twice at once; leaving the pane (esc, another view) ends the refreshes.

// Bounds of a refreshing pane.
const (
	watchDefault = 2 * time.Second // :watch's interval when none is given
	watchMin     = time.Second
	watchMax     = time.Hour
	detailEvery  = 2 * time.Second // the port detail's refresh
	trendSamples = 120             // rate samples a port detail keeps (4 minutes at 2 s)
	watchMaxOut  = 256 << 10       // bytes of a watched command's output kept, as the CLI keeps
)

// trend is the console's one refreshing pane, if any.
type trend struct {
	live    *livePane
	liveSeq int // identifies the live pane's timer chain: a chain of an older pane stops
}

// livePane is a pane that refreshes itself: the detail it draws into and what it runs.
type livePane struct {
	p      *pane // m.detail while it is shown; once the detail changes, the refreshes stop
	title  string
	line   string // the display command
	every  time.Duration
	watch  bool // a ":watch"; else an interface's detail
	seq    int
	busy   bool // a run is out: a tick that comes meanwhile starts none
	runs   int
	lastAt time.Time
	lastOK bool

	opened   time.Time
	in, out  []int64 // input and output rates (bytes/s) read, oldest first
	first    readers.Counters
	last     readers.Counters
	haveBase bool
}

// liveTickMsg asks for the next run of the live pane seq.
type liveTickMsg struct{ seq int }

// liveMsg is a run's output.
type liveMsg struct {
	seq       int
	text, err string
	cut       bool // the output passed watchMaxOut and was cut there
	at        time.Time
}

// startLive makes the detail p refresh itself by running line every interval.
func (m *Model) startLive(p *pane, title, line string, every time.Duration, watch bool) {
	m.liveSeq++
	m.live = &livePane{p: p, title: title, line: line, every: every, watch: watch, seq: m.liveSeq, opened: m.opt.Now()}
}

// liveShown is the live pane if it is still the detail on screen.
func (m *Model) liveShown() *livePane {
	if m.live == nil || m.detail == nil || m.live.p != m.detail {
		return nil
	}
	return m.live
}

// liveNext schedules the live pane's next run, one interval after the last one ended. Tests drive
// the model by hand (manual) and deliver liveTickMsg themselves.
func (m *Model) liveNext() tea.Cmd {
	l := m.liveShown()
	if l == nil || m.manual {
		return nil
	}
	seq := l.seq
	return tea.Tick(l.every, func(time.Time) tea.Msg { return liveTickMsg{seq: seq} })
}

// liveTick runs the live pane's command, unless the pane was left or a run is still out.
func (m *Model) liveTick(msg liveTickMsg) tea.Cmd {
	l := m.liveShown()
	if l == nil || l.seq != msg.seq {
		if m.live != nil && m.live.seq == msg.seq {
			m.live = nil // the pane was left: its chain ends here
		}
		return nil
	}
	if l.busy {
		return nil
	}
	l.busy = true
	sh, ctx, now, line, seq := m.b.Console(), m.opt.Context, m.opt.Now, l.line, l.seq
	return func() tea.Msg {
		out, cut, err := runBounded(ctx, sh, line, watchMaxOut)
		msg := liveMsg{seq: seq, text: out, cut: cut, at: now()}
		if err != nil {
			msg.err = line + ": " + strings.TrimSpace(errText(err))
		}
		return msg
	}
}

// liveDone shows a run's output and schedules the next.
func (m *Model) liveDone(msg liveMsg) tea.Cmd {
	l := m.liveShown()
	if l == nil || l.seq != msg.seq {
		return nil
	}
	l.busy = false
	if !l.watch {
		m.showDetail(detailMsg{title: l.title, text: msg.text, err: msg.err})
		return m.liveNext()
	}
	l.runs++
	l.lastAt, l.lastOK = msg.at, msg.err == ""
	var ls []textLine
	if out := strings.TrimRight(msg.text, "\n"); out != "" {
		for _, s := range strings.Split(out, "\n") {
			ls = append(ls, textLine{" " + s, kindText})
		}
	}
	if msg.cut {
		ls = append(ls, textLine{fmt.Sprintf(" ... output cut at %d KB", watchMaxOut>>10), kindMuted})
	}
	if msg.err != "" {
		ls = append(ls, textLine{" " + msg.err, kindError})
	}
	if len(ls) == 0 {
		ls = []textLine{{" (" + l.line + " printed nothing)", kindMuted}}
	}
	l.p.set(ls)
	return m.liveNext()
}

// errOutputCap stops a watched command whose output passed what the pane keeps.
var errOutputCap = errors.New("tui: output cap reached")

// capWriter keeps the first n bytes written to it, then fails.
type capWriter struct {
	b   bytes.Buffer
	n   int
	cut bool
}

func (w *capWriter) Write(p []byte) (int, error) {
	if room := w.n - w.b.Len(); len(p) > room {
		w.b.Write(p[:max(room, 0)])
		w.cut = true
		return max(room, 0), errOutputCap
	}
	return w.b.Write(p)
}

// runBounded is run with the output kept to n bytes: a longer one is cut, not an error.
func runBounded(ctx context.Context, sh Shell, line string, n int) (string, bool, error) {
	w := &capWriter{n: n}
	err := sh.Exec(ctx, line, w)
	if w.cut {
		err = nil
		// Cut at a line end: a half line would be drawn as if whole.
		if i := bytes.LastIndexByte(w.b.Bytes(), '\n'); i >= 0 {
			w.b.Truncate(i + 1)
		}
	}
	return Clean(w.b.String()), w.cut, err
}

// watchUsage is what a ":watch" the console cannot run says.
const watchUsage = "usage: :watch [INTERVAL] display ... (INTERVAL 1s to 1h, default 2s; esc stops)"

// startWatch is ":watch [INTERVAL] CMD": the main pane shows CMD's output, run again at the
// interval until esc or another view.
func (m *Model) startWatch(arg string) tea.Cmd {
	f := strings.Fields(arg)
	every := watchDefault
	if len(f) > 0 {
		if d, ok, err := watchInterval(f[0]); err != nil {
			m.setStatus(err.Error()+" · "+watchUsage, true)
			return nil
		} else if ok {
			every, f = d, f[1:]
		}
	}
	if len(f) == 0 || !isDisplay(strings.ToLower(f[0])) {
		m.setStatus(watchUsage, true)
		return nil
	}
	line := strings.Join(f, " ")
	title := fmt.Sprintf("watch every %s · %s", every, line)
	m.detail = &pane{title: title, lines: []textLine{{" running " + line + " ...", kindMuted}}}
	m.focus = focusMain
	m.layout()
	m.startLive(m.detail, title, line, every, true)
	m.setStatus("watching "+line+" every "+every.String()+" (esc stops, z zooms)", false)
	return m.liveTick(liveTickMsg{seq: m.live.seq})
}

// watchInterval reads ":watch 5s" or ":watch 5" (seconds); ok is false for a word that is not an
// interval (the command itself).
func watchInterval(s string) (time.Duration, bool, error) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		d, err = time.ParseDuration(s + "s")
	}
	if err != nil {
		return 0, false, fmt.Errorf("watch: %q is not an interval", s)
	}
	if d < watchMin || d > watchMax {
		return 0, false, fmt.Errorf("watch: interval %s is outside 1s to 1h", d)
	}
	return d, true, nil
}

// liveInfo is the line above a live pane: what refreshes it and when it last ran.
func (m *Model) liveInfo() string {
	l := m.liveShown()
	if l == nil {
		return " esc: back · ↑/↓ pgup/pgdn: scroll"
	}
	when := "first run ..."
	if l.runs > 0 {
		when = fmt.Sprintf("run %d at %s", l.runs, l.lastAt.Format("15:04:05"))
		if !l.lastOK {
			when += " (failed)"
		}
	}
	if !l.watch {
		return fmt.Sprintf(" esc: back · ↑/↓: scroll · refreshes every %s · %s", l.every, when)
	}
	return fmt.Sprintf(" every %s · %s · esc: stop · z: zoom", l.every, when)
}
