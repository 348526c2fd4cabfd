package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The pager shows one long text on the whole screen: the last CLI output (ctrl+o), the whole
// scrollback ("/" on an empty CLI line searches it), or a display command typed on the ":" line.
// The CLI pane is a few lines high; a `display current-configuration` is read here.

// consoleTools are the reading and ":"-line aids of the console: the pager, the search being typed,
// wrapped Logs, the ":" line's history and suggestions, and the theme picker.
type consoleTools struct {
	pager    *pager
	find     finder
	wrapLogs bool         // the Logs view wraps long messages under their column
	cmdHist  []string     // the ":" commands run in this session, oldest first
	cmdAt    int          // position while browsing cmdHist; len(cmdHist) is the line being typed
	cmdDraft string       // what was typed before browsing
	sugg     suggestions  // the ":" line's suggestion list
	picker   *themePicker // the theme list of ":theme", while open
	pagerSeq int          // the display command the pager waits for
}

// pager is the full-screen text.
type pager struct {
	title string
	text  pane
	seq   int // the display command whose output it waits for; 0 for none
}

// pagerMsg is the output of a display command run from the ":" line.
type pagerMsg struct {
	seq       int
	line, out string
	err       string
}

// openPager shows lines on the whole screen under title.
func (m *Model) openPager(title string, lines []textLine) {
	m.pager = &pager{title: title}
	m.setStatus("", false) // the footer shows the pager's keys, or what its keys did
	m.pager.text.setHeight(m.h - 2)
	m.pager.text.set(lines)
}

// openLastOutput shows the last CLI command and what it printed in the pager.
func (m *Model) openLastOutput() {
	c := &m.cli
	if c.lastAt < 0 || c.lastAt >= len(c.out.lines) {
		m.setStatus("no CLI output yet: run a command in the CLI line (tab), or :display ... runs one into the pager", true)
		return
	}
	lines := append([]textLine(nil), c.out.lines[c.lastAt:]...)
	m.openPager("Last CLI output", lines)
}

// searchScrollback opens the whole CLI scrollback in the pager, at its end, and starts a search.
func (m *Model) searchScrollback() {
	m.openPager("CLI scrollback", append([]textLine(nil), m.cli.out.lines...))
	m.pager.text.bottom()
	m.startSearch(&m.pager.text)
}

// runIntoPager runs a display command typed on the ":" line on the console's session and shows
// its output in the pager. Only display commands run there: a ":" line never changes the device.
func (m *Model) runIntoPager(line string) tea.Cmd {
	line = strings.TrimSpace(line)
	m.pagerSeq++
	seq := m.pagerSeq
	m.openPager(line, []textLine{{"running " + line + " ...", kindMuted}})
	m.pager.seq = seq
	sh, ctx := m.b.Console(), m.opt.Context
	return func() tea.Msg {
		out, err := run(ctx, sh, line)
		if err != nil {
			return pagerMsg{seq: seq, line: line, out: out, err: strings.TrimSpace(errText(err))}
		}
		return pagerMsg{seq: seq, line: line, out: out}
	}
}

// pagerDone shows a display command's output, if the pager still waits for it.
func (m *Model) pagerDone(msg pagerMsg) {
	if m.pager == nil || m.pager.seq != msg.seq {
		return
	}
	var ls []textLine
	if out := strings.TrimRight(msg.out, "\n"); out != "" {
		for _, l := range strings.Split(out, "\n") {
			ls = append(ls, textLine{l, kindText})
		}
	}
	if msg.err != "" {
		ls = append(ls, textLine{msg.err, kindError})
	}
	if len(ls) == 0 {
		ls = []textLine{{"(" + msg.line + " printed nothing)", kindMuted}}
	}
	m.pager.seq = 0
	m.pager.text.set(ls)
}

// pagerKey takes the keys while the pager is shown.
func (m *Model) pagerKey(msg tea.KeyPressMsg) tea.Cmd {
	p := &m.pager.text
	if cmd, ok := m.searchKeys(msg, p); ok {
		return cmd
	}
	k := &m.keys
	switch s := msg.String(); {
	case s == "esc" || s == "q" || k.Pager.is(msg):
		m.pager = nil
	case k.Wrap.is(msg):
		m.setStatus(wrapStatus(p.toggleWrap()), false)
	default:
		return m.scrollKey(msg, p, nil)
	}
	return nil
}

func wrapStatus(on bool) string {
	if on {
		return "wrap on: long lines continue below (W: off)"
	}
	return "wrap off: long lines are cut (W: on)"
}

// pagerView draws the pager: a title line, the text, and a footer of its keys (or the "/" line, or
// the status).
func (m *Model) pagerView() string {
	pg := &m.pager.text
	st := &m.st
	pg.setHeight(m.h - 2)
	lines := make([]string, 0, m.h)
	// A status longer than the screen is wide wraps over the bottom of the text, never cut.
	var status []string
	if m.status != "" && !m.find.typing {
		ss := st.OK
		if m.statusErr {
			ss = st.Error
		}
		for _, l := range wrapText(m.status, m.w-1) {
			status = append(status, ss.Render(fit(" "+l, m.w)))
		}
		status = status[:min(len(status), max(m.h/3, 1))]
	}
	where := ""
	if n := len(pg.lines); n > 0 {
		where = "lines " + strconv.Itoa(pg.off+1) + "-" + strconv.Itoa(min(pg.off+pg.height, n)) + " of " + strconv.Itoa(n)
	}
	if pg.rd.wrap {
		where += " · wrapped"
	}
	title := " " + m.pager.title
	gap := m.w - width(where) - 1
	lines = append(lines, st.Title.Render(fit(fit(title, max(gap-1, 1))+" "+where+" ", m.w)))
	body := m.h - 2 - max(len(status)-1, 0)
	for _, l := range pg.render(st, m.w-1, body) {
		lines = append(lines, " "+l)
	}
	switch {
	case m.find.typing:
		lines = append(lines, fit(m.findBarView(), m.w))
	case len(status) > 0:
		lines = append(lines, status...)
	default:
		lines = append(lines, st.Muted.Render(fit(" esc/q: close · ↑/↓ pgup/pgdn g/G: scroll · /: search · n/N: next/previous · W: wrap", m.w)))
	}
	return strings.Join(lines, "\n")
}
