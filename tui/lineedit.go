package tui

import (
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// lineEdit is a one-line editor for the CLI line, dialog inputs and the ":" and "/" line. It is
// ours rather than bubbles' textinput because that one binds Ctrl+V to the clipboard of the
// machine it runs on, which for an SSH server is the server's; and because it needs no timers.
type lineEdit struct {
	value  []rune
	pos    int
	limit  int  // most runes, 0 for no limit
	secret bool // shown as one * per rune (a password)
}

func (e *lineEdit) Value() string { return string(e.value) }

// Position is the cursor's rune index.
func (e *lineEdit) Position() int { return e.pos }

func (e *lineEdit) SetValue(s string) {
	e.value = []rune(CleanLine(s))
	if e.limit > 0 && len(e.value) > e.limit {
		e.value = e.value[:e.limit]
	}
	e.pos = min(e.pos, len(e.value))
}

func (e *lineEdit) Reset()     { e.value, e.pos = nil, 0 }
func (e *lineEdit) CursorEnd() { e.pos = len(e.value) }

// insert types text at the cursor; control characters are dropped.
func (e *lineEdit) insert(s string) {
	var rs []rune
	for _, r := range s {
		if unicode.IsPrint(r) || r == ' ' {
			rs = append(rs, r)
		}
	}
	if e.limit > 0 {
		rs = rs[:min(len(rs), max(e.limit-len(e.value), 0))]
	}
	e.value = append(e.value[:e.pos], append(rs, e.value[e.pos:]...)...)
	e.pos += len(rs)
}

// Update handles the editing keys (Emacs-style, as a Comware CLI does) and typed text.
func (e *lineEdit) Update(msg tea.KeyPressMsg) {
	switch msg.String() {
	case "left", "ctrl+b":
		e.pos = max(e.pos-1, 0)
	case "right", "ctrl+f":
		e.pos = min(e.pos+1, len(e.value))
	case "home", "ctrl+a":
		e.pos = 0
	case "end", "ctrl+e":
		e.pos = len(e.value)
	case "backspace", "ctrl+h":
		if e.pos > 0 {
			e.value = append(e.value[:e.pos-1], e.value[e.pos:]...)
			e.pos--
		}
	case "delete", "ctrl+d":
		if e.pos < len(e.value) {
			e.value = append(e.value[:e.pos], e.value[e.pos+1:]...)
		}
	case "ctrl+u":
		e.value, e.pos = e.value[e.pos:], 0
	case "ctrl+k":
		e.value = e.value[:e.pos]
	case "ctrl+w", "alt+backspace":
		i := e.pos
		for i > 0 && e.value[i-1] == ' ' {
			i--
		}
		for i > 0 && e.value[i-1] != ' ' {
			i--
		}
		e.value, e.pos = append(e.value[:i], e.value[e.pos:]...), i
	case "space":
		e.insert(" ")
	default:
		if msg.Text != "" && msg.Mod&(tea.ModCtrl|tea.ModAlt) == 0 {
			e.insert(msg.Text)
		}
	}
}

// window is the part of the value shown in w cells, scrolled so the cursor is visible, and the
// cursor's column in it.
func (e *lineEdit) window(w int) (string, int) {
	w = max(w, 1)
	start := 0
	if e.pos >= w {
		start = e.pos - w + 1
	}
	end := min(len(e.value), start+w)
	if e.secret {
		return strings.Repeat("*", end-start), e.pos - start
	}
	return string(e.value[start:end]), ansi.StringWidth(string(e.value[start:e.pos]))
}

// View draws the value in w cells with a drawn cursor (reverse video) when cursor is set.
func (e *lineEdit) View(w int, text, cur lipgloss.Style, cursor bool) string {
	s, col := e.window(w)
	if !cursor {
		return text.Render(fit(s, w))
	}
	rs := []rune(s)
	i := len([]rune(ansi.Cut(s, 0, col)))
	under := " "
	if i < len(rs) {
		under = string(rs[i])
	}
	after := ""
	if i+1 < len(rs) {
		after = string(rs[i+1:])
	}
	line := text.Render(string(rs[:i])) + cur.Reverse(true).Render(under) + text.Render(after)
	return line + strings.Repeat(" ", max(w-ansi.StringWidth(s)-boolInt(i >= len(rs)), 0))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
