package sshsrv

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"charm.land/ssh"

	"vtyd/sshsrv/xfer"
	"vtyd/switchctl"
)

// The gateway's sessions on real switches (Route.Remote). The switch serves them; the gateway keeps
// what it keeps for its own shells: a line of its own, the idle timeout, the end at shutdown.

// remoteCommand serves an exec on a real switch: SCP relayed verbatim to the switch's SCP server,
// anything else run with the exec contract of a simulated device.
func (s *Server) remoteCommand(sess ssh.Session, who caller, r Remote) int {
	if mayBeSCP(sess.RawCommand()) {
		if _, ok, _ := xfer.ParseSCP(sess.Command()); ok {
			return r.Relay(sess.Context(), sess.RawCommand(), false, sess, sess.Stderr())
		}
	}
	status, err := r.Exec(sess.Context(), sess.RawCommand(), sess, sess.Stderr(), who.audit.observer(AuditExec, newAuditID()))
	if err != nil {
		fmt.Fprintln(sess.Stderr(), err)
	}
	return status
}

// remoteShell relays a shell to a real switch on one of the gateway's VTY lines, registered as the
// account's login on the gateway: its idle timeout, `free`, and shutdown end the relay as they end
// any shell, and window changes reach the switch.
func (s *Server) remoteShell(sess ssh.Session, own caller, au *audited, r Remote, in io.Reader, log *slog.Logger) int {
	line, free, ok := s.lines.take()
	if !ok {
		log.Warn("ssh shell refused: all VTY lines in use")
		fmt.Fprintf(sess.Stderr(), msgNoLine, len(s.lines.busy))
		return 1
	}
	defer free()
	login, _ := s.register(sess, own, "SSH", line)
	defer login.End()
	p, isPty := own.pty(sess)
	resize := make(chan WindowSize, 1)
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	watch := shellWatch{sess: sess, login: login, line: line, cancel: cancel, rec: own.rec, resize: func(w, h int) {
		latest(resize, WindowSize{Width: w, Height: h})
	}}
	defer s.watchShell(watch, p.watch)()
	log.Info("ssh shell: relayed to the device", "vty", line, "pty", isPty)
	status := r.Shell(ctx, RemoteShell{PTY: isPty, Term: p.pty.Term, Width: p.pty.Window.Width, Height: p.pty.Window.Height,
		In: touching{r: in, touch: login.Touch}, Out: sess, Stderr: sess.Stderr(), Resize: resize,
		Observe: au.observer(AuditCLI, "")})
	if c := login.Cause(); c != switchctl.EndNone {
		_, _ = io.WriteString(sess, "\r\n"+c.Message()+"\r\n")
		return 1
	}
	return status
}

// latest puts v in a one-slot channel, replacing what the reader has not taken: only the last
// window size matters.
func latest(ch chan WindowSize, v WindowSize) {
	for {
		select {
		case ch <- v:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

// touching is input that tells the login of each read: keys are activity.
type touching struct {
	r     io.Reader
	touch func(time.Time)
}

func (t touching) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if n > 0 {
		t.touch(time.Now())
	}
	return n, err
}
