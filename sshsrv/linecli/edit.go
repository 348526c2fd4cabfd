package linecli

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf8"

	"vtyd/switchctl"
)

// maxEditLine is Comware's edit buffer: typing stops there.
const maxEditLine = switchctl.MaxLineLen

// editor keeps a prompt and the line being edited on the terminal. It tracks the cursor as a column
// offset from the prompt's first column and moves it with vt100 sequences, across wrapped rows too.
// Output collects in buf until the CLI flushes it.
type editor struct {
	buf    []byte
	width  func() int
	prompt []rune
	line   []rune
	pos    int // cursor in line
	cur    int // cursor on screen: columns from the start of the prompt
}

// start shows prompt on the current (empty) row with an empty line.
func (e *editor) start(prompt string) {
	e.prompt, e.line, e.pos, e.cur = []rune(prompt), nil, 0, 0
	e.put(e.prompt)
}

// redraw shows the prompt and the line again on the current (empty) row.
func (e *editor) redraw() {
	e.cur = 0
	e.put(e.prompt)
	e.put(e.line)
	e.moveTo(len(e.prompt) + e.pos)
}

// newline moves below the line, to the start of an empty row.
func (e *editor) newline() {
	e.moveTo(len(e.prompt) + len(e.line))
	e.buf = append(e.buf, "\r\n"...)
	e.cur = 0
}

// set replaces the line and puts the cursor at pos, rewriting only from the first change.
func (e *editor) set(line []rune, pos int) {
	k := 0
	for k < len(line) && k < len(e.line) && line[k] == e.line[k] {
		k++
	}
	pl := len(e.prompt)
	e.moveTo(pl + k)
	e.put(line[k:])
	if extra := len(e.line) - len(line); extra > 0 {
		e.put([]rune(strings.Repeat(" ", extra)))
	}
	e.line = line
	e.pos = pos
	e.moveTo(pl + pos)
}

// insert types r at the cursor.
func (e *editor) insert(r rune) {
	if len(e.line) >= maxEditLine {
		return
	}
	line := make([]rune, 0, len(e.line)+1)
	line = append(append(append(line, e.line[:e.pos]...), r), e.line[e.pos:]...)
	e.set(line, e.pos+1)
}

// cut deletes line[from:to] and leaves the cursor at from.
func (e *editor) cut(from, to int) {
	if from >= to {
		return
	}
	line := append(append([]rune{}, e.line[:from]...), e.line[to:]...)
	e.set(line, from)
}

func (e *editor) setText(s string) {
	r := []rune(s)
	e.set(r, len(r))
}

// wordStart is where the word left of the cursor begins (Ctrl+W).
func (e *editor) wordStart() int {
	i := e.pos
	for i > 0 && e.line[i-1] == ' ' {
		i--
	}
	for i > 0 && e.line[i-1] != ' ' {
		i--
	}
	return i
}

// put writes runes at the cursor. A terminal leaves its cursor in the last column after writing
// there, so a write that ends exactly at the right edge is followed by \r\n to match the offset.
func (e *editor) put(rs []rune) {
	for _, r := range rs {
		e.buf = utf8.AppendRune(e.buf, r)
	}
	e.cur += len(rs)
	if len(rs) > 0 && e.cur%e.width() == 0 {
		e.buf = append(e.buf, "\r\n"...)
	}
}

// moveTo moves the cursor to column offset off.
func (e *editor) moveTo(off int) {
	w := e.width()
	fr, fc, tr, tc := e.cur/w, e.cur%w, off/w, off%w
	switch {
	case tr < fr:
		e.buf = fmt.Appendf(e.buf, "\x1b[%dA", fr-tr)
	case tr > fr:
		e.buf = fmt.Appendf(e.buf, "\x1b[%dB", tr-fr)
	}
	switch {
	case tc == fc-1:
		e.buf = append(e.buf, '\b')
	case tc < fc:
		e.buf = fmt.Appendf(e.buf, "\x1b[%dD", fc-tc)
	case tc > fc:
		e.buf = fmt.Appendf(e.buf, "\x1b[%dC", tc-fc)
	}
	e.cur = off
}

// flushEd writes what the editor has collected.
func (c *CLI) flushEd() {
	if len(c.ed.buf) > 0 {
		_, _ = c.out.Write(c.ed.buf)
		c.ed.buf = c.ed.buf[:0]
	}
}

// edit shows prompt and edits a line on the terminal until Enter. With full (command lines), `?`
// shows help at once, Tab completes, the arrows browse the history and Ctrl+Z returns to user view;
// dialogs get plain editing. Ctrl+C cancels a command line and aborts a dialog. It returns the
// prompt the line was typed after, which Ctrl+Z may have changed.
func (c *CLI) edit(prompt string, full bool) (string, string, error) {
	c.editing = true
	defer func() { c.editing = false }()
	e := &c.ed
	e.start(prompt)
	hist := history{list: c.s.History()}
	hist.idx = len(hist.list)
	var tab tabCycle
	for {
		k, err := c.nextKey() // it shows what was edited before it waits
		if err != nil {
			e.newline()
			c.flushEd()
			return prompt, "", err
		}
		if k.kind != kTab {
			tab = tabCycle{}
		}
		switch k.kind {
		case kEnter:
			e.newline()
			c.flushEd()
			return prompt, string(e.line), nil
		case kRune:
			if k.r == '?' && !k.literal && full {
				c.help(prompt)
				continue
			}
			e.insert(k.r)
		case kTab:
			if full {
				c.complete(&tab)
			}
		case kBackspace:
			e.cut(max(e.pos-1, 0), e.pos)
		case kDelete:
			e.cut(e.pos, min(e.pos+1, len(e.line)))
		case kLeft:
			e.set(e.line, max(e.pos-1, 0))
		case kRight:
			e.set(e.line, min(e.pos+1, len(e.line)))
		case kHome:
			e.set(e.line, 0)
		case kEnd:
			e.set(e.line, len(e.line))
		case kUp, kDown:
			if full {
				hist.move(e, k.kind == kUp)
			}
		case kPasteStart:
			c.paste()
		case kCtrl:
			switch k.r {
			case ctrlC:
				e.newline()
				if !full {
					c.flushEd()
					return prompt, "", switchctl.ErrAborted
				}
				e.start(prompt)
				hist.idx = len(hist.list)
			case ctrlZ:
				if full {
					c.s.CtrlZ()
					prompt = c.s.Prompt()
					e.newline()
					e.start(prompt)
					hist.idx = len(hist.list)
				}
			default:
				c.ctrlEdit(k.r, &hist, full)
			}
		}
	}
}

// ctrlEdit runs the editing hotkeys.
func (c *CLI) ctrlEdit(r rune, hist *history, full bool) {
	e := &c.ed
	switch r {
	case ctrlA:
		e.set(e.line, 0)
	case ctrlE:
		e.set(e.line, len(e.line))
	case ctrlB:
		e.set(e.line, max(e.pos-1, 0))
	case ctrlF:
		e.set(e.line, min(e.pos+1, len(e.line)))
	case ctrlD:
		e.cut(e.pos, min(e.pos+1, len(e.line)))
	case ctrlW:
		e.cut(e.wordStart(), e.pos)
	case ctrlX, ctrlU:
		e.cut(0, e.pos)
	case ctrlY, ctrlK:
		e.cut(e.pos, len(e.line))
	case ctrlR:
		e.newline()
		e.redraw()
	case ctrlP, ctrlN:
		if full {
			hist.move(e, r == ctrlP)
		}
	}
}

// history browses the session's successful commands with the arrow keys; the line being typed is
// kept while browsing.
type history struct {
	list  []string
	idx   int
	saved string
}

func (h *history) move(e *editor, back bool) {
	switch {
	case back && h.idx > 0:
		if h.idx == len(h.list) {
			h.saved = string(e.line)
		}
		h.idx--
		e.setText(h.list[h.idx])
	case !back && h.idx < len(h.list):
		h.idx++
		if h.idx == len(h.list) {
			e.setText(h.saved)
		} else {
			e.setText(h.list[h.idx])
		}
	}
}

// tabCycle remembers the candidates of the last Tab while Tab is pressed again.
type tabCycle struct {
	base  string // the line before the word being completed
	cands []string
	idx   int
}

// complete is Tab: one candidate completes the word; several are cycled through on each Tab; none
// shows the line again, unchanged, on a new row, as Comware does.
func (c *CLI) complete(t *tabCycle) {
	e := &c.ed
	if len(t.cands) > 1 {
		t.idx = (t.idx + 1) % len(t.cands)
		e.setText(t.base + t.cands[t.idx])
		return
	}
	line := string(e.line)
	next, cands := c.s.Complete(line)
	switch {
	case len(cands) == 1:
		e.setText(next)
	case len(cands) > 1:
		base := line[:strings.LastIndexAny(line, " \t")+1]
		*t = tabCycle{base: base, cands: cands}
		e.setText(base + cands[0])
	case strings.TrimSpace(line) != "" && !strings.HasSuffix(line, " "):
		e.newline()
		e.redraw()
	}
}

// help answers `?` at once, as the device does: the ? is echoed, the help (or the error, with its
// caret) printed below through the pager, then, after a blank line, the prompt and the line again.
func (c *CLI) help(prompt string) {
	e := &c.ed
	e.set(e.line, len(e.line))
	e.buf = append(e.buf, "?\r\n"...)
	e.cur = 0
	c.flushEd()
	w := bufio.NewWriter(newPager(c.out, c.s.ScreenLength(), c.pagerKey))
	if err := c.s.Help(string(e.line), w); err != nil {
		WriteError(w, err, prompt)
	}
	_ = w.WriteByte('\n')
	_ = w.Flush()
	e.redraw()
}
