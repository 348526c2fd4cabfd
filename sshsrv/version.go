package sshsrv

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"vtyd/switchctl"
)

// Version is the identification line the server sends, as a Comware 7 switch does.
const Version = "SSH-2.0-Comware-" + switchctl.SoftwareVersion

// maxIdentPeek is how much of a client's identification line the server reads ahead to check it;
// past that the SSH library's own limits apply (it refuses such clients).
const maxIdentPeek = 8192

// Replies to a client whose identification the server refuses, OpenSSH's words and line ending.
const (
	msgMajorDiffers = "Protocol major versions differ.\r\n"
	msgInvalidIdent = "Invalid SSH identification string.\r\n"
)

// identError is a client identification line the server refused.
type identError struct {
	line    string // the client's line, without CR LF
	invalid bool   // not SSH-<major>.<minor>-...; else the major version differs
}

func (e *identError) Error() string {
	if e.invalid {
		return "sshsrv: invalid SSH identification string"
	}
	return "sshsrv: protocol major versions differ"
}

// Read hands the SSH library the client's bytes. The first call reads ahead to the client's
// identification line and checks it as OpenSSH does: SSH-2.0- and SSH-1.99- go on (every byte read
// ahead is replayed), an SSH-1.x client — or any other major version — is told "Protocol major
// versions differ." after the server's own line, which the library wrote before its first read, and
// the read fails, ending the connection. SSH1 itself is never spoken.
func (g *guardConn) Read(p []byte) (int, error) {
	if !g.identified {
		g.identified = true
		if err := g.identify(); err != nil {
			return 0, err
		}
	}
	if len(g.pending) > 0 {
		n := copy(p, g.pending)
		g.pending = g.pending[n:]
		return n, nil
	}
	return g.Conn.Read(p)
}

// identify reads the client's identification line and checks it. As in OpenSSH's server, the very
// first line must be it: a client may not send other lines first (RFC 4253 §4.2 allows that to
// servers only), so an HTTP request or a scanner's probe is answered "Invalid SSH identification
// string." as soon as its first bytes cannot begin "SSH-", not held until the authentication
// timeout. A read error before any byte is returned; after some, the bytes are replayed first and
// the library meets the error on its next read.
func (g *guardConn) identify() error {
	buf := make([]byte, 0, 256)
	for {
		if k := min(len(buf), len(identPrefix)); string(buf[:k]) != identPrefix[:k] {
			return g.refuseIdent(buf)
		}
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			g.pending = buf
			return g.checkIdent(string(bytes.TrimSuffix(buf[:i], []byte("\r"))))
		}
		if len(buf) >= maxIdentPeek {
			g.pending = buf
			return nil
		}
		buf = slices.Grow(buf, 256)
		n, err := g.Conn.Read(buf[len(buf):min(cap(buf), maxIdentPeek)])
		buf = buf[:len(buf)+n]
		if err != nil {
			if len(buf) == 0 {
				return err
			}
			g.pending = buf
			return nil
		}
	}
}

// identPrefix starts every SSH identification line.
const identPrefix = "SSH-"

// refuseIdent answers a client whose first bytes are no identification line and ends it. The
// error carries the start of what it sent, up to the first line end, for the log.
func (g *guardConn) refuseIdent(buf []byte) error {
	_, _ = g.Conn.Write([]byte(msgInvalidIdent))
	line, _, _ := bytes.Cut(buf, []byte("\n"))
	return &identError{line: string(bytes.TrimSuffix(line, []byte("\r"))), invalid: true}
}

// checkIdent lets SSH-2.0 and SSH-1.99 through and refuses the rest with OpenSSH's reply.
func (g *guardConn) checkIdent(line string) error {
	if strings.HasPrefix(line, "SSH-2.0-") || strings.HasPrefix(line, "SSH-1.99-") {
		return nil
	}
	major, minor, ok := parseIdent(line)
	switch {
	case ok && (major == 2 || major == 1 && minor == 99): // SSH-2.00-..., say
		return nil
	case ok:
		_, _ = g.Conn.Write([]byte(msgMajorDiffers))
		return &identError{line: line}
	default:
		return g.refuseIdent([]byte(line))
	}
}

// parseIdent reads SSH-<major>.<minor>-<software> as OpenSSH's sscanf("SSH-%d.%d-%[^\n]") does.
func parseIdent(line string) (major, minor int, ok bool) {
	rest, ok := strings.CutPrefix(line, "SSH-")
	if !ok {
		return 0, 0, false
	}
	ver, soft, ok := strings.Cut(rest, "-")
	if !ok || soft == "" {
		return 0, 0, false
	}
	maj, mnr, ok := strings.Cut(ver, ".")
	if !ok {
		return 0, 0, false
	}
	a, err1 := strconv.Atoi(maj)
	b, err2 := strconv.Atoi(mnr)
	if err1 != nil || err2 != nil || a < 0 || b < 0 {
		return 0, 0, false
	}
	return a, b, true
}
