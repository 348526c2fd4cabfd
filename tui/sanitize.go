package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Clean makes text that came from the device or from a user (descriptions, sysname, log lines,
// pasted text, command output) safe to draw: it must never reach a terminal as a control sequence.
// ESC and the other C0 controls are shown in caret notation (^[, ^G), DEL as ^?, C1 controls and
// bidirectional overrides as <U+009B>, invalid UTF-8 as U+FFFD. Tabs expand to 8 columns, carriage
// returns are dropped, and newlines are kept. Every string the console draws from outside passes
// through Clean (or CleanLine) once, when it enters the model.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	col := 0
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !validAt(s, i):
			b.WriteRune(utf8.RuneError)
			col++
		case r == '\n':
			b.WriteByte('\n')
			col = 0
		case r == '\t':
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case r == '\r':
		case r < 0x20:
			b.WriteByte('^')
			b.WriteByte(byte(r) + '@')
			col += 2
		case r == 0x7f:
			b.WriteString("^?")
			col += 2
		case isC1OrBidi(r):
			fmt.Fprintf(&b, "<U+%04X>", r)
			col += 8
		default:
			b.WriteRune(r)
			col++
		}
	}
	return b.String()
}

// CleanLine is Clean for text shown on one line: newlines are shown as ^J.
func CleanLine(s string) string {
	return strings.ReplaceAll(Clean(s), "\n", "^J")
}

// isClean is the fast path: printable ASCII and newlines only.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n') || c >= 0x7f {
			return false
		}
	}
	return true
}

func validAt(s string, i int) bool {
	r, n := utf8.DecodeRuneInString(s[i:])
	return r != utf8.RuneError || n > 1
}

// isC1OrBidi reports the C1 controls (which some terminals obey like ESC sequences) and the
// bidirectional formatting characters (which can make text read differently than it is).
func isC1OrBidi(r rune) bool {
	return (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// hasControl reports whether s holds a control character other than tab, CR and LF: pasted
// batches that do are refused rather than run.
func hasControl(s string) (rune, bool) {
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\r' && r != '\n') || r == 0x7f || isC1OrBidi(r) {
			return r, true
		}
	}
	return 0, false
}
