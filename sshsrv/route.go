package sshsrv

import (
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// EnvConsole is the environment variable a client sends (`ssh -o SetEnv=VTYD_CONSOLE=cli`) to choose
// the line CLI ("cli") or the console ("tui") for a shell with a terminal.
const EnvConsole = "VTYD_CONSOLE"

// Request and channel types refused on every connection, as the switch refuses them: a management
// plane forwards nothing.
const (
	reqAgent         = "auth-agent-req@openssh.com"
	reqTCPForward    = "tcpip-forward"
	reqCancelForward = "cancel-tcpip-forward"
	chanDirectTCPIP  = "direct-tcpip"
)

// sessionOptions sets up what happens after authentication: the pre-auth `header login` banner, the
// guard on session channels (channels.go), the refusal of port forwarding, and the session limit on
// the sftp subsystem. It
// runs after the option that installs the channel and subsystem handlers.
func (s *Server) sessionOptions() ssh.Option {
	return func(srv *ssh.Server) error {
		s.lines.setMaxSessions(s.cfg.MaxSessions)
		srv.BannerHandler = func(ssh.Context) string { return banner(s.d.Header("login")) }
		if srv.ChannelHandlers == nil {
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{}
		}
		session := srv.ChannelHandlers["session"]
		if session == nil {
			session = ssh.DefaultSessionHandler
		}
		srv.ChannelHandlers["session"] = s.sessionChannel(session) // channels.go
		srv.ChannelHandlers[chanDirectTCPIP] = s.refuseDirectTCPIP
		if srv.RequestHandlers == nil {
			srv.RequestHandlers = map[string]ssh.RequestHandler{}
		}
		srv.RequestHandlers[reqTCPForward] = s.refuseRequest
		srv.RequestHandlers[reqCancelForward] = s.refuseRequest
		srv.LocalPortForwardingCallback = nil
		srv.ReversePortForwardingCallback = nil
		for name, h := range srv.SubsystemHandlers {
			srv.SubsystemHandlers[name] = s.withSlot(h)
		}
		return nil
	}
}

// banner ends a header's text with a line end, as clients print the banner verbatim; "" sends none.
func banner(text string) string {
	if text == "" || strings.HasSuffix(text, "\n") {
		return text
	}
	return text + "\n"
}

// refuseDirectTCPIP refuses local port forwarding (ssh -L) with "administratively prohibited".
func (s *Server) refuseDirectTCPIP(_ *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, _ ssh.Context) {
	s.log.Info("ssh port forwarding refused", "type", ch.ChannelType(), "remote", conn.RemoteAddr().String())
	_ = ch.Reject(gossh.Prohibited, "port forwarding is disabled")
}

// refuseRequest refuses remote port forwarding (ssh -R) and its cancellation.
func (s *Server) refuseRequest(ctx ssh.Context, _ *ssh.Server, req *gossh.Request) (bool, []byte) {
	s.log.Info("ssh port forwarding refused", "type", req.Type, "remote", ctx.RemoteAddr().String())
	return false, nil
}

// shellRoute is what decides where a shell goes.
type shellRoute struct {
	console  bool     // a console handler is installed
	pty      bool     // the client asked for a PTY
	term     string   // TERM from the PTY request
	env      []string // the client's environment requests, KEY=VALUE
	userMode string   // the user's console-mode: "cli", "tui" or ""
}

// Where a shell goes (shellRoute.decide).
type shellKind int

const (
	toCLI     shellKind = iota // the line CLI
	toConsole                  // the full-screen console
	toProbe                    // ask the terminal (probeTerminal): a terminal gets the console, a program the CLI
)

// decide says where a shell goes. Without a PTY or a console, the line CLI. VTYD_CONSOLE=cli|tui
// decides first; then the user's console-mode cli; then TERM: an empty TERM, dumb, vt100 and vt102
// (what paramiko, netmiko and Oxidized send) get the line CLI. Any other TERM could be a person's
// terminal or a program that sends xterm (scrapligo does): the user's console-mode tui takes it
// for a terminal, else the terminal is asked (toProbe) — people are told from programs by
// behaviour, not by TERM alone.
func (r shellRoute) decide() shellKind {
	if !r.console || !r.pty {
		return toCLI
	}
	switch strings.ToLower(envValue(r.env, EnvConsole)) {
	case "cli":
		return toCLI
	case "tui":
		return toConsole
	}
	if r.userMode == "cli" {
		return toCLI
	}
	switch strings.ToLower(r.term) {
	case "", "dumb", "vt100", "vt102":
		return toCLI
	}
	if r.userMode == "tui" {
		return toConsole
	}
	return toProbe
}

// envValue is the last value sent for key, or "".
func envValue(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}

// pasteCapable reports whether a terminal type understands bracketed paste (xterm's mode 2004), which
// the line CLI then turns on to tell pasted text from typed text.
func pasteCapable(term string) bool {
	t := strings.ToLower(term)
	for _, p := range []string{"xterm", "screen", "tmux", "rxvt", "alacritty", "kitty", "foot", "wezterm",
		"ghostty", "contour", "st-", "putty", "konsole", "gnome", "vte"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}
