package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Quitting. The console asks before it quits only about what this session may lose: its own
// configuration changes not saved yet, and only to a role that can save them. Changes made by other
// sessions are not this session's to save, and an operator cannot save at all, so neither is asked
// about. Ctrl+C, which a user may press to stop a command that has just ended, never quits without
// a confirmation.

// ownUnsaved reports whether this session changed the running configuration since it last saved
// it, the configuration is unsaved, and the role may save it.
func (m *Model) ownUnsaved() bool {
	return m.ownChanges && m.data.unsaved() && m.canWrite()
}

// requestQuit quits, asking first when this session's own changes are unsaved.
func (m *Model) requestQuit() tea.Cmd {
	if m.seat != nil {
		return m.seat.quit(m, false)
	}
	if m.ownUnsaved() {
		m.dlg = quitDialog(m)
		return nil
	}
	return tea.Quit
}

// confirmQuit is Ctrl+C with nothing to stop: always a question.
func (m *Model) confirmQuit() tea.Cmd {
	if m.seat != nil {
		return m.seat.quit(m, true)
	}
	if m.ownUnsaved() {
		m.dlg = quitDialog(m)
		return nil
	}
	m.dlg = confirmQuitDialog()
	return nil
}

// confirmQuitDialog asks whether to end the console (Ctrl+C with nothing to stop).
func confirmQuitDialog() *dialog {
	lines := []textLine{
		{"End this console session?", kindText},
		{"", kindText},
		{"  y    quit", kindText},
		{"  esc  stay", kindText},
	}
	return &dialog{kind: dlgQuit, title: "Quit?", body: pane{lines: lines}, text: lines, hint: "y: quit · esc/n: stay"}
}

// noteRan records what a line this session ran did to the configuration: a line that ran in a
// system view (its prompt is [Sysname...]) other than a display, ping or view change may have
// changed it; a save saved it. Lines are judged by their first word, abbreviated or not, so the
// console works in front of any Comware switch. It reports whether the line may have changed the
// configuration.
func (m *Model) noteRan(prompt, line string, failed bool) bool {
	w := strings.ToLower(firstWord(line))
	switch {
	case w == "":
	case abbrev(w, "save", 2):
		if !failed {
			m.ownChanges = false
		}
	case !strings.HasPrefix(prompt, "["):
	case abbrev(w, "display", 2), abbrev(w, "ping", 2), abbrev(w, "tracert", 2), abbrev(w, "quit", 2),
		abbrev(w, "return", 3), abbrev(w, "system-view", 2):
	default:
		m.ownChanges = true
		return true
	}
	return false
}

// noteResults records the lines of an action or a paste.
func (m *Model) noteResults(rs []lineResult) {
	for _, r := range rs {
		m.noteRan(r.prompt, r.line, r.err != "")
	}
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// abbrev reports whether w is word or an abbreviation of it of at least n letters.
func abbrev(w, word string, n int) bool {
	return len(w) >= n && strings.HasPrefix(word, w)
}
