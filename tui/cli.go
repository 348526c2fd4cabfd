package tui

import (
	"bytes"
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
)

// maxScrollback is how many lines of CLI output the console keeps.
const maxScrollback = 2000

// cliModel is the CLI line: the session's prompt, the line being typed, its history and the
// scrollback of what commands printed.
type cliModel struct {
	in     lineEdit
	prompt string
	out    pane
	pinned bool // the scrollback follows the newest output
	unseen bool // output arrived below while the scrollback was scrolled back
	hist   []string
	histAt int // position while browsing the history; len(hist) is the line being typed
	draft  string
	busy   bool
	ask    *pendingAsk // a question of the running command, answered in the line
	// stop cancels the running command (typed, or a pasted batch): Ctrl+C, as on the switch.
	stop   context.CancelFunc
	w      int
	lastAt int // the scrollback line where the last command's echo is (-1: none yet); the pager shows from there
}

// newCLI makes the CLI line. It draws no cursor of its own: the console places the terminal's
// cursor, so nothing blinks and an idle console sends nothing.
func newCLI() cliModel {
	return cliModel{in: lineEdit{limit: switchctl.MaxLineLen}, pinned: true, lastAt: -1}
}

// shownPrompt is the prompt before the line: the session's, or the question being answered.
func (c *cliModel) shownPrompt() string {
	if c.ask != nil {
		return c.ask.prompt
	}
	return c.prompt
}

// inputWidth is the room for the line after the prompt.
func (c *cliModel) inputWidth() int { return max(c.w-width(c.shownPrompt())-2, 10) }

func (c *cliModel) setSize(w, h int) {
	c.w = w
	c.out.setHeight(h)
	if c.pinned {
		c.out.bottom()
	}
}

// print adds lines to the scrollback, keeping at most maxScrollback; the first says when older
// lines were dropped.
func (c *cliModel) print(kind lineKind, text string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		c.out.lines = append(c.out.lines, textLine{l, kind})
	}
	if n := len(c.out.lines) - maxScrollback; n > 0 {
		c.out.lines = append(c.out.lines[:0:0], c.out.lines[n:]...)
		c.out.lines[0] = textLine{"... output truncated: the scrollback keeps the last " + strconv.Itoa(maxScrollback) + " lines", kindMuted}
		if c.lastAt >= 0 {
			c.lastAt = max(c.lastAt-n, 0)
		}
	}
	if c.pinned {
		c.out.bottom()
	} else {
		c.unseen = true
	}
}

// printErr adds a device error with its caret under the echoed line.
func (c *cliModel) printErr(err error, promptLen int) {
	if ct := caret(err, promptLen); ct != "" {
		c.print(kindError, ct)
	}
	c.print(kindError, errText(err))
}

func (c *cliModel) scroll(n int) {
	c.out.scroll(n)
	c.pinned = c.out.off >= len(c.out.lines)-c.out.height
	c.unseen = c.unseen && !c.pinned
}

func (c *cliModel) cursorX() int {
	_, col := c.in.window(c.inputWidth())
	return min(1+width(c.shownPrompt())+col, c.w-1)
}

// cliDoneMsg is the outcome of a line run from the CLI.
type cliDoneMsg struct {
	line, prompt, output string
	err                  error
}

// cliHelpMsg is the answer to "?".
type cliHelpMsg struct {
	line, output string
	err          error
}

// completeMsg is the answer to Tab.
type completeMsg struct {
	line, completed string
	cands           []string
}

// cliKey handles a key while the CLI line has the focus.
func (m *Model) cliKey(msg tea.KeyPressMsg) tea.Cmd {
	c, sh := &m.cli, m.b.CLI()
	k := &m.keys
	if c.ask != nil {
		switch {
		case k.Run.is(msg):
			return m.answer(c.in.Value(), nil)
		case msg.String() == "ctrl+c":
			return m.answer("", errAborted)
		case k.Leave.is(msg):
			m.focus = focusMain
		case msg.String() != "tab":
			c.in.Update(msg)
		}
		return nil
	}
	switch {
	case k.Leave.is(msg):
		m.focus = focusMain
		return nil
	case k.Run.is(msg):
		if c.busy {
			return nil
		}
		line := c.in.Value()
		c.in.Reset()
		shown := maskLine(line)
		c.lastAt = len(c.out.lines)
		c.print(kindMuted, c.prompt+CleanLine(shown))
		// As on Comware, a line that holds a password stays out of the history.
		if strings.TrimSpace(line) != "" && shown == line && (len(c.hist) == 0 || c.hist[len(c.hist)-1] != line) {
			c.hist = append(c.hist, line)
		}
		c.histAt, c.draft, c.busy, c.pinned, c.unseen = len(c.hist), "", true, true, false
		return m.startCLI(line)
	case k.Complete.is(msg):
		line := c.in.Value()
		return func() tea.Msg {
			done, cands := sh.Complete(line)
			return completeMsg{line: line, completed: done, cands: cands}
		}
	case msg.Text == "?":
		line := c.in.Value()
		return func() tea.Msg {
			var b bytes.Buffer
			err := sh.Help(line, &b)
			return cliHelpMsg{line: line, output: Clean(b.String()), err: err}
		}
	case k.UserView.is(msg):
		return func() tea.Msg {
			sh.Reset()
			return cliDoneMsg{prompt: sh.Prompt()}
		}
	case msg.String() == "up":
		m.cliHistory(-1)
		return nil
	case msg.String() == "down":
		m.cliHistory(1)
		return nil
	case msg.String() == "pgup":
		c.scroll(-max(c.out.height-1, 1))
		return nil
	case msg.String() == "pgdown":
		c.scroll(max(c.out.height-1, 1))
		return nil
	}
	c.in.Update(msg)
	return nil
}

// stopped forgets the running command's cancel, once it ended.
func (c *cliModel) stopped() {
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
}

// interrupt is Ctrl+C while a command runs: its context is cancelled, as Ctrl+C stops a command on
// the switch; what it printed so far stays.
func (m *Model) interrupt() {
	m.cli.stop()
	m.cli.print(kindMuted, "^C")
	m.setStatus("ctrl+c: stopping the running command", false)
}

// cliHistory moves through the history by d (-1 older, +1 newer).
func (m *Model) cliHistory(d int) {
	c := &m.cli
	at := min(max(c.histAt+d, 0), len(c.hist))
	if at == c.histAt {
		return
	}
	if c.histAt == len(c.hist) {
		c.draft = c.in.Value()
	}
	c.histAt = at
	if at == len(c.hist) {
		c.in.SetValue(c.draft)
	} else {
		c.in.SetValue(c.hist[at])
	}
	c.in.CursorEnd()
}

// cliDone prints a command's output and takes the session's new prompt.
func (m *Model) cliDone(msg cliDoneMsg) tea.Cmd {
	c := &m.cli
	promptLen := len(c.prompt)
	c.busy = false
	c.stopped()
	changed := m.noteRan(c.prompt, msg.line, msg.err != nil)
	if msg.output != "" {
		c.print(kindText, msg.output)
	}
	if msg.err != nil {
		if isSessionEnd(msg.err) {
			if m.seat != nil {
				return m.seat.ended("the session ended (" + CleanLine(firstWord(msg.line)) + ")")
			}
			return m.requestQuit()
		}
		c.printErr(msg.err, promptLen)
	}
	m.setPrompt(msg.prompt)
	if changed {
		// The header's unsaved mark and the quit question follow this session's change at once.
		m.data.stale[resConfig] = true
		return m.fetch(m.staleNeeded()...)
	}
	return nil
}

func (m *Model) setPrompt(p string) {
	m.cli.prompt = CleanLine(p)
	m.cli.setSize(m.w, m.cli.out.height)
}

// cliHelped prints the answer to "?" the way the switch does: the line with its "?", the help,
// and the line kept for more typing.
func (m *Model) cliHelped(msg cliHelpMsg) {
	c := &m.cli
	c.print(kindMuted, c.prompt+CleanLine(msg.line)+"?")
	if msg.err != nil {
		c.printErr(msg.err, len(c.prompt))
		return
	}
	c.print(kindText, msg.output)
}

// completed applies Tab: the completed word, or the candidates listed.
func (m *Model) completed(msg completeMsg) {
	c := &m.cli
	if c.in.Value() != msg.line {
		return // typed on meanwhile
	}
	switch {
	case msg.completed != msg.line:
		c.in.SetValue(msg.completed)
		c.in.CursorEnd()
	case len(msg.cands) > 1:
		c.print(kindMuted, c.prompt+CleanLine(msg.line))
		c.print(kindText, "  "+CleanLine(strings.Join(msg.cands, "  ")))
	}
}

// cliView draws the CLI: a rule with the status, the scrollback and the line being typed.
func (m *Model) cliView(h int) []string {
	c := &m.cli
	st := &m.st
	rs := st.Border
	if m.focus == focusCLI {
		rs = st.BorderFocus
	}
	hz := "─"
	if st.ASCII {
		hz = "-"
	}
	title := " CLI "
	switch {
	case c.ask != nil:
		title = " CLI · the device asks: answer below (ctrl+c aborts) "
	case c.busy:
		title = " CLI · running (ctrl+c stops it) "
	}
	if c.unseen && !c.pinned {
		title += "· ↓ new output (pgdn) "
	}
	// The status goes on the rule when it fits there; a longer one wraps over the top of the
	// scrollback rather than being cut.
	status, ss := "", st.OK
	if m.statusErr {
		ss = st.Error
	}
	var above []string
	if m.status != "" {
		if room := m.w - 4 - width(title) - 2; width(m.status) <= room {
			status = ss.Render(" " + m.status + " ")
		} else {
			for _, l := range wrapText(m.status, m.w-2) {
				above = append(above, " "+ss.Render(fit(l, m.w-2))+" ")
			}
			above = above[:min(len(above), h)]
		}
	}
	fill := max(m.w-2-width(title)-width(status)-1, 0)
	out := []string{rs.Render(hz+hz) + st.Accent.Render(title) + rs.Render(strings.Repeat(hz, fill)) + status + rs.Render(hz)}
	out = append(out, above...)
	for _, l := range c.out.render(st, m.w-1, h-len(above)) {
		out = append(out, " "+l)
	}
	input := " " + st.Prompt.Render(c.shownPrompt()) + c.in.View(c.inputWidth(), st.Text, st.Text, false)
	return append(out, fit(input, m.w))
}
