package sshsrv

import (
	"encoding/base64"
	"errors"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// Permission extensions that carry a login's identity from authentication to its sessions. They are
// set only by the callback that accepted the credential, so a session's user is the one that
// authenticated, and for keys the key that signed (see VerifiedPublicKeyCallback).
const (
	extUser   = "vtyd/user"
	extMethod = "vtyd/method"
	// extPublicKey is where charm.land/ssh looks for the key behind Session.PublicKey().
	extPublicKey = "gliderlabs/ssh.PublicKey"
)

var errDenied = errors.New("sshsrv: authentication failed")

// serverConfig is built for every connection, so that `ssh server ...` and `ssh2 algorithm ...`
// changes apply to the next login as on Comware. Authentication is set here rather than with Wish's
// bool handlers, which cannot express password-publickey (partial success).
func (s *Server) serverConfig(ssh.Context) *gossh.ServerConfig {
	set := s.d.SSHSettings()
	cfg := &gossh.ServerConfig{
		ServerVersion:               Version,
		MaxAuthTries:                set.AuthRetries,
		PasswordCallback:            s.password,
		KeyboardInteractiveCallback: s.keyboardInteractive,
		PublicKeyCallback:           s.publicKey,
		VerifiedPublicKeyCallback:   s.verifiedKey,
	}
	cfg.KeyExchanges = switchctl.AlgoWire("key-exchange", s.d.AlgoNames("key-exchange"))
	cfg.Ciphers = switchctl.AlgoWire("cipher", s.d.AlgoNames("cipher"))
	cfg.MACs = switchctl.AlgoWire("mac", s.d.AlgoNames("mac"))
	return cfg
}

// password accepts a password alone, unless the user's authentication-type is
// password-publickey: then the key must come first (verifiedKey hands on to checkPassword).
func (s *Server) password(c gossh.ConnMetadata, pw []byte) (*gossh.Permissions, error) {
	if s.needsBoth(c.User()) {
		s.d.CheckPassword(c.User(), string(pw)) // spend the same time as any other attempt
		return s.refuse(c, "password", "password-publickey needs the key first")
	}
	return s.checkPassword(c, "password", string(pw), nil)
}

// keyboardInteractive asks for the password, as sshpass and many clients expect.
func (s *Server) keyboardInteractive(c gossh.ConnMetadata, ch gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
	pw, err := askPassword(ch)
	if err != nil {
		return nil, err
	}
	if s.needsBoth(c.User()) {
		s.d.CheckPassword(c.User(), pw)
		return s.refuse(c, "keyboard-interactive", "password-publickey needs the key first")
	}
	return s.checkPassword(c, "keyboard-interactive", pw, nil)
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

// checkPassword finishes a password login; key is the key that already signed for
// password-publickey, or nil.
func (s *Server) checkPassword(c gossh.ConnMetadata, method, pw string, key gossh.PublicKey) (*gossh.Permissions, error) {
	if !s.d.SSHSettings().Enabled || !s.d.CheckPassword(c.User(), pw) {
		return s.refuse(c, method, "bad user name or password")
	}
	return s.accept(c, method, key), nil
}

// publicKey answers "would this key do?" — for a query as well as before checking a signature, so
// it must not grant anything by itself: the permissions it returns are only used when the client then
// proves it holds this very key.
func (s *Server) publicKey(c gossh.ConnMetadata, key gossh.PublicKey) (*gossh.Permissions, error) {
	if !s.d.SSHSettings().Enabled || !s.d.CheckPublicKey(c.User(), key) {
		return nil, errDenied
	}
	return &gossh.Permissions{Extensions: map[string]string{extUser: c.User()}}, nil
}

// verifiedKey runs once the client has signed with key. For password-publickey the password is
// still due: partial success offers only the password methods, so the client does not re-offer keys.
func (s *Server) verifiedKey(c gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
	if perms == nil || perms.Extensions[extUser] != c.User() {
		return s.refuse(c, "publickey", "key accepted for another user")
	}
	if !s.needsBoth(c.User()) {
		return s.accept(c, "publickey", key), nil
	}
	s.log.Info("ssh login: key accepted, password due", "user", c.User(), "remote", c.RemoteAddr().String())
	user := c.User()
	return nil, &gossh.PartialSuccessError{Next: gossh.ServerAuthCallbacks{
		PasswordCallback: func(c gossh.ConnMetadata, pw []byte) (*gossh.Permissions, error) {
			if c.User() != user {
				return s.refuse(c, "password", "user changed after the key")
			}
			return s.checkPassword(c, "publickey+password", string(pw), key)
		},
		KeyboardInteractiveCallback: func(c gossh.ConnMetadata, ch gossh.KeyboardInteractiveChallenge) (*gossh.Permissions, error) {
			pw, err := askPassword(ch)
			if err != nil {
				return nil, err
			}
			if c.User() != user {
				return s.refuse(c, "keyboard-interactive", "user changed after the key")
			}
			return s.checkPassword(c, "publickey+keyboard-interactive", pw, key)
		},
	}}
}

// needsBoth reports whether user's authentication-type is password-publickey: key, then password.
func (s *Server) needsBoth(user string) bool {
	su, ok := s.d.SSHUser(user)
	return ok && su.AuthType == "password-publickey"
}

// accept builds the permissions a login's sessions read their identity from.
func (s *Server) accept(c gossh.ConnMetadata, method string, key gossh.PublicKey) *gossh.Permissions {
	s.log.Info("ssh login", "user", c.User(), "remote", c.RemoteAddr().String(), "method", method)
	ext := map[string]string{extUser: c.User(), extMethod: method}
	if key != nil {
		ext[extPublicKey] = base64.StdEncoding.EncodeToString(key.Marshal())
	}
	return &gossh.Permissions{Extensions: ext}
}

func (s *Server) refuse(c gossh.ConnMetadata, method, why string) (*gossh.Permissions, error) {
	s.log.Info("ssh login failed", "user", c.User(), "remote", c.RemoteAddr().String(), "method", method, "reason", why)
	return nil, errDenied
}

// identity is the user a session's connection authenticated as, from the accepting callback.
func identity(sess ssh.Session) (string, bool) {
	u, ok := sess.Permissions().Extensions[extUser]
	return u, ok && u != ""
}
