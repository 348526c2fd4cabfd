package xfer

import (
	"bufio"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/pkg/sftp"

	"vtyd/internal/termtest"
	"vtyd/switchctl/flash"
)

// newFlash opens a flash: of capacity bytes (0: the default) as a device's data directory holds it:
// dir/flash, dir a fresh directory.
func newFlash(t *testing.T, capacity int64, opts ...flash.Option) (fsys *flash.FS, dir string) {
	t.Helper()
	dir = t.TempDir()
	fsys, err := flash.Open(filepath.Join(dir, "flash"), capacity, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fsys.Close() })
	return fsys, dir
}

// pipeStream is the server's end of an in-process channel: closing it ends the client's reads and
// the server's own.
type pipeStream struct {
	*io.PipeReader
	*io.PipeWriter
}

func (p pipeStream) Close() error {
	p.PipeReader.Close()
	return p.PipeWriter.Close()
}

// serve runs serve(s) over in-process pipes, as the SSH server runs it over a channel, with flash:
// fsys unless s has one and a discarding logger unless s has one. It returns the client's ends and
// the exit status, which arrives once serve returned; the stream is closed then, as the server's
// exit closes the channel.
func serve(t *testing.T, fsys *flash.FS, s Session, run func(Session) int) (in io.WriteCloser, out io.Reader, wait func() int) {
	t.Helper()
	clientIn, serverOut := io.Pipe()
	serverIn, clientOut := io.Pipe()
	s.Stream = pipeStream{serverIn, serverOut}
	if s.FS == nil {
		s.FS = fsys
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	done := make(chan struct{})
	var status int
	go func() {
		defer close(done)
		status = run(s)
		s.Stream.Close()
	}()
	wait = func() int {
		select {
		case <-done:
			return status
		case <-time.After(10 * time.Second):
			t.Error("the transfer session did not end")
			return -1
		}
	}
	t.Cleanup(func() {
		clientOut.Close()
		clientIn.Close()
		wait()
	})
	return clientOut, clientIn, wait
}

// sftpClient serves SFTP on fsys with s and returns a pkg/sftp client of it, closed with the test,
// and the session's exit status.
func sftpClient(t *testing.T, fsys *flash.FS, s Session) (c *sftp.Client, wait func() int) {
	t.Helper()
	in, out, wait := serve(t, fsys, s, ServeSFTP)
	c, err := sftp.NewClientPipe(out, in)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, wait
}

// mustSFTP is an SFTP client of fsys.
func mustSFTP(t *testing.T, fsys *flash.FS) *sftp.Client {
	t.Helper()
	c, _ := sftpClient(t, fsys, Session{})
	return c
}

// startSCP runs `argv` (scp -t ... or scp -f ...) on fsys and returns the client side of it.
func startSCP(t *testing.T, fsys *flash.FS, argv ...string) *termtest.SCPClient {
	t.Helper()
	return startSCPWith(t, fsys, Session{}, argv...)
}

// startSCPWith is startSCP with s for what else the session has.
func startSCPWith(t *testing.T, fsys *flash.FS, s Session, argv ...string) *termtest.SCPClient {
	t.Helper()
	a, ok, err := ParseSCP(argv)
	if !ok || err != nil {
		t.Fatalf("ParseSCP(%q) = %v, %v", argv, ok, err)
	}
	in, out, wait := serve(t, fsys, s, func(s Session) int { return ServeSCP(s, a) })
	return &termtest.SCPClient{In: in, Out: bufio.NewReader(out), Wait: wait}
}
