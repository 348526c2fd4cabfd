package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/pkg/sftp"
	gossh "golang.org/x/crypto/ssh"

	"vtyd/remote"
	"vtyd/sshsrv"
	"vtyd/switchctl"
)

// startRealSwitch serves a device in-process as a real switch to reach: the line CLI for shells.
func startRealSwitch(t *testing.T) (*switchctl.Device, *remoteSwitch) {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret", NoRSA: true})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := sshsrv.New(sshsrv.Config{}, d, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	addr := serveOn(t, srv)
	pool := remote.NewPool(remote.PoolOptions{})
	t.Cleanup(func() { _ = pool.Close() })
	keys, err := srv.HostKeys()
	if err != nil {
		t.Fatal(err)
	}
	var fps []string
	for _, k := range keys {
		fps = append(fps, gossh.FingerprintSHA256(k))
	}
	return d, &remoteSwitch{pool: pool, target: remote.Target{Name: "real1", Addr: addr, User: "admin",
		Auth: []gossh.AuthMethod{gossh.Password("secret")}, HostKey: remote.HostKeyPinned("real1", fps)}}
}

// pipeRW is the two ends a relay sees of a client: what it reads and where it writes.
type pipeRW struct {
	io.Reader
	io.Writer
}

// TestRemoteSwitchRelaysSFTP relays an SFTP session to the switch's own SFTP server: the file lands
// on its flash:.
func TestRemoteSwitchRelaysSFTP(t *testing.T) {
	d, rs := startRealSwitch(t)
	toSwitch, clientOut := io.Pipe()
	clientIn, fromSwitch := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- rs.Relay(context.Background(), "sftp", true, pipeRW{toSwitch, fromSwitch}, io.Discard)
		fromSwitch.Close()
	}()
	c, err := sftp.NewClientPipe(clientIn, clientOut)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.Create("relayed.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("sysname relayed\n")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	c.Close()
	clientOut.Close()
	select {
	case status := <-done:
		if status != 0 {
			t.Errorf("relay status %d", status)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the relay did not end with the client")
	}
	if b, err := d.Flash().ReadFile("relayed.cfg"); err != nil || string(b) != "sysname relayed\n" {
		t.Errorf("flash:/relayed.cfg = %q, %v", b, err)
	}
}
