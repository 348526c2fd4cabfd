package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"vtyd/themes"
)

// DialogGuard is how long after a dialog opens the keys that arrive are dropped rather than taken
// as its answer: keys typed ahead, or pasted without bracketed paste, arrive in the same read as
// the dialog's opening or within milliseconds of it, and must never confirm what they did not see
// (s then y would shut a port in one burst). A person reads a dialog for longer than this.
const DialogGuard = 250 * time.Millisecond

// dialogKind says what a dialog asks.
type dialogKind int

const (
	dlgInfo    dialogKind = iota // text to read; any of enter/esc closes it
	dlgConfirm                   // the commands of an action, to run or cancel
	dlgInput                     // a value an action needs
	dlgPaste                     // a pasted batch, checked, to run or cancel
	dlgQuit                      // unsaved configuration at quit
	dlgHelp                      // every key, with the reasons of disabled ones
)

// dialog is the modal box drawn over the main pane. Only one is open at a time; it takes every key
// until it closes.
type dialog struct {
	kind    dialogKind
	title   string
	body    pane
	hint    string // the keys it takes
	danger  bool   // a disruptive action: confirmed with y only, drawn in the warning colour
	plan    *plan
	input   lineEdit
	label   string // what the input is for
	next    func(m *Model, value string) (tea.Cmd, string)
	errText string
	paste   *pasteBatch
	wrapped int        // the width the body was last wrapped to (0: not yet)
	text    []textLine // the body before wrapping; nil: the body is drawn as it is
	noSave  bool       // a quit dialog about other fleet devices: s cannot save them
	undo    []string   // the lines that undo a stopped paste, offered on i (paste_undo.go)
}

func infoDialog(title string, lines []textLine) *dialog {
	return &dialog{kind: dlgInfo, title: title, body: pane{lines: lines}, text: lines, hint: "enter/esc: close · ↑/↓: scroll"}
}

// inputDialog asks for one value; next turns it into the following step or returns why it is wrong.
func inputDialog(title, label, value string, next func(m *Model, value string) (tea.Cmd, string)) *dialog {
	in := lineEdit{limit: 255}
	in.SetValue(value)
	in.CursorEnd()
	return &dialog{kind: dlgInput, title: title, label: label, input: in, next: next, hint: "enter: next · esc: cancel"}
}

func quitDialog(m *Model) *dialog {
	d := m.data
	first := "The running configuration differs from the saved one"
	if m.seat != nil {
		first = m.seat.device + ": the running configuration differs from the saved one"
	}
	lines := []textLine{
		{first, kindWarn},
		{"(" + strconv.Itoa(d.added) + " lines added, " + strconv.Itoa(d.removed) + " removed): a reboot would lose the changes.", kindWarn},
		{"", kindText},
		{"  s    save (save force), then quit", kindText},
		{"  q    quit without saving", kindText},
		{"  esc  stay", kindText},
	}
	return &dialog{kind: dlgQuit, title: "Quit with unsaved changes?", body: pane{lines: lines}, text: lines, danger: true, hint: "s: save and quit · q: quit · esc: stay"}
}

// dialogKey handles a key while a dialog is open.
func (m *Model) dialogKey(msg tea.KeyPressMsg) tea.Cmd {
	d := m.dlg
	s := msg.String()
	switch s {
	case "up", "k":
		if d.kind != dlgInput {
			d.body.scroll(-1)
			return nil
		}
	case "down", "j":
		if d.kind != dlgInput {
			d.body.scroll(1)
			return nil
		}
	case "pgup":
		d.body.scroll(-d.body.height)
		return nil
	case "pgdown":
		d.body.scroll(d.body.height)
		return nil
	}
	switch d.kind {
	case dlgInfo, dlgHelp:
		if s == "i" && d.undo != nil { // the inverse of a stopped paste, previewed as a paste
			m.dlg = nil
			return m.paste(strings.Join(d.undo, "\n") + "\n")
		}
		if s == "esc" || s == "enter" || s == "q" || (d.kind == dlgHelp && (s == "?" || s == "f1")) {
			m.dlg = nil
		}
	case dlgInput:
		switch s {
		case "esc":
			m.dlg = nil
		case "enter":
			cmd, errText := d.next(m, d.input.Value())
			if errText != "" {
				d.errText = errText
			}
			return cmd
		default:
			d.input.Update(msg)
			d.errText = ""
		}
	case dlgConfirm:
		switch {
		case s == "esc" || s == "n" || s == "q":
			m.dlg = nil
			m.setStatus("cancelled: "+d.plan.title, false)
		case s == "y" || (s == "enter" && !d.danger):
			m.dlg = nil
			return m.runPlan(*d.plan)
		}
	case dlgPaste:
		return m.pasteKey(s)
	case dlgQuit:
		switch s {
		case "esc", "n":
			m.dlg = nil
		case "q", "y":
			return tea.Quit
		case "s":
			if m.ownUnsaved() && !d.noSave {
				m.dlg = nil
				p := savePlan()
				p.quitAfter = true
				return m.runPlan(p)
			}
		}
	}
	return nil
}

// render draws the dialog in the main pane's place.
func (d *dialog) render(m *Model, w, h int) []string {
	return d.renderStyled(&m.st, m.typedAway, w, h)
}

// renderStyled draws the dialog with st; typedAway is the keys dropped since it opened.
func (d *dialog) renderStyled(st *themes.Styles, typedAway, w, h int) []string {
	iw, ih := w-2, h-2
	if d.text != nil && d.wrapped != iw-1 {
		d.body.set(wrapLines(d.text, iw-1))
		d.wrapped = iw - 1
	}
	var tail []string
	para := func(style lipgloss.Style, s string) {
		for _, l := range wrapText(" "+s, iw) {
			tail = append(tail, style.Render(fit(l, iw)))
		}
	}
	if d.kind == dlgInput {
		para(st.Text, d.label)
		tail = append(tail, " > "+d.input.View(iw-4, st.Text, st.Accent, true)+" ")
		if d.errText != "" {
			para(st.Error, d.errText)
		}
	}
	if typedAway > 0 {
		para(st.Warn, fmt.Sprintf("%d key(s) typed ahead of this question were ignored.", typedAway))
	}
	tail = append(tail, "")
	para(st.Muted, d.hint)
	d.body.setHeight(max(ih-len(tail), 1))
	var in []string
	for _, l := range d.body.render(st, iw-1, max(ih-len(tail), 0)) {
		in = append(in, " "+l)
	}
	in = append(in, tail...)
	bs := st.BorderFocus
	if d.danger {
		bs = st.Warn
	}
	return boxWith(st, bs, d.title, in, w, h)
}
