package sshsrv

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
	"vtyd/switchctl/pki"
)

// osshClient runs the real OpenSSH client against a test server with nothing of the machine's:
// no config, no agent, HOME and known_hosts in a temporary directory.
type osshClient struct {
	ssh, sshpass string // sshpass is "" where not installed
	home, port   string
}

func newOSSHClient(t *testing.T, addr string) *osshClient {
	t.Helper()
	bin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("ssh (openssh-client) is not installed")
	}
	pass, _ := exec.LookPath("sshpass")
	_, port, _ := net.SplitHostPort(addr)
	return &osshClient{ssh: bin, sshpass: pass, home: t.TempDir(), port: port}
}

// keyUser makes user (network-admin, password pw) with the key pair home/USER_key assigned under
// authentication-type auth.
func (o *osshClient) keyUser(t *testing.T, d *switchctl.Device, user, pw, auth string) {
	t.Helper()
	key := o.key(t, user+"_key")
	addUser(t, d, user, pw, "network-admin")
	if err := os.WriteFile(filepath.Join(d.Flash().Dir(), user+".pub"), gossh.MarshalAuthorizedKey(key.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	configure(t, d, "system-view", "public-key peer "+user+"key import sshkey flash:/"+user+".pub",
		"ssh user "+user+" service-type all authentication-type "+auth+" assign publickey "+user+"key")
}

// key writes an Ed25519 key pair as home/name and home/name.pub and returns its signer.
func (o *osshClient) key(t *testing.T, name string) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	sg, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(o.home, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".pub", gossh.MarshalAuthorizedKey(sg.PublicKey()), 0o644); err != nil {
		t.Fatal(err)
	}
	return sg
}

// run runs ssh -v with args (options, then user@host and the command); pw, when not "", is typed by
// sshpass at the password prompts. It returns the combined output and the error.
func (o *osshClient) run(t *testing.T, pw string, args ...string) (string, error) {
	t.Helper()
	base := []string{"-v", "-F", "/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "UserKnownHostsFile=" + filepath.Join(o.home, "known_hosts"), "-o", "StrictHostKeyChecking=accept-new",
		"-o", "ConnectTimeout=10", "-p", o.port}
	name, argv := o.ssh, append(base, args...)
	if pw != "" {
		if o.sshpass == "" {
			t.Skip("sshpass is not installed")
		}
		name, argv = o.sshpass, append([]string{"-p", pw, o.ssh}, argv...)
	} else {
		argv = append([]string{"-o", "BatchMode=yes"}, argv...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, argv...)
	cmd.Env = append(os.Environ(), "HOME="+o.home)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestOpenSSHPublickeyThenPassword: password-publickey with `ssh -o
// PreferredAuthentications=publickey,password`: partial success, then only the password methods
// are offered, then the password.
func TestOpenSSHPublickeyThenPassword(t *testing.T) {
	e := startServer(t, Config{}, nil)
	o := newOSSHClient(t, e.addr)
	o.keyUser(t, e.d, "bob", "bobpw", "password-publickey")
	out, err := o.run(t, "bobpw", "-i", filepath.Join(o.home, "bob_key"), "-o", "PreferredAuthentications=publickey,password",
		"bob@127.0.0.1", "display version")
	if err != nil {
		t.Fatalf("ssh: %v\n%s", err, out)
	}
	for _, want := range []string{
		`Authenticated using "publickey" with partial success.`,
		"Authentications that can continue: password,keyboard-interactive\r\n",
		"HPE Comware Software, Version 7.1.070",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("ssh output lacks %q:\n%s", want, out)
		}
	}
	e.waitLog(t, `Partial publickey for bob from 127\.0\.0\.1 port \d+ ssh2: ED25519 SHA256:`)
	e.waitLog(t, `Accepted password for bob from 127\.0\.0\.1 port \d+ ssh2$`)
}

// TestOpenSSHOfferedKeyThenKeyboardInteractive: OpenSSH offers admin's key from its .pub file, the
// server answers that it would do, the client cannot load the private key and moves on to
// keyboard-interactive. A wrong password gets nobody in; bob's password gets bob, not admin.
func TestOpenSSHOfferedKeyThenKeyboardInteractive(t *testing.T) {
	e := startServer(t, Config{}, nil)
	o := newOSSHClient(t, e.addr)
	key := o.key(t, "admin_key")
	if err := os.WriteFile(filepath.Join(o.home, "admin_key"), []byte("not a private key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addUser(t, e.d, "bob", "bobpw", "network-operator")
	if err := os.WriteFile(filepath.Join(e.d.Flash().Dir(), "a.pub"), gossh.MarshalAuthorizedKey(key.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	configure(t, e.d, "system-view", "public-key peer akey import sshkey flash:/a.pub",
		"ssh user bob service-type all authentication-type any assign publickey akey")
	args := func(user string) []string {
		return []string{"-i", filepath.Join(o.home, "admin_key"), "-o", "PreferredAuthentications=publickey,keyboard-interactive",
			"-o", "NumberOfPasswordPrompts=1", user + "@127.0.0.1", "system-view\nsysname X"}
	}
	out, err := o.run(t, "wrong", args("bob")...)
	if err == nil || !strings.Contains(out, "Server accepts key") {
		t.Fatalf("offered key, then a wrong password: err %v\n%s", err, out)
	}
	out, err = o.run(t, "bobpw", args("bob")...)
	if !strings.Contains(out, `Authenticated to 127.0.0.1 ([127.0.0.1]:`+o.port+`) using "keyboard-interactive"`) {
		t.Fatalf("bob's keyboard-interactive login failed: %v\n%s", err, out)
	}
	if e.d.Sysname() == "X" {
		t.Error("bob (network-operator) changed the sysname: the session had more than bob's rights")
	}
	e.waitLog(t, `Accepted keyboard-interactive for bob from 127\.0\.0\.1 port \d+ ssh2$`)
	if strings.Contains(e.logs.String(), "Accepted publickey") {
		t.Error("a key that never signed was accepted")
	}
}

// TestOpenSSHFailedNegotiation: `ssh -o Ciphers=3des-cbc` against the defaults.
func TestOpenSSHFailedNegotiation(t *testing.T) {
	e := startServer(t, Config{}, nil)
	o := newOSSHClient(t, e.addr)
	out, err := o.run(t, "", "-o", "Ciphers=3des-cbc", "admin@127.0.0.1", "display version")
	if err == nil || !strings.Contains(out, "Unable to negotiate with 127.0.0.1 port "+o.port+": no matching cipher found. Their offer: chacha20-poly1305@openssh.com,") {
		t.Errorf("ssh -o Ciphers=3des-cbc: %v\n%s", err, out)
	}
	e.waitLog(t, `Unable to negotiate with 127\.0\.0\.1 port \d+: no matching cipher found\. Their offer: 3des-cbc \[preauth\]$`)
	out, err = o.run(t, "secret", "-o", "PreferredAuthentications=password", "admin@127.0.0.1", "display version")
	if err != nil {
		t.Errorf("the server stopped serving after a failed negotiation: %v\n%s", err, out)
	}
}

// TestOpenSSHDSAHostKey: a DSA host key is offered once `ssh2 algorithm public-key` lists dsa, and
// ssh-keyscan sees the device's keys.
func TestOpenSSHDSAHostKey(t *testing.T) {
	e := startServer(t, Config{}, nil)
	o := newOSSHClient(t, e.addr)
	dss := []string{"-o", "HostKeyAlgorithms=ssh-dss", "-o", "PreferredAuthentications=password", "admin@127.0.0.1", "display clock"}
	if out, err := o.run(t, "secret", dss...); err == nil {
		t.Fatalf("ssh-dss offered by default:\n%s", out)
	} else if strings.Contains(out, "Bad key types") || strings.Contains(out, "unsupported") {
		t.Skipf("this OpenSSH no longer offers ssh-dss:\n%s", out)
	}
	configure(t, e.d, "system-view", "ssh2 algorithm public-key ed25519 rsa-sha2-512 dsa")
	if out, err := o.run(t, "secret", dss...); err != nil {
		t.Fatalf("ssh -o HostKeyAlgorithms=ssh-dss after enabling dsa: %v\n%s", err, out)
	}
	scan, err := exec.LookPath("ssh-keyscan")
	if err != nil {
		return
	}
	out, err := exec.Command(scan, "-p", o.port, "-t", "ed25519", "127.0.0.1").Output()
	if err != nil {
		t.Fatalf("ssh-keyscan: %v", err)
	}
	k, err := e.d.Keys().Get(pki.KindEd25519, "")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.PublicKey())))
	if !strings.Contains(string(out), want) {
		t.Errorf("ssh-keyscan saw %q, want the device's %q", out, want)
	}
}
