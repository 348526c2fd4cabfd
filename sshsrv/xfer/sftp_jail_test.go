package xfer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"vtyd/internal/termtest"

	"github.com/pkg/sftp"
)

// TestSFTPJail tries every way out of flash: an SFTP client has — "..", absolute host paths, other
// devices, symbolic links planted in flash: by someone with shell access, and links made over SFTP —
// and checks that nothing outside flash: is read, listed, written, renamed or removed.
func TestSFTPJail(t *testing.T) {
	fsys, dir := newFlash(t, 0)
	secret := []byte("outside flash:\n")
	outside := filepath.Join(dir, "secret.txt") // next to flash/, in the data directory
	if err := os.WriteFile(outside, secret, 0o644); err != nil {
		t.Fatal(err)
	}
	outsideDir := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(fsys.Dir(), "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outsideDir, filepath.Join(fsys.Dir(), "linkdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fsys.Dir(), "in.cfg"), []byte("return\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := mustSFTP(t, fsys)

	reads := []string{
		"../secret.txt", "/../secret.txt", "../../../../../../etc/hostname", "/etc/hostname",
		"flash:/../secret.txt", "flash:../secret.txt", "cfa0:/secret.txt", outside,
		"link.txt", "linkdir/x", ".tmp-abc",
	}
	for _, name := range reads {
		if got, err := termtest.ReadAll(c, name); err == nil && bytes.Equal(got, secret) {
			t.Errorf("read %q returned the file outside flash:", name)
		}
		if _, err := c.Stat(name); err == nil && name == "link.txt" {
			t.Errorf("stat %q followed a link out of flash:", name)
		}
	}
	for _, name := range []string{"link.txt", "linkdir/x", "cfa0:/secret.txt"} {
		if _, err := termtest.ReadAll(c, name); !errors.Is(err, os.ErrPermission) {
			t.Errorf("read %q = %v; want permission denied", name, err)
		}
	}
	for _, dir := range []string{"/..", "..", "flash:/..", "/../../.."} {
		if got, root := termtest.List(t, c, dir), termtest.List(t, c, "/"); !slices.Equal(got, root) {
			t.Errorf("ls %s = %v; want flash:/ itself (%v)", dir, got, root)
		}
	}
	if _, err := c.ReadDir("linkdir"); err == nil {
		t.Error("ls linkdir listed a directory outside flash:")
	}
	if names := termtest.List(t, c, "/"); slices.Contains(names, "link.txt") || slices.Contains(names, "linkdir") {
		t.Errorf("ls / shows symbolic links: %v", names)
	}
	for _, name := range []string{"../evil.txt", "/../evil.txt", "linkdir/evil.txt", "cfa0:/evil.txt", outside + ".evil"} {
		_ = termtest.PutFile(c, name, []byte("evil"))
	}
	if err := c.Rename("in.cfg", "../moved.cfg"); err == nil {
		// Cleaned against the root, "../moved.cfg" is flash:/moved.cfg: allowed, and still inside.
		if _, err := os.Stat(filepath.Join(fsys.Dir(), "moved.cfg")); err != nil {
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
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s was written outside flash:", name)
		}
	}
	termtest.NoTempFiles(t, fsys.Dir())
}
