package flash_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"vtyd/switchctl/flash"
)

// TestCapacity writes files into a 10-block flash:. Files take whole blocks, at least one (an empty
// file too), as on a real flash file system; the space of a replaced file counts as free.
func TestCapacity(t *testing.T) {
	const b = flash.BlockSize
	f := openFS(t, 10*b)
	steps := []struct {
		name string
		file string
		size int
		want error
		used int64 // Used after the step
	}{
		{"fits", "a.cfg", 6 * b, nil, 6 * b},
		{"a byte more takes a block", "a.cfg", 6*b + 1, nil, 7 * b},
		{"too big for what is left", "b.cfg", 3*b + 1, flash.ErrNoSpace, 7 * b},
		{"replacing frees the old blocks", "a.cfg", 8 * b, nil, 8 * b},
		{"an empty file takes a block", "e.cfg", 0, nil, 9 * b},
		{"exactly full", "c.cfg", 1, nil, 10 * b},
		{"one byte over", "d.cfg", 1, flash.ErrNoSpace, 10 * b},
		{"an empty file on a full flash", "f.cfg", 0, flash.ErrNoSpace, 10 * b},
		{"shrinking a file on a full flash", "a.cfg", 10, nil, 3 * b},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			data := bytes.Repeat([]byte{'x'}, s.size)
			err := f.WriteFileAtomic(s.file, data)
			if !errors.Is(err, s.want) || (s.want == nil && err != nil) {
				t.Fatalf("WriteFileAtomic(%s, %d bytes) = %v, want %v", s.file, s.size, err, s.want)
			}
			if got := f.Used(); got != s.used {
				t.Errorf("Used() = %d, want %d", got, s.used)
			}
			if got := f.Free(); got != f.Capacity()-s.used {
				t.Errorf("Free() = %d, want %d", got, f.Capacity()-s.used)
			}
			if s.want != nil {
				if _, err := f.Stat(s.file); err == nil {
					t.Errorf("%s exists after a failed write", s.file)
				}
			}
		})
	}
	// Nothing is left behind by the refused writes, temp files included.
	if names := hostNames(t, f.Dir()); !slices.Equal(names, []string{"a.cfg", "c.cfg", "e.cfg"}) {
		t.Errorf("flash holds %v", names)
	}
	// A restart counts the same.
	if got := reopen(t, f).Used(); got != 3*b {
		t.Errorf("Used() after a restart = %d, want %d", got, 3*b)
	}
}

func TestDefaultCapacity(t *testing.T) {
	f := openFS(t, 0)
	if f.Capacity() != flash.DefaultCapacity || flash.DefaultCapacity != 1<<30 {
		t.Errorf("Capacity() = %d, want 1 GiB", f.Capacity())
	}
	if _, err := flash.Open(t.TempDir(), -1); err == nil {
		t.Error("negative capacity accepted")
	}
}

// TestConcurrentWriters races saves and uploads for more space than there is: whatever wins, the
// flash never ends up over capacity.
func TestConcurrentWriters(t *testing.T) {
	const fileSize, fileBlocks = 9000, 3 * flash.BlockSize
	f := openFS(t, 4*fileBlocks+flash.BlockSize/2)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			name := fmt.Sprintf("w%d.cfg", i)
			if i%2 == 0 {
				if err := f.WriteFileAtomic(name, make([]byte, fileSize)); err != nil && !errors.Is(err, flash.ErrNoSpace) {
					t.Error(err)
				}
				return
			}
			u, err := f.Create(name)
			if errors.Is(err, flash.ErrNoSpace) {
				return // the others took every block
			}
			if err != nil {
				t.Error(err)
				return
			}
			defer u.Abort()
			for range 9 {
				if _, err := u.Write(make([]byte, 1000)); err != nil {
					if !errors.Is(err, flash.ErrNoSpace) {
						t.Error(err)
					}
					return
				}
			}
			if err := u.Close(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// Uploads that fail half-way hold space for a while, so how many files win varies; torn ones never.
	used := f.Used()
	if used > f.Capacity() || used == 0 || used%fileBlocks != 0 {
		t.Errorf("Used() = %d, want whole %d-byte files within %d", used, fileSize, f.Capacity())
	}
	if names := hostNames(t, f.Dir()); int64(len(names)) != used/fileBlocks {
		t.Errorf("flash holds %v for %d bytes, want only complete files and no temp files", names, used)
	}
}
