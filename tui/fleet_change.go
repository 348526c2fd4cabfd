package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/fanout"
	"vtyd/tui/term"
)

// Change many (issue 13): one batch of configuration lines on the dashboard's selection. The batch
// comes from a paste on the dashboard or from `:change` (typed a line at a time, or pasted there);
// every selected device checks it without running it (a real switch cannot, and says so), the
// preview marks its disruptive lines and shows each device's verdict with the first bad line and a
// caret, and nothing runs until the operator confirms — deliberately when a line is disruptive.
// The run is staged (a canary, then waves, stopping at the first failure unless told to go on),
// each device's transcript can be read, and saving is a step of its own. The check, the run and
// the save are one audit operation (OpChange) with one id.

// The console's own limit on a change batch. The console is not a line CLI: a batch is checked and
// shown before anything runs, so it may be larger than a paste into a device's CLI (PasteLimit,
// 2000 bytes); beyond this, a configuration is a file to upload, not a batch to type.
const (
	ChangeMaxBytes = 64 << 10
	ChangeMaxLines = 2000
)

// refuseChange says why a batch of size bytes (and lines, 0 when unknown) is not taken, and how to
// load that much: in a dialog, as a device's console refuses a paste over PasteLimit.
func (f *fleetModel) refuseChange(size, lines int) {
	what := fmt.Sprintf("%d bytes", size)
	if lines > 0 {
		what += fmt.Sprintf(", %d lines", lines)
	}
	ls := []textLine{
		{fmt.Sprintf("The batch is %s; change many takes at most %d KiB and %d lines.", what, ChangeMaxBytes>>10, ChangeMaxLines), kindWarn},
		{"Nothing of it was run. A larger configuration is a file: upload it to each switch", kindText},
		{"over SFTP through the gateway, then make it the next-startup configuration:", kindText},
		{"    sftp -P PORT USER@DEVICE@GATEWAY, then put new.cfg", kindAccent},
		{"    startup saved-configuration new.cfg   (on the device), then reboot", kindAccent},
		{"Or change many in parts within the limit.", kindText},
	}
	f.dlg = infoDialog("Batch refused: too large", ls)
	f.dlg.danger = true
	f.setStatus("batch refused: over the change limit; nothing was run", true)
}

// chgPhase is where a change stands.
type chgPhase int

const (
	chgEdit     chgPhase = iota // the batch is being typed (:change)
	chgChecking                 // the devices are checking it
	chgPreview                  // the verdicts, the staging settings; enter asks to run
	chgRunning                  // the waves are running
	chgDone                     // every device has a result; s saves those that succeeded
	chgSaving                   // save force is running on them
)

// changeDefaults are the staging settings a change starts with.
const (
	defaultCanary = 1
	defaultWave   = 5
)

// changeMany is one change across the selection, from the batch to the save.
type changeMany struct {
	phase   chgPhase
	id      string // the audit operation id of the check, the run and the save
	gen     int    // the fleet's change count: messages of an earlier change are dropped
	lines   []string
	bytes   int
	why     []string // per line: why it is disruptive, "" when it is not
	nDisrup int
	devs    []*chgDevice // the selection, in the dashboard's order

	edit lineEdit // the line being typed in chgEdit

	canary, wave, parallel int
	keepGoing              bool

	view   pane     // the editor's and the preview's text
	table  table    // the run's devices
	bar    inputBar // its "/" filter being typed
	detail *pane    // a device's transcript, while shown
	dname  string

	dlg       *dialog // the run's or the save's confirmation
	dlgAt     time.Time
	typedAway int
	answer    string // the deliberate confirmation's expected word (the device count), "" when a key does
	dlgSave   bool   // the confirmation is the save's

	cancel   context.CancelCauseFunc // ends the check, run or save under way
	events   chan chgMsg
	wavesN   int
	summary  string
	canceled bool
}

// chgDevice is one selected device's part in the change.
type chgDevice struct {
	name  string
	check checkVerdict

	inRun  bool   // it passed the check (or cannot check) and takes part in the run
	state  string // waiting, running, ok, failed, error, not run
	wave   int
	reason string
	out    runOutcome // its transcript

	saveState, saveReason string
	saveOut               runOutcome
}

// checkVerdict is a device's check of the batch.
type checkVerdict struct {
	done      bool
	bad       int   // the first line it rejects, -1 for none
	err       error // why (a ParseError carries the caret's position)
	unchecked bool  // the device cannot check without running (a real switch)
	failed    string
}

// passes reports whether the device takes part in the run: its check passed, or it cannot check.
func (v checkVerdict) passes() bool { return v.done && v.failed == "" && v.bad < 0 }

// errChangeCancelled is the cause of a change the operator stopped.
var errChangeCancelled = fmt.Errorf("cancelled by the operator")

// changeCommand is `:change`: the editor for a batch on the selection.
func (f *fleetModel) changeCommand(arg string) tea.Cmd {
	if strings.TrimSpace(arg) != "" {
		f.setStatus("change takes no argument: :change, then type or paste the batch", true)
		return nil
	}
	c := f.newChange()
	if c == nil {
		return nil
	}
	c.phase = chgEdit
	c.edit = lineEdit{limit: 511}
	f.chg = c
	f.changeEditView()
	return nil
}

// newChange starts a change on the selection, or says why it cannot.
func (f *fleetModel) newChange() *changeMany {
	if !CanWrite(f.opt.Role) {
		f.setStatus("change: your role ("+f.opt.Role+") cannot change the configuration", true)
		return nil
	}
	sel := f.selection()
	if len(sel) == 0 {
		f.setStatus("change: no device selected (space marks one, :select NAME,tag:TAG marks several)", true)
		return nil
	}
	f.closeFan() // the change takes the dashboard's pane: an ask's results would sit under it
	f.chgGen++
	id := NewOpID
	if f.opID != nil {
		id = f.opID
	}
	c := &changeMany{id: id(), gen: f.chgGen, canary: defaultCanary, wave: defaultWave, parallel: fanout.DefaultParallel,
		table: newTable(changeColumns())}
	for _, n := range sel {
		c.devs = append(c.devs, &chgDevice{name: n, check: checkVerdict{bad: -1}})
	}
	return c
}

// changePaste takes a paste on the dashboard: typed text into the ":" or "/" line, a line or lines
// into the change editor, and otherwise a new change with the pasted batch.
func (f *fleetModel) changePaste(content string) tea.Cmd {
	text := strings.TrimRight(strings.ReplaceAll(strings.ReplaceAll(content, "\r\n", "\n"), "\r", "\n"), "\n")
	switch {
	case f.tools.find.typing && !strings.Contains(text, "\n"): // into the search being typed
		f.tools.find.in.SetValue(f.tools.find.in.Value() + CleanLine(text))
		f.tools.find.in.CursorEnd()
		f.tools.find.target.search(f.tools.find.in.Value())
		return nil
	case f.tools.find.typing || f.tools.raw != nil || f.tools.picker != nil:
		return nil // the plain view and the theme list take no text; a batch is no search
	case f.bar.active && !strings.Contains(text, "\n"):
		f.bar.in.SetValue(f.bar.in.Value() + CleanLine(text))
		f.bar.in.CursorEnd()
		if f.bar.kind == '/' {
			f.table.setFilter(f.bar.in.Value())
		}
		return nil
	case f.bar.active || f.dlg != nil:
		return nil
	case f.chg != nil && f.chg.phase != chgEdit:
		f.setStatus("paste ignored: a change is open (esc closes it)", true)
		return nil
	case strings.TrimSpace(text) == "":
		return nil
	}
	lines := strings.Split(text, "\n")
	if f.chg != nil { // the editor: the pasted lines join the typed ones
		lines = append(f.chg.lines, lines...)
	}
	if n := batchBytes(lines); n > ChangeMaxBytes || len(lines) > ChangeMaxLines {
		f.refuseChange(n, len(lines))
		return nil
	}
	c := f.chg
	if c == nil {
		if c = f.newChange(); c == nil {
			return nil
		}
		f.chg = c
	}
	c.lines = lines
	return f.checkChange()
}

// changeTooLong is a paste the input reader did not keep: longer than the console's limit.
func (f *fleetModel) changeTooLong(msg term.PasteTooLongMsg) {
	f.refuseChange(msg.Bytes, 0)
}

func batchBytes(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	return n
}

// checkChange has every device check the batch, in parallel, each opened for the check and closed
// after it; a line with a control character is refused before any device sees it.
func (f *fleetModel) checkChange() tea.Cmd {
	c := f.chg
	c.bytes = batchBytes(c.lines)
	c.why, c.nDisrup = disruptiveLines(c.lines)
	c.phase = chgChecking
	f.setStatus("", false)
	for i, l := range c.lines {
		if r, bad := hasControl(l); bad {
			c.phase = chgPreview
			for _, d := range c.devs {
				d.check = checkVerdict{done: true, bad: i, failed: fmt.Sprintf("line %d holds a control character (%s)", i+1, CleanLine(string(r)))}
			}
			f.changePreviewView()
			return nil
		}
	}
	f.changePreviewView()
	ctx, cancel := context.WithCancelCause(f.opt.Context)
	c.cancel = cancel
	fl, lines, names, gen := f.fleet, c.lines, c.names(), c.gen
	par := c.parallel
	return func() tea.Msg {
		return chgMsg{gen: gen, kind: chgChecked, checks: checkAll(ctx, fl, names, lines, par)}
	}
}

func (c *changeMany) names() []string {
	out := make([]string, len(c.devs))
	for i, d := range c.devs {
		out[i] = d.name
	}
	return out
}

// close ends the change: whatever runs is cancelled, and the dashboard comes back.
func (f *fleetModel) closeChange() {
	if f.chg != nil && f.chg.cancel != nil {
		f.chg.cancel(errChangeCancelled)
	}
	f.chg = nil
}
