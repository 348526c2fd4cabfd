package xfer

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pkg/sftp"

	"vtyd/internal/termtest"
)

// TestSFTPCapacity fills flash: and checks that the upload that does not fit fails cleanly: an
// SFTP failure status, no file under its name, no temp file; the old content of a replaced file
// stays, and a file that fits still goes in afterwards.
func TestSFTPCapacity(t *testing.T) {
	const capacity = 256 << 10
	fsys, _ := newFlash(t, capacity)
	// As on a device, startup.cfg takes a block: no file of the capacity fits, not even in place
	// of another.
	if err := fsys.WriteFileAtomic("startup.cfg", []byte("return\n")); err != nil {
		t.Fatal(err)
	}
	client := mustSFTP(t, fsys)
	old := []byte("sysname old\nreturn\n")
	if err := termtest.PutFile(client, "keep.cfg", old); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), capacity)
	err := termtest.PutFile(client, "big.bin", big)
	var se *sftp.StatusError
	if !errors.As(err, &se) || se.FxCode() != sftp.ErrSSHFxFailure {
		t.Fatalf("upload larger than flash: = %v; want an SFTP failure status", err)
	}
	if !strings.Contains(err.Error(), "not enough space") {
		t.Errorf("the failure does not say why: %v", err)
	}
	if _, err := os.Stat(filepath.Join(fsys.Dir(), "big.bin")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("big.bin exists after the failed upload (%v)", err)
	}
	if err := termtest.PutFile(client, "keep.cfg", big); err == nil {
		t.Error("replacing keep.cfg with too much data succeeded")
	}
	if got, _ := fsys.ReadFile("keep.cfg"); !bytes.Equal(got, old) {
		t.Errorf("keep.cfg after a failed replacement = %q; want the old content", got)
	}
	termtest.NoTempFiles(t, fsys.Dir())
	if err := termtest.PutFile(client, "small.cfg", []byte("return\n")); err != nil {
		t.Errorf("a small upload after the failure: %v", err)
	}
}
