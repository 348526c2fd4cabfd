package sshsrv

import (
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestSSHServerACL: `ssh server acl` lets permitted sources in and closes the others before the
// version exchange; a deny is logged in the device's log buffer.
func TestSSHServerACL(t *testing.T) {
	addr, d := testServer(t, nil)
	configure(t, d, "system-view", "acl basic 2001", "rule permit source 127.0.0.2 0.0.0.0", "rule deny", "quit",
		"ssh server acl 2001")
	cfg := &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.Password("secret")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}
	dial := func(src string) error {
		dl := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(src)}, Timeout: 5 * time.Second}
		nc, err := dl.Dial("tcp", addr)
		if err != nil {
			return err
		}
		c, chans, reqs, err := gossh.NewClientConn(nc, addr, cfg)
		if err != nil {
			nc.Close()
			return err
		}
		gossh.NewClient(c, chans, reqs).Close()
		return nil
	}
	if err := dial("127.0.0.2"); err != nil {
		t.Fatalf("a permitted source was refused: %v", err)
	}
	if err := dial("127.0.0.1"); err == nil {
		t.Fatal("a denied source got in")
	}
	found := false
	for _, l := range d.LogEntries() {
		found = found || strings.Contains(l, "SSHS_ACL_DENY")
	}
	if !found {
		t.Error("no SSHS_ACL_DENY entry in the log buffer")
	}
}
