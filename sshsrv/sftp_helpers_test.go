package sshsrv

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/pkg/sftp"
	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// xferEnv is a device with admin/secret served on a loopback port, for SFTP and SCP tests.
type xferEnv struct {
	addr string
	d    *switchctl.Device
	dir  string // the device's data directory; flash: is dir/flash
}

// newXferServer starts a server whose flash: holds capacity bytes (0: the default).
func newXferServer(t *testing.T, capacity int64) *xferEnv {
	t.Helper()
	dir := t.TempDir()
	d, _, err := switchctl.Open(switchctl.Options{Dir: dir, SeedKeys: true, BcryptCost: 4,
		AdminPassword: "secret", FlashCapacity: capacity})
	if err != nil {
		t.Fatal(err)
	}
	return &xferEnv{addr: serveDevice(t, Config{}, d).addr, d: d, dir: dir}
}

// flashDir is the host directory behind flash:.
func (e *xferEnv) flashDir() string { return e.d.Flash().Dir() }

// login dials as user with a password.
func (e *xferEnv) login(t *testing.T, user, pw string) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", e.addr, &gossh.ClientConfig{User: user, Auth: []gossh.AuthMethod{gossh.Password(pw)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("login as %s: %v", user, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// sftpSession opens the sftp subsystem on c over a raw channel, so that the exit status can be
// read; wait returns once the client is closed and the channel has ended: nil for exit status 0.
// Closing the client only ends the client's side (EOF), as OpenSSH's sftp does.
func sftpSession(t *testing.T, c *gossh.Client) (client *sftp.Client, wait func() error, err error) {
	t.Helper()
	ch, reqs, err := c.OpenChannel("session", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ch.Close() })
	status := make(chan int, 1)
	go func() {
		st := -1
		for r := range reqs {
			if r.Type == "exit-status" && len(r.Payload) == 4 {
				st = int(binary.BigEndian.Uint32(r.Payload))
			}
			if r.WantReply {
				_ = r.Reply(false, nil)
			}
		}
		status <- st
	}()
	var stderr bytes.Buffer
	stderrDone := make(chan struct{})
	go func() {
		_, _ = io.Copy(&stderr, ch.Stderr())
		close(stderrDone)
	}()
	wait = func() error {
		st := <-status
		<-stderrDone
		switch st {
		case 0:
			return nil
		case -1:
			return fmt.Errorf("no exit status; stderr %q", stderr.String())
		}
		return fmt.Errorf("exit status %d; stderr %q", st, stderr.String())
	}
	ok, err := ch.SendRequest("subsystem", true, gossh.Marshal(struct{ Name string }{"sftp"}))
	if err != nil || !ok {
		t.Fatalf("subsystem request: %v, %v", ok, err)
	}
	client, err = sftp.NewClientPipe(ch, halfCloser{ch})
	if err != nil {
		return nil, nil, errors.Join(err, wait())
	}
	return client, wait, nil
}

// halfCloser closes only the write side of a channel.
type halfCloser struct{ gossh.Channel }

func (h halfCloser) Close() error { return h.CloseWrite() }

// mustSFTP logs in as admin and opens SFTP; the client closes with the test.
func (e *xferEnv) mustSFTP(t *testing.T) *sftp.Client {
	t.Helper()
	client, _, err := sftpSession(t, e.login(t, "admin", "secret"))
	if err != nil {
		t.Fatalf("sftp: %v", err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// configure runs configuration lines in system view as admin.
func (e *xferEnv) configure(t *testing.T, lines ...string) {
	t.Helper()
	s := e.d.NewSession(switchctl.SessionInfo{User: "admin", Roles: e.d.UserRoles("admin"), Line: -1, Proto: "test"})
	for _, l := range append([]string{"system-view"}, lines...) {
		var out bytes.Buffer
		if err := s.Exec(context.Background(), l, &out); err != nil {
			t.Fatalf("%s: %v\n%s", l, err, out.String())
		}
	}
}

// waitFor polls cond until it holds, failing the test after 10 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
