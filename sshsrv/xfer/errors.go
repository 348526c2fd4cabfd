package xfer

import (
	"errors"
	"io"
	"io/fs"
	"strings"

	"github.com/pkg/sftp"

	"vtyd/switchctl/flash"
)

// How flash: errors reach clients: SFTP status codes, SCP texts, and never a host path.

// statusError is an error worded for the client with the SFTP status code it maps to (pkg/sftp finds
// the code through Unwrap).
type statusError struct {
	msg  string
	code error // one of sftp.ErrSSHFx...
}

func (e *statusError) Error() string { return e.msg }
func (e *statusError) Unwrap() error { return e.code }

// sftpStatus gives err the status code a client expects: no such file, permission denied for names
// outside flash:, failure (with the reason, such as flash: being full) for the rest.
func sftpStatus(err error) error {
	var se *statusError
	switch {
	case err == nil, errors.Is(err, io.EOF), errors.As(err, &se):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return &statusError{err.Error(), sftp.ErrSSHFxNoSuchFile}
	case errors.Is(err, flash.ErrOutside), errors.Is(err, flash.ErrBadPath), errors.Is(err, fs.ErrPermission), escapesRoot(err):
		return &statusError{err.Error(), sftp.ErrSSHFxPermissionDenied}
	case errors.Is(err, sftp.ErrSSHFxOpUnsupported):
		return err
	}
	return &statusError{err.Error(), sftp.ErrSSHFxFailure}
}

// escapesRoot reports os.Root's refusal of a path that leaves flash: through a symbolic link. The
// standard library does not export that error (os.errPathEscapes), so its text is matched.
func escapesRoot(err error) bool {
	return strings.Contains(err.Error(), "path escapes from parent")
}

// pathless drops the path an os error carries (the host path of an *os.File), keeping the reason.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// pathProblem words a flash: error the way OpenSSH's scp words errno values.
func pathProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "No such file or directory"
	case errors.Is(err, flash.ErrOutside), escapesRoot(err):
		return "Permission denied (outside flash:)"
	case errors.Is(err, flash.ErrNoSpace):
		return "No space left on device"
	case errors.Is(err, flash.ErrIsDir):
		return "Is a directory"
	case errors.Is(err, flash.ErrBadPath):
		return "Invalid file name"
	}
	return err.Error()
}
