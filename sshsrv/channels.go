package sshsrv

import (
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultMaxChannels is how many session channels one connection may have open at once when
// Config.MaxChannels is not set: OpenSSH's MaxSessions default.
const DefaultMaxChannels = 10

// Bounds on a session's environment requests. sshd accepts only the names in AcceptEnv and stops
// at 128 variables; vtyd reads only a few names, so it accepts only those (envAccepted).
const (
	maxEnvVars  = 32
	maxEnvBytes = 1024 // name plus value
)

// envAccepted reports whether a client may set the environment variable name: what routing and
// the console read (EnvConsole, TERM, COLORTERM, NO_COLOR) and the locale.
func envAccepted(name string) bool {
	switch name {
	case EnvConsole, "TERM", "COLORTERM", "NO_COLOR", "LANG", "LANGUAGE":
		return true
	}
	return strings.HasPrefix(name, "LC_")
}

// sessionChannel guards the session channel handler: a connection holds at most MaxChannels
// session channels at once (the next open is refused with "resource shortage", as sshd refuses the
// session past MaxSessions), and each channel's requests pass sessionRequests first. Without the
// cap one connection could open thousands of channels, each buffering up to 2 MiB of unread input.
func (s *Server) sessionChannel(next ssh.ChannelHandler) ssh.ChannelHandler {
	limit := s.cfg.MaxChannels
	if limit <= 0 {
		limit = DefaultMaxChannels
	}
	return func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		remote := conn.RemoteAddr().String()
		if g, ok := ctx.Value(stateKey{}).(*guardConn); ok {
			if n := g.st.channels.Add(1); n > int32(limit) {
				g.st.channels.Add(-1)
				s.log.Warn("ssh channel refused: too many sessions on one connection", "remote", remote, "limit", limit)
				_ = ch.Reject(gossh.ResourceShortage, "too many sessions on this connection")
				return
			}
			defer g.st.channels.Add(-1) // the handler returns when the channel's requests end
		}
		next(srv, conn, filteredChannel{NewChannel: ch, s: s, remote: remote}, ctx)
	}
}

// filteredChannel is a session channel whose requests are screened before the SSH library sees
// them (sessionRequests).
type filteredChannel struct {
	gossh.NewChannel
	s      *Server
	remote string
}

// Accept accepts the channel and screens its requests.
func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer c.s.recovered("session requests", c.remote, func() { _ = ch.Close() })
		c.sessionRequests(reqs, out)
	}()
	return ch, out, nil
}

// sessionRequests passes a channel's requests on to the library, answering itself those the
// library would mishandle: agent forwarding is refused (charm.land/ssh accepts it); environment
// variables beyond envAccepted, maxEnvVars or maxEnvBytes are refused (the library keeps every one);
// a signal is answered "no" and dropped (the library never answers one, so a client that wants a
// reply would wait forever, and vtyd acts on none).
func (c filteredChannel) sessionRequests(reqs <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	envs := 0
	for r := range reqs {
		switch r.Type {
		case reqAgent:
			c.s.log.Info("ssh agent forwarding refused", "remote", c.remote)
			_ = r.Reply(false, nil)
			continue
		case "signal":
			_ = r.Reply(false, nil)
			continue
		case "env":
			var kv struct{ Name, Value string }
			if gossh.Unmarshal(r.Payload, &kv) != nil || !envAccepted(kv.Name) ||
				len(kv.Name)+len(kv.Value) > maxEnvBytes || envs >= maxEnvVars {
				_ = r.Reply(false, nil)
				continue
			}
			envs++
		}
		out <- r
	}
}
