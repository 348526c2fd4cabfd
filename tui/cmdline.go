package tui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// The ":" line's aids: Tab completes the command (and a theme's, an interface's or a device's
// name, and a display command through the device's own completion), a list under the cursor
// suggests what may follow, and ↑/↓ recall the ":" commands of this session.

// cmdVerb is a ":" command as the suggestion list shows it.
type cmdVerb struct {
	name, args, desc string
	fleet            bool // only in a fleet's device console
}

// cmdVerbs are the ":" commands, in the order the list shows them.
var cmdVerbs = []cmdVerb{
	{name: "int", args: "NAME|TEXT", desc: "Interfaces: open NAME, or filter by TEXT"},
	{name: "vlan", args: "ID|A-B|TEXT", desc: "VLANs: select ID, show a range, or filter"},
	{name: "route", args: "TEXT", desc: "Routing: the routes, filtered"},
	{name: "mac", args: "TEXT", desc: "the MAC table, filtered"},
	{name: "arp", args: "TEXT", desc: "the ARP table, filtered"},
	{name: "lldp", args: "TEXT", desc: "the LLDP neighbours, filtered"},
	{name: "logs", args: "TEXT", desc: "the log buffer, filtered"},
	{name: "sessions", args: "TEXT", desc: "the sessions, filtered"},
	{name: "users", args: "TEXT", desc: "the local users, filtered"},
	{name: "ssh", desc: "the SSH server"},
	{name: "keys", desc: "the host keys"},
	{name: "dash", desc: "the Dashboard"},
	{name: "config", desc: "the configuration (diff or full)"},
	{name: "cmds", desc: "the command log"},
	{name: "display", args: "CMD", desc: "run a display command into the pager"},
	{name: "watch", args: "[5s] CMD", desc: "run a display command every 2 s (or 5 s) into the pane"},
	{name: "theme", args: "[NAME]", desc: "a theme; no name: the list, previewed as you move"},
	{name: "dev", args: "[NAME]", desc: "another device of the fleet; no name: the fleet", fleet: true},
	{name: "copy", args: "[WHAT]", desc: "to the clipboard: row, table, csv, config, diff, output"},
	{name: "save-to", args: "FILE [WHAT]", desc: "write the text shown (or WHAT) to flash:FILE, for SFTP"},
	{name: "mouse", args: "[on|off]", desc: "mouse: click to focus and select, wheel to scroll"},
	{name: "w", desc: "save the configuration"},
	{name: "reboot", desc: "reboot the device"},
	{name: "help", desc: "every key"},
	{name: "q", desc: "quit"},
}

// suggestions is the list under the ":" line: the candidates for the text typed, one of them
// picked by Tab.
type suggestions struct {
	forText string   // the text the list was made for; typing anything else makes it again
	items   []string // what Tab puts on the line
	descs   []string // beside each item, when it has a description
	at      int      // the candidate Tab picked; -1 for none
	shell   bool     // the items came from the device's completion of a display command
}

// cmdCompleteMsg is the device's completion of a display command typed on the ":" line.
type cmdCompleteMsg struct {
	line, done string
	cands      []string
}

// cmdlineKey takes the keys of the ":" line that are not editing: ↑/↓ history, Tab completion,
// and enter (remembered in the history). ok false leaves the key to the line.
func (m *Model) cmdlineKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	in := &m.bar.in
	switch msg.String() {
	case "up", "down":
		d := -1
		if msg.String() == "down" {
			d = 1
		}
		at := min(max(m.cmdAt+d, 0), len(m.cmdHist))
		if at != m.cmdAt {
			if m.cmdAt == len(m.cmdHist) {
				m.cmdDraft = in.Value()
			}
			m.cmdAt = at
			if at == len(m.cmdHist) {
				in.SetValue(m.cmdDraft)
			} else {
				in.SetValue(m.cmdHist[at])
			}
			in.CursorEnd()
		}
		return nil, true
	case "tab", "shift+tab":
		d := 1
		if msg.String() == "shift+tab" {
			d = -1
		}
		return m.completeCmd(d), true
	case "enter":
		if line := strings.TrimSpace(in.Value()); line != "" && (len(m.cmdHist) == 0 || m.cmdHist[len(m.cmdHist)-1] != line) {
			m.cmdHist = append(m.cmdHist, line)
			if n := len(m.cmdHist) - 100; n > 0 {
				m.cmdHist = m.cmdHist[n:]
			}
		}
		m.cmdAt, m.cmdDraft, m.sugg = len(m.cmdHist), "", suggestions{}
	case "esc", "ctrl+c":
		m.cmdAt, m.cmdDraft, m.sugg = len(m.cmdHist), "", suggestions{}
	}
	return nil, false
}

// openCmdline opens the ":" line, its history at the line being typed.
func (m *Model) openCmdline() {
	m.bar.open(':', "")
	m.cmdAt, m.cmdDraft, m.sugg = len(m.cmdHist), "", suggestions{}
}

// completeCmd is Tab on the ":" line: one candidate completes; several complete their common
// part, then each Tab picks the next (d -1: the previous).
func (m *Model) completeCmd(d int) tea.Cmd {
	in := &m.bar.in
	text := in.Value()
	s := m.suggestFor(text)
	if s.shell {
		return m.shellComplete(text)
	}
	if len(s.items) == 0 {
		return nil
	}
	if s.at >= 0 || len(s.items) == 1 {
		s.at = (s.at + d + len(s.items)) % len(s.items)
		if len(s.items) == 1 {
			s.at = 0
		}
		line := s.items[s.at]
		if len(s.items) == 1 && !strings.Contains(line, " ") && verbTakesArgs(line) {
			line += " "
		}
		in.SetValue(line)
		in.CursorEnd()
		s.forText = in.Value()
		m.sugg = s
		return nil
	}
	if common := commonPrefix(s.items); len(common) > len(text) {
		in.SetValue(common)
		in.CursorEnd()
		return nil
	}
	s.at = 0
	if d < 0 {
		s.at = len(s.items) - 1
	}
	in.SetValue(s.items[s.at])
	in.CursorEnd()
	s.forText = in.Value()
	m.sugg = s
	return nil
}

func verbTakesArgs(name string) bool {
	for _, v := range cmdVerbs {
		if v.name == name {
			return v.args != ""
		}
	}
	return false
}

// shellComplete asks the device to complete a display command typed on the ":" line.
func (m *Model) shellComplete(text string) tea.Cmd {
	sh := m.b.Console()
	return func() tea.Msg {
		done, cands := sh.Complete(text)
		return cmdCompleteMsg{line: text, done: done, cands: cands}
	}
}

// shellCompleted applies the device's completion, if the line was not typed on meanwhile.
func (m *Model) shellCompleted(msg cmdCompleteMsg) {
	in := &m.bar.in
	if !m.bar.active || m.bar.kind != ':' || in.Value() != msg.line {
		return
	}
	if msg.done != msg.line {
		in.SetValue(msg.done)
		in.CursorEnd()
	}
	if len(msg.cands) > 1 {
		m.sugg = suggestions{forText: in.Value(), items: msg.cands, at: -1, shell: true}
	}
}

// suggestFor is the suggestion list for text: the ":" commands it may start, or the names its
// command takes. The list made by Tab is kept while the text is what Tab put there.
func (m *Model) suggestFor(text string) suggestions {
	if m.sugg.forText == text && len(m.sugg.items) > 0 {
		return m.sugg
	}
	s := suggestions{forText: text, at: -1}
	verb, arg, spaced := strings.Cut(strings.TrimLeft(text, " "), " ")
	lv := strings.ToLower(verb)
	if !spaced {
		for _, v := range cmdVerbs {
			if v.fleet && m.seat == nil || !strings.HasPrefix(v.name, lv) {
				continue
			}
			s.items = append(s.items, v.name)
			s.descs = append(s.descs, fit(v.args, 12)+" "+v.desc)
		}
		return s
	}
	arg = strings.TrimLeft(arg, " ")
	add := func(name string) {
		if strings.HasPrefix(strings.ToLower(name), strings.ToLower(arg)) {
			s.items = append(s.items, verb+" "+name)
		}
	}
	switch {
	case lv == "theme":
		for _, n := range m.opt.Themes.Names() {
			add(n)
		}
	case lv == "int" || lv == "interface" || lv == "port":
		if strings.ContainsAny(arg, "0123456789") { // a name being typed, not text to filter by
			for _, p := range m.data.ifs.Bridge {
				if readers.MatchIfName(arg, p.Name) || strings.HasPrefix(strings.ToLower(p.Name), strings.ToLower(arg)) {
					s.items = append(s.items, verb+" "+p.Name)
				}
			}
		}
	case (lv == "dev" || lv == "device") && m.seat != nil:
		for _, n := range m.seat.names() {
			add(n)
		}
	case isDisplay(lv):
		s.shell = true
	}
	return s
}

func commonPrefix(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	c := ss[0]
	for _, s := range ss[1:] {
		for !strings.HasPrefix(s, c) {
			c = c[:len(c)-1]
		}
	}
	return c
}

// suggestLines draws the suggestion list for the ":" line, at most n lines of m.w cells; none when
// there is nothing to suggest (or only what is typed already).
func (m *Model) suggestLines(n int) []string {
	if !m.bar.active || m.bar.kind != ':' || n <= 0 {
		return nil
	}
	s := m.suggestFor(m.bar.in.Value())
	if len(s.items) == 0 || len(s.items) == 1 && s.items[0] == strings.TrimSpace(m.bar.in.Value()) {
		return nil
	}
	st := &m.st
	first := 0
	if s.at >= n {
		first = s.at - n + 1
	}
	var out []string
	for i := first; i < len(s.items) && len(out) < n; i++ {
		line := "  " + s.items[i]
		if i < len(s.descs) {
			line = "  " + fit(s.items[i], 9) + " " + s.descs[i]
		}
		if i == s.at {
			out = append(out, st.Selected.Render(fit(line, m.w)))
			continue
		}
		out = append(out, st.Text.Render(fit(line, m.w)))
	}
	if more := len(s.items) - first - len(out); more > 0 && len(out) > 0 {
		out[len(out)-1] = st.Muted.Render(fit("  ... "+strconv.Itoa(more+1)+" more: type to narrow, tab to pick", m.w))
	}
	return out
}

// overSuggestions puts the suggestion list over the lines above the footer.
func (m *Model) overSuggestions(lines []string) []string {
	ls := m.suggestLines(min(8, len(lines)/3))
	if len(ls) == 0 {
		return lines
	}
	copy(lines[len(lines)-len(ls):], ls)
	return lines
}
