package interop

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestParamiko drives vtyd with paramiko (python3-paramiko 2.12) as scripts use it: every
// authentication method, both methods for a password-publickey user, an interactive invoke_shell,
// SFTP both ways, and the retry limit.
func TestParamiko(t *testing.T) {
	needPython(t, "paramiko", "python3-paramiko")
	dir := t.TempDir()
	ed, rsaKey := newClientKey(t, dir, "ed25519"), newClientKey(t, dir, "rsa")
	v := startVtyd(t, "--admin-key", authorizedKeys(t, ed, rsaKey))
	p := pyClient{script: "paramiko_client.py", v: v}

	commonAuthTests(t, p, v, ed, rsaKey)
	t.Run("invoke_shell", func(t *testing.T) {
		r := p.run(t, adminLogin, "shell", "system-view", "vlan 80", "name paramiko", "return", "display vlan 80", "quit")
		for _, want := range []string{"\r\n<HPE>system-view\r\n", "\r\n[HPE-vlan80]name paramiko\r\n", "Name: paramiko\r\n", "<HPE>quit\r\n"} {
			if !strings.Contains(r.Transcript, want) {
				t.Errorf("transcript lacks %q:\n%s", want, r.Transcript)
			}
		}
		if r.ExitStatus == nil || *r.ExitStatus != 0 {
			t.Errorf("shell exit status %v, want 0 after quit", r.ExitStatus)
		}
		v.waitLog(t, `ssh shell: line CLI .* pty=true term=vt100$`)
	})
	t.Run("sftp upload and download", func(t *testing.T) {
		local, data := writeFile(t, dir, "up.cfg", 200<<10)
		if r := p.run(t, adminLogin, "put", local, "flash:/paramiko.cfg"); r.Error != "" || r.Size != int64(len(data)) {
			t.Errorf("put: %+v", r)
		}
		sameFile(t, v.flashFile("paramiko.cfg"), data)
		back := filepath.Join(dir, "back.cfg")
		if r := p.run(t, adminLogin, "get", "flash:/paramiko.cfg", back); r.Error != "" {
			t.Errorf("get: %+v", r)
		}
		sameFile(t, back, data)
	})

	// paramiko sends a new ssh-userauth service request before every authentication method after
	// the first; OpenSSH's sshd accepts it, so scripts count on it.
	t.Run("password-publickey user", func(t *testing.T) {
		u1 := setupBothMethods(t, p, newClientKey(t, t.TempDir(), "ed25519"))
		keyOnly := login{user: "u1", auth: "publickey", key: u1.key}
		if r := p.run(t, keyOnly, "partial"); !slices.Contains(r.Remaining, "password") || slices.Contains(r.Remaining, "publickey") {
			t.Errorf("after the key alone, paramiko sees the methods %q, want password (and no publickey)", r.Remaining)
		}
		if r := p.run(t, login{user: "u1", auth: "password", password: u1.password}, "exec", "display clock"); r.Error == "" {
			t.Errorf("u1 logged in with the password alone: %+v", r)
		}
		r := p.run(t, u1, "exec", "display clock")
		if r.Error != "" {
			t.Fatalf("SSHClient.connect(pkey=k1, password=...) as u1 failed: %s", r.Error)
		}
		wantExec(t, r, "UTC")
		v.waitLog(t, `Partial publickey for u1 from 127\.0\.0\.1 port \d+ ssh2: ED25519 `)
		v.waitLog(t, `Accepted password for u1 from 127\.0\.0\.1 port \d+ ssh2$`)
	})
	t.Run("unauthorized key then password", func(t *testing.T) {
		other := newClientKey(t, t.TempDir(), "ed25519")
		r := p.run(t, login{user: "admin", auth: "publickey+password", password: adminPassword, key: other.file}, "exec", "display clock")
		if r.Error != "" {
			t.Fatalf("SSHClient.connect(pkey=<a key vtyd does not know>, password=<admin's>) failed: %s", r.Error)
		}
		wantExec(t, r, "UTC")
	})
	t.Run("retry limit", func(t *testing.T) {
		wantExec(t, p.exec(t, adminLogin, "system-view\nssh server authentication-retries 2"), "")
		r := p.run(t, login{user: "admin", auth: "password"}, "retries", "wrong1", adminPassword)
		if !slices.Equal(r.Attempts, []string{"AuthenticationException: Authentication failed.", "accepted"}) {
			t.Errorf("a wrong password, then the right one on the same connection: paramiko saw %q", r.Attempts)
		}
		r = p.run(t, login{user: "admin", auth: "password"}, "retries", "wrong1", "wrong2", "wrong3")
		failed := "AuthenticationException: Authentication failed."
		if !slices.Equal(r.Attempts, []string{failed, failed, "closed"}) || r.Active {
			t.Errorf("with authentication-retries 2, paramiko saw %q (connection active: %v), want two refusals, then the connection closed", r.Attempts, r.Active)
		}
		port := regexp.QuoteMeta(strconv.Itoa(r.LocalPort))
		v.waitLog(t, `maximum authentication attempts exceeded for admin from 127\.0\.0\.1 port `+port+` ssh2`)
		if n := v.countLog(`Failed password for admin from 127\.0\.0\.1 port ` + port + ` ssh2$`); n != 2 {
			t.Errorf("vtyd logged %d failed passwords on the connection, want 2", n)
		}
		wantExec(t, p.exec(t, adminLogin, "display clock"), "UTC")
	})
}
