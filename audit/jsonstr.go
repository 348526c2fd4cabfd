package audit

import (
	"strconv"
	"unicode/utf8"
)

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
