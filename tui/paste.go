package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
)

// PasteLimit is the most text one paste may carry (the device's limit, as in the line CLI); more is
// refused with the upload workflow.
const PasteLimit = switchctl.PasteLimit

// pasteBatch is a pasted text on its way to the CLI: shown, checked line by line, then run.
type pasteBatch struct {
	lines   []string
	bytes   int
	checked bool
	dryless bool // the device cannot check without running (ErrNoDryRun): the lines are shown unchecked
	bad     int  // index of the first line the grammar rejects, -1 when all parse
	err     error
	running bool
}

// pasteCheckedMsg is the grammar's verdict on a batch.
type pasteCheckedMsg struct {
	bad int
	err error
}

// pasteDoneMsg is the outcome of running a batch.
type pasteDoneMsg struct {
	results []lineResult
	skipped int
	failed  bool
	ended   bool // a line ended the session (quit in user view)
	prompt  string
	before  string // the running configuration before the paste ran, to undo it (paste_undo.go)
}

// paste takes a bracketed paste. Into a dialog's input or the ":" line it is typed text; a single
// line goes into the CLI line; anything with a line break is a batch that is checked before it
// may run.
func (m *Model) paste(content string) tea.Cmd {
	text := strings.ReplaceAll(strings.ReplaceAll(content, "\r\n", "\n"), "\r", "\n")
	oneLine := !strings.Contains(text, "\n")
	switch {
	case m.dlg != nil && m.dlg.kind == dlgInput && oneLine:
		m.dlg.input.SetValue(m.dlg.input.Value() + text)
		m.dlg.input.CursorEnd()
		return nil
	case m.dlg != nil:
		return nil
	case m.bar.active && oneLine:
		m.bar.in.SetValue(m.bar.in.Value() + text)
		m.bar.in.CursorEnd()
		return nil
	case len(content) > PasteLimit:
		m.refusePaste(len(content))
		return nil
	case oneLine:
		m.focus = focusCLI
		m.cli.in.SetValue(m.cli.in.Value() + CleanLine(text))
		m.cli.in.CursorEnd()
		return nil
	case m.cli.busy:
		m.setStatus("paste ignored: a command is still running", true)
		return nil
	}
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	pb := &pasteBatch{lines: lines, bytes: len(content), bad: -1}
	m.dlg = &dialog{kind: dlgPaste, title: fmt.Sprintf("Paste: %d lines, %d bytes", len(lines), len(content)), paste: pb}
	for i, l := range lines {
		if r, bad := hasControl(l); bad {
			pb.checked, pb.bad = true, i
			pb.err = fmt.Errorf("the line holds a control character (%s); nothing was run", CleanLine(string(r)))
			m.showPaste()
			return nil
		}
	}
	m.showPaste()
	sh := m.b.CLI()
	return func() tea.Msg {
		bad, err := sh.Check(lines)
		return pasteCheckedMsg{bad: bad, err: err}
	}
}

// refusePaste says why a paste of n bytes did not run, and how to load that much.
func (m *Model) refusePaste(n int) {
	m.dlg = infoDialog("Paste refused: too large", refusal(n))
	m.dlg.danger = true
}

// refusal is the device's refusal of a paste of n bytes (switchctl.PasteRefusal), laid out for the
// dialog: what happened as a warning, the commands to type highlighted.
func refusal(n int) []textLine {
	var out []textLine
	for i, l := range strings.Split(strings.TrimRight(switchctl.PasteRefusal(n), "\n"), "\n") {
		kind := kindText
		switch {
		case i == 0:
			l, kind = "The paste is "+strings.TrimPrefix(l, "% Paste refused: "), kindWarn
		case strings.HasPrefix(l, "         "):
			kind = kindAccent
		}
		out = append(out, textLine{l, kind})
	}
	return out
}

// showPaste redraws the paste dialog from its batch.
func (m *Model) showPaste() {
	d, pb := m.dlg, m.dlg.paste
	var ls []textLine
	switch {
	case !pb.checked:
		ls = append(ls, textLine{"Checking every line against the grammar ...", kindMuted})
	case pb.dryless:
		ls = append(ls, textLine{"The device cannot check commands without running them: read every line.", kindWarn},
			textLine{fmt.Sprintf("On y the %d lines run one by one in the CLI, stopping at the first error.", len(pb.lines)), kindText})
	case pb.bad >= 0:
		ls = append(ls, textLine{fmt.Sprintf("Line %d is rejected; nothing was run.", pb.bad+1), kindError})
	default:
		ls = append(ls, textLine{fmt.Sprintf("All %d lines parse. They run one by one in the CLI, stopping at the first error.", len(pb.lines)), kindOK})
	}
	ls = append(ls, pasteSummary(pb.lines)...) // disruptive lines and questions (paste_impact.go)
	ls = append(ls, textLine{"", kindText})
	for i, l := range pb.lines {
		prefix := fmt.Sprintf(" %4d  ", i+1)
		kind := kindText
		if i == pb.bad {
			prefix, kind = fmt.Sprintf("✗%4d  ", i+1), kindError
		}
		ls = append(ls, textLine{prefix + CleanLine(l), kind})
		ls = append(ls, pasteLineNotes(l)...)
		if i == pb.bad && pb.err != nil {
			if c := caret(pb.err, 0); c != "" {
				ls = append(ls, textLine{strings.Repeat(" ", 7) + c, kindError})
			}
			ls = append(ls, textLine{strings.Repeat(" ", 7) + strings.TrimSpace(errText(pb.err)), kindError})
		}
	}
	d.body.set(ls)
	d.text, d.wrapped = ls, 0 // wrapped when drawn: a long error reads whole
	danger, _, force := pasteCounts(pb.lines)
	d.danger = pb.bad >= 0 || pb.dryless || danger > 0
	forceHint := ""
	if force > 0 {
		forceHint = " · f: force forms"
	}
	switch {
	case pb.running:
		d.hint = "running ..."
	case pb.dryless:
		d.hint = "y: run unchecked" + forceHint + " · esc: cancel · ↑/↓: scroll"
	case pb.checked && pb.bad < 0 && danger > 0:
		d.hint = "y: run" + forceHint + " · esc: cancel · ↑/↓: scroll"
	case pb.checked && pb.bad < 0:
		d.hint = "enter/y: run" + forceHint + " · esc: cancel · ↑/↓: scroll"
	default:
		d.hint = "esc: close · ↑/↓: scroll"
	}
	if pb.bad >= 0 {
		d.body.off = max(pb.bad+2-d.body.height/2, 0)
	}
}

// pasteKey handles the paste dialog's keys.
func (m *Model) pasteKey(s string) tea.Cmd {
	pb := m.dlg.paste
	switch {
	case pb.running && s == "ctrl+c" && m.cli.stop != nil:
		m.interrupt()
		return nil
	case pb.running:
		return nil
	case s == "esc" || s == "n" || s == "q":
		m.dlg = nil
		m.setStatus("paste cancelled: nothing was run", false)
	case s == "f" && pb.checked:
		if _, _, force := pasteCounts(pb.lines); force > 0 {
			m.dlg = nil
			return m.paste(strings.Join(withForce(pb.lines), "\n") + "\n")
		}
	case (s == "y" || s == "enter" && !pb.dryless && !m.dlg.danger) && pb.checked && pb.bad < 0:
		pb.running = true
		m.showPaste()
		m.cli.busy = true
		ctx, cancel := context.WithCancel(m.opt.Context)
		m.cli.stop = cancel
		sh, con, lines := m.b.CLI(), m.b.Console(), pb.lines
		return func() tea.Msg {
			before, _ := run(ctx, con, "display current-configuration")
			o := runLines(ctx, sh, lines, nil, OpPaste)
			return pasteDoneMsg{results: o.results, skipped: o.skipped, failed: o.failed, ended: o.ended, prompt: sh.Prompt(), before: before}
		}
	}
	return nil
}

// pasteChecked shows the grammar's verdict.
func (m *Model) pasteChecked(msg pasteCheckedMsg) {
	if m.dlg == nil || m.dlg.paste == nil {
		return
	}
	pb := m.dlg.paste
	pb.checked, pb.bad, pb.err = true, msg.bad, msg.err
	if msg.err == nil || errors.Is(msg.err, ErrNoDryRun) {
		pb.bad, pb.err, pb.dryless = -1, nil, msg.err != nil
	}
	m.showPaste()
}

// pasteDone prints a batch's results in the CLI, logs it and shows a result per line.
func (m *Model) pasteDone(msg pasteDoneMsg) tea.Cmd {
	c := &m.cli
	c.busy = false
	c.stopped()
	m.noteResults(msg.results)
	for _, r := range msg.results {
		c.print(kindMuted, r.prompt+r.line)
		if r.output != "" {
			c.print(kindText, r.output)
		}
		if r.err != "" {
			c.print(kindError, r.err)
		}
	}
	m.setPrompt(msg.prompt)
	title := fmt.Sprintf("paste of %d lines", len(msg.results)+msg.skipped)
	rec := logRecord{at: m.opt.Now(), title: title, results: msg.results, skipped: msg.skipped, failed: msg.failed}
	m.logRecord(rec)
	var ls []textLine
	for i, r := range msg.results {
		mark, kind := "✓", kindOK
		if r.err != "" {
			mark, kind = "✗", kindError
		}
		ls = append(ls, textLine{fmt.Sprintf("%s%4d  %s", mark, i+1, r.line), kind})
		if r.err != "" {
			ls = append(ls, textLine{"       " + r.err, kindError})
		}
	}
	if msg.skipped > 0 {
		ls = append(ls, textLine{fmt.Sprintf("Stopped: lines %d-%d were not run.", len(msg.results)+1, len(msg.results)+msg.skipped), kindWarn})
		m.setStatus(fmt.Sprintf("✗ %s: stopped at line %d", title, len(msg.results)), true)
	} else {
		m.setStatus(fmt.Sprintf("✓ %s", title), false)
	}
	undo := m.stoppedPasteUndo(msg)
	if undo != nil {
		ls = append(ls, undo.offer...)
	}
	m.dlg = infoDialog("Paste: results", ls)
	m.dlg.danger = msg.failed
	if undo != nil && len(undo.lines) > 0 {
		m.dlg.undo = undo.lines
		m.dlg.hint = "i: undo what ran · enter/esc: close · ↑/↓: scroll"
	}
	if msg.ended {
		m.dlg = nil
		if m.seat != nil {
			return m.seat.ended("the session ended (a pasted line ended it)")
		}
		return m.requestQuit()
	}
	for r := resource(0); r < numRes; r++ {
		m.data.stale[r] = r != resVersion
	}
	return m.fetch(m.staleNeeded()...)
}
