package switchctl

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text the device stores or shows to other users must not steer their terminals: an escape sequence
// in a sysname reaches every prompt, one in a banner every login. These are what a terminal obeys
// rather than prints: C0 controls but TAB, DEL, C1 controls (also as raw 8-bit bytes, which 8-bit
// terminals read as C1: 0x9b is CSI) and the bidi controls that reorder what is shown (Trojan Source).

// unsafeRune reports whether r is a control a terminal would act on.
func unsafeRune(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// firstUnsafe is the byte offset of the first terminal control in s, or -1. A byte 0x80-0x9f that is
// not part of a UTF-8 sequence counts as the C1 control it is on an 8-bit terminal; other invalid
// bytes are only text in an unknown encoding.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			if s[i] >= 0x80 && s[i] <= 0x9f {
				return i
			}
		} else if unsafeRune(r) {
			return i
		}
		i += n
	}
	return -1
}

// escapeUnsafe writes the terminal controls in s as Go escapes (\x1b, \n, \u202e), for text that
// comes from outside the engine (file names, user names of failed logins) and cannot be refused.
// TABs are left as they are.
func escapeUnsafe(s string) string {
	if firstUnsafe(s) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1 && s[i] >= 0x80 && s[i] <= 0x9f:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
