package sshsrv

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultTransferIdleTimeout is how long an SFTP or SCP session may pass no bytes either way before
// it is closed: the default of Comware's `sftp server idle-timeout`, 10 minutes, which `display ssh
// server status` shows. Without it an idle SFTP session held its session slot for ever (PROBE M1).
const DefaultTransferIdleTimeout = 10 * time.Minute

// transferIdleTimeout is the idle timeout of SFTP and SCP sessions: the device's `sftp server
// idle-timeout`, read for each session.
func (s *Server) transferIdleTimeout() time.Duration {
	if m := s.d.SSHSettings().SFTPIdle; m > 0 {
		return time.Duration(m) * time.Minute
	}
	return DefaultTransferIdleTimeout
}

// idleStream is a transfer session's stream that notes when bytes last passed, in either direction:
// an SFTP client sends requests, an SCP download only receives.
type idleStream struct {
	io.ReadWriteCloser
	last atomic.Int64 // time.Now().UnixNano() of the last byte
}

func (s *idleStream) Read(p []byte) (int, error) {
	n, err := s.ReadWriteCloser.Read(p)
	if n > 0 {
		s.last.Store(time.Now().UnixNano())
	}
	return n, err
}

func (s *idleStream) Write(p []byte) (int, error) {
	n, err := s.ReadWriteCloser.Write(p)
	if n > 0 {
		s.last.Store(time.Now().UnixNano())
	}
	return n, err
}

// watchIdle wraps rw so that onIdle runs (once, on its own goroutine) when no byte has passed for
// timeout; 0 never times out. stop ends the watch; onIdle does not run after it returns. One timer
// serves the whole session: it is re-armed for the time left, not reset by every packet.
func watchIdle(rw io.ReadWriteCloser, timeout time.Duration, onIdle func()) (s *idleStream, stop func()) {
	s = &idleStream{ReadWriteCloser: rw}
	s.last.Store(time.Now().UnixNano())
	if timeout <= 0 {
		return s, func() {}
	}
	var mu sync.Mutex
	stopped := false
	var t *time.Timer
	check := func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		if idle := time.Since(time.Unix(0, s.last.Load())); idle < timeout {
			t.Reset(timeout - idle)
			return
		}
		stopped = true
		go onIdle()
	}
	mu.Lock()
	t = time.AfterFunc(timeout, check)
	mu.Unlock()
	return s, func() {
		mu.Lock()
		stopped = true
		t.Stop()
		mu.Unlock()
	}
}
