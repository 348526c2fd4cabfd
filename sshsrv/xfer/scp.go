package xfer

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
)

// Args is an exec of `scp -t|-f [-p] [-d] [-r] [-v] [--] PATH...`, what an SCP client (OpenSSH's
// `scp -O`, pyhpecw7, netmiko's file transfer) runs on the server, as ParseSCP read it.
type Args struct {
	sink     bool // -t: the client uploads to PATH
	source   bool // -f: the client downloads PATH
	dirOnly  bool // -d: PATH must be a directory
	preserve bool // -p: times are sent (T records)
	paths    []string
}

// ParseSCP reads an exec command line; ok is false when the command is not scp at all (it is one
// for the CLI), err set when it is scp but not a server-side invocation vtyd serves.
func ParseSCP(argv []string) (a Args, ok bool, err error) {
	if len(argv) == 0 || argv[0] != "scp" {
		return a, false, nil
	}
	i := 1
	for ; i < len(argv); i++ {
		arg := argv[i]
		if arg == "--" {
			i++
			break
		}
		if len(arg) < 2 || arg[0] != '-' {
			break
		}
		for _, f := range arg[1:] {
			switch f {
			case 't':
				a.sink = true
			case 'f':
				a.source = true
			case 'd':
				a.dirOnly = true
			case 'p':
				a.preserve = true
			case 'r', 'v', 'q', 'E':
				// -r: directory records are refused one by one; -v, -q: verbosity.
			default:
				return a, true, fmt.Errorf("unsupported option -%c", f)
			}
		}
	}
	a.paths = argv[i:]
	switch {
	case a.sink == a.source:
		return a, true, fmt.Errorf("only scp -t (upload) or -f (download) can run on the device")
	case len(a.paths) == 0:
		return a, true, fmt.Errorf("no file name")
	case a.sink && len(a.paths) > 1:
		return a, true, fmt.Errorf("scp -t takes one target")
	}
	return a, true, nil
}

// ServeSCP serves one legacy SCP transfer (`scp -t PATH`, `scp -f PATH...`) on flash:, with names in
// any Comware form (flash:/f, flash:f, /f, f), until it is done, it stays idle for s.Idle, or the
// connection or the login ends. The status is the exit status: 0 when every file made it.
func ServeSCP(s Session, a Args) (status int) {
	s = s.withDefaults()
	defer recovered(s.Log, "scp session", s.fail(&status))
	stream, stop := s.watch("SCP")
	defer stop()
	out := bufio.NewWriter(stream)
	x := &scpXfer{scpConn: &scpConn{in: bufio.NewReader(stream), out: out, log: s.Log}, s: s, args: a}
	var err error
	if a.sink {
		s.Log.Info("scp upload", "target", a.paths[0])
		err = x.sink()
	} else {
		s.Log.Info("scp download", "files", len(a.paths))
		err = x.source()
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil || x.failed {
		s.Log.Info("scp ended with errors", "err", err)
		return 1
	}
	s.Log.Info("scp ended")
	return 0
}

// RefuseSCP tells an SCP client why its transfer does not run — the text after "scp: " — in the
// protocol's form of a fatal error, which the client prints, and returns the exit status, 1.
func RefuseSCP(w io.Writer, reason string) int {
	_, _ = fmt.Fprintf(w, "\x02scp: %s\n", reason)
	return 1
}

// scpConn is the wire of one SCP session: records and one-byte replies over the channel.
type scpConn struct {
	in  *bufio.Reader
	out *bufio.Writer
	log *slog.Logger
}

// maxSCPLine bounds a control record (C, D, T, E lines and error texts).
const maxSCPLine = 4096

// ack sends the one-byte "ok" reply.
func (c *scpConn) ack() error {
	if err := c.out.WriteByte(0); err != nil {
		return err
	}
	return c.out.Flush()
}

// warn sends a non-fatal error (code 1): the client reports it and goes on with the next file.
func (c *scpConn) warn(format string, args ...any) error {
	return c.send(1, format, args...)
}

// fatal sends a fatal error (code 2 ends the client's transfer) and returns the exit status 1.
func (c *scpConn) fatal(format string, args ...any) int {
	_ = c.send(2, format, args...)
	return 1
}

func (c *scpConn) send(code byte, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	c.log.Info("scp error", "msg", msg)
	if err := c.out.WriteByte(code); err != nil {
		return err
	}
	if _, err := c.out.WriteString(msg + "\n"); err != nil {
		return err
	}
	return c.out.Flush()
}

// readLine reads one control line without its newline, refusing lines longer than maxSCPLine.
func (c *scpConn) readLine() (string, error) {
	var b []byte
	for len(b) <= maxSCPLine {
		ch, err := c.in.ReadByte()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		if ch == '\n' {
			return string(b), nil
		}
		b = append(b, ch)
	}
	return "", fmt.Errorf("scp: protocol error: control line longer than %d bytes", maxSCPLine)
}

// response reads the client's reply to a record: nil for ok, an error holding the client's text for
// a warning or a fatal error.
func (c *scpConn) response() error {
	code, err := c.in.ReadByte()
	if err != nil {
		return err
	}
	switch code {
	case 0:
		return nil
	case 1, 2:
		msg, err := c.readLine()
		if err != nil {
			return err
		}
		return fmt.Errorf("scp: client: %s", msg)
	}
	return fmt.Errorf("scp: protocol error: reply byte %d", code)
}
