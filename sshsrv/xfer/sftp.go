package xfer

import (
	"errors"
	"io"

	"github.com/pkg/sftp"
)

// ServeSFTP serves the sftp subsystem on flash: (pkg/sftp's request server over flashHandlers) until
// the client ends it, it stays idle for s.Idle, or the connection or the login ends. The status is
// what the channel's exit status should be: 0 when the client ended the session, without which
// OpenSSH's scp (SFTP protocol) exits 1 although the file arrived; 1 when it broke off or a handler
// panicked.
func ServeSFTP(s Session) (status int) {
	s = s.withDefaults()
	defer recovered(s.Log, "sftp session", s.fail(&status))
	stream, stop := s.watch("SFTP")
	defer stop()
	h := newFlashHandlers(s)
	rs := sftp.NewRequestServer(stream, h.handlers())
	s.Log.Info("sftp session")
	err := rs.Serve()
	if err != nil && !errors.Is(err, io.EOF) {
		// The client went away mid-request or the login was freed; uploads in flight were
		// discarded (flashUpload.TransferError).
		s.Log.Info("sftp session ended with an error", "err", err)
		return 1
	}
	if h.panicked.Load() {
		return 1 // logged with the panic
	}
	s.Log.Info("sftp session ended")
	return 0
}
