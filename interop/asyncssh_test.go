package interop

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAsyncSSH drives vtyd with asyncssh (python3-asyncssh 2.10) as scripts use it: every
// authentication method, both methods for a password-publickey user, an interactive process on a
// vt100 PTY and a piped one without, SFTP both ways, and the retry limit.
func TestAsyncSSH(t *testing.T) {
	needPython(t, "asyncssh", "python3-asyncssh")
	dir := t.TempDir()
	ed, rsaKey := newClientKey(t, dir, "ed25519"), newClientKey(t, dir, "rsa")
	v := startVtyd(t, "--admin-key", authorizedKeys(t, ed, rsaKey))
	p := pyClient{script: "asyncssh_client.py", v: v}

	commonAuthTests(t, p, v, ed, rsaKey)
	t.Run("interactive process on a PTY", func(t *testing.T) {
		r := p.run(t, adminLogin, "shell", "system-view", "vlan 81", "name asyncssh", "return", "display vlan 81", "quit")
		for _, want := range []string{"\r\n<HPE>system-view\r\n", "\r\n[HPE-vlan81]name asyncssh\r\n", "Name: asyncssh\r\n", "<HPE>quit\r\n"} {
			if !strings.Contains(r.Transcript, want) {
				t.Errorf("transcript lacks %q:\n%s", want, r.Transcript)
			}
		}
		if r.ExitStatus == nil || *r.ExitStatus != 0 {
			t.Errorf("shell exit status %v, want 0 after quit", r.ExitStatus)
		}
	})
	t.Run("piped process", func(t *testing.T) {
		r := p.run(t, adminLogin, "piped", "system-view", "vlan 82", "name piped", "return", "display vlan 82", "quit")
		if r.ExitStatus == nil || *r.ExitStatus != 0 || !strings.Contains(r.Stdout, "[HPE-vlan82]") || !strings.Contains(r.Stdout, "Name: piped") {
			t.Errorf("commands on stdin without a PTY: %+v", r)
		}
	})
	t.Run("sftp upload and download", func(t *testing.T) {
		local, data := writeFile(t, dir, "up.cfg", 200<<10)
		if r := p.run(t, adminLogin, "put", local, "flash:/asyncssh.cfg"); r.Error != "" || r.Size != int64(len(data)) {
			t.Errorf("put: %+v", r)
		}
		sameFile(t, v.flashFile("asyncssh.cfg"), data)
		back := filepath.Join(dir, "back.cfg")
		if r := p.run(t, adminLogin, "get", "flash:/asyncssh.cfg", back); r.Error != "" {
			t.Errorf("get: %+v", r)
		}
		sameFile(t, back, data)
	})
	t.Run("password-publickey user", func(t *testing.T) {
		u1 := setupBothMethods(t, p, newClientKey(t, t.TempDir(), "ed25519"))
		if r := p.run(t, login{user: "u1", auth: "publickey", key: u1.key}, "exec", "display clock"); r.Error == "" {
			t.Errorf("u1 logged in with the key alone: %+v", r)
		}
		if r := p.run(t, login{user: "u1", auth: "password", password: u1.password}, "exec", "display clock"); r.Error == "" {
			t.Errorf("u1 logged in with the password alone: %+v", r)
		}
		r := p.run(t, u1, "exec", "display clock")
		if r.Error != "" {
			t.Fatalf("connect(client_keys=[k1], password=...) as u1 failed: %s", r.Error)
		}
		wantExec(t, r, "UTC")
		v.waitLog(t, `Partial publickey for u1 from 127\.0\.0\.1 port \d+ ssh2: ED25519 `)
		v.waitLog(t, `Accepted password for u1 from 127\.0\.0\.1 port \d+ ssh2$`)
	})
	t.Run("retry limit", func(t *testing.T) {
		wantExec(t, p.exec(t, adminLogin, "system-view\nssh server authentication-retries 2"), "")
		if r := p.run(t, login{user: "admin", auth: "password"}, "retries", "wrong1", adminPassword); r.Tried != 2 || r.Outcome != "connected" {
			t.Errorf("a wrong password, then the right one: asyncssh sent %d and ended %q", r.Tried, r.Outcome)
		}
		r := p.run(t, login{user: "admin", auth: "password"}, "retries", "wrong1", "wrong2", "wrong3")
		if r.Tried != 2 || r.Outcome != "ProtocolError: too many authentication failures" {
			t.Errorf("with authentication-retries 2, asyncssh sent %d passwords and ended %q, want 2 and the server's disconnect", r.Tried, r.Outcome)
		}
		v.waitLog(t, `maximum authentication attempts exceeded for admin from 127\.0\.0\.1 port \d+ ssh2`)
		wantExec(t, p.exec(t, adminLogin, "display clock"), "UTC")
	})
}
