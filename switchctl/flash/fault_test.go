package flash_test

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"syscall"
	"testing"

	"vtyd/switchctl/flash"
)

// diskFull fails every write that reaches past limit bytes of a temp file the way a full host disk
// does: ENOSPC inside an *fs.PathError that names the temp file's host path.
func diskFull(limit int64) flash.Option {
	return flash.WithWriteFault(func(tmp string, off int64, n int) error {
		if off+int64(n) > limit {
			return &fs.PathError{Op: "write", Path: tmp, Err: syscall.ENOSPC}
		}
		return nil
	})
}

// TestUploadWriteErrorIsSticky: a write that fails on the host (ENOSPC with room left under the
// capacity) ends the upload for good. Later writes fail, Close fails and publishes nothing, the old
// file stays whole, no temp file stays, and no error names a host path.
func TestUploadWriteErrorIsSticky(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(u *flash.Upload, p []byte, off int64) error
	}{
		{"Write", func(u *flash.Upload, p []byte, _ int64) error { _, err := u.Write(p); return err }},
		{"WriteAt", func(u *flash.Upload, p []byte, off int64) error { _, err := u.WriteAt(p, off); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := openFS(t, 0, diskFull(2<<20))
			old := []byte("sysname old\nreturn\n")
			mustWrite(t, f, "startup.cfg", old)
			u, err := f.Create("flash:/startup.cfg")
			if err != nil {
				t.Fatal(err)
			}
			defer u.Abort()
			chunk := bytes.Repeat([]byte{'n'}, 32<<10)
			var errs []error
			for i := range 96 { // 3 MiB, failing at 2 MiB
				if err := tc.write(u, chunk, int64(i*len(chunk))); err != nil {
					errs = append(errs, err)
				}
			}
			// A client that ignores the failure and closes, as OpenSSH's sftp does.
			errs = append(errs, u.Close())
			if len(errs) != 33 {
				t.Fatalf("%d calls failed, want the 32 writes past 2 MiB and Close: %v", len(errs), errs)
			}
			for _, err := range errs {
				if !errors.Is(err, syscall.ENOSPC) || !errors.Is(err, flash.ErrNoSpace) {
					t.Errorf("error %v; want ENOSPC, reported as flash: not enough space", err)
				}
				if msg := err.Error(); strings.Contains(msg, f.Dir()) || strings.Contains(msg, ".tmp-") ||
					!strings.Contains(msg, "flash:/startup.cfg") {
					t.Errorf("error %q; want flash:/startup.cfg and no host or temp path", msg)
				}
			}
			if got := mustRead(t, f, "startup.cfg"); !bytes.Equal(got, old) {
				t.Errorf("startup.cfg after the failed upload holds %d bytes; want the old file", len(got))
			}
			if names := hostNames(t, f.Dir()); !slices.Equal(names, []string{"startup.cfg"}) {
				t.Errorf("flash holds %v", names)
			}
		})
	}
}
