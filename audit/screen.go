package audit

import (
	"strings"
	"unicode/utf8"
)

// maxCells bounds a line of the screen model: longer output lines are cut, typed lines are far shorter
// (Comware's edit buffer is 511 characters).
const maxCells = 4096

// screenLine is the line the cursor is on, as a terminal would show it after the device's echo,
// backspaces, cursor moves and erasures: what the user saw is what the audit records.
type screenLine struct {
	cells []rune
	col   int

	state  byte   // escape parser: 0 ground, 'e' after ESC, '[' in CSI, ']' in OSC, 'c' ESC ( or )
	params []byte // CSI parameters, bounded
	rune   []byte // an incomplete UTF-8 sequence from the previous chunk
}

// feed applies the device's bytes; done is called with each line the device ended with "\n".
func (s *screenLine) feed(p []byte, done func(string)) {
	if len(s.rune) > 0 {
		p = append(s.rune, p...)
		s.rune = nil
	}
	p, tail := splitRune(p)
	s.rune = append([]byte(nil), tail...)
	for i := 0; i < len(p); {
		c := p[i]
		if c >= utf8.RuneSelf && s.state == 0 {
			r, n := utf8.DecodeRune(p[i:])
			s.put(r)
			i += n
			continue
		}
		i++
		switch s.state {
		case 'e':
			switch c {
			case '[':
				s.state, s.params = '[', s.params[:0]
			case ']':
				s.state = ']'
			case '(', ')':
				s.state = 'c'
			default:
				s.state = 0
			}
			continue
		case 'c':
			s.state = 0
			continue
		case ']': // OSC: skipped up to BEL or ESC
			switch c {
			case 0x07:
				s.state = 0
			case 0x1b:
				s.state = 'e'
			}
			continue
		case '[':
			if c >= 0x40 && c <= 0x7e {
				s.csi(c)
				s.state = 0
			} else if len(s.params) < 32 {
				s.params = append(s.params, c)
			}
			continue
		}
		switch c {
		case 0x1b:
			s.state = 'e'
		case '\r':
			s.col = 0
		case '\n':
			done(s.text())
			s.cells, s.col = s.cells[:0], 0
		case '\b':
			s.col = max(s.col-1, 0)
		case '\t':
			s.col = min((s.col/8+1)*8, maxCells)
		default:
			if c >= 0x20 && c != 0x7f {
				s.put(rune(c))
			} // NUL, BEL and other controls show nothing
		}
	}
}

// put writes r at the cursor, over what was there.
func (s *screenLine) put(r rune) {
	if s.col >= maxCells {
		return
	}
	for len(s.cells) < s.col {
		s.cells = append(s.cells, ' ')
	}
	if s.col < len(s.cells) {
		s.cells[s.col] = r
	} else {
		s.cells = append(s.cells, r)
	}
	s.col++
}

// csi applies the cursor and erase sequences line editors use; the rest (colours, modes) show nothing.
func (s *screenLine) csi(final byte) {
	n := 0
	for _, c := range s.params {
		if c < '0' || c > '9' {
			break
		}
		n = min(n*10+int(c-'0'), maxCells)
	}
	one := max(n, 1)
	switch final {
	case 'D':
		s.col = max(s.col-one, 0)
	case 'C':
		s.col = min(s.col+one, maxCells)
	case 'G':
		s.col = min(one-1, maxCells)
	case 'K':
		switch n {
		case 0:
			s.cells = s.cells[:min(s.col, len(s.cells))]
		case 1:
			for i := 0; i <= s.col && i < len(s.cells); i++ {
				s.cells[i] = ' '
			}
		case 2:
			s.cells = s.cells[:0]
		}
	case 'P': // delete characters at the cursor
		if s.col < len(s.cells) {
			s.cells = append(s.cells[:s.col], s.cells[min(s.col+one, len(s.cells)):]...)
		}
	case '@': // insert blanks at the cursor
		if s.col < len(s.cells) {
			k := min(one, maxCells-len(s.cells))
			s.cells = append(s.cells[:s.col], append(make([]rune, k), s.cells[s.col:]...)...)
			for i := s.col; i < s.col+k; i++ {
				s.cells[i] = ' '
			}
		}
	}
}

// text is the line as shown, without trailing blanks.
func (s *screenLine) text() string {
	return strings.TrimRight(string(s.cells), " ")
}
