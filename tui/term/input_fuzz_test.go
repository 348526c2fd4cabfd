package term

import (
	"bytes"
	"io"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// chunked reads data in pieces whose sizes cycle through sizes (each at least 1), as a terminal's
// bytes arrive over SSH: sequences and pastes cut anywhere.
type chunked struct {
	data  []byte
	sizes []byte
	i     int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := 1
	if len(c.sizes) > 0 {
		n = int(c.sizes[c.i%len(c.sizes)])%64 + 1
		c.i++
	}
	n = min(n, len(p), len(c.data))
	copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

// FuzzInput feeds arbitrary bytes, cut at arbitrary points, to the console's input decoder: keys,
// escape sequences, mouse reports, bracketed pastes, terminal replies and garbage. It must never
// panic, must return at the end of the input, and must keep no paste over MaxPaste.
func FuzzInput(f *testing.F) {
	for _, seed := range []string{"abc\r", "\x1b[A\x1b[1;5C\x1bOP", "\x1b[200~vlan 10\r\nname x\r\n\x1b[201~", "\x1b[200~no end",
		"\x1b]11;rgb:0000/0000/0000\x1b\\", "\x1b]52;c;" + string(bytes.Repeat([]byte("A"), 5000)) + "\a", "\x1b[<0;10;5M",
		"\x1b[?62;22c", "\x1bP" + string(bytes.Repeat([]byte("x"), 4100)), "\x9b31m", "\xff\xfe", "system-view\rshutdown\r"} {
		f.Add([]byte(seed), []byte{3, 1, 7})
	}
	f.Fuzz(func(t *testing.T, data, sizes []byte) {
		in := &Input{MaxPaste: 256}
		var mu sync.Mutex
		send := func(m tea.Msg) {
			mu.Lock()
			defer mu.Unlock()
			if p, ok := m.(tea.PasteMsg); ok && len(p.Content) > 256 {
				t.Errorf("a paste of %d bytes was kept, over MaxPaste 256", len(p.Content))
			}
		}
		if err := in.Run(&chunked{data: data, sizes: sizes}, send); err != nil {
			t.Fatalf("Run: %v", err)
		}
	})
}
