package linecli

import (
	"bytes"
	"unicode/utf8"
)

// keyKind is what a key does in the line editor.
type keyKind int

const (
	kIgnore keyKind = iota // unknown sequences, NUL, Esc
	kRune                  // a printable character (r)
	kEnter                 // CR or LF (r says which)
	kBackspace
	kDelete
	kLeft
	kRight
	kUp
	kDown
	kHome
	kEnd
	kTab
	kCtrl       // another control character (r: 0x01..0x1f)
	kPasteStart // bracketed paste begins (ESC [ 200 ~)
	kPasteEnd   // bracketed paste ends (ESC [ 201 ~)
)

// key is one decoded key. literal keys come from a bracketed paste: ? and Tab are plain there.
type key struct {
	kind    keyKind
	r       rune
	literal bool
}

// Control keys, as Comware binds them (display hotkey).
const (
	ctrlA = 0x01 // line start
	ctrlB = 0x02 // left
	ctrlC = 0x03 // cancel the line; stop output
	ctrlD = 0x04 // delete the character under the cursor
	ctrlE = 0x05 // line end
	ctrlF = 0x06 // right
	ctrlK = 0x0b // delete to the line end
	ctrlN = 0x0e // next history command
	ctrlP = 0x10 // previous history command
	ctrlR = 0x12 // redisplay the line
	ctrlU = 0x15 // delete to the line start
	ctrlW = 0x17 // delete the word left of the cursor
	ctrlX = 0x18 // delete to the line start
	ctrlY = 0x19 // delete to the line end
	ctrlZ = 0x1a // return to user view
)

// Bracketed paste (xterm mode 2004): turned on and off by the CLI, and the markers around a paste.
const (
	bracketOn  = "\x1b[?2004h"
	bracketOff = "\x1b[?2004l"
)

var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// maxEscape bounds an escape sequence; a longer one is dropped.
const maxEscape = 16

// decodeKey decodes the key at the start of b and its length. ok is false when b is empty or holds
// only the beginning of a key; with final, such a beginning is taken as it is (ignored).
func decodeKey(b []byte, final bool) (k key, n int, ok bool) {
	if len(b) == 0 {
		return key{}, 0, false
	}
	switch c := b[0]; {
	case c == 0x1b:
		return decodeEscape(b, final)
	case c == '\r' || c == '\n':
		return key{kind: kEnter, r: rune(c)}, 1, true
	case c == 0x7f || c == 0x08:
		return key{kind: kBackspace}, 1, true
	case c == '\t':
		return key{kind: kTab}, 1, true
	case c == 0:
		return key{kind: kIgnore}, 1, true
	case c < 0x20:
		return key{kind: kCtrl, r: rune(c)}, 1, true
	}
	if !utf8.FullRune(b) {
		if !final {
			return key{}, 0, false
		}
		return key{kind: kIgnore}, len(b), true
	}
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size == 1 {
		return key{kind: kIgnore}, 1, true
	}
	return key{kind: kRune, r: r}, size, true
}

// csiKeys are the CSI sequences the editor knows, by what follows ESC [.
var csiKeys = map[string]keyKind{
	"A": kUp, "B": kDown, "C": kRight, "D": kLeft, "H": kHome, "F": kEnd,
	"1~": kHome, "7~": kHome, "4~": kEnd, "8~": kEnd, "3~": kDelete,
	"200~": kPasteStart, "201~": kPasteEnd,
}

func decodeEscape(b []byte, final bool) (key, int, bool) {
	if len(b) < 2 {
		if final {
			return key{kind: kIgnore}, 1, true
		}
		return key{}, 0, false
	}
	switch b[1] {
	case '[':
		// Parameters and intermediates, then a final byte in 0x40..0x7e.
		for i := 2; i < len(b) && i < maxEscape; i++ {
			if b[i] >= 0x40 && b[i] <= 0x7e {
				if kind, ok := csiKeys[string(b[2:i+1])]; ok {
					return key{kind: kind}, i + 1, true
				}
				return key{kind: kIgnore}, i + 1, true
			}
		}
		if len(b) >= maxEscape || final {
			return key{kind: kIgnore}, min(len(b), maxEscape), true
		}
		return key{}, 0, false
	case 'O': // SS3: cursor keys in application mode
		if len(b) < 3 {
			if final {
				return key{kind: kIgnore}, len(b), true
			}
			return key{}, 0, false
		}
		if kind, ok := csiKeys[string(b[2])]; ok {
			return key{kind: kind}, 3, true
		}
		return key{kind: kIgnore}, 3, true
	}
	return key{kind: kIgnore}, 2, true // Esc+letter (Comware's word moves) is not bound here
}

// literalKey decodes the next key of pasted text: line ends are Enter, Tab is a space, other
// control characters are dropped, everything else is entered as it is.
func literalKey(b []byte) (key, int) {
	switch c := b[0]; {
	case c == '\r' || c == '\n':
		return key{kind: kEnter, r: rune(c), literal: true}, 1
	case c == '\t':
		return key{kind: kRune, r: ' ', literal: true}, 1
	case c < 0x20 || c == 0x7f:
		return key{kind: kIgnore}, 1
	}
	r, size := utf8.DecodeRune(b)
	if r == utf8.RuneError && size <= 1 {
		return key{kind: kIgnore}, 1
	}
	return key{kind: kRune, r: r, literal: true}, size
}

// startsBurst reports whether a chunk of input on a terminal may be the start of a paste rather
// than typing, so that its burst is judged before any of it runs: a line end, or more than one line
// can hold. Keys without a line end run nothing and are entered at once, and so is a lone Enter —
// the key a person presses after typing a line, and that a driver sends once the device echoed the
// line (it waits no burst: a program that types lines this way gets its answers as fast as a
// person's keys do). A bracketed paste is told by its markers instead.
func startsBurst(b []byte) bool {
	if bytes.Contains(b, pasteStart) || isLoneEnter(b) {
		return false
	}
	if len(b) > maxEditLine {
		return true
	}
	// Any complete line may be the first of a paste: a client or a busy server can split pasted
	// text at a line end. Collecting it for burstQuiet costs a typed Enter no more than that.
	return bytes.ContainsAny(b, "\r\n")
}

// isLoneEnter reports whether a chunk is one Enter key alone, as terminals send it: CR, LF, CR LF
// or CR NUL.
func isLoneEnter(b []byte) bool {
	switch string(b) {
	case "\r", "\n", "\r\n", "\r\x00":
		return true
	}
	return false
}
