package sshsrv

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"time"

	"charm.land/ssh"

	"vtyd/switchctl"
)

// scpArgs is an exec of `scp -t|-f [-p] [-d] [-r] [-v] [--] PATH...`, what an SCP client (OpenSSH's
// `scp -O`, pyhpecw7, netmiko's file transfer) runs on the server.
type scpArgs struct {
	sink     bool // -t: the client uploads to PATH
	source   bool // -f: the client downloads PATH
	dirOnly  bool // -d: PATH must be a directory
	preserve bool // -p: times are sent (T records)
	paths    []string
}

// parseSCP reads an scp command line; ok is false when the command is not scp at all, err set when
// it is scp but not a server-side invocation vtyd serves.
func parseSCP(argv []string) (a scpArgs, ok bool, err error) {
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

// handleSCP serves an exec of the legacy SCP protocol (`scp -t PATH`, `scp -f PATH`) on flash:, with
// names in any Comware form (flash:/f, flash:f, /f, f). It reports handled false for any other
// command, which then goes to the CLI; otherwise the caller ends the session with status. It must run
// before the Stelnet service-type check, since SCP has its own (`ssh user ... service-type scp|all`)
// and its own switch (`scp server enable`). An SCP session takes no VTY line and registers as SCP.
func (s *Server) handleSCP(sess ssh.Session, user string) (handled bool, status int) {
	return s.serveSCP(sess, user, s.transferIdleTimeout())
}

// serveSCP is handleSCP with the idle timeout given: a transfer that passes no bytes for idle is
// closed (0: never).
func (s *Server) serveSCP(sess ssh.Session, user string, idle time.Duration) (handled bool, status int) {
	a, ok, err := parseSCP(sess.Command())
	if !ok {
		return false, 0
	}
	log := sessionLog(s, sess, user, "scp")
	stream, stopIdle := watchIdle(sess, idle, func() {
		log.Info("scp session idle: closed", "idle_timeout", idle.String())
		fmt.Fprintf(sess.Stderr(), msgTransferIdle, "SCP", idleText(idle))
		_ = sess.Close() // a blocked read of the next record ends
	})
	defer stopIdle()
	out := bufio.NewWriter(stream)
	c := &scpConn{in: bufio.NewReader(stream), out: out, log: log}
	if err != nil {
		log.Info("scp refused", "reason", err)
		return true, c.fatal("scp: %v", err)
	}
	if msg := s.transferRefusal(user, serviceSCP); msg != "" {
		log.Info("scp refused", "reason", msg)
		return true, c.fatal("scp: %s", msg)
	}
	if _, isPty := s.ptys.get(sess); isPty {
		// A PTY would rewrite the bytes of the file (newlines); OpenSSH's scp never asks for one.
		return true, c.fatal("scp: binary transfers need a session without a terminal (ssh -T)")
	}
	login := s.d.Register(switchctl.LoginInfo{User: user, Roles: s.d.UserRoles(user), Line: -1,
		Proto: "SCP", Remote: sess.RemoteAddr().String()})
	defer login.End()
	stop := closeOnEnd(sess, login, sess)
	defer stop()

	x := &scpXfer{scpConn: c, fs: s.d.Flash(), args: a}
	if a.sink {
		log.Info("scp upload", "target", a.paths[0])
		err = x.sink()
	} else {
		log.Info("scp download", "files", len(a.paths))
		err = x.source()
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil || x.failed {
		log.Info("scp ended with errors", "err", err)
		return true, 1
	}
	log.Info("scp ended")
	return true, 0
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
