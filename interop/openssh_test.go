package interop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openSSH runs OpenSSH's ssh, sftp and scp against one vtyd with nothing of the machine's: no
// config (-F /dev/null), no agent, only the identity given, and a known_hosts file holding the
// server's keys, checked strictly.
type openSSH struct {
	v          *vtyd
	knownHosts string
}

func (o openSSH) opts(port string) []string {
	return []string{"-F", "/dev/null", port, o.v.port, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "UserKnownHostsFile=" + o.knownHosts, "-o", "StrictHostKeyChecking=yes",
		"-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR"}
}

// password runs bin (ssh, sftp, scp) as admin with the password typed by sshpass at the prompt
// (vtyd asks with keyboard-interactive, as sshd does for PAM).
func (o openSSH) password(t *testing.T, stdin, bin string, args ...string) result {
	t.Helper()
	port := "-p"
	if bin != "ssh" {
		port = "-P"
	}
	argv := append([]string{"-p", adminPassword, bin}, o.opts(port)...)
	argv = append(argv, "-o", "PubkeyAuthentication=no", "-o", "BatchMode=no")
	return command{name: "sshpass", args: append(argv, args...), stdin: stdin}.run(t)
}

// publickey runs ssh as admin with key alone, in batch mode (no prompt could be answered).
func (o openSSH) publickey(t *testing.T, key clientKey, stdin string, args ...string) result {
	t.Helper()
	argv := append(o.opts("-p"), "-o", "BatchMode=yes", "-o", "PreferredAuthentications=publickey", "-i", key.file)
	return command{name: "ssh", args: append(argv, args...), stdin: stdin}.run(t)
}

// TestOpenSSH: exec with a password and with a key (exit status 0, and non-zero with Comware's
// error on stderr for a misspelt command), a piped shell, and files both ways with sftp and scp
// (OpenSSH 9's SFTP-based scp and the legacy protocol, -O).
func TestOpenSSH(t *testing.T) {
	needBins(t, "openssh-client sshpass", "ssh", "sftp", "scp", "sshpass")
	key := newClientKey(t, t.TempDir(), "ed25519")
	v := startVtyd(t, "--admin-key", authorizedKeys(t, key))
	o := openSSH{v: v, knownHosts: v.knownHosts(t)}

	t.Run("password exec", func(t *testing.T) {
		r := o.password(t, "", "ssh", "admin@127.0.0.1", "display version")
		if r.code != 0 || !strings.Contains(r.stdout, "HPE Comware Software, Version 7.1.070") {
			t.Errorf("ssh admin@ 'display version':\n%s", r)
		}
		v.waitLog(t, `Accepted keyboard-interactive for admin from 127\.0\.0\.1 port \d+ ssh2$`)
	})
	t.Run("publickey exec", func(t *testing.T) {
		r := o.publickey(t, key, "", "admin@127.0.0.1", "display version")
		if r.code != 0 || !strings.Contains(r.stdout, "HPE Comware Software, Version 7.1.070") {
			t.Errorf("ssh -i key admin@ 'display version':\n%s", r)
		}
		v.waitLog(t, `Accepted publickey for admin from 127\.0\.0\.1 port \d+ ssh2: ED25519 `)
	})
	t.Run("misspelt command", func(t *testing.T) {
		for _, r := range []result{
			o.password(t, "", "ssh", "admin@127.0.0.1", "dispaly version"),
			o.publickey(t, key, "", "admin@127.0.0.1", "dispaly version"),
		} {
			if r.code == 0 || r.stdout != "" || !strings.Contains(r.stderr, "% Unrecognized command found at '^' position.") {
				t.Errorf("ssh admin@ 'dispaly version':\n%s", r)
			}
		}
	})
	t.Run("piped shell", func(t *testing.T) {
		r := o.publickey(t, key, "system-view\nvlan 77\nname piped\nreturn\ndisplay vlan 77\nquit\n", "-T", "admin@127.0.0.1")
		if r.code != 0 || !strings.Contains(r.stdout, "[HPE-vlan77]") || !strings.Contains(r.stdout, "Name: piped") {
			t.Errorf("ssh -T with commands on stdin:\n%s", r)
		}
	})
	t.Run("PTY with SetEnv=VTYD_CONSOLE=cli", func(t *testing.T) {
		argv := append(o.opts("-p"), "-o", "BatchMode=yes", "-o", "PreferredAuthentications=publickey", "-i", key.file,
			"-tt", "-o", "SetEnv=VTYD_CONSOLE=cli", "admin@127.0.0.1")
		r := command{name: "ssh", args: argv, env: []string{"TERM=xterm"}, stdin: "display clock\nquit\n"}.run(t)
		if r.code != 0 || !strings.Contains(r.stdout, "<HPE>display clock\r\n") || !strings.Contains(r.stdout, "<HPE>quit\r\n") {
			t.Errorf("ssh -tt with TERM=xterm and VTYD_CONSOLE=cli:\n%s", r)
		}
		v.waitLog(t, `ssh shell: line CLI .* pty=true term=xterm$`)
	})

	dir := t.TempDir()
	local, data := writeFile(t, dir, "up.cfg", 200<<10)
	t.Run("sftp upload and download", func(t *testing.T) {
		batch := filepath.Join(dir, "batch")
		back := filepath.Join(dir, "sftp-back.cfg")
		script := "put " + local + " flash:/sftp.cfg\nls -l\nget sftp.cfg " + back + "\n"
		if err := os.WriteFile(batch, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		r := o.password(t, "", "sftp", "-b", batch, "admin@127.0.0.1")
		if r.code != 0 || !strings.Contains(r.stdout, "sftp.cfg") {
			t.Errorf("sftp -b:\n%s", r)
		}
		sameFile(t, v.flashFile("sftp.cfg"), data)
		sameFile(t, back, data)
	})
	for _, mode := range []struct{ name, flag string }{{"scp", "-s"}, {"scp -O", "-O"}} {
		t.Run(mode.name+" upload and download", func(t *testing.T) {
			name := "scp" + mode.flag + ".cfg"
			back := filepath.Join(dir, "back"+mode.flag+".cfg")
			if r := o.password(t, "", "scp", mode.flag, local, "admin@127.0.0.1:flash:/"+name); r.code != 0 {
				t.Errorf("scp %s upload:\n%s", mode.flag, r)
			}
			sameFile(t, v.flashFile(name), data)
			if r := o.password(t, "", "scp", mode.flag, "admin@127.0.0.1:flash:/"+name, back); r.code != 0 {
				t.Errorf("scp %s download:\n%s", mode.flag, r)
			}
			sameFile(t, back, data)
		})
	}
}
