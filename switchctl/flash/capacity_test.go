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

func TestCapacity(t *testing.T) {
	f := openFS(t, 10000)
	steps := []struct {
		name string
		file string
		size int
		want error
		used int64 // Used after the step
	}{
		{"fits", "a.cfg", 6000, nil, 6000},
		{"too big for what is left", "b.cfg", 5000, flash.ErrNoSpace, 6000},
		{"replacing frees the old size", "a.cfg", 9000, nil, 9000},
		{"exactly full", "c.cfg", 1000, nil, 10000},
		{"one byte over", "d.cfg", 1, flash.ErrNoSpace, 10000},
		{"empty file on a full flash", "e.cfg", 0, nil, 10000},
		{"shrinking a file on a full flash", "a.cfg", 10, nil, 1010},
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
	f := openFS(t, 50000)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			name := fmt.Sprintf("w%d.cfg", i)
			if i%2 == 0 {
				if err := f.WriteFileAtomic(name, make([]byte, 9000)); err != nil && !errors.Is(err, flash.ErrNoSpace) {
					t.Error(err)
				}
				return
			}
			u, err := f.Create(name)
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
	if used > f.Capacity() || used == 0 || used%9000 != 0 {
		t.Errorf("Used() = %d, want whole 9000-byte files within %d", used, f.Capacity())
	}
	if names := hostNames(t, f.Dir()); int64(len(names)) != used/9000 {
		t.Errorf("flash holds %v for %d bytes, want only complete files and no temp files", names, used)
	}
}
