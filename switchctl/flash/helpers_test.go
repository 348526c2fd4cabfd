package flash_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"vtyd/switchctl/flash"
)

// openFS opens a fresh flash: of the given capacity in a test temp dir.
func openFS(t *testing.T, capacity int64, opts ...flash.Option) *flash.FS {
	t.Helper()
	f, err := flash.Open(filepath.Join(t.TempDir(), "flash"), capacity, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// reopen simulates a restart: a new FS on the same directory.
func reopen(t *testing.T, f *flash.FS) *flash.FS {
	t.Helper()
	g, err := flash.Open(f.Dir(), f.Capacity())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	return g
}

// hostNames lists every name under dir on the host, hidden temp files included, bypassing flash.
func hostNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// listNames is the names List reports for dir.
func listNames(t *testing.T, f *flash.FS, dir string) []string {
	t.Helper()
	entries, err := f.List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name)
	}
	return names
}

func mustWrite(t *testing.T, f *flash.FS, name string, data []byte) {
	t.Helper()
	if err := f.WriteFileAtomic(name, data); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, f *flash.FS, name string) []byte {
	t.Helper()
	b, err := f.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeHost(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
