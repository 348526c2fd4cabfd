package flash_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vtyd/switchctl/flash"
)

// TestEmptyThingsTakeSpace: directories and empty files each take a block, so they cannot fill
// flash: for free.
func TestEmptyThingsTakeSpace(t *testing.T) {
	f := openFS(t, 4*flash.BlockSize)
	if err := f.Mkdir("a"); err != nil {
		t.Fatal(err)
	}
	if err := f.Mkdir("a/b"); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, f, "empty.cfg", nil)
	u, err := f.Create("upload.cfg")
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Close(); err != nil {
		t.Fatal(err)
	}
	if got := f.Used(); got != 4*flash.BlockSize {
		t.Errorf("Used() = %d, want 4 blocks for 2 directories and 2 empty files", got)
	}
	for _, tc := range []struct {
		name string
		op   func() error
	}{
		{"mkdir", func() error { return f.Mkdir("c") }},
		{"empty write", func() error { return f.WriteFileAtomic("x.cfg", nil) }},
		{"empty upload", func() error { _, err := f.Create("y.cfg"); return err }},
	} {
		if err := tc.op(); !errors.Is(err, flash.ErrNoSpace) {
			t.Errorf("%s on a full flash: = %v, want ErrNoSpace", tc.name, err)
		}
	}
}

// TestDepthLimit: directories stop MaxDepth levels down, whether made there or moved there.
func TestDepthLimit(t *testing.T) {
	f := openFS(t, 0)
	dir := ""
	for i := 1; i <= flash.MaxDepth; i++ {
		dir += fmt.Sprintf("/d%d", i)
		if err := f.Mkdir(dir); err != nil {
			t.Fatalf("level %d: %v", i, err)
		}
	}
	mustWrite(t, f, dir+"/deepest.cfg", []byte("ok\n")) // files may sit in the deepest directory
	err := f.Mkdir(dir + "/d9")
	if !errors.Is(err, flash.ErrTooDeep) || !strings.Contains(err.Error(), "flash:/d1/d2/d3/d4/d5/d6/d7/d8/d9") {
		t.Errorf("Mkdir 9 levels down = %v, want ErrTooDeep naming the directory", err)
	}
	if err := f.Mkdir("x"); err != nil {
		t.Fatal(err)
	}
	if err := f.Rename("d1", "x/d1", false); !errors.Is(err, flash.ErrTooDeep) {
		t.Errorf("moving the 8-level tree one level down = %v, want ErrTooDeep", err)
	}
	if err := f.Rename("d1/d2", "x/d2", false); err != nil {
		t.Errorf("moving 7 levels one level up and one down: %v", err)
	}
}

// TestEntryLimit: a directory holds at most MaxEntries names; replacing one is still allowed, and
// the count survives a restart.
func TestEntryLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("makes 4096 directories")
	}
	f := openFS(t, 0)
	if err := f.Mkdir("full"); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, f, "full/keep.cfg", []byte("old\n"))
	for i := 1; i < flash.MaxEntries; i++ {
		if err := f.Mkdir(fmt.Sprintf("full/%d", i)); err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
	}
	mustWrite(t, f, "elsewhere.cfg", []byte("x\n"))
	for _, g := range []*flash.FS{f, reopen(t, f)} {
		for _, tc := range []struct {
			name string
			op   func() error
		}{
			{"mkdir", func() error { return g.Mkdir("full/new") }},
			{"write", func() error { return g.WriteFileAtomic("full/new.cfg", nil) }},
			{"upload", func() error { _, err := g.Create("full/new.cfg"); return err }},
			{"rename into", func() error { return g.Rename("elsewhere.cfg", "full/elsewhere.cfg", false) }},
		} {
			err := tc.op()
			if !errors.Is(err, flash.ErrDirFull) || !strings.Contains(err.Error(), "flash:/full") {
				t.Errorf("%s in a full directory = %v, want ErrDirFull naming flash:/full", tc.name, err)
			}
		}
	}
	mustWrite(t, f, "full/keep.cfg", []byte("new\n"))
	if err := f.Remove("full/keep.cfg"); err != nil {
		t.Fatal(err)
	}
	if err := f.Rename("elsewhere.cfg", "full/elsewhere.cfg", false); err != nil {
		t.Errorf("rename into the freed slot: %v", err)
	}
}

// TestSpaceKeptExactly runs every kind of change and checks after each that the running count of
// Used is what a fresh count from the disk (a restart) finds.
func TestSpaceKeptExactly(t *testing.T) {
	f := openFS(t, 1<<20)
	upload := func(name string, n int) error {
		u, err := f.Create(name)
		if err != nil {
			return err
		}
		if _, err := u.Write(make([]byte, n)); err != nil {
			return err
		}
		return u.Close()
	}
	steps := []struct {
		name string
		op   func() error
	}{
		{"mkdir", func() error { return f.Mkdir("cfg") }},
		{"write", func() error { return f.WriteFileAtomic("cfg/a.cfg", make([]byte, 5000)) }},
		{"upload", func() error { return upload("b.bin", 70000) }},
		{"upload replacing", func() error { return upload("b.bin", 9000) }},
		{"aborted upload", func() error {
			u, err := f.Create("c.bin")
			if err != nil {
				return err
			}
			_, err = u.Write(make([]byte, 20000))
			return errors.Join(err, u.Abort())
		}},
		{"truncate longer", func() error { return f.Truncate("cfg/a.cfg", 20000) }},
		{"truncate shorter", func() error { return f.Truncate("b.bin", 1) }},
		{"rename file", func() error { return f.Rename("b.bin", "cfg/b.bin", false) }},
		{"posix-rename over a file", func() error { return f.Rename("cfg/b.bin", "cfg/a.cfg", true) }},
		{"mkdir nested", func() error { return f.Mkdir("cfg/old") }},
		{"rename dir", func() error { return f.Rename("cfg", "cfg2", false) }},
		{"rmdir", func() error { return f.Rmdir("cfg2/old") }},
		{"remove", func() error { return f.Remove("cfg2/a.cfg") }},
		{"rmdir last", func() error { return f.Rmdir("cfg2") }},
	}
	for _, s := range steps {
		if err := s.op(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got, want := f.Used(), reopen(t, f).Used(); got != want {
			t.Fatalf("after %s Used() = %d, a fresh count says %d", s.name, got, want)
		}
	}
	if got := f.Used(); got != 0 {
		t.Errorf("Used() on an empty flash: = %d", got)
	}
}

func TestTruncate(t *testing.T) {
	const b = flash.BlockSize
	f := openFS(t, 4*b)
	mustWrite(t, f, "a.cfg", []byte("0123456789"))
	if err := f.Mkdir("dir"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		file string
		size int64
		want error
		used int64
	}{
		{"shorter", "a.cfg", 4, nil, 2 * b},
		{"longer", "a.cfg", 2 * b, nil, 3 * b},
		{"past the capacity", "a.cfg", 3*b + 1, flash.ErrNoSpace, 3 * b},
		{"negative", "a.cfg", -1, flash.ErrNoSpace, 3 * b},
		{"a directory", "dir", 0, flash.ErrIsDir, 3 * b},
		{"missing", "nope.cfg", 0, fs.ErrNotExist, 3 * b},
		{"outside", "../a.cfg", 0, flash.ErrOutside, 3 * b},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.Truncate(tc.file, tc.size)
			if !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Fatalf("Truncate(%s, %d) = %v, want %v", tc.file, tc.size, err, tc.want)
			}
			if got := f.Used(); got != tc.used {
				t.Errorf("Used() = %d, want %d", got, tc.used)
			}
		})
	}
	if got := mustRead(t, f, "a.cfg"); len(got) != 2*b || string(got[:4]) != "0123" || got[4] != 0 {
		t.Errorf("a.cfg = %d bytes starting %q, want 0123 then zeros to %d", len(got), got[:5], 2*b)
	}
}

func TestRenameRmdir(t *testing.T) {
	f := openFS(t, 0)
	mustWrite(t, f, "a.cfg", []byte("a"))
	mustWrite(t, f, "b.cfg", []byte("b"))
	for _, d := range []string{"d", "d/sub", "e"} {
		if err := f.Mkdir(d); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		op   func() error
		want error
	}{
		{"onto a file", func() error { return f.Rename("a.cfg", "b.cfg", false) }, flash.ErrExist},
		{"file onto a directory", func() error { return f.Rename("a.cfg", "e", true) }, flash.ErrExist},
		{"directory into itself", func() error { return f.Rename("d", "d/sub/d", false) }, fs.ErrInvalid},
		{"root", func() error { return f.Rename("flash:/", "x", false) }, fs.ErrPermission},
		{"missing", func() error { return f.Rename("nope", "x", false) }, fs.ErrNotExist},
		{"outside", func() error { return f.Rename("a.cfg", "../x", false) }, flash.ErrOutside},
		{"rmdir a non-empty directory", func() error { return f.Rmdir("d") }, nil},
		{"rmdir a file", func() error { return f.Rmdir("a.cfg") }, flash.ErrNotDir},
		{"rmdir root", func() error { return f.Rmdir("flash:/") }, fs.ErrPermission},
		{"rmdir missing", func() error { return f.Rmdir("nope") }, fs.ErrNotExist},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.op()
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Fatalf("error = %v, want %v", err, tc.want)
			}
			if strings.Contains(err.Error(), f.Dir()) {
				t.Errorf("error %q names the host directory", err)
			}
		})
	}
	if err := f.Rename("a.cfg", "b.cfg", true); err != nil {
		t.Fatal(err)
	}
	if got := string(mustRead(t, f, "b.cfg")); got != "a" {
		t.Errorf("b.cfg after posix-rename = %q", got)
	}
}

// BenchmarkUpload measures a 1 MiB upload (32 KiB writes, then Close) on a flash: that already
// holds 10 or 10,000 files: the cost must not grow with the files already there.
func BenchmarkUpload(b *testing.B) {
	chunk := make([]byte, 32<<10)
	for _, files := range []int{10, 10000} {
		b.Run(fmt.Sprintf("files=%d", files), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "flash")
			for i := range files {
				sub := filepath.Join(dir, fmt.Sprintf("d%d", i/2000))
				if i%2000 == 0 {
					if err := os.MkdirAll(sub, 0o755); err != nil {
						b.Fatal(err)
					}
				}
				if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%d.cfg", i)), []byte("return\n"), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			f, err := flash.Open(dir, 0)
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			b.SetBytes(32 * int64(len(chunk)))
			b.ResetTimer()
			for b.Loop() {
				u, err := f.Create("upload.bin")
				if err != nil {
					b.Fatal(err)
				}
				for range 32 {
					if _, err := u.Write(chunk); err != nil {
						b.Fatal(err)
					}
				}
				if err := u.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
