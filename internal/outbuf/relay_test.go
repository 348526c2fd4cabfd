package outbuf

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// chunks is a reader that returns its chunks one Read at a time, as an SSH channel returns what
// has arrived: keystrokes, then a large output, then a prompt.
type chunks struct{ list [][]byte }

func (c *chunks) Read(p []byte) (int, error) {
	if len(c.list) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.list[0])
	if c.list[0] = c.list[0][n:]; len(c.list[0]) == 0 {
		c.list = c.list[1:]
	}
	return n, nil
}

// TestRelayCopies: io.Copy through a Relay delivers every byte in order, across the switches
// between its small and its packet-sized buffer, and stops at the first write error.
func TestRelayCopies(t *testing.T) {
	big := bytes.Repeat([]byte("interface GigabitEthernet1/0/1\r\n"), 3000) // ~96 KB: several packets
	src := &chunks{list: [][]byte{[]byte("d"), []byte("isplay current\r"), big, []byte("<HPE>"), big[:5000]}}
	var want bytes.Buffer
	for _, c := range src.list {
		want.Write(c)
	}
	var got bytes.Buffer
	n, err := io.Copy(Relay{W: &got}, src)
	if err != nil || n != int64(want.Len()) || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("copied %d bytes (err %v), want %d, same bytes %v", n, err, want.Len(), bytes.Equal(got.Bytes(), want.Bytes()))
	}

	broken := errors.New("client gone")
	src = &chunks{list: [][]byte{big}}
	n, err = io.Copy(Relay{W: failAfter{left: 4096, err: broken}}, src)
	if !errors.Is(err, broken) || n > 4096 {
		t.Errorf("copy into a failing writer: %d bytes, %v; want at most 4096 and %v", n, err, broken)
	}
}

// failAfter takes writes of at most left bytes; a larger one fails.
type failAfter struct {
	left int
	err  error
}

func (f failAfter) Write(p []byte) (int, error) {
	if len(p) > f.left {
		return 0, f.err
	}
	return len(p), nil
}
