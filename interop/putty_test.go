package interop

import (
	"path/filepath"
	"strings"
	"testing"
)

// putty runs plink and pscp against one vtyd in batch mode (-batch: any question is a failure),
// trusting exactly the host keys vtyd logged at start (-hostkey with their SHA256 fingerprints),
// with no Pageant (-noagent).
type putty struct{ v *vtyd }

func (p putty) opts() []string {
	argv := []string{"-batch", "-noagent", "-P", p.v.port}
	for _, fp := range p.v.hostKeys {
		argv = append(argv, "-hostkey", fp)
	}
	return argv
}

// run runs bin with -pw when password is set, else with the .ppk key -i ppk.
func (p putty) run(t *testing.T, stdin, bin, password, ppk string, args ...string) result {
	t.Helper()
	argv := p.opts()
	if password != "" {
		argv = append(argv, "-pw", password)
	}
	if ppk != "" {
		argv = append(argv, "-i", ppk)
	}
	return command{name: bin, args: append(argv, args...), stdin: stdin}.run(t)
}

// TestPuTTY: plink exec with a password and with a key (exit status 0, and 1 with Comware's error
// on stderr for a misspelt command), a piped shell (-T), and pscp both ways over SFTP and SCP.
func TestPuTTY(t *testing.T) {
	needBins(t, "putty-tools", "plink", "pscp", "puttygen")
	dir := t.TempDir()
	key := newClientKey(t, dir, "ed25519")
	ppk := filepath.Join(dir, "id_ed25519.ppk")
	if r := (command{name: "puttygen", args: []string{key.file, "-O", "private", "-o", ppk}}).run(t); r.code != 0 {
		t.Fatalf("puttygen:\n%s", r)
	}
	v := startVtyd(t, "--admin-key", authorizedKeys(t, key))
	p := putty{v: v}

	t.Run("password exec", func(t *testing.T) {
		r := p.run(t, "", "plink", adminPassword, "", "admin@127.0.0.1", "display version")
		if r.code != 0 || !strings.Contains(r.stdout, "HPE Comware Software, Version 7.1.070") {
			t.Errorf("plink -pw admin@ 'display version':\n%s", r)
		}
		v.waitLog(t, `Accepted keyboard-interactive for admin from 127\.0\.0\.1 port \d+ ssh2$`)
	})
	t.Run("publickey exec", func(t *testing.T) {
		r := p.run(t, "", "plink", "", ppk, "admin@127.0.0.1", "display version")
		if r.code != 0 || !strings.Contains(r.stdout, "HPE Comware Software, Version 7.1.070") {
			t.Errorf("plink -i key.ppk admin@ 'display version':\n%s", r)
		}
		v.waitLog(t, `Accepted publickey for admin from 127\.0\.0\.1 port \d+ ssh2: ED25519 `)
	})
	t.Run("misspelt command", func(t *testing.T) {
		r := p.run(t, "", "plink", adminPassword, "", "admin@127.0.0.1", "dispaly version")
		if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "% Unrecognized command found at '^' position.") {
			t.Errorf("plink admin@ 'dispaly version':\n%s", r)
		}
	})
	t.Run("unknown host key refused", func(t *testing.T) {
		r := command{name: "plink", args: []string{"-batch", "-noagent", "-P", v.port, "-pw", adminPassword,
			"admin@127.0.0.1", "display version"}}.run(t)
		if r.code == 0 || !strings.Contains(r.stderr, v.hostKeys["ssh-ed25519"]) {
			t.Errorf("plink without -hostkey should stop at the host key and show its fingerprint %s:\n%s", v.hostKeys["ssh-ed25519"], r)
		}
	})
	t.Run("piped shell", func(t *testing.T) {
		r := p.run(t, "system-view\nvlan 78\nname plink\nreturn\ndisplay vlan 78\nquit\n", "plink", "", ppk, "-T", "admin@127.0.0.1")
		if r.code != 0 || !strings.Contains(r.stdout, "[HPE-vlan78]") || !strings.Contains(r.stdout, "Name: plink") {
			t.Errorf("plink -T with commands on stdin:\n%s", r)
		}
	})

	local, data := writeFile(t, dir, "up.cfg", 200<<10)
	for _, proto := range []string{"-sftp", "-scp"} {
		t.Run("pscp "+proto+" upload and download", func(t *testing.T) {
			name := "pscp" + proto + ".cfg"
			back := filepath.Join(dir, "back"+proto+".cfg")
			if r := p.run(t, "", "pscp", adminPassword, "", proto, local, "admin@127.0.0.1:flash:/"+name); r.code != 0 {
				t.Errorf("pscp %s upload:\n%s", proto, r)
			}
			sameFile(t, v.flashFile(name), data)
			if r := p.run(t, "", "pscp", "", ppk, proto, "admin@127.0.0.1:flash:/"+name, back); r.code != 0 {
				t.Errorf("pscp %s download:\n%s", proto, r)
			}
			sameFile(t, back, data)
		})
	}
}
