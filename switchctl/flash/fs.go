package flash

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// DefaultCapacity is the size of flash: when Open is given 0: 1 GiB, the 1048576 KB real boxes show.
const DefaultCapacity int64 = 1 << 30

// FS is the flash: of one simulated switch. All methods take Comware names (see Resolve) and are safe
// for concurrent use; writes are serialised so that the capacity check and the write that follows it
// see the same used bytes.
type FS struct {
	root     *os.Root
	dir      string
	capacity int64
	loc      *time.Location

	// mu serialises every change to the tree with the capacity check that allowed it.
	mu sync.Mutex

	// crashHook, when set, is called at the named points of WriteFileAtomic; an error stops the
	// write right there, leaving whatever a crash would leave. Tests set it.
	crashHook func(point string) error
}

// Option adjusts an FS as Open creates it.
type Option func(*FS)

// WithLocation sets the time zone in which List and FormatDir report modification times (the
// switch's clock timezone); the default is time.Local.
func WithLocation(loc *time.Location) Option {
	return func(f *FS) { f.loc = loc }
}

// Open opens the flash: stored in dir, creating dir (0755) if it is missing. capacity is the size of
// the medium in bytes; 0 means DefaultCapacity. Temp files left by a write that crashed are removed.
func Open(dir string, capacity int64, opts ...Option) (*FS, error) {
	if capacity < 0 {
		return nil, fmt.Errorf("flash: negative capacity %d", capacity)
	}
	if capacity == 0 {
		capacity = DefaultCapacity
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("flash: open %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("flash: open %s: %w", dir, err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("flash: open %s: %w", dir, err)
	}
	f := &FS{root: root, dir: abs, capacity: capacity, loc: time.Local}
	for _, o := range opts {
		o(f)
	}
	if err := f.removeStale(); err != nil {
		return nil, fmt.Errorf("flash: open %s: %w", dir, errors.Join(err, root.Close()))
	}
	return f, nil
}

// Close releases the root directory handle.
func (f *FS) Close() error { return f.root.Close() }

// Root is the jailed directory itself, for servers (SFTP) that need file handles; writes made through
// it bypass the capacity check, so prefer Create for uploads.
func (f *FS) Root() *os.Root { return f.root }

// Dir is the absolute host path of the flash: directory.
func (f *FS) Dir() string { return f.dir }

// Capacity is the size of the medium in bytes.
func (f *FS) Capacity() int64 { return f.capacity }

// Used is the sum of the sizes of the regular files on flash:, counting writes in progress.
func (f *FS) Used() int64 {
	n, _ := f.used()
	return n
}

// Free is Capacity minus Used, never below zero.
func (f *FS) Free() int64 {
	return max(f.capacity-f.Used(), 0)
}

// used walks the tree without following symbolic links, so a link can neither count a file outside
// flash: nor loop.
func (f *FS) used() (int64, error) {
	var total int64
	err := fs.WalkDir(f.root.FS(), ".", func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return ignoreGone(err)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return ignoreGone(err)
		}
		total += info.Size()
		return nil
	})
	return total, err
}

// removeStale deletes the temp files of writes that never reached their rename.
func (f *FS) removeStale() error {
	return fs.WalkDir(f.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return ignoreGone(err)
		}
		if d.Type().IsRegular() && isTemp(d.Name()) {
			return ignoreGone(f.root.Remove(p))
		}
		return nil
	})
}

// sizeOf is the size of the regular file a write to rel would replace: 0 if there is none.
func (f *FS) sizeOf(rel string) (int64, error) {
	info, err := f.root.Lstat(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, nil
	case err != nil:
		return 0, err
	case info.IsDir():
		return 0, fmt.Errorf("%s: %w", Display(rel), ErrIsDir)
	case !info.Mode().IsRegular():
		return 0, nil
	}
	return info.Size(), nil
}

// ignoreGone lets a walk pass over entries that vanished under it (another write's temp file).
func ignoreGone(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func isTemp(name string) bool { return strings.HasPrefix(name, tempPrefix) }
