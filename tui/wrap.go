package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Texts written for people (the status, the help, dialogs, errors) wrap to the width they are
// drawn in rather than being cut: a cut reason or error hides what the user needs. Tables and the
// CLI's output, which have columns, are cut with "…" instead.

// wrapText wraps plain text to w cells: at blanks where it can, inside a word that is longer than
// w. Continuation lines keep the first line's indent.
func wrapText(s string, w int) []string {
	if w <= 0 || width(s) <= w {
		return []string{s}
	}
	rest := strings.TrimLeft(s, " ")
	indent := s[:len(s)-len(rest)]
	if len(indent) >= w/2 {
		indent = ""
	}
	lines := strings.Split(ansi.Wrap(rest, w-len(indent), ""), "\n")
	for i := range lines {
		lines[i] = indent + strings.TrimRight(lines[i], " ")
	}
	return lines
}

// wrapLines wraps each line of a text pane to w cells.
func wrapLines(ls []textLine, w int) []textLine {
	out := make([]textLine, 0, len(ls))
	for _, l := range ls {
		for _, s := range wrapText(l.text, w) {
			out = append(out, textLine{s, l.kind})
		}
	}
	return out
}
