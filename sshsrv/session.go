package sshsrv

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"charm.land/ssh"

	"vtyd/switchctl"
)

// route sends each session where it belongs: a command (exec) to the engine, a shell to the line
// CLI; both are Stelnet, which an `ssh user` entry's service-type must allow. It is the innermost
// handler: Wish middleware added later wraps it and runs first.
func (s *Server) route(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		user, ok := identity(sess)
		if !ok { // cannot happen: every accepting callback sets it
			s.log.Error("ssh session without an authenticated user", "remote", sess.RemoteAddr().String())
			_ = sess.Exit(1)
			return
		}
		if su, ok := s.d.SSHUser(user); ok && su.Service != "all" && su.Service != "stelnet" {
			s.log.Info("ssh session refused: service-type", "user", user, "service", su.Service)
			fmt.Fprintln(sess.Stderr(), "The user is not authorized for Stelnet (ssh user ... service-type).")
			_ = sess.Exit(1)
			return
		}
		mode := "shell"
		if sess.RawCommand() != "" {
			mode = "exec"
		}
		log := s.log.With("session", s.seq.Add(1), "user", user, "remote", sess.RemoteAddr().String(), "mode", mode)
		info := switchctl.SessionInfo{User: user, Roles: s.d.UserRoles(user), Line: -1, Proto: "SSH",
			Remote: sess.RemoteAddr().String()}
		var status int
		if mode == "exec" {
			if p, ok := s.ptys.get(sess); ok { // ssh -t host cmd: sizes do not matter, drain them
				go func() {
					for range p.winch {
					}
				}()
			}
			status = s.exec(sess, info)
		} else {
			status = s.shell(sess, info, log)
		}
		log.Info("ssh session ended", "status", status)
		_ = sess.Exit(status)
	}
}

// exec runs a command string, one line at a time, through one session without dialogs: output to
// stdout, Comware's error text to stderr. The status is 0 when every line succeeded; `quit` in user
// view ends the run.
func (s *Server) exec(sess ssh.Session, info switchctl.SessionInfo) int {
	cs := s.d.NewSession(info)
	out := bufio.NewWriter(sess)
	status := 0
	for _, line := range strings.Split(sess.RawCommand(), "\n") {
		err := cs.Exec(sess.Context(), line, out)
		if errors.Is(err, switchctl.ErrSessionEnd) {
			break
		}
		if err != nil {
			status = 1
			if ferr := out.Flush(); ferr != nil {
				return 1
			}
			writeError(sess.Stderr(), err)
		}
	}
	if err := out.Flush(); err != nil {
		return 1
	}
	return status
}

// writeError words err as Comware does, below a caret line for parse errors. Exec shows no prompt,
// so the caret counts from the start of the command.
func writeError(w io.Writer, err error) {
	var b strings.Builder
	if caret := switchctl.Caret(err, 0); caret != "" {
		b.WriteString(caret + "\n")
	}
	b.WriteString(switchctl.Message(err) + "\n")
	_, _ = io.WriteString(w, b.String())
}

// shell serves the line CLI on a VTY line, with line editing when the client asked for a PTY.
func (s *Server) shell(sess ssh.Session, info switchctl.SessionInfo, log *slog.Logger) int {
	line, free, ok := s.lines.take()
	if !ok {
		log.Warn("ssh shell refused: all VTY lines in use")
		fmt.Fprintln(sess.Stderr(), "All VTY lines are in use; try again later.")
		return 1
	}
	defer free()
	info.Line = line
	p, isPty := s.ptys.get(sess)
	cli := NewLineCLI(s.d.NewSession(info), sess, sess, LineOptions{
		Terminal: isPty,
		Width:    p.pty.Window.Width,
		Height:   p.pty.Window.Height,
		Banner:   s.d.Header("motd"),
	})
	if isPty {
		// winch closes when the session's requests end; until then it must be drained, or the
		// session's request loop blocks on the next window-change.
		go func() {
			for w := range p.winch {
				cli.Resize(w.Width, w.Height)
			}
		}()
	}
	log.Info("ssh shell", "vty", line, "pty", isPty)
	if err := cli.Run(sess.Context()); err != nil {
		log.Info("ssh shell ended with an error", "err", err)
		return 1
	}
	return 0
}
