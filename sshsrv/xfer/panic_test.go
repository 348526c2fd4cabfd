package xfer

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/pkg/sftp"

	"vtyd/internal/termtest"
)

// boom is a Session whose requests for a name with "boom" in it panic, logging to log.
func boom(log *termtest.Buffer) Session {
	return Session{Log: slog.New(slog.NewTextHandler(log, nil)), fault: func(name string) {
		if strings.Contains(name, "boom") {
			panic("injected fault")
		}
	}}
}

// logsPanic fails unless log holds the panic, its value and a stack that shows where it happened.
func logsPanic(t *testing.T, log, where string) {
	t.Helper()
	for _, want := range []string{"panic: session closed", "injected fault", "goroutine ", where} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%.2000s", want, log)
		}
	}
}

// TestSFTPHandlerPanic: a panic in a handler, which pkg/sftp runs on its own goroutines, fails that
// request and closes that session, with the panic and its stack in the session's log; a session
// open beside it goes on, a new one works, and the process lives (a panic that escaped would end
// this test binary).
func TestSFTPHandlerPanic(t *testing.T) {
	fsys, _ := newFlash(t, 0)
	other := mustSFTP(t, fsys)
	if err := termtest.PutFile(other, "a.cfg", []byte("return\n")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		op   func(c *sftp.Client) error
	}{
		{"stat", func(c *sftp.Client) error { _, err := c.Stat("boom.cfg"); return err }},
		{"list", func(c *sftp.Client) error { _, err := c.ReadDir("boom"); return err }},
		{"get", func(c *sftp.Client) error { _, err := termtest.ReadAll(c, "boom.cfg"); return err }},
		{"put", func(c *sftp.Client) error { return termtest.PutFile(c, "boom.cfg", []byte("return\n")) }},
		{"remove", func(c *sftp.Client) error { return c.Remove("boom.cfg") }},
		{"rename", func(c *sftp.Client) error { return c.Rename("a.cfg", "boom.cfg") }},
		{"realpath", func(c *sftp.Client) error { _, err := c.RealPath("boom"); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := termtest.NewBuffer()
			c, wait := sftpClient(t, fsys, boom(log))
			if _, err := c.Getwd(); err != nil {
				t.Fatalf("the session failed before the fault: %v", err)
			}
			if err := tc.op(c); err == nil {
				t.Error("the request that panicked succeeded")
			}
			if status := wait(); status != 1 {
				t.Errorf("exit status %d; want 1", status)
			}
			logsPanic(t, log.String(), "xfer.(*flashHandlers).rel")
			if got, err := termtest.ReadAll(other, "a.cfg"); err != nil || string(got) != "return\n" {
				t.Errorf("the other session after the panic: %q, %v", got, err)
			}
			if _, err := mustSFTP(t, fsys).Getwd(); err != nil {
				t.Errorf("a new session after the panic: %v", err)
			}
		})
	}
	termtest.NoTempFiles(t, fsys.Dir())
}

// TestSCPPanic: a panic while an SCP transfer runs ends that transfer with exit status 1, logged
// with its stack, and nothing else.
func TestSCPPanic(t *testing.T) {
	fsys, _ := newFlash(t, 0)
	for _, argv := range [][]string{{"scp", "-t", "boom.cfg"}, {"scp", "-f", "boom.cfg"}} {
		t.Run(argv[1], func(t *testing.T) {
			log := termtest.NewBuffer()
			s := startSCPWith(t, fsys, boom(log), argv...)
			if argv[1] == "-f" {
				s.In.Write([]byte{0}) // ready
			}
			if msg := s.Reply(); !strings.HasPrefix(msg, "read error") {
				t.Errorf("reply %q; want the session closed", msg)
			}
			if status := s.Finish(); status != 1 {
				t.Errorf("exit status %d; want 1", status)
			}
			logsPanic(t, log.String(), "xfer.Session.resolve")
			if msg, status := startSCP(t, fsys, "scp", "-t", "ok.cfg").Put("ok.cfg", []byte("return\n"), false); msg != "" || status != 0 {
				t.Errorf("a transfer after the panic: %q, exit %d", msg, status)
			}
		})
	}
}
