package sshsrv

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
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

// addUser creates a local user with SSH access and a password, and runs extra lines in system view.
func addUser(t *testing.T, d *switchctl.Device, name, pw, role string, extra ...string) {
	t.Helper()
	configure(t, d, append([]string{"system-view", "local-user " + name + " class manage", "password simple " + pw,
		"service-type ssh", "authorization-attribute user-role " + role, "quit"}, extra...)...)
}

// kbdInt answers every keyboard-interactive prompt with pw.
func kbdInt(pw string) gossh.AuthMethod {
	return gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		answers := make([]string, len(qs))
		for i := range answers {
			answers[i] = pw
		}
		return answers, nil
	})
}

// TestAuthenticationTypes: each `ssh user ... authentication-type` admits what it names.
func TestAuthenticationTypes(t *testing.T) {
	key := newSigner(t)
	e := startServer(t, Config{}, gossh.MarshalAuthorizedKey(key.PublicKey()))
	addUser(t, e.d, "bob", "bobpw", "network-operator")
	keys := gossh.PublicKeys(key)
	for _, tc := range []struct {
		authType         string
		pw, ki, pk, both bool // password, keyboard-interactive, publickey, a client with key and password
	}{
		{"", true, true, false, true}, // no ssh user entry: a password, either way
		{"password", true, true, false, true},
		{"keyboard-interactive", false, true, false, false},
		{"publickey", false, false, true, true},
		{"any", true, true, true, true},
		{"password-publickey", false, false, false, true},
	} {
		t.Run(tc.authType, func(t *testing.T) {
			switch tc.authType {
			case "":
			case "password", "keyboard-interactive":
				configure(t, e.d, "system-view", "ssh user bob service-type all authentication-type "+tc.authType)
			default:
				configure(t, e.d, "system-view", "ssh user bob service-type all authentication-type "+tc.authType+
					" assign publickey admin-key1")
			}
			for _, m := range []struct {
				name string
				want bool
				auth []gossh.AuthMethod
			}{
				{"password", tc.pw, []gossh.AuthMethod{password("bobpw")}},
				{"keyboard-interactive", tc.ki, []gossh.AuthMethod{kbdInt("bobpw")}},
				{"publickey", tc.pk, []gossh.AuthMethod{keys}},
				{"publickey+password", tc.both, []gossh.AuthMethod{keys, password("bobpw")}},
			} {
				c, err := dial(e.addr, "bob", m.auth...)
				if err == nil {
					c.Close()
				}
				if got := err == nil; got != m.want {
					t.Errorf("%s: logged in %v, want %v (%v)", m.name, got, m.want, err)
				}
			}
		})
	}
}

// TestAuthenticationRetries: `ssh server authentication-retries` is the number of failures a
// connection gets before it is closed, read for each new connection.
func TestAuthenticationRetries(t *testing.T) {
	e := startServer(t, Config{}, nil)
	for _, retries := range []int{2, 4} {
		configure(t, e.d, "system-view", fmt.Sprintf("ssh server authentication-retries %d", retries))
		tries := 0
		wrong := gossh.RetryableAuthMethod(gossh.PasswordCallback(func() (string, error) {
			tries++
			return "wrong", nil
		}), 10)
		if c, err := dial(e.addr, "admin", wrong); err == nil {
			c.Close()
			t.Fatal("logged in with a wrong password")
		}
		if tries != retries {
			t.Errorf("authentication-retries %d: the client could try %d passwords", retries, tries)
		}
	}
	e.waitLog(t, `^\S+ vtyd\[\d+\]: error: maximum authentication attempts exceeded for admin from 127\.0\.0\.1 port \d+ ssh2 \[preauth\]$`)
	e.waitLog(t, `Disconnecting authenticating user admin 127\.0\.0\.1 port \d+: Too many authentication failures \[preauth\]$`)
	e.waitDeviceLog(t, "SSHS_AUTH_EXCEED_RETRY_TIMES: SSH user admin (IP: 127.0.0.1) failed to log in")
}

// TestAuthenticationTimeout: `ssh server authentication-timeout` ends a connection whose client
// stalls in the middle of authentication (here: never answering the password prompt).
func TestAuthenticationTimeout(t *testing.T) {
	e := startServer(t, Config{}, nil)
	configure(t, e.d, "system-view", "ssh server authentication-timeout 1")
	release := make(chan struct{})
	defer close(release)
	stall := gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		<-release
		return nil, errors.New("released")
	})
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		c, err := dial(e.addr, "admin", stall)
		if err == nil {
			c.Close()
		}
		done <- err
	}()
	e.waitLog(t, `Timeout before authentication for 127\.0\.0\.1 port \d+$`)
	if d := time.Since(start); d < time.Second || d > 5*time.Second {
		t.Errorf("the stalled login was ended after %v, want about 1s", d)
	}
	e.waitDeviceLog(t, "SSHS/6/SSHS_LOG: Authentication timed out for 127.0.0.1.")
	// An authenticated session is not bound by the timeout.
	c := mustDial(t, e.addr, "admin", password("secret"))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	time.Sleep(1500 * time.Millisecond) // longer than the authentication timeout, on purpose
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("a logged-in connection failed after the authentication timeout: status %d", r.status)
	}
}

// TestKeyboardInteractiveAfterOfferedKey: offering admin's key (a query the server answers "ok")
// and then passing keyboard-interactive as bob logs in bob, without admin's key, and a wrong
// password after the offer logs in nobody (CVE-2024-45337's pattern). x/crypto's client signs
// whatever key the server accepts, so the offer is made by a signer that fails to sign; the
// client then moves on to the next method.
func TestKeyboardInteractiveAfterOfferedKey(t *testing.T) {
	admin := newSigner(t)
	e := startServer(t, Config{}, gossh.MarshalAuthorizedKey(admin.PublicKey()))
	addUser(t, e.d, "bob", "bobpw", "network-operator")
	configure(t, e.d, "system-view", "ssh user bob service-type all authentication-type any assign publickey admin-key1")
	offer := gossh.PublicKeys(cannotSign{admin.PublicKey()})
	if c, err := dial(e.addr, "bob", offer, kbdInt("wrong")); err == nil {
		c.Close()
		t.Fatal("offering a key and failing keyboard-interactive logged in")
	}
	c, err := dial(e.addr, "bob", offer, kbdInt("bobpw"))
	if err != nil {
		t.Skipf("the client gave up after a key it could not sign with (%v); the OpenSSH test covers this", err)
	}
	defer c.Close()
	e.waitLog(t, `Accepted keyboard-interactive for bob from 127\.0\.0\.1 port \d+ ssh2$`)
	if r := run(t, c, "system-view\nsysname X", "", false); r.status == 0 || e.d.Sysname() == "X" {
		t.Error("bob (network-operator) changed the configuration: the session is not bob's")
	}
}

// cannotSign offers a public key and fails to sign with it.
type cannotSign struct{ pub gossh.PublicKey }

func (c cannotSign) PublicKey() gossh.PublicKey { return c.pub }
func (c cannotSign) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("no private key")
}
