package sshsrv

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"vtyd/internal/termtest"
	"vtyd/switchctl"
)

// serveIdle serves a device with admin/secret whose SFTP and SCP sessions time out after idle.
func serveIdle(t *testing.T, idle time.Duration) *xferEnv {
	t.Helper()
	dir := t.TempDir()
	d, _, err := switchctl.Open(switchctl.Options{Dir: dir, SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	return &xferEnv{addr: serveDevice(t, Config{TransferIdleTimeout: idle}, d).addr, d: d, dir: dir}
}

// TestSFTPIdleTimeout: an SFTP session is kept while requests come, and closed (with a word on
// stderr, its login gone) once none has come for the idle timeout (PROBE M1).
func TestSFTPIdleTimeout(t *testing.T) {
	const idle = 400 * time.Millisecond
	e := serveIdle(t, idle)
	c, wait, err := sftpSession(t, e.login(t, "admin", "secret"))
	if err != nil {
		t.Fatal(err)
	}
	// Requests 100 ms apart for three timeouts: the session stays.
	for range 12 {
		if _, err := c.Getwd(); err != nil {
			t.Fatalf("the session closed while in use: %v", err)
		}
		<-time.After(idle / 4)
	}
	if _, err := c.Getwd(); err != nil {
		t.Fatal(err)
	}
	last := time.Now()
	ended := make(chan error, 1)
	go func() { ended <- wait() }()
	select {
	case err := <-ended:
		if took := time.Since(last); took < idle {
			t.Errorf("closed after %v idle; want at least %v", took, idle)
		}
		if err == nil || !strings.Contains(err.Error(), "The SFTP session was idle for 400ms and is closed.") {
			t.Errorf("the session ended with %v; want the idle message on stderr", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("an idle SFTP session was still open after 10 s")
	}
	waitFor(t, "the SFTP login to end", func() bool { return len(e.d.Logins()) == 0 })
}

// TestSCPIdleTimeout: an SCP upload whose client stops sending is closed after the idle timeout,
// and nothing of it stays on flash:.
func TestSCPIdleTimeout(t *testing.T) {
	const idle = 300 * time.Millisecond
	e := serveIdle(t, idle)
	sess, err := e.login(t, "admin", "secret").NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	in, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	if err := sess.Start("scp -t flash:/stalled.cfg"); err != nil {
		t.Fatal(err)
	}
	ack := make([]byte, 1)
	if _, err := io.ReadFull(out, ack); err != nil || ack[0] != 0 {
		t.Fatalf("scp ready: %v %v", ack, err)
	}
	if _, err := io.WriteString(in, "C0644 100 stalled.cfg\n"); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(out, ack); err != nil || ack[0] != 0 {
		t.Fatalf("file record: %v %v", ack, err)
	}
	io.WriteString(in, "half of it") // then nothing more
	last := time.Now()
	ended := make(chan error, 1)
	go func() { ended <- sess.Wait() }()
	select {
	case <-ended: // the channel closed; there is no exit status to read
		if took := time.Since(last); took < idle {
			t.Errorf("closed after %v idle; want at least %v", took, idle)
		}
		if !strings.Contains(stderr.String(), "The SCP session was idle for 300ms and is closed.") {
			t.Errorf("stderr %q; want the idle message", stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a stalled SCP upload was still open after 10 s")
	}
	waitFor(t, "the SCP login to end", func() bool { return len(e.d.Logins()) == 0 })
	termtest.NoTempFiles(t, e.flashDir())
	if _, err := e.d.Flash().Stat("stalled.cfg"); err == nil {
		t.Error("the stalled upload left stalled.cfg")
	}
}
