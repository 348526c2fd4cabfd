package interop

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDropbear: Dropbear's dbclient, exec with a password (DROPBEAR_PASSWORD, which dbclient
// gives at vtyd's keyboard-interactive prompt) and with a key converted by dropbearconvert (exit
// status 0, and non-zero with Comware's error on stderr for a misspelt command), and a piped shell
// (-T). dbclient accepts the unknown host key with -y and prints its fingerprint, which must be one
// vtyd logged. dropbear-bin has no file-transfer client.
func TestDropbear(t *testing.T) {
	needBins(t, "dropbear-bin", "dbclient", "dropbearconvert")
	dir := t.TempDir()
	key := newClientKey(t, dir, "ed25519")
	dbKey := filepath.Join(dir, "id_dropbear")
	if r := (command{name: "dropbearconvert", args: []string{"openssh", "dropbear", key.file, dbKey}}).run(t); r.code != 0 {
		t.Fatalf("dropbearconvert:\n%s", r)
	}
	v := startVtyd(t, "--admin-key", authorizedKeys(t, key))
	run := func(t *testing.T, password, stdin string, args ...string) result {
		t.Helper()
		c := command{name: "dbclient", args: append([]string{"-y", "-p", v.port}, args...), stdin: stdin}
		if password != "" {
			c.env = []string{"DROPBEAR_PASSWORD=" + password}
		}
		r := c.run(t)
		if !strings.Contains(r.stderr, "(ssh-ed25519 fingerprint "+v.hostKeys["ssh-ed25519"]+")") {
			t.Errorf("dbclient did not show the Ed25519 host key vtyd logged (%s):\n%s", v.hostKeys["ssh-ed25519"], r)
		}
		return r
	}

	t.Run("password exec", func(t *testing.T) {
		r := run(t, adminPassword, "", "admin@127.0.0.1", "display version")
		if r.code != 0 || !strings.Contains(r.stdout, "HPE Comware Software, Version 7.1.070") {
			t.Errorf("dbclient admin@ 'display version':\n%s", r)
		}
		v.waitLog(t, `Accepted keyboard-interactive for admin from 127\.0\.0\.1 port \d+ ssh2$`)
	})
	t.Run("publickey exec", func(t *testing.T) {
		r := run(t, "", "", "-i", dbKey, "admin@127.0.0.1", "display version")
		if r.code != 0 || !strings.Contains(r.stdout, "HPE Comware Software, Version 7.1.070") {
			t.Errorf("dbclient -i key admin@ 'display version':\n%s", r)
		}
		v.waitLog(t, `Accepted publickey for admin from 127\.0\.0\.1 port \d+ ssh2: ED25519 `)
	})
	t.Run("misspelt command", func(t *testing.T) {
		r := run(t, adminPassword, "", "admin@127.0.0.1", "dispaly version")
		if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "% Unrecognized command found at '^' position.") {
			t.Errorf("dbclient admin@ 'dispaly version':\n%s", r)
		}
	})
	t.Run("piped shell", func(t *testing.T) {
		r := run(t, "", "system-view\nvlan 79\nname dropbear\nreturn\ndisplay vlan 79\nquit\n", "-T", "-i", dbKey, "admin@127.0.0.1")
		if r.code != 0 || !strings.Contains(r.stdout, "[HPE-vlan79]") || !strings.Contains(r.stdout, "Name: dropbear") {
			t.Errorf("dbclient -T with commands on stdin:\n%s", r)
		}
	})
}
