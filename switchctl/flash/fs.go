package flash

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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

	// mu serialises every change to the tree with the capacity check that allowed it, and guards
	// the two running counts that make those checks cheap.
	mu      sync.Mutex
	used    atomic.Int64   // blocks of files, directories and uploads in progress (space.go)
	entries map[string]int // files and directories in each directory known so far

	// crashHook, when set, is called at the named points of WriteFileAtomic; an error stops the
	// write right there, leaving whatever a crash would leave. Tests set it.
	crashHook func(point string) error
	// writeFault, when set, fails upload writes (WithWriteFault).
	writeFault func(tmp string, off int64, n int) error
}

// Option adjusts an FS as Open creates it.
type Option func(*FS)

// WithLocation sets the time zone in which List and FormatDir report modification times (the
// switch's clock timezone); the default is time.Local.
func WithLocation(loc *time.Location) Option {
	return func(f *FS) { f.loc = loc }
}

// Open opens the flash: stored in dir, creating dir (0755) if it is missing. capacity is the size of
// the medium in bytes; 0 means DefaultCapacity. Temp files left by a write that crashed are removed,
// and the space in use is counted, in one walk of the tree; changes made on the host behind vtyd's
// back after Open are not seen in Used.
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
	if err := f.scan(); err != nil {
		return nil, fmt.Errorf("flash: open %s: %w", dir, errors.Join(err, root.Close()))
	}
	return f, nil
}

// Close releases the root directory handle.
func (f *FS) Close() error { return f.root.Close() }

// Root is the jailed directory itself, for servers (SFTP, SCP) that need handles to read files;
// changes made through it bypass the capacity and the counts of Used, so make them with Create,
// WriteFileAtomic, Mkdir, Remove, Rmdir, Rename and Truncate.
func (f *FS) Root() *os.Root { return f.root }

// Dir is the absolute host path of the flash: directory.
func (f *FS) Dir() string { return f.dir }

// Capacity is the size of the medium in bytes.
func (f *FS) Capacity() int64 { return f.capacity }

// Used is the space taken on flash:: whole blocks of every file and directory, and of the writes in
// progress (see BlockSize). It is kept as files change, never counted by walking the tree.
// It is read without the lock, so that dir does not wait for a save's fsync.
func (f *FS) Used() int64 { return f.used.Load() }

// Free is Capacity minus Used, never below zero.
func (f *FS) Free() int64 {
	return max(f.capacity-f.Used(), 0)
}

// ignoreGone lets a walk pass over entries that vanished under it (another write's temp file).
func ignoreGone(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func isTemp(name string) bool { return strings.HasPrefix(name, tempPrefix) }
