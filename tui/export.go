package tui

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	udiff "github.com/aymanbagabas/go-udiff"

	"vtyd/tui/term"
)

// Copy and export (issue 15, point 7): y copies the row under the cursor (or the text shown), Y
// the table, ":copy row|table|csv|config|diff|output" names what; the copy goes to the terminal's
// clipboard with OSC 52. P shows the text plain, without borders, for the terminal's own
// selection (raw.go), and ":save-to flash:/NAME" writes it to the device's flash: for SFTP.

// ExportKeys are the keys of copy, export, the raw view and the mouse.
type ExportKeys struct {
	Copy, CopyAll, Raw, Mouse Binding
}

func defaultExportKeys() ExportKeys {
	return ExportKeys{
		Copy:    bind("y", "copy the row (or the text shown)", "y"),
		CopyAll: bind("Y", "copy the table (or the text shown)", "Y"),
		Raw:     bind("P", "plain view for selecting by hand", "P"),
		Mouse:   bind("M", "mouse on/off", "M"),
	}
}

// handTools is the state of copy, the raw view and the mouse.
type handTools struct {
	copied bool // a copy was sent: the OSC 52 caveat is said the first time only
	raw    *rawView
	mouse  bool        // mouse reporting is on (Options.Mouse, M, :mouse)
	cfg    *configPair // the configuration read for the ":" command running (configRead)
}

// copyWhats are what ":copy" and ":save-to" take.
var copyWhats = []string{"row", "table", "csv", "config", "diff", "output"}

// errNothing is a copy or export with nothing to take; the text says what would be.
type errNothing struct{ why string }

func (e errNothing) Error() string { return e.why }

// exported is text to copy or save: what it is, for the status, and the text.
type exported struct {
	what, text string
	lines      int
}

func newExported(what string, lines []string) exported {
	return exported{what: what, text: strings.Join(lines, "\n") + "\n", lines: len(lines)}
}

// exportText is what names in the view shown: "" is what y copies (the row in a table, else the
// text shown), "table" what Y copies. A configuration not read yet, or read before a change, gives
// errNeedConfig.
func (m *Model) exportText(what string) (exported, error) {
	t := m.currentTable()
	if m.pager != nil || m.detail != nil {
		t = nil
	}
	switch what {
	case "":
		if t != nil {
			return m.exportText("row")
		}
		return m.shownText()
	case "row":
		if t == nil {
			return exported{}, errNothing{"no table here: y copies the text shown, :copy config|diff|output names one"}
		}
		r, ok := t.selected()
		if !ok {
			return exported{}, errNothing{"no row under the cursor"}
		}
		return newExported("1 row", []string{strings.TrimRight(strings.Join(r, "  "), " ")}), nil
	case "table", "csv":
		if t == nil {
			if what == "table" {
				return m.shownText()
			}
			return exported{}, errNothing{"no table here to copy as CSV"}
		}
		if what == "csv" {
			return tableCSV(t), nil
		}
		return newExported(strconv.Itoa(len(t.idx))+" rows", tableText(t)), nil
	case "config", "diff":
		cfg := m.hand.cfg
		if d := &m.data; cfg == nil && m.view == viewConfig && d.ready(resConfig) && !d.stale[resConfig] && !d.inflight[resConfig] {
			cfg = &configPair{running: d.running, saved: d.saved, none: d.savedNone}
		}
		if cfg == nil {
			return exported{}, errNeedConfig
		}
		if what == "config" {
			return newExported("the configuration", cfg.running.Lines), nil
		}
		if cfg.none || cfg.running.Equal(cfg.saved) {
			return exported{}, errNothing{"no diff: the running configuration is the saved one"}
		}
		before, after := cfg.saved.Text(), cfg.running.Text()
		diff, err := udiff.ToUnified("saved-configuration", "current-configuration", before, udiff.Lines(before, after), 3)
		if err != nil {
			return exported{}, err
		}
		return newExported("the diff", strings.Split(strings.TrimRight(diff, "\n"), "\n")), nil
	case "output":
		c := &m.cli
		if c.lastAt < 0 || c.lastAt >= len(c.out.lines) {
			return exported{}, errNothing{"no CLI output yet"}
		}
		return newExported("the last CLI output", paneText(c.out.lines[c.lastAt:])), nil
	}
	return exported{}, errNothing{"copy what? " + strings.Join(copyWhats, ", ")}
}

// errNeedConfig says the configuration must be read first.
var errNeedConfig = errors.New("the configuration is being read")

// configReadMsg is the configuration read for a ":copy" or ":save-to" outside the Configuration
// view, which keeps it (the console keeps it only while that view shows it: keep.go).
type configReadMsg struct {
	line string
	cfg  configPair
	err  string
}

// readConfigThen reads the running and saved configurations, then runs the ":" command line again.
func (m *Model) readConfigThen(line string) tea.Cmd {
	m.setStatus("reading the configuration ...", false)
	sh, ctx := m.b.Console(), m.opt.Context
	return func() tea.Msg {
		r := read(ctx, sh, resConfig, false)
		cfg, ok := r.value.(configPair)
		if !ok {
			return configReadMsg{line: line, err: r.err}
		}
		return configReadMsg{line: line, cfg: cfg}
	}
}

// configRead runs the waiting command on the configuration read for it.
func (m *Model) configRead(msg configReadMsg) tea.Cmd {
	if msg.err != "" {
		m.setStatus(msg.err, true)
		return nil
	}
	m.hand.cfg = &msg.cfg
	defer func() { m.hand.cfg = nil }()
	return m.command(msg.line)
}

// shownText is the text shown in place of a table: the pager, a detail, the configuration view
// (the diff or the whole configuration, as shown), the command log, the SSH server.
func (m *Model) shownText() (exported, error) {
	switch {
	case m.pager != nil:
		return newExported(m.pager.title, m.pager.text.plain()), nil
	case m.detail != nil:
		return newExported(m.detail.title, m.detail.plain()), nil
	case m.view == viewConfig:
		return newExported("the configuration view", m.conf.plain()), nil
	case m.view == viewCommands:
		return newExported("the command log", m.clog.plain()), nil
	case m.view == viewUsers && m.currentTable() == nil:
		return newExported("the SSH server", m.sshinfo.plain()), nil
	case m.currentTable() != nil:
		t := m.currentTable()
		return newExported(strconv.Itoa(len(t.idx))+" rows", tableText(t)), nil
	}
	return exported{}, errNothing{"nothing to copy on the " + m.view.String() + ": open a table or the configuration"}
}

// plain is a pane's text, unwrapped.
func (p *pane) plain() []string {
	if p.rd.wrap && p.rd.raw != nil {
		return paneText(p.rd.raw)
	}
	return paneText(p.lines)
}

func paneText(ls []textLine) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = strings.TrimRight(l.text, " ")
	}
	return out
}

// tableText is the rows the filter shows, in the order shown, every column (narrow terminals hide
// some), aligned under their titles.
func tableText(t *table) []string {
	ws := make([]int, len(t.cols))
	for i, c := range t.cols {
		ws[i] = width(c.title)
	}
	for _, ri := range t.idx {
		for i, cell := range t.rows[ri] {
			if i < len(ws) {
				ws[i] = max(ws[i], width(cell))
			}
		}
	}
	line := func(cells func(i int) string) string {
		var b strings.Builder
		for i := range t.cols {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(fit(cells(i), ws[i]))
		}
		return strings.TrimRight(b.String(), " ")
	}
	out := []string{line(func(i int) string { return t.cols[i].title })}
	for _, ri := range t.idx {
		r := t.rows[ri]
		out = append(out, line(func(i int) string {
			if i < len(r) {
				return r[i]
			}
			return ""
		}))
	}
	return out
}

// tableCSV is the rows the filter shows as CSV (RFC 4180), with a heading.
func tableCSV(t *table) exported {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := make([]string, len(t.cols))
	for i, c := range t.cols {
		head[i] = c.title
	}
	_ = w.Write(head) // a bytes.Buffer does not fail
	for _, ri := range t.idx {
		r := make([]string, len(t.cols))
		copy(r, t.rows[ri])
		_ = w.Write(r)
	}
	w.Flush()
	return exported{what: strconv.Itoa(len(t.idx)) + " rows as CSV", text: b.String(), lines: len(t.idx) + 1}
}

// copyText is y, Y and ":copy WHAT": the text goes to the terminal's clipboard.
func (m *Model) copyText(what, line string) tea.Cmd {
	e, err := m.exportText(what)
	if errors.Is(err, errNeedConfig) {
		return m.readConfigThen(line)
	}
	if err != nil {
		m.setStatus(err.Error(), true)
		return nil
	}
	return m.sendCopy(e)
}

// sendCopy sends e to the terminal's clipboard and says so; the first time, that the terminal may
// not take it.
func (m *Model) sendCopy(e exported) tea.Cmd {
	status, isErr, cmd := copyOut(e, &m.hand.copied, ":save-to flash:/NAME keeps it for SFTP")
	m.setStatus(status, isErr)
	return cmd
}

// copyOut is the command that sends e to the terminal's clipboard (nil when it is too large) and
// the status that says so; copied records that the OSC 52 caveat was said, which the device
// console and the fleet's each say once. tooBig says what to do with a text over term.MaxCopy.
func copyOut(e exported, copied *bool, tooBig string) (status string, isErr bool, cmd tea.Cmd) {
	if len(e.text) > term.MaxCopy {
		return e.what + " is " + strconv.Itoa(len(e.text)>>10) + " KiB, too much for the clipboard (OSC 52): " + tooBig, true, nil
	}
	status = "copied " + e.what + " to the clipboard"
	if !*copied {
		status += " (OSC 52: a terminal that does not take it says nothing, so check; P shows the text plain for selecting by hand)"
	}
	*copied = true
	return status, false, term.Copy(e.text)
}

// isExport reports whether msg is one of the export keys.
func (k *ExportKeys) isExport(msg tea.KeyPressMsg) bool {
	return k.Copy.is(msg) || k.CopyAll.is(msg) || k.Raw.is(msg) || k.Mouse.is(msg)
}

// exportKey is y, Y, P and M outside the CLI line (isExport).
func (m *Model) exportKey(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	switch {
	case k.Copy.is(msg):
		return m.copyText("", "copy")
	case k.CopyAll.is(msg):
		return m.copyText("table", "copy table")
	case k.Raw.is(msg):
		m.openRaw()
	case k.Mouse.is(msg):
		m.setMouse(!m.hand.mouse)
	}
	return nil
}

// copyCommand is ":copy [WHAT]".
func (m *Model) copyCommand(arg, line string) tea.Cmd {
	return m.copyText(strings.ToLower(strings.TrimSpace(arg)), line)
}
