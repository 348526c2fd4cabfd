package sshsrv

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// bigConfig is a configuration of at least size bytes: many VLANs with names, built on a scratch
// device with the same admin password, so that the file is what `save` would write. It returns the
// text and the number of VLANs it adds to VLAN 1.
func bigConfig(t *testing.T, size int) (string, int) {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	s := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: d.UserRoles("admin"), Line: -1, Proto: "test"})
	exec := func(line string) {
		if err := s.Exec(t.Context(), line, &bytes.Buffer{}); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	exec("system-view")
	exec("sysname uploaded")
	n := 0
	for id := 2; id <= 4094 && len(d.CurrentConfig()) < size; id += 50 {
		for v := id; v < id+50 && v <= 4094; v++ {
			exec(fmt.Sprintf("vlan %d", v))
			exec(fmt.Sprintf("name Bldg-%c-Floor-%02d-Users-%04d", 'A'+v%5, v%40, v))
			exec("quit")
			n++
		}
	}
	return d.CurrentConfig(), n
}

// xferExec runs one exec command and returns its output and exit status.
func xferExec(t *testing.T, c *gossh.Client, cmd string) (string, int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var stdout, stderr bytes.Buffer
	sess.Stdout, sess.Stderr = &stdout, &stderr
	err = sess.Run(cmd)
	out := stdout.String() + stderr.String()
	if status := exitStatus(err); status >= 0 {
		return out, status
	}
	return out + err.Error(), -1
}

// TestUploadStartupReboot is the large-configuration workflow end to end: a 50 KB configuration
// goes up with scp (the in-process legacy client, then OpenSSH's scp in both protocols where it is
// installed), `startup saved-configuration` and `reboot force` run over exec, and after logging in
// again the device runs that configuration.
func TestUploadStartupReboot(t *testing.T) {
	text, vlans := bigConfig(t, 50<<10)
	if len(text) < 50<<10 {
		t.Fatalf("configuration of %d bytes; want 50 KB", len(text))
	}
	local := filepath.Join(t.TempDir(), "new.cfg")
	if err := os.WriteFile(local, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	uploads := []struct {
		name string
		put  func(t *testing.T, e *xferEnv) error
	}{
		{"legacy scp, in process", func(t *testing.T, e *xferEnv) error {
			if msg, status := scpPut(t, e.login(t, "admin", "secret"), "scp -t flash:/new.cfg", "new.cfg", []byte(text), false); msg != "" || status != 0 {
				return fmt.Errorf("%q, exit %d", msg, status)
			}
			return nil
		}},
		{"OpenSSH scp", func(t *testing.T, e *xferEnv) error {
			o := needOpenSSH(t, e, "scp")
			out, err := o.run(t, "scp", local, o.remote("flash:/new.cfg"))
			return wrapOut(err, out)
		}},
		{"OpenSSH scp -O", func(t *testing.T, e *xferEnv) error {
			o := needOpenSSH(t, e, "scp")
			out, err := o.run(t, "scp", "-O", local, o.remote("flash:/new.cfg"))
			return wrapOut(err, out)
		}},
	}
	for _, up := range uploads {
		t.Run(up.name, func(t *testing.T) {
			e := newXferServer(t, 0)
			if err := up.put(t, e); err != nil {
				t.Fatalf("upload: %v", err)
			}
			c := e.login(t, "admin", "secret")
			if out, status := xferExec(t, c, "startup saved-configuration new.cfg"); status != 0 {
				t.Fatalf("startup saved-configuration: exit %d\n%s", status, out)
			}
			out, _ := xferExec(t, c, "reboot force")
			if !strings.Contains(out, "Now rebooting") {
				t.Fatalf("reboot force: %q", out)
			}
			if strings.Contains(out, "could not be applied") {
				t.Errorf("the uploaded configuration had refused lines:\n%s", out)
			}

			c = e.login(t, "admin", "secret")
			out, status := xferExec(t, c, "display vlan")
			if want := fmt.Sprintf("Total VLANs: %d", vlans+1); status != 0 || !strings.Contains(out, want) {
				t.Errorf("display vlan after the reboot (exit %d) lacks %q:\n%.400s", status, want, out)
			}
			out, _ = xferExec(t, c, "display vlan brief")
			for _, name := range []string{"Bldg-C-Floor-02-Users-0002", fmt.Sprintf("Users-%04d", vlans+1)} {
				if !strings.Contains(out, name) {
					t.Errorf("display vlan brief lacks %q", name)
				}
			}
			if out, _ := xferExec(t, c, "display startup"); !strings.Contains(out, "flash:/new.cfg") {
				t.Errorf("display startup does not name flash:/new.cfg:\n%s", out)
			}
			if e.d.Sysname() != "uploaded" {
				t.Errorf("sysname %q after the reboot; want the uploaded one", e.d.Sysname())
			}
		})
	}
}

func wrapOut(err error, out string) error {
	if err != nil {
		return fmt.Errorf("%w\n%s", err, out)
	}
	return nil
}
