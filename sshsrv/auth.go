package sshsrv

import (
	"encoding/base64"
	"errors"
	"log/slog"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Permission extensions that carry a login's identity from authentication to its sessions. They are
// set only by the callback that accepted the credential, so a session's user is the one that
// authenticated, and for keys the key that signed (see verifiedKey).
const (
	extUser   = "vtyd/user"
	extMethod = "vtyd/method"
	// extPublicKey is where charm.land/ssh looks for the key behind Session.PublicKey().
	extPublicKey = "gliderlabs/ssh.PublicKey"
)

var errDenied = errors.New("sshsrv: authentication failed")

// serverConfig is built for every connection, so that `ssh server ...`, `ssh2 algorithm ...`,
// `public-key local ...` and `ssh user ...` changes apply to the next login as on Comware.
// Authentication is set here rather than with Wish's bool handlers, which cannot express
// password-publickey (partial success).
func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	g, _ := ctx.Value(stateKey{}).(*guardConn)
	if g == nil { // not accepted by Serve: no admission, no startup slot
		g = &guardConn{st: &connState{n: s.connSeq.Add(1), remote: addrPort(ctx.RemoteAddr()), local: addrPort(ctx.LocalAddr())}}
	}
	return s.configFor(g)
}

// configFor builds the server config of the connection g.
func (s *Server) configFor(g *guardConn) *gossh.ServerConfig {
	a := &authn{s: s, g: g}
	retries := s.d.SSHSettings().AuthRetries
	if retries <= 0 {
		retries = 3
	}
	cfg := &gossh.ServerConfig{
		ServerVersion:               Version,
		MaxAuthTries:                retries,
		PasswordCallback:            a.password,
		KeyboardInteractiveCallback: a.keyboardInteractive,
		PublicKeyCallback:           a.publicKey,
		VerifiedPublicKeyCallback:   a.verifiedKey,
		AuthLogCallback:             a.attempted,
		BannerCallback:              func(gossh.ConnMetadata) string { return s.d.Header("login") },
	}
	s.setAlgorithms(cfg)
	signers, err := s.hostSigners()
	if err != nil {
		s.log.Error("host keys unavailable", "err", err)
	}
	for _, sg := range signers {
		cfg.AddHostKey(sg)
	}
	return cfg
}

// authn authenticates one connection.
type authn struct {
	s *Server
	g *guardConn
}

func (a *authn) password(c gossh.ConnMetadata, pw []byte) (*gossh.Permissions, error) {
	return a.checkPassword(c, "password", "password", string(pw), nil)
}

// keyboardInteractive asks for the password, as sshpass and many clients expect.
func (a *authn) keyboardInteractive(c gossh.ConnMetadata, ch gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
	a.seen(c)
	pw, err := askPassword(ch)
	if err != nil {
		return nil, err
	}
	return a.checkPassword(c, "keyboard-interactive", "keyboard-interactive", pw, nil)
}

func askPassword(ch gossh.KeyboardInteractiveChallenge) (string, error) {
	answers, err := ch("", "", []string{"Password: "}, []bool{false})
	if err != nil {
		return "", err
	}
	if len(answers) != 1 {
		return "", errDenied
	}
	return answers[0], nil
}

// checkPassword finishes a password login (method password or keyboard-interactive); key is the
// key that already signed for password-publickey, or nil; label is what sessions see as the method.
// The password is checked even when the method is not allowed, so every refusal takes as long.
func (a *authn) checkPassword(c gossh.ConnMetadata, method, label, pw string, key gossh.PublicKey) (*gossh.Permissions, error) {
	a.seen(c)
	user := c.User()
	ok, checked := a.s.hashing.check(a.g.st.deadline, func() bool { return a.s.cfg.checkPassword(user, pw) })
	if !checked {
		return nil, errDenied // the authentication deadline passed while waiting: no verdict
	}
	if !ok || !a.allowed(user, method, key != nil) || !a.s.d.SSHSettings().Enabled {
		return nil, a.failed(c, method)
	}
	return a.accepted(c, method, label, key), nil
}

// allowed reports whether a password method may finish a login under the user's `ssh user`
// authentication-type: password and any take either password method (clients such as sshpass use
// keyboard-interactive for passwords), keyboard-interactive only that one, password-publickey
// either once the key has signed, publickey none. A user without an `ssh user` entry logs in
// with a password.
func (a *authn) allowed(user, method string, keyDone bool) bool {
	su, ok := a.s.d.SSHUser(user)
	if !ok {
		return true
	}
	switch su.AuthType {
	case "password-publickey":
		return keyDone
	case "keyboard-interactive":
		return method == "keyboard-interactive"
	case "publickey":
		return false
	}
	return true
}

// publicKey answers "would this key do?" — for a query as well as before checking a signature, so
// it must not grant anything by itself: the permissions it returns are only used when the client then
// proves it holds this very key (x/crypto calls verifiedKey then).
func (a *authn) publicKey(c gossh.ConnMetadata, key gossh.PublicKey) (*gossh.Permissions, error) {
	a.seen(c)
	user := c.User()
	if a.s.d.SSHSettings().Enabled && a.s.checkKey(user, key) {
		return &gossh.Permissions{Extensions: map[string]string{extUser: user}}, nil
	}
	// sshd logs a refused key at VERBOSE for a known user (clients try several keys) and at INFO
	// for an unknown one; the SSH library asks once per key and connection.
	valid := a.s.userExists(user)
	level := slog.LevelDebug
	if !valid {
		level = slog.LevelInfo
	}
	r := a.g.st.remote
	a.g.st.refusedKey()
	a.s.sshd(level, "Failed publickey for %s%s from %s port %d ssh2: %s", invalid(valid), clip(user), r.Addr(), r.Port(), keyLabel(key))
	if valid {
		a.s.sshs(sevSSHSAuthFail, "SSHS_AUTH_FAIL", "SSH user %s (IP: %s) didn't pass public key authentication for wrong public key.",
			clip(user), r.Addr())
	}
	return nil, errDenied
}

// verifiedKey runs once the client has signed with key. For password-publickey the password is
// still due: partial success offers only the password methods, so the client does not re-offer keys.
func (a *authn) verifiedKey(c gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
	user := c.User()
	if perms == nil || perms.Extensions[extUser] != user || !a.s.d.SSHSettings().Enabled {
		return nil, a.failed(c, "publickey")
	}
	if !a.needsBoth(user) {
		return a.accepted(c, "publickey", "publickey", key), nil
	}
	r := a.g.st.remote
	a.s.sshd(slog.LevelInfo, "Partial publickey for %s from %s port %d ssh2: %s", clip(user), r.Addr(), r.Port(), keyLabel(key))
	return nil, &gossh.PartialSuccessError{Next: gossh.ServerAuthCallbacks{
		PasswordCallback: func(c gossh.ConnMetadata, pw []byte) (*gossh.Permissions, error) {
			if c.User() != user { // x/crypto refuses this already; identity must not drift
				return nil, a.failed(c, "password")
			}
			return a.checkPassword(c, "password", "publickey+password", string(pw), key)
		},
		KeyboardInteractiveCallback: func(c gossh.ConnMetadata, ch gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
			pw, err := askPassword(ch)
			if err != nil {
				return nil, err
			}
			if c.User() != user {
				return nil, a.failed(c, "keyboard-interactive")
			}
			return a.checkPassword(c, "keyboard-interactive", "publickey+keyboard-interactive", pw, key)
		},
	}}
}

// attempted sees every attempt, "none" included, which no other callback does: sshd names an
// unknown user at the first request.
func (a *authn) attempted(c gossh.ConnMetadata, method string, _ error) {
	if method == "none" {
		a.seen(c)
	}
}

// seen notes the user name of an attempt and logs sshd's "Invalid user" once for an unknown one.
func (a *authn) seen(c gossh.ConnMetadata) {
	user := c.User()
	valid := a.s.userExists(user)
	if a.g.st.tried(user, valid) && !valid {
		r := a.g.st.remote
		a.s.sshd(slog.LevelInfo, "Invalid user %s from %s port %d", clip(user), r.Addr(), r.Port())
	}
}

// failed logs a refused credential (never the credential itself), counts it against the source
// and returns the error for the SSH library, which counts it against MaxAuthTries.
func (a *authn) failed(c gossh.ConnMetadata, method string) error {
	user := c.User()
	valid := a.s.userExists(user)
	r := a.g.st.remote
	a.g.st.failed()
	a.s.sshd(slog.LevelInfo, "Failed %s for %s%s from %s port %d ssh2", method, invalid(valid), clip(user), r.Addr(), r.Port())
	a.s.sshs(sevSSHSLog, "SSHS_LOG", "Authentication failed for %s from %s port %d because of invalid username or wrong password.",
		clip(user), r.Addr(), r.Port())
	a.s.penalise(r)
	return errDenied
}

// accepted ends authentication: it lifts the authentication deadline, logs the login and builds
// the permissions a login's sessions read their identity from.
func (a *authn) accepted(c gossh.ConnMetadata, method, label string, key gossh.PublicKey) *gossh.Permissions {
	user := c.User()
	r := a.g.st.remote
	a.g.authenticated()
	a.s.penalty.succeeded(r.Addr())
	extra := ""
	if method == "publickey" {
		extra = ": " + keyLabel(key)
	}
	a.s.sshd(slog.LevelInfo, "Accepted %s for %s from %s port %d ssh2%s", method, clip(user), r.Addr(), r.Port(), extra)
	a.s.sshs(sevSSHSLog, "SSHS_LOG", "Accepted %s for %s from %s port %d.", method, clip(user), r.Addr(), r.Port())
	ext := map[string]string{extUser: user, extMethod: label}
	if key != nil {
		ext[extPublicKey] = base64.StdEncoding.EncodeToString(key.Marshal())
	}
	return &gossh.Permissions{Extensions: ext}
}

// needsBoth reports whether user's authentication-type is password-publickey: key, then password.
func (a *authn) needsBoth(user string) bool {
	su, ok := a.s.d.SSHUser(user)
	return ok && su.AuthType == "password-publickey"
}

// userExists reports whether the device has a local user of that name (the gateway: an account),
// for sshd's "invalid user".
func (s *Server) userExists(user string) bool {
	if s.cfg.Gateway != nil {
		account, _ := SplitLogin(user)
		return s.cfg.Gateway.Known(account)
	}
	return len(s.d.UserRoles(user)) > 0
}

// checkKey reports whether key may log user in: a peer key of the device's user, or one of the
// gateway account's keys.
func (s *Server) checkKey(user string, key gossh.PublicKey) bool {
	if s.cfg.Gateway != nil {
		account, _ := SplitLogin(user)
		return s.cfg.Gateway.CheckPublicKey(account, key)
	}
	return s.d.CheckPublicKey(user, key)
}

func invalid(valid bool) string {
	if valid {
		return ""
	}
	return "invalid user "
}

// identity is the user a session's connection authenticated as, from the accepting callback.
func identity(sess ssh.Session) (string, bool) {
	u, ok := sess.Permissions().Extensions[extUser]
	return u, ok && u != ""
}
