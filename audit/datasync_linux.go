package audit

import (
	"os"
	"syscall"
)

// datasync makes the appended lines durable. On Linux fdatasync(2) flushes the data and every
// piece of metadata needed to read it back — the file's size included, so an appended line is
// there after a crash — and skips only what is not (the modification time): that is all a log of
// appended lines needs, for one journal commit less on ext4 and XFS than fsync when nothing but
// times changed. Anything but an *os.File (a test's disk) keeps its own Sync.
func datasync(f file) error {
	osf, ok := f.(*os.File)
	if !ok {
		return f.Sync()
	}
	rc, err := osf.SyscallConn()
	if err != nil {
		return f.Sync()
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		for {
			serr = syscall.Fdatasync(int(fd))
			if serr != syscall.EINTR {
				return
			}
		}
	}); err != nil {
		// Control fails only for a closed file; os.File's own methods say so with ErrClosed.
		return &os.PathError{Op: "fdatasync", Path: osf.Name(), Err: os.ErrClosed}
	}
	if serr != nil {
		return &os.PathError{Op: "fdatasync", Path: osf.Name(), Err: serr}
	}
	return nil
}
