package xfer

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pkg/sftp"

	"vtyd/internal/termtest"
	"vtyd/switchctl/flash"
)

// TestSFTPWriteErrorAborts: the host disk fills at 2 MB of a 3 MB upload that replaces a file, with
// room left under flash:'s capacity (PROBE M5). The client, like OpenSSH's, goes on to close the
// handle: the close must fail too, the old file must stay, no temp file may stay, and no error may
// show a host path.
func TestSFTPWriteErrorAborts(t *testing.T) {
	fsys, _ := newFlash(t, 0, flash.WithWriteFault(
		func(tmp string, off int64, n int) error {
			if off+int64(n) > 2<<20 {
				return &fs.PathError{Op: "write", Path: tmp, Err: syscall.ENOSPC}
			}
			return nil
		}))
	old := []byte("sysname old\nreturn\n")
	if err := fsys.WriteFileAtomic("startup.cfg", old); err != nil {
		t.Fatal(err)
	}
	c := mustSFTP(t, fsys)

	f, err := c.Create("flash:/startup.cfg")
	if err != nil {
		t.Fatal(err)
	}
	_, werr := f.Write(bytes.Repeat([]byte("vlan 10\n"), 3<<20/8))
	cerr := f.Close()
	for _, tc := range []struct {
		call string
		err  error
	}{{"write", werr}, {"close", cerr}} {
		var se *sftp.StatusError
		if !errors.As(tc.err, &se) || se.FxCode() != sftp.ErrSSHFxFailure {
			t.Errorf("%s = %v; want an SFTP failure", tc.call, tc.err)
			continue
		}
		msg := tc.err.Error()
		if !strings.Contains(msg, "flash:/startup.cfg") || !strings.Contains(msg, "not enough space") {
			t.Errorf("%s error %q; want flash:/startup.cfg and why", tc.call, msg)
		}
		if strings.Contains(msg, fsys.Dir()) || strings.Contains(msg, ".tmp-") {
			t.Errorf("%s error %q shows a host or temp path", tc.call, msg)
		}
	}
	if got, err := fsys.ReadFile("startup.cfg"); err != nil || !bytes.Equal(got, old) {
		t.Errorf("startup.cfg after the failed upload: %d bytes, %v; want the old file", len(got), err)
	}
	termtest.NoTempFiles(t, fsys.Dir())
	if err := termtest.PutFile(c, "small.cfg", []byte("return\n")); err != nil {
		t.Errorf("an upload that fits after the failure: %v", err)
	}
}

// TestSFTPSetstat: truncate does what it says with the space it takes; chmod, chown and times are
// accepted on what exists and refused on what does not (PROBE L5); on an open upload handle
// (fsetstat) they apply to the upload, not to the file it will replace.
func TestSFTPSetstat(t *testing.T) {
	fsys, dir := newFlash(t, 64<<10)
	c := mustSFTP(t, fsys)
	if err := termtest.PutFile(c, "a.cfg", []byte("0123456789")); err != nil {
		t.Fatal(err)
	}
	if err := c.Mkdir("dir"); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, tc := range []struct {
		name string
		err  error
		code error // nil: success; else an sftp.ErrSSHFx... code
		text string
	}{
		{"chmod a file", c.Chmod("a.cfg", 0o600), nil, ""},
		{"chmod a directory", c.Chmod("flash:/dir", 0o700), nil, ""},
		{"times of a file", c.Chtimes("/a.cfg", now, now), nil, ""},
		{"chown a file", c.Chown("a.cfg", 0, 0), nil, ""},
		{"chmod missing", c.Chmod("nope.cfg", 0o600), sftp.ErrSSHFxNoSuchFile, ""},
		{"times of missing", c.Chtimes("dir/nope", now, now), sftp.ErrSSHFxNoSuchFile, ""},
		{"chown missing", c.Chown("nope.cfg", 0, 0), sftp.ErrSSHFxNoSuchFile, ""},
		{"chmod another device", c.Chmod("cfa0:/a.cfg", 0o600), sftp.ErrSSHFxPermissionDenied, ""},
		{"truncate shorter", c.Truncate("a.cfg", 4), nil, ""},
		{"truncate missing", c.Truncate("nope.cfg", 4), sftp.ErrSSHFxNoSuchFile, ""},
		{"truncate past the capacity", c.Truncate("a.cfg", 1<<20), sftp.ErrSSHFxFailure, "not enough space"},
		{"truncate a directory", c.Truncate("dir", 0), sftp.ErrSSHFxFailure, "is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.code == nil {
				if tc.err != nil {
					t.Fatalf("error %v; want success", tc.err)
				}
				return
			}
			// pkg/sftp's client reports no such file and permission denied as the os errors.
			var se *sftp.StatusError
			switch {
			case tc.code == sftp.ErrSSHFxNoSuchFile && errors.Is(tc.err, os.ErrNotExist):
			case tc.code == sftp.ErrSSHFxPermissionDenied && errors.Is(tc.err, os.ErrPermission):
			case errors.As(tc.err, &se) && se.FxCode() == tc.code:
			default:
				t.Fatalf("error %v; want %v", tc.err, tc.code)
			}
			if !strings.Contains(tc.err.Error(), tc.text) || strings.Contains(tc.err.Error(), dir) {
				t.Errorf("error %q; want %q and no host path", tc.err, tc.text)
			}
		})
	}
	if got, _ := fsys.ReadFile("a.cfg"); string(got) != "0123" {
		t.Errorf("a.cfg after truncate = %q; want 0123", got)
	}
	if st, err := c.Stat("nope.cfg"); err == nil {
		t.Errorf("a setstat created nope.cfg: %v", st)
	}

	// fsetstat on open uploads, new and replacing (OpenSSH's put -p sends one before the close).
	for _, name := range []string{"b.cfg", "a.cfg"} {
		f, err := c.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte("hello world")); err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(5); err != nil {
			t.Errorf("truncate of the open upload %s: %v", name, err)
		}
		if err := f.Chmod(0o644); err != nil {
			t.Errorf("chmod of the open upload %s: %v", name, err)
		}
		if got, _ := fsys.ReadFile("a.cfg"); name == "a.cfg" && string(got) != "0123" {
			t.Errorf("the fsetstat reached the old a.cfg before the close: %q", got)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		if got, _ := fsys.ReadFile(name); string(got) != "hello" {
			t.Errorf("%s = %q; want hello", name, got)
		}
	}
}

// TestSFTPShapeLimits: a directory chain stops MaxDepth levels down with a reason the client shows
// (PROBE M6 made 1,000 levels), and directories take space.
func TestSFTPShapeLimits(t *testing.T) {
	fsys, _ := newFlash(t, 0)
	c := mustSFTP(t, fsys)
	before := fsys.Used()
	dir := ""
	var err error
	for i := 0; i < 20 && err == nil; i++ {
		dir += "/d"
		err = c.Mkdir(dir)
	}
	var se *sftp.StatusError
	if !errors.As(err, &se) || se.FxCode() != sftp.ErrSSHFxFailure || !strings.Contains(err.Error(), "too many directory levels") {
		t.Errorf("mkdir %s = %v; want a failure saying too many directory levels", dir, err)
	}
	if n := strings.Count(dir, "/"); n != flash.MaxDepth+1 {
		t.Errorf("the chain stopped at level %d; want %d", n, flash.MaxDepth+1)
	}
	if got, want := fsys.Used()-before, int64(flash.MaxDepth*flash.BlockSize); got != want {
		t.Errorf("the directories took %d bytes; want %d", got, want)
	}
}
