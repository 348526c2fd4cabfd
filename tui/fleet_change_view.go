package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
)

// The change's pane: the editor, the preview (batch, verdicts, staging), the run's devices and a
// device's transcript, drawn in the dashboard's box.

// The run table's columns.
const (
	ccName = iota
	ccWave
	ccState
	ccResult
	ccSave
)

func changeColumns() []column {
	return []column{{title: "Device", width: 12}, {title: "Wave", width: 6}, {title: "State", width: 8},
		{title: "Result", width: 10, flex: true}, {title: "Save", width: 8}}
}

// changeEditView draws the editor: the lines typed so far.
func (f *fleetModel) changeEditView() {
	c := f.chg
	ls := []textLine{
		{fmt.Sprintf(" A batch for %s. Type it a line at a time, or paste it.", c.deviceWord()), kindText},
		{" Enter adds the line; Enter on an empty line checks the batch on every device.", kindMuted},
		{"", kindText},
	}
	for i, l := range c.lines {
		ls = append(ls, textLine{fmt.Sprintf(" %4d  %s", i+1, CleanLine(l)), kindText})
	}
	c.view.set(ls)
	c.view.bottom()
}

// deviceWord is "core1" or "3 devices".
func (c *changeMany) deviceWord() string {
	if len(c.devs) == 1 {
		return CleanLine(c.devs[0].name)
	}
	return fmt.Sprintf("%d devices", len(c.devs))
}

// changePreviewView draws the preview: the batch with its disruptive lines marked, each device's
// verdict, and what will run.
func (f *fleetModel) changePreviewView() {
	c := f.chg
	ls := []textLine{{fmt.Sprintf(" %d lines, %d bytes on %s · operation %s", len(c.lines), c.bytes, c.deviceWord(), c.id), kindText}}
	switch c.nDisrup {
	case 0:
		ls = append(ls, textLine{" No disruptive lines.", kindMuted})
	case 1:
		ls = append(ls, textLine{" ! 1 disruptive line: running it needs a typed confirmation.", kindWarn})
	default:
		ls = append(ls, textLine{fmt.Sprintf(" ! %d disruptive lines: running them needs a typed confirmation.", c.nDisrup), kindWarn})
	}
	if c.phase != chgChecking {
		run, out := c.split()
		switch {
		case len(run) == 0:
			ls = append(ls, textLine{" No device can run it: every check failed.", kindError})
		case len(out) > 0:
			ls = append(ls, textLine{fmt.Sprintf(" %d of %d devices will run it; %s left out (the check failed).",
				len(run), len(c.devs), countWord(len(out), "device", "devices")), kindWarn})
		default:
			ls = append(ls, textLine{fmt.Sprintf(" %s will run it.", countWord(len(run), "device", "devices")), kindOK})
		}
	}
	// The verdicts come before the batch: with a long batch they are what the operator needs first.
	ls = append(ls, textLine{"", kindText}, textLine{" Check (each device parses the batch without running it)", kindHeader})
	for _, d := range c.devs {
		ls = append(ls, d.verdictLines(c.lines)...)
	}
	ls = append(ls, textLine{"", kindText}, textLine{" Batch", kindHeader})
	for i, l := range c.lines {
		if c.why[i] != "" {
			ls = append(ls, textLine{fmt.Sprintf(" !%4d  %s   (%s)", i+1, CleanLine(l), c.why[i]), kindWarn})
			continue
		}
		ls = append(ls, textLine{fmt.Sprintf("  %4d  %s", i+1, CleanLine(l)), kindText})
	}
	c.view.set(ls)
}

func countWord(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// split is the devices that will run the batch and those left out by their check.
func (c *changeMany) split() (run, out []string) {
	for _, d := range c.devs {
		if d.check.passes() {
			run = append(run, d.name)
		} else {
			out = append(out, d.name)
		}
	}
	return run, out
}

// verdictLines is a device's check in the preview: the first bad line with its caret and error.
func (d *chgDevice) verdictLines(lines []string) []textLine {
	name := fit(CleanLine(d.name), 12)
	v := d.check
	switch {
	case !v.done:
		return []textLine{{"   " + name + "  checking ...", kindMuted}}
	case v.failed != "":
		return []textLine{{" ✗ " + name + "  " + v.failed, kindError}}
	case v.unchecked:
		return []textLine{{" ? " + name + "  not checked (a real switch cannot check without running)", kindWarn}}
	case v.bad < 0:
		return []textLine{{" ✓ " + name + "  would pass", kindOK}}
	}
	indent := strings.Repeat(" ", 19)
	ls := []textLine{{fmt.Sprintf(" ✗ %s  line %d is rejected:", name, v.bad+1), kindError}}
	if v.bad < len(lines) {
		ls = append(ls, textLine{indent + CleanLine(lines[v.bad]), kindText})
	}
	if c := caret(v.err, 0); c != "" {
		ls = append(ls, textLine{indent + c, kindError})
	}
	return append(ls, textLine{indent + strings.TrimSpace(CleanLine(errText(v.err))), kindError})
}

// checkWord is why a device is left out of the run.
func (d *chgDevice) checkWord() string {
	if d.check.failed != "" {
		return d.check.failed
	}
	return fmt.Sprintf("the check rejected line %d", d.check.bad+1)
}

// stagingLine is the staging settings, as the keys change them.
func (c *changeMany) stagingLine() string {
	stop := "stop at the first failure"
	if c.keepGoing {
		stop = "continue after a failure"
	}
	wave := fmt.Sprintf("waves of %d", c.wave)
	return fmt.Sprintf(" Staging: canary %d · %s · %s · %d at a time", c.canary, wave, stop, c.parallel)
}

// changeTableRows fills the run's table from the devices.
func (f *fleetModel) changeTableRows() {
	c := f.chg
	rows := make([][]string, 0, len(c.devs))
	for _, d := range c.devs {
		wave := ""
		if d.inRun && d.state != "waiting" {
			wave = c.waveName(d.wave)
		}
		result := d.reason
		switch d.state {
		case "ok":
			result = fmt.Sprintf("%d lines ran", len(d.out.results))
		case "failed":
			result = fmt.Sprintf("line %d: %s", len(d.out.results), d.reason)
		case "running":
			result = "..."
		}
		save := d.saveState
		if save == "ok" {
			save = "saved"
		}
		rows = append(rows, []string{CleanLine(d.name), wave, d.state, result, save})
	}
	c.table.setRows(rows)
}

// waveName is a wave as the table shows it: the canary's, then 1, 2 ...
func (c *changeMany) waveName(w int) string {
	if c.canary > 0 {
		if w == 0 {
			return "canary"
		}
		return fmt.Sprint(w)
	}
	return fmt.Sprint(w + 1)
}

func (f *fleetModel) changeCellStyle(row []string, col int) *lipgloss.Style {
	st := &f.ui.st
	switch {
	case col == ccState || col == ccSave:
		switch row[col] {
		case "ok", "saved":
			return &st.OK
		case "failed", "error":
			return &st.Error
		case "not run":
			return &st.Warn
		case "running", "waiting":
			return &st.Muted
		}
	case col == ccResult && (row[ccState] == "failed" || row[ccState] == "error"):
		return &st.Error
	}
	return nil
}

// changeView draws the change in the dashboard's box, bodyH lines of the screen's width.
func (f *fleetModel) changeView(bodyH int) []string {
	c := f.chg
	st := &f.ui.st
	if c.dlg != nil {
		return c.dlg.renderStyled(st, c.typedAway, f.w, bodyH)
	}
	iw, ih := f.w-2, bodyH-2
	var in []string
	title := "Change many"
	switch {
	case c.detail != nil:
		title = "Change · " + CleanLine(c.dname)
		c.detail.setHeight(ih)
		in = c.detail.render(st, iw, ih)
	case c.phase == chgEdit:
		c.view.setHeight(ih - 1)
		in = append(c.view.render(st, iw, ih-1), " > "+c.edit.View(iw-4, st.Text, st.Accent, true))
	case c.phase == chgChecking || c.phase == chgPreview:
		c.view.setHeight(ih - 1)
		in = append(c.view.render(st, iw, ih-1), st.Accent.Render(fit(c.stagingLine(), iw)))
	default:
		c.table.setHeight(max(ih-2, 1))
		info := c.progressLine()
		if c.table.filter != "" {
			info = " " + filterLine(&c.table, "devices")
		}
		in = append([]string{st.Muted.Render(fit(info, iw))}, c.table.render(st, iw, ih-1, true, f.changeCellStyle)...)
	}
	return box(st, title, in, f.w, bodyH, true)
}

// progressLine is the line above the run's table: where the run is, or how it ended.
func (c *changeMany) progressLine() string {
	done, total := 0, 0
	save := c.phase == chgSaving
	for _, d := range c.devs {
		st := d.state
		if save {
			st = d.saveState
		}
		if st == "" {
			continue
		}
		total++
		if st != "waiting" && st != "running" {
			done++
		}
	}
	switch {
	case c.phase == chgRunning && c.canceled:
		return fmt.Sprintf(" Stopping: %d/%d done; the devices not started will not run", done, total)
	case c.phase == chgRunning:
		return fmt.Sprintf(" Running %d lines · %d/%d done · %s · operation %s", len(c.lines), done, total, countWord(c.wavesN, "wave", "waves"), c.id)
	case save:
		return fmt.Sprintf(" Saving · %d/%d done · operation %s", done, total, c.id)
	}
	return " Operation " + c.id + " · " + c.summary
}

// changeHint is the footer's keys for the change's phase.
func (f *fleetModel) changeHint() string {
	c := f.chg
	switch {
	case c.dlg != nil:
		return ""
	case c.bar.active:
		return c.bar.view(&f.ui.st, f.w)
	case c.detail != nil:
		return " esc: back · ↑/↓: scroll · /: search · y: copy · P: plain"
	case c.phase == chgEdit:
		return " enter: add line · enter on an empty line: check · esc: cancel"
	case c.phase == chgChecking:
		return " checking ... · esc: cancel"
	case c.phase == chgPreview:
		return " enter: run · esc: cancel · c/C canary · w/W wave · f failure · p/P parallel · /: search · Y: copy"
	case c.phase == chgRunning || c.phase == chgSaving:
		return " ↑/↓: device · enter: transcript · esc: stop · /: filter · o: sort"
	}
	if c.saveable() > 0 {
		return " ↑/↓: device · enter: transcript · s: save where it succeeded · esc: close · /: filter · o: sort · y: copy · P: plain"
	}
	return " ↑/↓: device · enter: transcript · esc: close · /: filter · o: sort · y: copy · P: plain"
}
