package sshsrv

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pkg/sftp"
)

// TestSFTPJail tries every way out of flash: an SFTP client has — "..", absolute host paths, other
// devices, symbolic links planted in flash: by someone with shell access, and links made over SFTP —
// and checks that nothing outside flash: is read, listed, written, renamed or removed.
func TestSFTPJail(t *testing.T) {
	e := newXferServer(t, 0)
	secret := []byte("outside flash:\n")
	outside := filepath.Join(e.dir, "secret.txt") // next to flash/, in the data directory
	if err := os.WriteFile(outside, secret, 0o644); err != nil {
		t.Fatal(err)
	}
	outsideDir := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(e.flashDir(), "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outsideDir, filepath.Join(e.flashDir(), "linkdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.flashDir(), "in.cfg"), []byte("return\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := e.mustSFTP(t)

	reads := []string{
		"../secret.txt", "/../secret.txt", "../../../../../../etc/hostname", "/etc/hostname",
		"flash:/../secret.txt", "flash:../secret.txt", "cfa0:/secret.txt", outside,
		"link.txt", "linkdir/x", ".tmp-abc",
	}
	for _, name := range reads {
		if got, err := readAll(c, name); err == nil && bytes.Equal(got, secret) {
			t.Errorf("read %q returned the file outside flash:", name)
		}
		if _, err := c.Stat(name); err == nil && name == "link.txt" {
			t.Errorf("stat %q followed a link out of flash:", name)
		}
	}
	for _, name := range []string{"link.txt", "linkdir/x", "cfa0:/secret.txt"} {
		if _, err := readAll(c, name); !errors.Is(err, os.ErrPermission) {
			t.Errorf("read %q = %v; want permission denied", name, err)
		}
	}
	for _, dir := range []string{"/..", "..", "flash:/..", "/../../.."} {
		if got, root := list(t, c, dir), list(t, c, "/"); !slices.Equal(got, root) {
			t.Errorf("ls %s = %v; want flash:/ itself (%v)", dir, got, root)
		}
	}
	if _, err := c.ReadDir("linkdir"); err == nil {
		t.Error("ls linkdir listed a directory outside flash:")
	}
	if names := list(t, c, "/"); slices.Contains(names, "link.txt") || slices.Contains(names, "linkdir") {
		t.Errorf("ls / shows symbolic links: %v", names)
	}
	for _, name := range []string{"../evil.txt", "/../evil.txt", "linkdir/evil.txt", "cfa0:/evil.txt", outside + ".evil"} {
		_ = putFile(c, name, []byte("evil"))
	}
	if err := c.Rename("in.cfg", "../moved.cfg"); err == nil {
		// Cleaned against the root, "../moved.cfg" is flash:/moved.cfg: allowed, and still inside.
		if _, err := os.Stat(filepath.Join(e.flashDir(), "moved.cfg")); err != nil {
			t.Errorf("rename to ../moved.cfg went somewhere other than flash:/moved.cfg: %v", err)
		}
	}
	if err := c.Remove("link.txt"); err == nil {
		if _, err := os.Stat(outside); err != nil {
			t.Errorf("removing link.txt removed the file outside: %v", err)
		}
	}
	for _, op := range []struct {
		name string
		err  error
	}{
		{"symlink", c.Symlink("/etc/hostname", "hn")},
		{"hardlink", c.Link("in.cfg", "hard.cfg")},
	} {
		var se *sftp.StatusError
		if !errors.As(op.err, &se) || se.FxCode() != sftp.ErrSSHFxOpUnsupported {
			t.Errorf("%s = %v; want op unsupported", op.name, op.err)
		}
	}
	if rp, err := c.RealPath("../../.."); err != nil || rp != "/" {
		t.Errorf("realpath ../../.. = %q, %v; want /", rp, err)
	}
	if _, err := c.RealPath("cfa0:/x"); err == nil {
		t.Error("realpath of another device succeeded")
	}

	if got, _ := os.ReadFile(outside); !bytes.Equal(got, secret) {
		t.Errorf("the file outside flash: changed: %q", got)
	}
	if des, _ := os.ReadDir(outsideDir); len(des) != 0 {
		t.Errorf("files appeared in a directory outside flash: %v", des)
	}
	for _, name := range []string{"evil.txt", "secret.txt.evil"} {
		if _, err := os.Stat(filepath.Join(e.dir, name)); err == nil {
			t.Errorf("%s was written outside flash:", name)
		}
	}
	noTempFiles(t, e.flashDir())
}

// TestSFTPUploadAbandoned drops the connection in the middle of an upload: the file must not appear
// under its name, and no temp file may stay.
func TestSFTPUploadAbandoned(t *testing.T) {
	e := newXferServer(t, 0)
	conn := e.login(t, "admin", "secret")
	c, _, err := sftpSession(t, conn)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.Create("half.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(bytes.Repeat([]byte("x"), 100<<10)); err != nil {
		t.Fatal(err)
	}
	conn.Close() // no close of the handle
	waitFor(t, "the SFTP login to end", func() bool { return len(e.d.Logins()) == 0 })
	if _, err := os.Stat(filepath.Join(e.flashDir(), "half.cfg")); err == nil {
		t.Error("half.cfg exists after an abandoned upload")
	}
	noTempFiles(t, e.flashDir())
}
