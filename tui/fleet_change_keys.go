package tui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/fanout"
)

// The change's keys, phase by phase, and its confirmations. A confirmation drops the keys that
// arrive within DialogGuard of it (typed ahead, or a paste without bracketed paste), as the
// console's dialogs do; a batch with disruptive lines is confirmed by typing a word, never one key.

// changeKey handles a key while a change is open.
func (f *fleetModel) changeKey(msg tea.KeyPressMsg) tea.Cmd {
	c := f.chg
	s := msg.String()
	if c.dlg != nil {
		if f.keyNow().Sub(c.dlgAt) < DialogGuard {
			c.typedAway++
			return nil
		}
		return f.changeDialogKey(msg)
	}
	if c.bar.active {
		filterBarKey(&c.bar, &c.table, msg)
		return nil
	}
	// The tools (search, sort, copy, the plain view, the mouse) but in the editor, which types
	// them; in the preview y runs and P raises the parallel count, so Y copies there.
	if c.phase != chgEdit && !(c.phase == chgPreview && c.detail == nil && (s == "y" || s == "P")) {
		if cmd, ok := f.toolKey(msg); ok {
			return cmd
		}
	}
	if c.detail != nil {
		switch s {
		case "esc", "q", "enter":
			c.detail = nil
		default:
			scrollKey(c.detail, s)
		}
		return nil
	}
	switch c.phase {
	case chgEdit:
		return f.changeEditKey(msg)
	case chgChecking:
		if s == "esc" || s == "ctrl+c" {
			f.closeChange()
			f.setStatus("change cancelled: nothing was run", false)
		}
	case chgPreview:
		return f.changePreviewKey(s)
	case chgRunning, chgSaving:
		switch s {
		case "/":
			c.bar.open('/', c.table.filter)
		case "esc", "ctrl+c":
			if !c.canceled {
				c.canceled = true
				c.cancel(errChangeCancelled)
				f.setStatus("stopping: the devices not started will not run", true)
			}
		default:
			f.changeTableKey(s)
		}
	case chgDone:
		switch s {
		case "/":
			c.bar.open('/', c.table.filter)
		case "esc":
			if c.table.filter != "" {
				c.table.setFilter("")
				return nil
			}
			f.closeChange()
		case "q":
			f.closeChange()
		case "s":
			f.confirmSave()
		default:
			f.changeTableKey(s)
		}
	}
	return nil
}

// scrollKey scrolls a pane with the console's keys.
func scrollKey(p *pane, s string) {
	switch s {
	case "up", "k":
		p.scroll(-1)
	case "down", "j":
		p.scroll(1)
	case "pgup":
		p.scroll(-p.height)
	case "pgdown", "space":
		p.scroll(p.height)
	case "home", "g":
		p.off = 0
	case "end", "G":
		p.bottom()
	}
}

// changeTableKey moves over the run's devices; enter shows the one under the cursor's transcript.
func (f *fleetModel) changeTableKey(s string) {
	c := f.chg
	switch s {
	case "up", "k":
		c.table.move(-1)
	case "down", "j":
		c.table.move(1)
	case "pgup":
		c.table.move(-c.table.height)
	case "pgdown":
		c.table.move(c.table.height)
	case "home", "g":
		c.table.top()
	case "end", "G":
		c.table.bottom()
	case "enter":
		if r, ok := c.table.selected(); ok {
			f.showTranscript(r[ccName])
		}
	}
}

// showTranscript shows what a device ran: each line after its prompt, with its output or error,
// as the command log shows it.
func (f *fleetModel) showTranscript(name string) {
	c := f.chg
	d := c.device(name)
	if d == nil {
		return
	}
	var ls []textLine
	head := fmt.Sprintf(" %s · %s", CleanLine(d.name), d.state)
	if d.reason != "" {
		head += " · " + d.reason
	}
	ls = append(ls, textLine{head, kindHeader}, textLine{"", kindText})
	if len(d.out.results) == 0 {
		ls = append(ls, textLine{" Nothing ran on this device.", kindMuted})
	}
	ls = append(ls, recordLines(logRecord{at: f.opt.Now(), title: "change", results: d.out.results, skipped: d.out.skipped,
		failed: d.state != "ok"})[1:]...)
	if d.saveState != "" {
		ls = append(ls, textLine{"", kindText}, textLine{" save: " + d.saveState + " " + d.saveReason, kindHeader})
		ls = append(ls, recordLines(logRecord{results: d.saveOut.results})[1:]...)
	}
	c.detail, c.dname = &pane{lines: ls}, d.name
}

// changeEditKey edits the batch a line at a time.
func (f *fleetModel) changeEditKey(msg tea.KeyPressMsg) tea.Cmd {
	c := f.chg
	switch msg.String() {
	case "esc", "ctrl+c":
		f.closeChange()
		f.setStatus("change cancelled: nothing was run", false)
	case "enter":
		line := c.edit.Value()
		if strings.TrimSpace(line) == "" {
			if len(c.lines) == 0 {
				f.setStatus("type the batch's first line, or paste the batch", true)
				return nil
			}
			return f.checkChange()
		}
		if len(c.lines)+1 > ChangeMaxLines || batchBytes(append(c.lines, line)) > ChangeMaxBytes {
			f.refuseChange(batchBytes(append(c.lines, line)), len(c.lines)+1)
			return nil
		}
		c.lines = append(c.lines, line)
		c.edit.Reset()
		f.changeEditView()
	case "backspace":
		if c.edit.Value() == "" && len(c.lines) > 0 { // back into the line before
			c.edit.SetValue(c.lines[len(c.lines)-1])
			c.edit.CursorEnd()
			c.lines = c.lines[:len(c.lines)-1]
			f.changeEditView()
			return nil
		}
		c.edit.Update(msg)
	case "up", "down", "pgup", "pgdown":
		scrollKey(&c.view, msg.String())
	default:
		c.edit.Update(msg)
	}
	return nil
}

// changePreviewKey scrolls the preview, sets the staging and asks to run.
func (f *fleetModel) changePreviewKey(s string) tea.Cmd {
	c := f.chg
	n := len(c.devs)
	switch s {
	case "esc", "q", "ctrl+c":
		f.closeChange()
		f.setStatus("change cancelled: nothing was run", false)
	case "c":
		c.canary = max(c.canary-1, 0)
	case "C":
		c.canary = min(c.canary+1, n)
	case "w":
		c.wave = max(c.wave-1, 1)
	case "W":
		c.wave = min(c.wave+1, max(n, 1))
	case "p":
		c.parallel = max(c.parallel-1, 1)
	case "P":
		c.parallel = min(c.parallel+1, fanout.MaxParallel)
	case "f":
		c.keepGoing = !c.keepGoing
	case "enter", "y":
		f.confirmRun()
	default:
		scrollKey(&c.view, s)
	}
	return nil
}

// confirmRun asks before the run: which devices, in which waves, what is left out. With disruptive
// lines the answer is typed: yes, or the number of devices.
func (f *fleetModel) confirmRun() {
	c := f.chg
	run, out := c.split()
	if len(run) == 0 {
		f.setStatus("nothing to run: every device failed the check", true)
		return
	}
	ls := []textLine{{fmt.Sprintf("%d lines will run on %s, as one operation (%s):", len(c.lines), countWord(len(run), "device", "devices"), c.id), kindText}}
	next := 0
	for i, size := range c.plan().Waves(len(run)) {
		label := fmt.Sprintf("wave %s", c.waveName(i))
		if c.canary > 0 && i == 0 {
			label = "canary"
		}
		ls = append(ls, textLine{fmt.Sprintf("  %-8s %s", label, CleanLine(strings.Join(run[next:next+size], ", "))), kindAccent})
		next += size
	}
	if c.keepGoing {
		ls = append(ls, textLine{"A failure does not stop the devices after it.", kindWarn})
	} else {
		ls = append(ls, textLine{"The first failure stops every device not started yet.", kindText})
	}
	if len(out) > 0 {
		ls = append(ls, textLine{"Left out (the check failed): " + CleanLine(strings.Join(out, ", ")), kindWarn})
	}
	if u := c.unchecked(); len(u) > 0 {
		ls = append(ls, textLine{"Not checked (real switches): " + CleanLine(strings.Join(u, ", ")) + ": read every line.", kindWarn})
	}
	ls = append(ls, textLine{"Nothing is saved: s saves on the devices that succeeded, after the run.", kindMuted})
	title := fmt.Sprintf("Run the change on %s?", countWord(len(run), "device", "devices"))
	if c.nDisrup > 0 {
		ls = append(ls, textLine{"", kindText}, textLine{fmt.Sprintf("The batch has %s: %s.", countWord(c.nDisrup, "disruptive line", "disruptive lines"),
			strings.Join(c.disruptiveNumbers(), ", ")), kindWarn})
		c.answer = strconv.Itoa(len(run))
		d := inputDialog(title, fmt.Sprintf("Type yes or %s (the number of devices), then enter:", c.answer), "", nil)
		d.hint, d.danger, d.body, d.text = "enter: run · esc: back", true, pane{lines: ls}, ls
		c.dlg = d
	} else {
		c.answer = ""
		c.dlg = &dialog{kind: dlgConfirm, title: title, body: pane{lines: ls}, text: ls, hint: "enter/y: run · esc: back"}
	}
	c.dlgAt, c.typedAway, c.dlgSave = f.keyNow(), 0, false
}

func (c *changeMany) unchecked() []string {
	var out []string
	for _, d := range c.devs {
		if d.check.unchecked {
			out = append(out, d.name)
		}
	}
	return out
}

func (c *changeMany) disruptiveNumbers() []string {
	var out []string
	for i, why := range c.why {
		if why != "" {
			out = append(out, fmt.Sprintf("line %d %s", i+1, why))
		}
	}
	return out
}

// saveable counts the devices the change succeeded on that are not saved yet.
func (c *changeMany) saveable() int {
	n := 0
	for _, d := range c.devs {
		if d.state == "ok" && d.saveState == "" {
			n++
		}
	}
	return n
}

// confirmSave asks before saving on the devices the change succeeded on.
func (f *fleetModel) confirmSave() {
	c := f.chg
	var ok, not []string
	for _, d := range c.devs {
		if d.state == "ok" && d.saveState == "" {
			ok = append(ok, d.name)
		} else if d.saveState == "" {
			not = append(not, d.name+" ("+d.state+")")
		}
	}
	if len(ok) == 0 {
		f.setStatus("nothing to save: no device is left that the change succeeded on", true)
		return
	}
	ls := []textLine{{"save force will write the running configuration to the next-startup file on:", kindText},
		{"    " + CleanLine(strings.Join(ok, ", ")), kindAccent}}
	if len(not) > 0 {
		ls = append(ls, textLine{"Not saved (the change did not succeed there): " + CleanLine(strings.Join(not, ", ")), kindWarn})
	}
	c.answer = ""
	c.dlg = &dialog{kind: dlgConfirm, title: fmt.Sprintf("Save on %s?", countWord(len(ok), "device", "devices")), body: pane{lines: ls},
		text: ls, hint: "enter/y: save · esc: back"}
	c.dlgSave = true
	c.dlgAt, c.typedAway = f.keyNow(), 0
}

// changeDialogKey answers the run's or the save's confirmation.
func (f *fleetModel) changeDialogKey(msg tea.KeyPressMsg) tea.Cmd {
	c := f.chg
	d := c.dlg
	s := msg.String()
	if s == "esc" || s == "ctrl+c" {
		c.dlg = nil
		f.setStatus("not run", false)
		return nil
	}
	if d.kind == dlgInput {
		if s != "enter" {
			d.input.Update(msg)
			d.errText = ""
			return nil
		}
		if v := strings.ToLower(strings.TrimSpace(d.input.Value())); v != "yes" && v != c.answer {
			d.errText = fmt.Sprintf("type yes or %s to run it; esc goes back", c.answer)
			d.input.Reset()
			return nil
		}
	} else if s != "y" && s != "enter" {
		scrollKey(&d.body, s)
		return nil
	}
	c.dlg = nil
	if c.dlgSave {
		return f.saveChange()
	}
	return f.runChange()
}
