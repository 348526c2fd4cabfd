package tui

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// plan is an action as the CLI lines it runs. The console shows the lines before running them and
// logs them with their results: an action is nothing but these commands.
type plan struct {
	title     string
	lines     []string
	danger    bool       // disruptive: confirmed with y
	touches   []resource // what to read again afterwards
	quitAfter bool       // quit once it succeeded (save at quit)
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
	return plan{title: "describe " + ifname, touches: []resource{resIfBrief},
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
	return plan{title: "save the running configuration", lines: []string{"save force"}}
}

// lineResult is what one line of an action or a paste did.
type lineResult struct {
	prompt, line, output, err string
}

// logRecord is an entry of the command log.
type logRecord struct {
	at      time.Time
	title   string
	results []lineResult
	skipped int // lines not run after a failure
	failed  bool
}

// confirm opens the dialog that shows an action's commands before they run.
func (m *Model) confirm(p plan) {
	lines := []textLine{{"These commands will run on the device:", kindText}, {"", kindText}}
	for _, l := range p.lines {
		lines = append(lines, textLine{"    " + CleanLine(l), kindAccent})
	}
	hint := "enter/y: run · esc: cancel"
	if p.danger {
		lines = append(lines, textLine{"", kindText}, textLine{"This is disruptive. Type y to run it.", kindWarn})
		hint = "y: run · esc/n: cancel"
	}
	m.dlg = &dialog{kind: dlgConfirm, title: p.title, body: pane{lines: lines}, plan: &p, danger: p.danger, hint: hint}
}

// planDoneMsg is the outcome of an action.
type planDoneMsg struct {
	plan    plan
	results []lineResult
	skipped int
	failed  bool
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
		res, skipped, failed := runLines(ctx, sh, p.lines)
		sh.Reset()
		return planDoneMsg{plan: p, results: res, skipped: skipped, failed: failed}
	}
}

// runLines runs lines in order and stops at the first error; it returns a result per line run,
// the number of lines left unrun, and whether one failed.
func runLines(ctx context.Context, sh Shell, lines []string) ([]lineResult, int, bool) {
	var res []lineResult
	for i, l := range lines {
		var b bytes.Buffer
		r := lineResult{prompt: CleanLine(sh.Prompt()), line: CleanLine(l)}
		err := sh.Exec(ctx, l, &b)
		r.output = strings.TrimRight(Clean(b.String()), "\n")
		if err != nil {
			r.err = CleanLine(strings.TrimSpace(errText(err)))
			return append(res, r), len(lines) - i - 1, true
		}
		res = append(res, r)
	}
	return res, 0, false
}

// planDone logs an action's outcome and reads again what it changed.
func (m *Model) planDone(msg planDoneMsg) tea.Cmd {
	m.busy = false
	m.logRecord(logRecord{at: m.opt.Now(), title: msg.plan.title, results: msg.results, skipped: msg.skipped, failed: msg.failed})
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
	m.cmdlog = append(m.cmdlog, r)
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
	out := []textLine{{fmt.Sprintf(" %s %s %s", r.at.Format("15:04:05"), mark, r.title), kind}}
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
