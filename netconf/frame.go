package netconf

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// RFC 6242 framing: base:1.0 ends each message with "]]>]]>"; base:1.1 sends chunks
// ("\n#LEN\n" DATA ...) closed by "\n##\n". Both sides use end-of-message framing for the hellos and
// switch to chunks after them when both listed base:1.1.

const eom = "]]>]]>"

// Framing errors. A framing error ends the session: after one, where the next message starts is
// unknowable.
var (
	// ErrTooBig is a message longer than the session's limit (Config.MaxMessage).
	ErrTooBig = errors.New("netconf: message too big")
	// ErrFraming is a chunk header that breaks RFC 6242.
	ErrFraming = errors.New("netconf: bad chunked framing")
)

// framer reads and writes whole messages in the session's current framing.
type framer struct {
	r       *bufio.Reader
	w       io.Writer
	chunked bool
	max     int
	started func() // called at the first byte of each message (the message timeout starts)
}

func newFramer(r io.Reader, w io.Writer, max int) *framer {
	return &framer{r: bufio.NewReaderSize(r, 64<<10), w: w, max: max, started: func() {}}
}

// read returns the next message without its framing.
func (f *framer) read() ([]byte, error) {
	if _, err := f.r.Peek(1); err != nil {
		return nil, err
	}
	f.started()
	if f.chunked {
		return f.readChunked()
	}
	return f.readEOM()
}

// readEOM reads up to the "]]>]]>" marker. Bytes before the marker are kept whole, so a marker that
// spans two reads is still found.
func (f *framer) readEOM() ([]byte, error) {
	var msg []byte
	for {
		part, err := f.r.ReadSlice('>')
		msg = append(msg, part...)
		if len(msg) > f.max+len(eom) {
			return nil, ErrTooBig
		}
		if bytes.HasSuffix(msg, []byte(eom)) {
			return msg[:len(msg)-len(eom)], nil
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, unexpectedEOF(err)
		}
	}
}

// readChunked reads chunks up to the end-of-chunks marker.
func (f *framer) readChunked() ([]byte, error) {
	var msg []byte
	for {
		n, err := f.chunkHeader()
		if err != nil {
			return nil, err
		}
		if n == 0 {
			if len(msg) == 0 {
				return nil, fmt.Errorf("%w: end of chunks before any chunk", ErrFraming)
			}
			return msg, nil
		}
		if len(msg)+n > f.max {
			return nil, ErrTooBig
		}
		start := len(msg)
		msg = append(msg, make([]byte, n)...)
		if _, err := io.ReadFull(f.r, msg[start:]); err != nil {
			return nil, unexpectedEOF(err)
		}
	}
}

// chunkHeader reads "\n#LEN\n" (LEN 1..4294967295, no leading zero) or "\n##\n", returning 0 for the
// latter.
func (f *framer) chunkHeader() (int, error) {
	for _, want := range []byte("\n#") {
		c, err := f.r.ReadByte()
		if err != nil {
			return 0, unexpectedEOF(err)
		}
		if c != want {
			return 0, fmt.Errorf("%w: %q where a chunk header starts", ErrFraming, c)
		}
	}
	var digits []byte
	for {
		c, err := f.r.ReadByte()
		if err != nil {
			return 0, unexpectedEOF(err)
		}
		switch {
		case c == '#' && len(digits) == 0:
			if c, err = f.r.ReadByte(); err != nil {
				return 0, unexpectedEOF(err)
			}
			if c != '\n' {
				return 0, fmt.Errorf("%w: end of chunks not followed by a newline", ErrFraming)
			}
			return 0, nil
		case c >= '0' && c <= '9' && len(digits) < 10 && !(len(digits) == 0 && c == '0'):
			digits = append(digits, c)
		case c == '\n' && len(digits) > 0:
			n, err := strconv.ParseUint(string(digits), 10, 32)
			if err != nil {
				return 0, fmt.Errorf("%w: chunk size %s", ErrFraming, digits)
			}
			if n > uint64(f.max) {
				return 0, ErrTooBig
			}
			return int(n), nil
		default:
			return 0, fmt.Errorf("%w: %q in a chunk size", ErrFraming, c)
		}
	}
}

// write sends one message in the current framing.
func (f *framer) write(msg []byte) error {
	var err error
	if f.chunked {
		_, err = fmt.Fprintf(f.w, "\n#%d\n%s\n##\n", len(msg), msg)
	} else {
		_, err = fmt.Fprintf(f.w, "%s%s", msg, eom)
	}
	return err
}

// unexpectedEOF turns the end of the stream inside a message into io.ErrUnexpectedEOF: the client
// went away mid-message, which is not a clean close.
func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
