package linecli

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// screen is just enough of a vt100 to check the editor: printable runes with xterm's deferred wrap,
// CR, LF, BS and the cursor moves ESC [ n A/B/C/D.
type screen struct {
	w       int
	rows    [][]rune
	x, y    int
	pending bool // the cursor sits in the last column; the next character wraps first
}

func (s *screen) feed(b string) {
	rs := []rune(b)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == 0x1b && i+1 < len(rs) && rs[i+1] == '[':
			j := i + 2
			for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
				j++
			}
			n, _ := strconv.Atoi(string(rs[i+2 : j]))
			switch rs[j] {
			case 'A':
				s.y = max(s.y-n, 0)
			case 'B':
				s.y += n
			case 'C':
				s.x = min(s.x+n, s.w-1)
			case 'D':
				s.x = max(s.x-n, 0)
			}
			s.pending = false
			i = j
		case r == '\r':
			s.x, s.pending = 0, false
		case r == '\n':
			s.y, s.pending = s.y+1, false
		case r == '\b':
			s.x, s.pending = max(s.x-1, 0), false
		default:
			if s.pending {
				s.x, s.y, s.pending = 0, s.y+1, false
			}
			for len(s.rows) <= s.y {
				s.rows = append(s.rows, []rune(strings.Repeat(" ", s.w)))
			}
			s.rows[s.y][s.x] = r
			if s.x == s.w-1 {
				s.pending = true
			} else {
				s.x++
			}
		}
	}
}

func (s *screen) text() string {
	var b strings.Builder
	for _, r := range s.rows {
		b.WriteString(string(r))
	}
	return strings.TrimRight(b.String(), " ")
}

// TestEditorOnScreen edits a line that wraps over several rows of a narrow terminal with random keys,
// and checks after each that the screen shows the prompt and the line and the cursor is where the
// editor thinks.
func TestEditorOnScreen(t *testing.T) {
	const width = 10
	e := &editor{width: func() int { return width }}
	sc := &screen{w: width}
	e.start("<HPE>")
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"display ", "current-configuration ", "interface ", "x", "GigabitEthernet1/0/1 "}
	for step := range 2000 {
		switch op := rng.IntN(9); op {
		case 0, 1:
			for _, r := range words[rng.IntN(len(words))] {
				e.insert(r)
			}
		case 2:
			e.cut(max(e.pos-1, 0), e.pos)
		case 3:
			e.set(e.line, max(e.pos-rng.IntN(12), 0))
		case 4:
			e.set(e.line, min(e.pos+rng.IntN(12), len(e.line)))
		case 5:
			e.cut(e.wordStart(), e.pos)
		case 6:
			e.setText(words[rng.IntN(len(words))])
		case 7:
			e.cut(e.pos, min(e.pos+3, len(e.line)))
		case 8:
			if len(e.line) > 60 {
				e.cut(0, len(e.line))
			}
		}
		sc.feed(string(e.buf))
		e.buf = e.buf[:0]
		want := strings.TrimRight("<HPE>"+string(e.line), " ")
		if got := sc.text(); got != want {
			t.Fatalf("step %d: screen %q, want %q", step, got, want)
		}
		off := len(e.prompt) + e.pos
		if sc.y != off/width || sc.x != off%width || sc.pending {
			t.Fatalf("step %d: cursor at row %d col %d (pending %v), want %d,%d", step, sc.y, sc.x, sc.pending, off/width, off%width)
		}
	}
}
