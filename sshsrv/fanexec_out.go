package sshsrv

import (
	"bytes"
	"io"
	"sync"
)

// maxPendingLine is how much of a line without an end a device may print before it is shown as a
// line of its own: one device's endless line never holds memory nor the others' output.
const maxPendingLine = 64 << 10

// prefixedOut is one stream of a fan-out's session (stdout or stderr), shared by its devices as
// pdsh shares it: whole lines, each after its device's name ("core1: ..."), never two devices'
// bytes in one line, in the order they come.
type prefixedOut struct {
	mu sync.Mutex // one line at a time
	w  io.Writer
}

// line writes one line of a device. A client that went away fails the write: the session's
// context then ends the fan-out, so the error needs no answer here.
func (p *prefixedOut) line(device string, text []byte) {
	text = bytes.TrimSuffix(text, []byte("\r"))
	b := make([]byte, 0, len(device)+len(text)+3)
	b = append(append(append(append(b, device...), ": "...), text...), '\n')
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = p.w.Write(b)
}

// raw writes text of the fan-out's own (the summary) between devices' lines.
func (p *prefixedOut) raw(text string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = io.WriteString(p.w, text)
}

// deviceLines is one device's writer on a prefixedOut: it holds what follows the last line end
// until the line is whole, or the device ends (flush).
type deviceLines struct {
	out    *prefixedOut
	device string
	mu     sync.Mutex // a device abandoned after its timeout may still write
	held   []byte
	closed bool
}

func (d *deviceLines) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return len(p), nil // the device's result is out: what it prints late is not shown
	}
	d.held = append(d.held, p...)
	for {
		i := bytes.IndexByte(d.held, '\n')
		if i < 0 {
			if len(d.held) >= maxPendingLine {
				d.out.line(d.device, d.held)
				d.held = d.held[:0]
			}
			return len(p), nil
		}
		d.out.line(d.device, d.held[:i])
		d.held = d.held[i+1:]
	}
}

// close shows what the device printed after its last line end, and drops what it prints later.
func (d *deviceLines) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.held) > 0 && !d.closed {
		d.out.line(d.device, d.held)
	}
	d.held, d.closed = nil, true
}
