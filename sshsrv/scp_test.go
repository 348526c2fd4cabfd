package sshsrv

import (
	"bufio"
	"testing"

	"vtyd/internal/termtest"

	gossh "golang.org/x/crypto/ssh"
)

// startSCP runs cmd (scp -t ... or scp -f ...) on c and returns the client side of it.
func startSCP(t *testing.T, c *gossh.Client, cmd string) *termtest.SCPClient {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start(cmd); err != nil {
		t.Fatal(err)
	}
	wait := func() int { return exitStatus(sess.Wait()) }
	return &termtest.SCPClient{In: in, Out: bufio.NewReader(out), Wait: wait}
}

// scpPut runs cmd (scp -t ...) and sends one file as name, with a T record first when times is
// set. It returns the first refusal ("" when every reply was ok) and the exit status.
func scpPut(t *testing.T, c *gossh.Client, cmd, name string, data []byte, times bool) (string, int) {
	t.Helper()
	return startSCP(t, c, cmd).Put(name, data, times)
}

// TestSCPLoginEnds: an SCP session shows as a login without a VTY line while it lasts, and is gone
// once it ends.
func TestSCPLoginEnds(t *testing.T) {
	e := newXferServer(t, 0)
	s := startSCP(t, e.login(t, "admin", "secret"), "scp -t flash:/a.cfg")
	if msg := s.Reply(); msg != "" {
		t.Fatal(msg)
	}
	logins := e.d.Logins()
	if len(logins) != 1 || logins[0].Info.Proto != "SCP" || logins[0].Info.Line != -1 || logins[0].Info.User != "admin" {
		t.Errorf("logins during SCP = %+v", logins)
	}
	if status := s.Finish(); status != 0 {
		t.Errorf("exit %d; want 0", status)
	}
	if len(e.d.Logins()) != 0 {
		t.Errorf("SCP logins left registered: %+v", e.d.Logins())
	}
}

// TestSCPAccess checks `scp server enable`, the user's service type, and the invocations vtyd does
// not serve; refusals are fatal protocol errors (code 2) with exit status 1.
func TestSCPAccess(t *testing.T) {
	for _, tc := range []struct {
		name, cmd string
		config    []string
		want      string // "" for allowed
	}{
		{"default", "scp -t flash:/x.cfg", nil, ""},
		{"disabled", "scp -t flash:/x.cfg", []string{"undo scp server enable"}, "2 scp: The SCP server is disabled."},
		{"service scp", "scp -t flash:/x.cfg", []string{"ssh user admin service-type scp authentication-type password"}, ""},
		{"service all", "scp -t flash:/x.cfg", []string{"ssh user admin service-type all authentication-type password"}, ""},
		{"service sftp", "scp -t flash:/x.cfg", []string{"ssh user admin service-type sftp authentication-type password"},
			"2 scp: The user is not authorized for SCP (ssh user admin service-type sftp)."},
		{"service stelnet", "scp -t flash:/x.cfg", []string{"ssh user admin service-type stelnet authentication-type password"},
			"2 scp: The user is not authorized for SCP (ssh user admin service-type stelnet)."},
		{"remote to remote", "scp a.cfg b.cfg", nil, "2 scp: only scp -t (upload) or -f (download) can run on the device"},
		{"unknown option", "scp -Z -t x.cfg", nil, "2 scp: unsupported option -Z"},
		{"outside", "scp -t ../x.cfg", nil, "2 scp: ../x.cfg: Permission denied (outside flash:)"},
		{"not a directory", "scp -d -t flash:/x.cfg", nil, "2 scp: flash:/x.cfg: Not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newXferServer(t, 0)
			e.configure(t, tc.config...)
			msg, status := scpPut(t, e.login(t, "admin", "secret"), tc.cmd, "x.cfg", []byte("return\n"), false)
			if msg != tc.want || (status == 0) != (tc.want == "") {
				t.Errorf("%s: %q, exit %d; want %q", tc.cmd, msg, status, tc.want)
			}
		})
	}
}
