package sshsrv

import (
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func newSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPasswordRefused(t *testing.T) {
	addr, _ := testServer(t, nil)
	for _, tc := range []struct{ user, pw string }{{"admin", "wrong"}, {"nobody", "secret"}, {"ADMIN", "secret"}} {
		if c, err := dial(addr, tc.user, password(tc.pw)); err == nil {
			c.Close()
			t.Errorf("%s/%s logged in", tc.user, tc.pw)
		}
	}
}

func TestKeyboardInteractive(t *testing.T) {
	addr, _ := testServer(t, nil)
	var asked []string
	ki := gossh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
		asked = append(asked, questions...)
		return []string{"secret"}, nil
	})
	c := mustDial(t, addr, "admin", ki)
	if len(asked) != 1 || asked[0] != "Password: " {
		t.Errorf("asked %q, want one Password: prompt", asked)
	}
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("status %d", r.status)
	}
}

func TestPublicKey(t *testing.T) {
	admin, other := newSigner(t), newSigner(t)
	addr, _ := testServer(t, gossh.MarshalAuthorizedKey(admin.PublicKey()))
	c := mustDial(t, addr, "admin", gossh.PublicKeys(admin))
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("display version with a key: status %d, stderr %q", r.status, r.stderr)
	}
	if c, err := dial(addr, "admin", gossh.PublicKeys(other)); err == nil {
		c.Close()
		t.Error("a key that is not assigned to admin logged in")
	}
}

// TestOfferedKeyIsNotIdentity: offering admin's key without holding it must not help another key in.
func TestOfferedKeyIsNotIdentity(t *testing.T) {
	admin, other := newSigner(t), newSigner(t)
	addr, _ := testServer(t, gossh.MarshalAuthorizedKey(admin.PublicKey()))
	impostor := offerOnly{admin.PublicKey(), other}
	if c, err := dial(addr, "admin", gossh.PublicKeys(impostor)); err == nil {
		c.Close()
		t.Fatal("a signature by another key was accepted for admin's key")
	}
}

// offerOnly offers a public key it does not hold and signs with another key.
type offerOnly struct {
	pub  gossh.PublicKey
	sign gossh.Signer
}

func (o offerOnly) PublicKey() gossh.PublicKey { return o.pub }
func (o offerOnly) Sign(r io.Reader, data []byte) (*gossh.Signature, error) {
	return o.sign.Sign(r, data)
}

// TestPasswordPublickey: authentication-type password-publickey needs the key, then the password.
func TestPasswordPublickey(t *testing.T) {
	key := newSigner(t)
	addr, d := testServer(t, gossh.MarshalAuthorizedKey(key.PublicKey()))
	configure(t, d, "system-view", "local-user bob class manage", "password simple bobpw",
		"service-type ssh", "authorization-attribute user-role network-admin", "quit",
		"ssh user bob service-type all authentication-type password-publickey assign publickey admin-key1")
	if c, err := dial(addr, "bob", password("bobpw")); err == nil {
		c.Close()
		t.Error("password alone was enough")
	}
	if c, err := dial(addr, "bob", gossh.PublicKeys(key)); err == nil {
		c.Close()
		t.Error("key alone was enough")
	}
	c := mustDial(t, addr, "bob", gossh.PublicKeys(key), password("bobpw"))
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("status %d", r.status)
	}
}

func TestSSHServerDisabled(t *testing.T) {
	addr, d := testServer(t, nil)
	configure(t, d, "system-view", "undo ssh server enable")
	if c, err := dial(addr, "admin", password("secret")); err == nil {
		c.Close()
		t.Fatal("logged in with the SSH server disabled")
	}
}

func TestServiceTypeSFTPOnly(t *testing.T) {
	addr, d := testServer(t, nil)
	configure(t, d, "system-view", "ssh user admin service-type sftp authentication-type password")
	c := mustDial(t, addr, "admin", password("secret"))
	if r := run(t, c, "display version", "", false); r.status != 1 || !strings.Contains(r.stderr, "Stelnet") {
		t.Errorf("an SFTP-only user ran a command: status %d, stderr %q", r.status, r.stderr)
	}
}

// configure runs lines on d as an administrator, answering Y to any dialog.
