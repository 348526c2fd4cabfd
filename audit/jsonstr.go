package audit

import (
	"strconv"
	"unicode/utf8"
)

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, so the result is always
// valid JSON and valid UTF-8, whatever bytes the device sent.
func appendJSONString(b []byte, s []byte) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return append(b, '"')
}

// splitRune returns p with an incomplete UTF-8 sequence at its end cut off, and that tail, which the
// next write may complete. A tail that can never become a rune is not held back.
func splitRune(p []byte) (whole, tail []byte) {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(p); k++ {
		c := p[len(p)-k]
		if c < utf8.RuneSelf {
			return p, nil // ASCII: nothing pending
		}
		if utf8.RuneStart(c) {
			if need := runeLen(c); need > k {
				return p[:len(p)-k], p[len(p)-k:]
			}
			return p, nil
		}
	}
	return p, nil
}

// runeLen is the length of the UTF-8 sequence a leading byte announces; 1 for a byte that leads none.
func runeLen(c byte) int {
	switch {
	case c&0xe0 == 0xc0:
		return 2
	case c&0xf0 == 0xe0:
		return 3
	case c&0xf8 == 0xf0:
		return 4
	}
	return 1
}

// appendSeconds appends d seconds with microseconds, as asciicast times are written.
func appendSeconds(b []byte, seconds float64) []byte {
	return strconv.AppendFloat(b, seconds, 'f', 6, 64)
}
