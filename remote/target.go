package remote

import (
	"time"

	"golang.org/x/crypto/ssh"
)

// DefaultTimeout bounds dialling and handshake, and each wait for output, when Target.Timeout is 0.
const DefaultTimeout = 20 * time.Second

// Target is how to reach one real switch with one credential.
type Target struct {
	Name    string              // the fleet's name for the device (messages, errors)
	Addr    string              // host:port
	User    string              // the account on the switch
	Auth    []ssh.AuthMethod    // a password or a key
	HostKey ssh.HostKeyCallback // the pinning (see HostKeyPinned & co.)
	Timeout time.Duration       // bounds dialling+handshake, and each wait for output (default 20 s)
}

func (t Target) timeout() time.Duration {
	if t.Timeout <= 0 {
		return DefaultTimeout
	}
	return t.Timeout
}

// name is the device as messages name it: the fleet's name, else the address.
func (t Target) name() string {
	if t.Name != "" {
		return t.Name
	}
	return t.Addr
}

func (t Target) clientConfig() *ssh.ClientConfig {
	return &ssh.ClientConfig{
		User:            t.User,
		Auth:            t.Auth,
		HostKeyCallback: t.HostKey,
		Timeout:         t.timeout(),
		// A recognisable client name helps a switch's administrator read `display ssh server session`.
		ClientVersion: "SSH-2.0-vtyd",
	}
}
