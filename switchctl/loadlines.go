package switchctl

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// lineReader reads a configuration file line by line for Load. No line is longer than a command can
// be (MaxLineLen), so a longer one is kept only up to that length and flagged, and the rest of it is
// skipped: a 10 MiB line neither fills memory nor, as a bufio.Scanner's token limit would, ends the
// file there.
type lineReader struct {
	r   *bufio.Reader
	buf []byte
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReader(r)} }

// next returns the next line without its line end and whether it was longer than MaxLineLen (then
// line is its first MaxLineLen bytes). At the end of the input it returns io.EOF; a read error is
// returned as it is, with the part of the line read so far dropped.
func (l *lineReader) next() (line string, tooLong bool, err error) {
	const keep = MaxLineLen + 2 // room for "\r\n"
	l.buf = l.buf[:0]
	got := false
	for {
		frag, err := l.r.ReadSlice('\n')
		got = got || len(frag) > 0
		if room := keep + 1 - len(l.buf); room > 0 {
			l.buf = append(l.buf, frag[:min(len(frag), room)]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && got {
			break // a last line without a line end
		}
		if err != nil {
			return "", false, err
		}
		break
	}
	b := bytes.TrimSuffix(l.buf, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if len(b) > MaxLineLen {
		return string(b[:MaxLineLen]), true, nil
	}
	return string(b), false, nil
}
