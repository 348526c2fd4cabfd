package audit

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"time"
)

// burstQuiet is the pause that ends a burst of input, as on the simulated devices' line CLI
// (sshsrv/linecli): pasted text leaves the client at once and arrives back to back, typing and
// tools that write a line at a time leave gaps between lines.
const burstQuiet = 25 * time.Millisecond

// The markers a terminal puts around pasted text when bracketed paste is on.
var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// paste is a run of input that may be a paste: a burst, or the text between bracketed paste markers.
// Its Enters point to it; it is a paste, and its commands one operation, once it holds two Enters
// (a burst with one is a line typed, or written by a tool, in one piece) or one between markers.
type paste struct {
	id        string
	enters    int
	bracketed bool
}

func (p *paste) isPaste() bool { return p != nil && (p.enters >= 2 || (p.bracketed && p.enters > 0)) }

// pastes tells pastes from typing in a terminal's input, a read at a time.
type pastes struct {
	cur    *paste    // the burst or bracketed paste being received; nil for none
	last   time.Time // when the burst's last read arrived
	inside bool      // between the start and end markers
	marker int       // bytes of a marker matched so far, across reads
}

// read is called with each read of input, when it arrived, before its keys: it ends the burst under
// way when the input was quiet for burstQuiet or when idle says the device answered every line
// entered (a tool waiting for the prompt, not a paste), and starts one with a read that may begin a
// paste (startsBurst).
func (ps *pastes) read(p []byte, now time.Time, idle bool) {
	if ps.inside {
		return
	}
	if ps.cur != nil && (now.Sub(ps.last) > burstQuiet || (idle && ps.cur.enters > 0)) {
		ps.cur = nil
	}
	if ps.cur == nil && startsBurst(p) {
		ps.cur = &paste{}
	}
	if ps.cur != nil {
		ps.last = now
	}
}

// key follows the bracketed paste markers, a byte at a time; it returns the paste the byte is part
// of, nil for typing.
func (ps *pastes) key(k byte, now time.Time) *paste {
	switch {
	case ps.marker < 4 && k == pasteStart[ps.marker]: // "\x1b[20", common to both markers
		ps.marker++
	case ps.marker == 4 && (k == '0' || k == '1'):
		ps.marker = 5 + int(k-'0')
	case ps.marker >= 5 && k == '~':
		if ps.marker == 5 {
			ps.inside, ps.cur = true, &paste{bracketed: true}
		} else if ps.inside {
			ps.inside, ps.cur = false, nil
			ps.last = now
		}
		ps.marker = 0
	default:
		ps.marker = 0
		if k == pasteStart[0] {
			ps.marker = 1
		}
	}
	return ps.cur
}

// entered counts an Enter of p's and returns p.
func entered(p *paste) *paste {
	if p != nil {
		p.enters++
	}
	return p
}

// op is the operation id of p when it is a paste, made on first use.
func (p *paste) op(newOp func() string) string {
	if !p.isPaste() {
		return ""
	}
	if p.id == "" {
		p.id = newOp()
	}
	return p.id
}

// startsBurst reports whether a read may be the start of a paste rather than typing, as the line CLI
// judges it: one that holds a line end, unless it is a lone Enter (the key a person presses after
// typing a line, and that a driver sends once the device echoed the line).
func startsBurst(b []byte) bool {
	switch string(b) {
	case "\r", "\n", "\r\n", "\r\x00":
		return false
	}
	return bytes.ContainsAny(b, "\r\n")
}

// newOpID is a random operation id, like the gateway's session and exec ids.
func newOpID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
