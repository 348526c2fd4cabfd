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

// maxIdentPeek is how much a client may send before its SSH- line while the server looks for it;
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

// identify reads until the client's SSH- line (lines before it are allowed and skipped) and checks it.
// A read error before any byte is returned; after some, the bytes are replayed first and the library
// meets the error on its next read.
func (g *guardConn) identify() error {
	buf := make([]byte, 0, 256)
	start := 0 // first byte of the line being looked at
	for {
		for {
			i := bytes.IndexByte(buf[start:], '\n')
			if i < 0 {
				break
			}
			line := bytes.TrimSuffix(buf[start:start+i], []byte("\r"))
			start += i + 1
			if bytes.HasPrefix(line, []byte("SSH-")) {
				g.pending = buf
				return g.checkIdent(string(line))
			}
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
		_, _ = g.Conn.Write([]byte(msgInvalidIdent))
		return &identError{line: line, invalid: true}
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
