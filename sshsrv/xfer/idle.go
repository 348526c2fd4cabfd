package xfer

import (
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

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
// serves the whole session: it is re-armed for the time left, not reset by every packet. A panic in
// the watch goes to log and closes rw.
func watchIdle(rw io.ReadWriteCloser, timeout time.Duration, onIdle func(), log *slog.Logger) (s *idleStream, stop func()) {
	s = &idleStream{ReadWriteCloser: rw}
	s.last.Store(time.Now().UnixNano())
	if timeout <= 0 {
		return s, func() {}
	}
	var mu sync.Mutex
	stopped := false
	var t *time.Timer
	end := func() { _ = rw.Close() }
	check := func() {
		defer recovered(log, "transfer idle watch", end)
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
		go func() {
			defer recovered(log, "transfer idle close", end)
			onIdle()
		}()
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
