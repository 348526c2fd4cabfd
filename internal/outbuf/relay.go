package outbuf

import (
	"errors"
	"io"
	"sync"
)

// Relay is w for a copy that may sit idle for hours, a relayed interactive session's: its ReadFrom,
// which io.Copy uses, waits for data with a small buffer and takes a pooled packet-sized one only
// while data keeps coming. io.Copy's own buffer is 32 KiB, held for the copy's life, three per
// relayed shell (input, output, errors).
type Relay struct{ W io.Writer }

// idleSize is the buffer a Relay waits with: a keystroke, a prompt, a line of output.
const idleSize = 2 << 10

var packets = sync.Pool{New: func() any { b := make([]byte, Size); return &b }}

func (r Relay) Write(p []byte) (int, error) { return r.W.Write(p) }

// ReadFrom copies src to r.W until src ends (io.EOF is not an error), as io.Copy does.
func (r Relay) ReadFrom(src io.Reader) (int64, error) {
	small := make([]byte, idleSize)
	buf := small
	var big *[]byte
	defer func() {
		if big != nil {
			packets.Put(big)
		}
	}()
	var total int64
	for {
		n, err := src.Read(buf)
		if n > 0 {
			w, werr := r.W.Write(buf[:n])
			total += int64(w)
			if werr != nil {
				return total, werr
			}
			if w < n {
				return total, io.ErrShortWrite
			}
		}
		if errors.Is(err, io.EOF) {
			return total, nil
		}
		if err != nil {
			return total, err
		}
		switch {
		case n == len(buf) && big == nil: // more is likely waiting: take a packet's worth
			big = packets.Get().(*[]byte)
			buf = *big
		case n < len(buf) && big != nil: // drained: wait small again
			packets.Put(big)
			big, buf = nil, small
		}
	}
}
