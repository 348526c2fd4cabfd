package sshsrv

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vtyd/internal/termtest"
)

// openSSH runs the real OpenSSH clients (sftp, scp) against a test server with password
// authentication through sshpass, isolated from the user's configuration, agent and keys.
type openSSH struct {
	host, port string
	knownHosts string
}

// needOpenSSH skips the test, naming what is missing, unless the client binaries exist.
func needOpenSSH(t *testing.T, e *xferEnv, bins ...string) *openSSH {
	t.Helper()
	for _, b := range append(bins, "sshpass") {
		if _, err := exec.LookPath(b); err != nil {
			t.Skipf("%s not found (apt-get install -y openssh-client sshpass)", b)
		}
	}
	host, port, err := net.SplitHostPort(e.addr)
	if err != nil {
		t.Fatal(err)
	}
	return &openSSH{host: host, port: port, knownHosts: filepath.Join(t.TempDir(), "known_hosts")}
}

// run runs bin (sftp or scp) with args after the common options, as admin/secret.
func (o *openSSH) run(t *testing.T, bin string, args ...string) (out string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	common := []string{"-p", "secret", bin, "-F", "/dev/null", "-P", o.port,
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "PubkeyAuthentication=no",
		"-o", "BatchMode=no", "-o", "PreferredAuthentications=keyboard-interactive,password",
		"-o", "UserKnownHostsFile=" + o.knownHosts, "-o", "StrictHostKeyChecking=no", "-o", "LogLevel=ERROR"}
	cmd := exec.CommandContext(ctx, "sshpass", append(common, args...)...)
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	err = cmd.Run()
	return b.String(), err
}

// remote is admin@host:path for scp.
func (o *openSSH) remote(path string) string { return "admin@" + o.host + ":" + path }

// TestOpenSSHSFTPBatch drives OpenSSH's sftp through a batch of everyday commands.
func TestOpenSSHSFTPBatch(t *testing.T) {
	e := newXferServer(t, 0)
	o := needOpenSSH(t, e, "sftp")
	dir := t.TempDir()
	local := filepath.Join(dir, "up.cfg")
	data := bytes.Repeat([]byte("vlan 20\n name servers\n#\n"), 2000)
	if err := os.WriteFile(local, data, 0o644); err != nil {
		t.Fatal(err)
	}
	batch := filepath.Join(dir, "batch")
	back := filepath.Join(dir, "back.cfg")
	script := strings.Join([]string{
		"pwd", "put " + local + " flash:/up.cfg", "ls -l", "get up.cfg " + back,
		"rename up.cfg moved.cfg", "mkdir cfgs", "rmdir cfgs", "df", "rm moved.cfg", "put " + local + " keep.cfg",
	}, "\n")
	if err := os.WriteFile(batch, []byte(script+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := o.run(t, "sftp", "-b", batch, "admin@"+o.host)
	if err != nil {
		t.Fatalf("sftp -b: %v\n%s", err, out)
	}
	for _, want := range []string{"Remote working directory: /", "up.cfg"} {
		if !strings.Contains(out, want) {
			t.Errorf("sftp output lacks %q:\n%s", want, out)
		}
	}
	if got, err := os.ReadFile(back); err != nil || !bytes.Equal(got, data) {
		t.Errorf("downloaded copy: %d bytes, %v", len(got), err)
	}
	if got, err := e.d.Flash().ReadFile("keep.cfg"); err != nil || !bytes.Equal(got, data) {
		t.Errorf("flash:/keep.cfg: %d bytes, %v", len(got), err)
	}
	if _, err := e.d.Flash().Stat("moved.cfg"); err == nil {
		t.Error("moved.cfg still exists after rm")
	}
}

// TestOpenSSHSCP copies files both ways with OpenSSH's scp, in its default SFTP protocol and the
// legacy one (-O), to every name form, and checks that both exit 0.
func TestOpenSSHSCP(t *testing.T) {
	e := newXferServer(t, 0)
	o := needOpenSSH(t, e, "scp")
	dir := t.TempDir()
	local := filepath.Join(dir, "new.cfg")
	data := bytes.Repeat([]byte("vlan 30\n name voice\n#\n"), 2000)
	if err := os.WriteFile(local, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []struct{ name, flag string }{{"sftp protocol", ""}, {"legacy", "-O"}} {
		for _, tc := range []struct{ target, want string }{
			{"flash:/a.cfg", "a.cfg"}, {"flash:b.cfg", "b.cfg"}, {"/c.cfg", "c.cfg"}, {"d.cfg", "d.cfg"}, {"", "new.cfg"},
		} {
			t.Run(mode.name+"/"+tc.target, func(t *testing.T) {
				args := []string{local, o.remote(tc.target)}
				if mode.flag != "" {
					args = append([]string{mode.flag}, args...)
				}
				if out, err := o.run(t, "scp", args...); err != nil {
					t.Fatalf("scp %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				if got, err := e.d.Flash().ReadFile(tc.want); err != nil || !bytes.Equal(got, data) {
					t.Fatalf("flash:/%s: %d bytes, %v", tc.want, len(got), err)
				}
				back := filepath.Join(dir, "back-"+tc.want)
				args = []string{o.remote(tc.target + map[bool]string{true: "new.cfg"}[tc.target == ""]), back}
				if mode.flag != "" {
					args = append([]string{mode.flag}, args...)
				}
				if out, err := o.run(t, "scp", args...); err != nil {
					t.Fatalf("scp %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				if got, err := os.ReadFile(back); err != nil || !bytes.Equal(got, data) {
					t.Errorf("downloaded %s: %d bytes, %v", back, len(got), err)
				}
				if err := e.d.Flash().Remove(tc.want); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestOpenSSHSCPRefusals checks what OpenSSH's scp shows for a full flash: and for a user whose
// service type does not allow the protocol.
func TestOpenSSHSCPRefusals(t *testing.T) {
	const capacity = 128 << 10
	e := newXferServer(t, capacity)
	o := needOpenSSH(t, e, "scp")
	big := filepath.Join(t.TempDir(), "big.bin")
	if err := os.WriteFile(big, bytes.Repeat([]byte("x"), capacity+1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"-O", "-s"} {
		out, err := o.run(t, "scp", flag, big, o.remote("flash:/big.bin"))
		if err == nil {
			t.Errorf("scp %s of a file larger than flash: succeeded:\n%s", flag, out)
		}
		if !strings.Contains(out, "No space left on device") && !strings.Contains(out, "not enough space") &&
			!strings.Contains(out, "Failure") {
			t.Errorf("scp %s does not say why it failed:\n%s", flag, out)
		}
		if _, err := e.d.Flash().Stat("big.bin"); err == nil {
			t.Errorf("scp %s left big.bin on flash:", flag)
		}
	}
	termtest.NoTempFiles(t, e.flashDir())

	e.configure(t, "ssh user admin service-type sftp authentication-type password")
	small := filepath.Join(t.TempDir(), "s.cfg")
	if err := os.WriteFile(small, []byte("return\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := o.run(t, "scp", "-O", small, o.remote("flash:/s.cfg")); err == nil || !strings.Contains(out, "not authorized for SCP") {
		t.Errorf("scp -O as an sftp-only user: %v\n%s", err, out)
	}
	if out, err := o.run(t, "scp", small, o.remote("flash:/s.cfg")); err != nil {
		t.Errorf("scp (SFTP protocol) as an sftp-only user: %v\n%s", err, out)
	}
}
