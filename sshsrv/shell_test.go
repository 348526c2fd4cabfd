package sshsrv

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestShellWithoutPTY(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "", "system-view\nvlan 10\nreturn\ndisplay vlan 10\nquit\n", false)
	for _, want := range []string{"<HPE>", "[HPE]", "[HPE-vlan10]", "VLAN ID: 10"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\r") || strings.Contains(r.stdout, "vlan 10\n") {
		t.Errorf("a shell without a PTY echoed or wrote CRs:\n%q", r.stdout)
	}
	if r.status != 0 {
		t.Errorf("status %d after quit", r.status)
	}
}

func TestShellWithPTY(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "", "system-view\rdisplay this\rquit\rquit\r", true)
	for _, want := range []string{"<HPE>system-view\r\n", "[HPE]display this\r\n", "\r\n[HPE]quit\r\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%q", want, r.stdout)
		}
	}
	if strings.Contains(strings.ReplaceAll(r.stdout, "\r\n", ""), "\n") {
		t.Errorf("a bare \\n on a PTY:\n%q", r.stdout)
	}
	if r.status != 0 {
		t.Errorf("status %d after quit", r.status)
	}
}

func TestShellDialog(t *testing.T) {
	addr, d := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	r := run(t, c, "", "system-view\nundo ssh server enable\nmaybe\nN\nquit\nquit\n", false)
	for _, want := range []string{"Continue? [Y/N]:", "'YES' or 'NO'[Y/N]:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !d.SSHSettings().Enabled {
		t.Error("answering N disabled the SSH server")
	}
}

// TestShellWindowChange: window changes reach the line editor and never block the session.
func TestShellWindowChange(t *testing.T) {
	addr, _ := testServer(t, nil)
	c := mustDial(t, addr, "admin", password("secret"))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sess.Stdout = &out
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := sess.WindowChange(30+i, 100+i); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := io.WriteString(stdin, "quit\r"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shell ended with %v; output %q", err, out.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("shell did not end after quit")
	}
}
