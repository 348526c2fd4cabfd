package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"vtyd/tui/readers"
)

// plan is an action as the CLI lines it runs. The console shows the lines before running them and
// logs them with their results: an action is nothing but these commands.
type plan struct {
	title     string
	lines     []string
	answers   map[int][]string // answers to the questions line i asks (free line asks [Y/N])
	notes     []string         // said under the commands in the confirmation
	danger    bool             // disruptive: confirmed with y
	touches   []resource       // what to read again afterwards
	quitAfter bool             // quit once it succeeded (save at quit)
	ends      bool             // it ends the session (reboot): the console quits after it
}

// The actions. Interface names arrive as tables print them (GE1/0/3) and are written in full in the
// commands (GigabitEthernet1/0/3), as a configuration spells them.

func shutPlan(ifname string, shut bool) plan {
	full := readers.FullIfName(ifname)
	if shut {
		return plan{title: "shut down " + ifname, danger: true, touches: []resource{resIfBrief},
			lines: []string{"system-view", "interface " + full, "shutdown", "return"}}
	}
	return plan{title: "bring up " + ifname, touches: []resource{resIfBrief},
		lines: []string{"system-view", "interface " + full, "undo shutdown", "return"}}
}

func describePlan(ifname, text string) plan {
	cmd := "description " + text
	if strings.TrimSpace(text) == "" {
		cmd = "undo description"
	}
	return plan{title: "describe " + ifname, touches: []resource{resIfBrief, resIfRates},
		lines: []string{"system-view", "interface " + readers.FullIfName(ifname), cmd, "return"}}
}

func accessPlan(ifname string, vlan int) plan {
	return plan{title: fmt.Sprintf("put %s in VLAN %d", ifname, vlan), touches: []resource{resIfBrief, resVLANs},
		lines: []string{"system-view", "interface " + readers.FullIfName(ifname), "port access vlan " + strconv.Itoa(vlan), "return"}}
}

func createVLANPlan(id int, name string) plan {
	lines := []string{"system-view", "vlan " + strconv.Itoa(id)}
	if name != "" {
		lines = append(lines, "name "+name)
	}
	return plan{title: fmt.Sprintf("create VLAN %d", id), touches: []resource{resVLANs}, lines: append(lines, "return")}
}

func renameVLANPlan(id int, name string) plan {
	cmd := "name " + name
	if strings.TrimSpace(name) == "" {
		cmd = "undo name"
	}
	return plan{title: fmt.Sprintf("rename VLAN %d", id), touches: []resource{resVLANs},
		lines: []string{"system-view", "vlan " + strconv.Itoa(id), cmd, "return"}}
}

func deleteVLANPlan(id int) plan {
	return plan{title: fmt.Sprintf("delete VLAN %d", id), danger: true, touches: []resource{resVLANs, resIfBrief},
		lines: []string{"system-view", "undo vlan " + strconv.Itoa(id), "return"}}
}

func savePlan() plan {
	return plan{title: "save the running configuration", lines: []string{"save force"}, touches: []resource{resStartup}}
}

// lineResult is what one line of an action or a paste did.
type lineResult struct {
	prompt, line, output, err string
}

// logRecord is an entry of the command log.
type logRecord struct {
	at      time.Time
	device  string // the fleet device it ran on; "" in a single-device console
	title   string
	results []lineResult
	skipped int // lines not run after a failure
	failed  bool
}

// confirm opens the dialog that shows an action's commands before they run.
func (m *Model) confirm(p plan) {
	lines := []textLine{{"These commands will run on the device:", kindText}, {"", kindText}}
	for i, l := range p.lines {
		lines = append(lines, textLine{"    " + CleanLine(maskLine(l)), kindAccent})
		for _, a := range p.answers[i] {
			lines = append(lines, textLine{"      (the device asks a question here; the console answers " + a + ")", kindMuted})
		}
	}
	wrap := max(m.geometry().mainW-6, 30)
	for _, n := range p.notes {
		lines = append(lines, textLine{"", kindText})
		for _, l := range strings.Split(ansi.Wordwrap(n, wrap, ""), "\n") {
			lines = append(lines, textLine{l, kindWarn})
		}
	}
	hint := "enter/y: run · esc: cancel"
	if p.danger {
		lines = append(lines, textLine{"", kindText}, textLine{"This is disruptive. Type y to run it.", kindWarn})
		hint = "y: run · esc/n: cancel"
	}
	m.dlg = &dialog{kind: dlgConfirm, title: p.title, body: pane{lines: lines}, text: lines, plan: &p, danger: p.danger, hint: hint}
}

// planDoneMsg is the outcome of an action.
type planDoneMsg struct {
	plan    plan
	results []lineResult
	skipped int
	failed  bool
	ended   bool
}

// runPlan runs an action's lines on the console session, stopping at the first that fails, and
// returns the session to user view whatever happened.
func (m *Model) runPlan(p plan) tea.Cmd {
	if m.busy {
		m.setStatus("another action is running", true)
		return nil
	}
	m.busy = true
	m.setStatus("running: "+p.title, false)
	sh, ctx := m.b.Console(), m.opt.Context
	return func() tea.Msg {
		o := runLines(ctx, sh, p.lines, p.answers, OpAction)
		if !o.ended {
			sh.Reset()
		}
		return planDoneMsg{plan: p, results: o.results, skipped: o.skipped, failed: o.failed, ended: o.ended}
	}
}

// runOutcome is what running a list of lines did: a result per line run, the number of lines left
// unrun, whether one failed, and whether one ended the session.
type runOutcome struct {
	results       []lineResult
	skipped       int
	failed, ended bool
}

// runLines runs lines in order and stops at the first error or at a line that ends the session.
// A line with answers runs with an Asker that gives them, in order; the others keep the session's.
// Results hold the lines as the command log shows them: passwords masked.
func runLines(ctx context.Context, sh Shell, lines []string, answers map[int][]string, kind string) runOutcome {
	return runLinesIn(ctx, sh, lines, answers, kind, "")
}

// runLinesIn is runLines as part of operation id, shared with the other devices of a fan-out; ""
// starts an operation of its own.
func runLinesIn(ctx context.Context, sh Shell, lines []string, answers map[int][]string, kind, id string) runOutcome {
	var o runOutcome
	if ops, ok := sh.(operations); ok { // the audit: these lines are one operation
		if id == "" {
			defer ops.BeginOperation(kind)()
		} else {
			defer ops.JoinOperation(kind, id)()
		}
	}
	for i, l := range lines {
		if ctx.Err() != nil { // Ctrl+C stopped the batch: the rest is not run
			o.failed, o.skipped = true, len(lines)-i
			return o
		}
		var b outputRing // a line that prints without end keeps its tail only
		r := lineResult{prompt: CleanLine(sh.Prompt()), line: CleanLine(maskLine(l))}
		if a, ok := answers[i]; ok {
			sh.SetAsker(&scriptedAsker{answers: a, w: &b})
		}
		err := sh.Exec(ctx, l, &b)
		if _, ok := answers[i]; ok {
			sh.SetAsker(nil)
		}
		r.output = strings.TrimRight(Clean(b.String()), "\n")
		o.results = append(o.results, r)
		switch {
		case isSessionEnd(err):
			o.ended, o.skipped = true, len(lines)-i-1
			return o
		case err != nil:
			o.results[i].err = CleanLine(strings.TrimSpace(errText(err)))
			o.failed, o.skipped = true, len(lines)-i-1
			return o
		}
	}
	return o
}

// maskLine hides the secret of a line that sets a password (password simple|hash|cipher X), as
// the device's own log does: the command log, the confirmation and the CLI line's scrollback show
// "password simple ******".
func maskLine(line string) string {
	type word struct {
		text     string
		from, to int
	}
	var ws []word
	for i := 0; i < len(line); {
		for i < len(line) && line[i] == ' ' {
			i++
		}
		j := i
		for j < len(line) && line[j] != ' ' {
			j++
		}
		if j > i {
			ws = append(ws, word{line[i:j], i, j})
		}
		i = j
	}
	for i := 0; i+2 < len(ws); i++ {
		if strings.EqualFold(ws[i].text, "password") && isOneOf(strings.ToLower(ws[i+1].text), "simple", "hash", "cipher") {
			return line[:ws[i+1].to] + " ******"
		}
	}
	return line
}

func isOneOf(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// planDone logs an action's outcome and reads again what it changed.
func (m *Model) planDone(msg planDoneMsg) tea.Cmd {
	m.busy = false
	m.noteResults(msg.results)
	m.logRecord(logRecord{at: m.opt.Now(), title: msg.plan.title, results: msg.results, skipped: msg.skipped, failed: msg.failed})
	if msg.ended {
		m.setStatus("✓ "+msg.plan.title+": the session ends", false)
		if m.seat != nil {
			return m.seat.ended(msg.plan.title + ": the session ended")
		}
		return tea.Quit
	}
	if msg.failed {
		last := msg.results[len(msg.results)-1]
		m.setStatus(fmt.Sprintf("✗ %s: %q failed: %s", msg.plan.title, last.line, last.err), true)
		m.dlg = infoDialog("Failed: "+msg.plan.title, recordLines(m.cmdlog[len(m.cmdlog)-1]))
	} else {
		m.setStatus(fmt.Sprintf("✓ %s (%d commands)", msg.plan.title, len(msg.results)), false)
		if msg.plan.quitAfter {
			return tea.Quit
		}
	}
	for _, r := range append(msg.plan.touches, resConfig, resLogs) {
		m.data.stale[r] = true
	}
	return m.fetch(m.staleNeeded()...)
}

// logRecord appends to the command log.
func (m *Model) logRecord(r logRecord) {
	if m.seat != nil {
		r.device = m.seat.device
	}
	m.cmdlog = append(m.cmdlog, r)
	m.showLog()
}

// showLog draws the command log in its pane.
func (m *Model) showLog() {
	var lines []textLine
	for _, rec := range m.cmdlog {
		lines = append(lines, recordLines(rec)...)
		lines = append(lines, textLine{"", kindText})
	}
	m.clog.set(lines)
	m.clog.bottom()
}

// recordLines draws one command-log entry: the time and title, then each line with its prompt,
// output and error, then what was not run.
func recordLines(r logRecord) []textLine {
	mark, kind := "✓", kindOK
	if r.failed {
		mark, kind = "✗", kindError
	}
	title := r.title
	if r.device != "" {
		title = r.device + ": " + title
	}
	out := []textLine{{fmt.Sprintf(" %s %s %s", r.at.Format("15:04:05"), mark, title), kind}}
	for _, l := range r.results {
		out = append(out, textLine{"     " + l.prompt + l.line, kindAccent})
		if l.output != "" {
			for _, o := range strings.Split(l.output, "\n") {
				out = append(out, textLine{"       " + o, kindText})
			}
		}
		if l.err != "" {
			out = append(out, textLine{"       " + l.err, kindError})
		}
	}
	if r.skipped > 0 {
		out = append(out, textLine{fmt.Sprintf("     (%d more lines not run)", r.skipped), kindWarn})
	}
	return out
}
