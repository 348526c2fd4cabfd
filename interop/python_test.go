package interop

import (
	"strings"
	"testing"
	"time"
)

// pyClient runs one of the Python client scripts in testdata (paramiko_client.py,
// asyncssh_client.py) against a vtyd: both take the same flags and actions.
type pyClient struct {
	script string
	v      *vtyd
}

// login is who a script logs in as and how: auth is password, keyboard-interactive, publickey or
// publickey+password (both given; the library decides what to send).
type login struct {
	user, auth, password, key string
}

// adminLogin is admin with the password.
var adminLogin = login{user: "admin", auth: "password", password: adminPassword}

// pyResult is what a script prints; each action fills its own fields.
type pyResult struct {
	Error      string   `json:"error"`   // the login or connection failed: "ExceptionType: message"
	HostKey    string   `json:"hostkey"` // SHA256 fingerprint of the key the server proved
	ExitStatus *int     `json:"exit_status"`
	Stdout     string   `json:"stdout"`
	Stderr     string   `json:"stderr"`
	Transcript string   `json:"transcript"` // shell: everything the PTY showed
	Size       int64    `json:"size"`       // put: the remote file's size
	Remaining  []string `json:"remaining"`  // partial: the methods still wanted
	Attempts   []string `json:"attempts"`   // retries (paramiko): the outcome of each password
	Active     bool     `json:"active"`     // retries (paramiko): the connection still up after them
	LocalPort  int      `json:"local_port"` // retries (paramiko): the client's port, as vtyd logs it
	Tried      int      `json:"tried"`      // retries (asyncssh): passwords sent
	Outcome    string   `json:"outcome"`    // retries (asyncssh): how the connection ended
}

// run runs action as l and checks that any host key the client saw is one vtyd logged.
func (p pyClient) run(t *testing.T, l login, action string, args ...string) pyResult {
	t.Helper()
	argv := []string{"--host", p.v.host, "--port", p.v.port, "--user", l.user, "--auth", l.auth}
	if l.password != "" {
		argv = append(argv, "--password", l.password)
	}
	if l.key != "" {
		argv = append(argv, "--key", l.key)
	}
	var r pyResult
	runPython(t, 60*time.Second, &r, p.script, append(append(argv, action), args...)...)
	if r.HostKey != "" && !p.v.isHostKey(r.HostKey) {
		t.Errorf("%s saw host key %s, not one vtyd logged (%v)", p.script, r.HostKey, p.v.hostKeys)
	}
	return r
}

// exec runs cmd as l and returns the result, failing the test if the login failed.
func (p pyClient) exec(t *testing.T, l login, cmd string) pyResult {
	t.Helper()
	r := p.run(t, l, "exec", cmd)
	if r.Error != "" || r.ExitStatus == nil {
		t.Fatalf("%s exec %q as %s (%s): %+v", p.script, cmd, l.user, l.auth, r)
	}
	return r
}

// wantExec checks an exec that must succeed with want in its output.
func wantExec(t *testing.T, r pyResult, want string) {
	t.Helper()
	if *r.ExitStatus != 0 || !strings.Contains(r.Stdout, want) || r.Stderr != "" {
		t.Errorf("exit status %d, want 0 with %q in stdout\nstdout: %q\nstderr: %q", *r.ExitStatus, want, r.Stdout, r.Stderr)
	}
}

// setupBothMethods creates user u1 (password U1-pass, network-admin) whose SSH login needs the
// key and the password (password-publickey), the way an operator would with this client: the
// public key uploaded over SFTP as flash:/k1.pub, imported as peer key k1, then the commands sent
// as one exec as admin.
func setupBothMethods(t *testing.T, p pyClient, key clientKey) login {
	t.Helper()
	if r := p.run(t, adminLogin, "put", key.file+".pub", "flash:/k1.pub"); r.Error != "" || r.Size != int64(len(key.authorized)) {
		t.Fatalf("upload k1.pub: %+v", r)
	}
	wantExec(t, p.exec(t, adminLogin, strings.Join([]string{
		"system-view",
		"local-user u1 class manage",
		"password simple U1-pass",
		"service-type ssh",
		"authorization-attribute user-role network-admin",
		"quit",
		"public-key peer k1 import sshkey flash:/k1.pub",
		"ssh user u1 service-type all authentication-type password-publickey assign publickey k1",
	}, "\n")), "")
	return login{user: "u1", auth: "publickey+password", password: "U1-pass", key: key.file}
}

// commonAuthTests are what every Python client must do first: password exec, Comware's error on
// stderr with a non-zero status, keyboard-interactive, and Ed25519 and RSA keys.
func commonAuthTests(t *testing.T, p pyClient, v *vtyd, ed, rsaKey clientKey) {
	t.Run("password exec", func(t *testing.T) {
		wantExec(t, p.exec(t, adminLogin, "display version"), "HPE Comware Software, Version 7.1.070")
		v.waitLog(t, `Accepted password for admin from 127\.0\.0\.1 port \d+ ssh2$`)
	})
	t.Run("misspelt command", func(t *testing.T) {
		r := p.exec(t, adminLogin, "dispaly version")
		if *r.ExitStatus == 0 || r.Stdout != "" || !strings.Contains(r.Stderr, "% Unrecognized command found at '^' position.") {
			t.Errorf("exit status %d, want non-zero with Comware's error on stderr\nstdout: %q\nstderr: %q", *r.ExitStatus, r.Stdout, r.Stderr)
		}
	})
	t.Run("keyboard-interactive", func(t *testing.T) {
		l := adminLogin
		l.auth = "keyboard-interactive"
		wantExec(t, p.exec(t, l, "display clock"), "UTC")
		v.waitLog(t, `Accepted keyboard-interactive for admin from 127\.0\.0\.1 port \d+ ssh2$`)
	})
	for _, k := range []struct {
		name string
		key  clientKey
		log  string
	}{{"ed25519", ed, "ED25519"}, {"rsa", rsaKey, "RSA"}} {
		t.Run("publickey "+k.name, func(t *testing.T) {
			wantExec(t, p.exec(t, login{user: "admin", auth: "publickey", key: k.key.file}, "display clock"), "UTC")
			v.waitLog(t, `Accepted publickey for admin from 127\.0\.0\.1 port \d+ ssh2: `+k.log+` `)
		})
	}
}
