package linecli

import (
	"bytes"
	"io"
)

// outWriter is the CLI's output. On a terminal it ends lines with \r\n (a \n not already preceded
// by \r gets one). And it holds what is written until the CLI is about to wait — for input, for a
// key at the pager, for the device — and Flush is called: the reply to a line, that is its Enter's
// echo, the command's output and the next prompt, then leaves in one write, one SSH packet, not
// three. A tool or the gateway reading the line's reply then wakes once for it. Past outHold
// bytes it writes through, so a long output streams and is never held whole.
type outWriter struct {
	w      io.Writer
	crlf   bool
	lastCR bool   // the last byte taken was \r
	buf    []byte // held, line ends converted
	err    error  // the first write error; sticky
}

// outHold is the most output held before writing it out.
const outHold = 16 << 10

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	if !o.crlf {
		o.buf = append(o.buf, p...)
	} else {
		o.appendCRLF(p)
	}
	if len(o.buf) >= outHold {
		if err := o.Flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// appendCRLF holds p with a \r before each \n that has none, a line at a time: a configuration
// goes through here whole.
func (o *outWriter) appendCRLF(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			o.buf = append(o.buf, p...)
			o.lastCR = p[len(p)-1] == '\r'
			return
		}
		cr := o.lastCR
		if i > 0 {
			cr = p[i-1] == '\r'
		}
		o.buf = append(o.buf, p[:i]...)
		if !cr {
			o.buf = append(o.buf, '\r')
		}
		o.buf = append(o.buf, '\n')
		o.lastCR = false
		p = p[i+1:]
	}
}

// Flush writes what is held.
func (o *outWriter) Flush() error {
	if o.err != nil || len(o.buf) == 0 {
		return o.err
	}
	_, o.err = o.w.Write(o.buf)
	if cap(o.buf) > 2*outHold {
		o.buf = nil // a burst of output is not kept for the session's life
	} else {
		o.buf = o.buf[:0]
	}
	return o.err
}

// WriteRaw writes p as it is, after what is held: NETCONF's bytes on the CLI's stream.
func (o *outWriter) WriteRaw(p []byte) (int, error) {
	if err := o.Flush(); err != nil {
		return 0, err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}
