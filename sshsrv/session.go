package sshsrv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"charm.land/ssh"

	"vtyd/internal/outbuf"
	"vtyd/sshsrv/linecli"
	"vtyd/switchctl"
)

// route sends each session where it belongs: `scp -t|-f` to SCP, another command (exec) to the
// engine, a shell to the console or the line CLI (shellRoute.decide, probeTerminal).
// Exec and the CLI are Stelnet, which an `ssh user` entry's service-type must allow. It is the
// innermost handler: Wish middleware added later wraps it and runs first.
func (s *Server) route(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer s.recovered("session", sess.RemoteAddr().String(), func() { _ = sess.Exit(1) })
		user, ok := identity(sess)
		if !ok { // cannot happen: every accepting callback sets it
			s.log.Error("ssh session without an authenticated user", "remote", sess.RemoteAddr().String())
			_ = sess.Exit(1)
			return
		}
		if s.refuseOnNetconfPort(sess) { // netconf_port.go
			return
		}
		if s.cfg.Gateway != nil {
			_ = sess.Exit(s.gatewaySession(sess, user))
			return
		}
		who := caller{user: user, front: s}
		if sess.RawCommand() != "" {
			_ = sess.Exit(s.command(sess, who))
			return
		}
		_ = sess.Exit(s.shellSession(sess, who))
	}
}

// shellSession serves a shell request: the line CLI or the console, as shellRoute decides.
func (s *Server) shellSession(sess ssh.Session, who caller) int {
	if !s.stelnet(sess, who.user) {
		return 1
	}
	log := sessionLog(s, sess, who, "shell")
	kind, in := s.shellKind(sess, who, log)
	status := s.shell(sess, who, kind, in, log)
	log.Info("ssh session ended", "status", status)
	return status
}

// caller is who a session runs as on this server's device. A device's own user takes the roles its
// configuration gives; a gateway user, handed over by the gateway (gateway.go), takes the roles of
// its gateway role, and its session runs on the gateway's connection.
type caller struct {
	user  string
	roles []string // nil: the device's roles for user
	front *Server  // the server that took the session, whose PTY table knows it
	via   string   // "gateway" for a session the gateway handed over, else ""
	// device is the device a gateway user's name named (alice@core1), for the gateway's console.
	device string
	audit  *audited // the gateway's audit of the session: nil for none
	rec    Recorder // the recording of its screen: told of window changes; nil for none
}

// pty returns the PTY the session asked for, ok false when it has none.
func (c caller) pty(sess ssh.Session) (ptyInfo, bool) { return c.front.ptys.get(sess) }

// stelnet checks the user's `ssh user ... service-type` for the CLI and tells a refused client why.
func (s *Server) stelnet(sess ssh.Session, user string) bool {
	if su, ok := s.d.SSHUser(user); ok && su.Service != "all" && su.Service != "stelnet" {
		s.log.Info("ssh session refused: service-type", "user", user, "service", su.Service)
		fmt.Fprintln(sess.Stderr(), "The user is not authorized for Stelnet (ssh user ... service-type).")
		return false
	}
	return true
}

// command serves an exec request within the session limit: SCP, or commands for the engine.
func (s *Server) command(sess ssh.Session, who caller) int {
	free, ok := s.slot(sess, who.user)
	if !ok {
		return 1
	}
	defer free()
	if handled, status := s.handleSCP(sess, who); handled {
		return status
	}
	if !s.stelnet(sess, who.user) {
		return 1
	}
	log := sessionLog(s, sess, who, "exec")
	login, info := s.register(sess, who, "SSH", -1)
	defer login.End()
	if isXMLCommand(sess.RawCommand()) { // netconf.go: ssh switch xml
		return s.execXML(sess, login, log)
	}
	status, err := s.exec(sess.Context(), execRun{command: sess.RawCommand(), stdout: sess, stderr: sess.Stderr(),
		op: newAuditID()}, who, login, info)
	if errors.Is(err, ErrEndedByDevice) {
		fmt.Fprintln(sess.Stderr(), msgEndedByDevice)
	}
	log.Info("ssh session ended", "status", status)
	return status
}

// execRun is one exec's command string and where its output goes.
type execRun struct {
	command        string
	stdout, stderr io.Writer
	op             string // the audit's operation id of its lines
	// bounded stops the run before its next line when ctx ends: a fan-out's device, whose
	// result is then "timed out" and must not go on configuring. A single exec runs to its end
	// whatever the client does, as it always has.
	bounded bool
}

// ErrEndedByDevice is an exec that a reboot or `free` stopped before its last line.
var ErrEndedByDevice = errors.New("sshsrv: the session was ended by the device (reboot or free)")

const msgEndedByDevice = "% The session was ended by the device (reboot or free); the rest of the command was not run."

// exec runs a command string, one line at a time, through one session without dialogs: output to
// stdout, Comware's error text to stderr. The status is 0 when every line succeeded; `quit` in user
// view ends the run. A reboot or `free` stops it before the next line (status 1, ErrEndedByDevice):
// the line that rebooted still gets its exit status. A bounded run stops when ctx ends (its cause).
func (s *Server) exec(ctx context.Context, run execRun, who caller, login *switchctl.Login, info switchctl.SessionInfo) (int, error) {
	cs := s.d.NewSession(info)
	who.audit.observe(cs, AuditExec, run.op)
	out := outbuf.Get(run.stdout)
	defer outbuf.Put(out)
	status := 0
	for _, line := range strings.Split(run.command, "\n") {
		select {
		case <-login.Freed():
			_ = out.Flush()
			return 1, ErrEndedByDevice
		default:
		}
		if run.bounded && ctx.Err() != nil {
			_ = out.Flush()
			return 1, context.Cause(ctx)
		}
		err := cs.Exec(ctx, line, out)
		if errors.Is(err, switchctl.ErrSessionEnd) {
			break
		}
		if err != nil {
			status = 1
			if ferr := out.Flush(); ferr != nil {
				return 1, nil
			}
			writeError(run.stderr, err)
		}
	}
	if err := out.Flush(); err != nil {
		return 1, nil
	}
	return status, nil
}

// writeError words err as Comware does, below a caret line for parse errors. Exec shows no prompt,
// so the caret counts from the start of the command.
func writeError(w io.Writer, err error) {
	var b strings.Builder
	linecli.WriteError(&b, err, "")
	_, _ = io.WriteString(w, b.String())
}

// shellKind decides where a shell goes (shellRoute.decide), asking the terminal when TERM cannot
// tell; in is the session's input from then on (what the client typed while asked is read again).
func (s *Server) shellKind(sess ssh.Session, who caller, log *slog.Logger) (shellKind, io.Reader) {
	p, isPty := who.pty(sess)
	kind := shellRoute{console: s.cfg.Console != nil, pty: isPty, term: p.pty.Term,
		env: sess.Environ(), userMode: s.d.UserConsole(who.user)}.decide()
	if kind != toProbe {
		return kind, sess
	}
	terminal, in := probeTerminal(sess, s.terminalProbe())
	log.Debug("terminal probe", "answered", terminal)
	if terminal {
		return toConsole, in
	}
	return toCLI, in
}

// shell serves a shell on a VTY line, registered with the device for as long as it runs: the console
// (kind toConsole) or the line CLI, with line editing when the client asked for a PTY; in is the
// session's input.
func (s *Server) shell(sess ssh.Session, who caller, kind shellKind, in io.Reader, log *slog.Logger) int {
	line, free, ok := s.lines.take()
	if !ok {
		log.Warn("ssh shell refused: all VTY lines in use")
		fmt.Fprintf(sess.Stderr(), msgNoLine, len(s.lines.busy))
		return 1
	}
	defer free()
	// Subscribed before the login exists, so that a reboot that frees it is always seen as one.
	events, unsubscribe := s.d.Subscribe(eventsPerLine)
	defer unsubscribe()
	login, info := s.register(sess, who, "SSH", line)
	defer login.End()
	cs := s.d.NewSession(info)
	who.audit.observe(cs, AuditCLI, "")
	p, isPty := who.pty(sess)
	log = log.With("vty", line, "pty", isPty)
	watch := shellWatch{sess: sess, login: login, line: line, rec: who.rec}
	if kind == toConsole {
		log.Info("ssh shell: console", "term", p.pty.Term)
		ctx, cancel := context.WithCancel(sess.Context())
		defer cancel()
		c := &ConsoleSession{SSH: sess, In: in, CLI: cs, Login: login, Events: events, Term: p.pty.Term,
			Window: p.pty.Window, Context: ctx, Log: log}
		if s.cfg.Gateway != nil {
			c.Gateway = &GatewayLogin{Account: who.user, Device: who.device}
			if who.audit != nil {
				c.Gateway.Session = who.audit.sess.ID
			}
		}
		watch.resize, watch.cancel = c.resized, cancel
		defer s.watchShell(watch, p.watch)()
		status := s.cfg.Console.ServeConsole(c)
		logEnd(log, login)
		return status
	}
	cli := linecli.New(cs, in, sess, linecli.Options{
		Terminal:       isPty,
		Width:          p.pty.Window.Width,
		Height:         p.pty.Window.Height,
		Banner:         s.motd(),
		BracketedPaste: isPty && pasteCapable(p.pty.Term),
		Events:         events,
		Freed:          login.Freed(),
		Cause:          login.Cause,
		Touch:          login.Touch,
		XML:            s.xmlView(login, log), // netconf.go
	})
	watch.resize = cli.Resize
	defer s.watchShell(watch, p.watch)()
	log.Info("ssh shell: line CLI", "term", p.pty.Term)
	err := cli.Run(sess.Context())
	logEnd(log, login)
	var pe *linecli.PanicError
	if errors.As(err, &pe) {
		log.Error("panic: session closed", "in", "line CLI input", "panic", pe.Value, "stack", string(pe.Stack))
	}
	if err != nil {
		return 1
	}
	return 0
}

// logEnd says in the process log why the device ended a login, if it did.
func logEnd(log *slog.Logger, login *switchctl.Login) {
	if c := login.Cause(); c != switchctl.EndNone {
		log.Info("ssh shell ended by the device", "cause", c.String())
	}
}

// motd is what a shell shows after login: `header motd`, then `header shell`.
func (s *Server) motd() string {
	var parts []string
	for _, kind := range []string{"motd", "shell"} {
		if t := strings.TrimRight(s.d.Header(kind), "\r\n"); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}
