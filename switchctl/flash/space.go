package flash

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"
)

// The shape limits of flash:, as a real flash file system has them. They keep every check that an
// operation makes cheap: no change ever needs a walk of the whole tree.
const (
	// BlockSize is the unit of allocation: a file takes its size rounded up to whole blocks and at
	// least one block (an empty file too), a directory one block. Used and Free count blocks, so a
	// flash: filled with empty files or directories runs out of space as a real one does.
	BlockSize = 4096
	// MaxDepth is how many directory levels may sit below flash:/ (flash:/1/2/.../8).
	MaxDepth = 8
	// MaxEntries is how many files and directories one directory may hold.
	MaxEntries = 4096
)

// blocks is the space a file of size bytes takes: whole blocks, at least one.
func blocks(size int64) int64 {
	if size <= 0 {
		return BlockSize
	}
	if size > DefaultCapacity<<20 { // no capacity is that large; avoids overflow below
		return size
	}
	return (size + BlockSize - 1) / BlockSize * BlockSize
}

// counted reports whether an entry takes space and a slot in its directory: regular files and
// directories. Symbolic links planted on the host and temp files do not.
func counted(d fs.DirEntry) bool {
	return !isTemp(d.Name()) && (d.Type().IsRegular() || d.IsDir())
}

// scan is what Open learns in its one walk of the tree: the blocks in use and the entries of every
// directory. It removes the temp files of writes that never reached their rename on the way.
func (f *FS) scan() error {
	f.entries = map[string]int{".": 0}
	return fs.WalkDir(f.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return ignoreGone(err)
		}
		if d.Type().IsRegular() && isTemp(d.Name()) {
			return ignoreGone(f.root.Remove(p))
		}
		if p == "." || !counted(d) {
			return nil
		}
		f.entries[path.Dir(p)]++
		if d.IsDir() {
			f.entries[p] += 0
			f.used.Add(BlockSize)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return ignoreGone(err)
		}
		f.used.Add(blocks(info.Size()))
		return nil
	})
}

// chargeOf is the space the entry at rel takes now: 0 when there is none (or it is a link), and
// ErrIsDir for a directory, which a file write cannot replace. The caller holds f.mu.
func (f *FS) chargeOf(rel string) (charge int64, exists bool, err error) {
	info, err := f.root.Lstat(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, false, nil
	case err != nil:
		return 0, false, err
	case info.IsDir():
		return 0, true, fmt.Errorf("%s: %w", Display(rel), ErrIsDir)
	case !info.Mode().IsRegular():
		return 0, false, nil // a link: replacing it takes a new slot's worth of nothing
	}
	return blocks(info.Size()), true, nil
}

// grow takes delta more bytes of the capacity (a negative delta gives some back), crediting credit
// bytes that the write will free (the file it replaces). The caller holds f.mu.
func (f *FS) grow(delta, credit int64) error {
	used := f.used.Load()
	if delta > 0 && used-credit+delta > f.capacity {
		return fmt.Errorf("%w: %d bytes needed, %d free", ErrNoSpace, delta, max(f.capacity-used+credit, 0))
	}
	f.used.Store(max(used+delta, 0))
	return nil
}

// roomFor checks that dir can take one more entry. The count is learnt from one read of dir the first
// time it is needed (a directory made on the host after Open) and kept up to date afterwards. The
// caller holds f.mu.
func (f *FS) roomFor(dir string) error {
	n, ok := f.entries[dir]
	if !ok {
		des, err := fs.ReadDir(f.root.FS(), dir)
		if err != nil {
			return err
		}
		for _, d := range des {
			if counted(d) {
				n++
			}
		}
		f.entries[dir] = n
	}
	if n >= MaxEntries {
		return fmt.Errorf("%w: %s holds %d", ErrDirFull, Display(dir), n)
	}
	return nil
}

// added and removed keep the entry counts when a name appears in or leaves dir. The caller holds f.mu.
func (f *FS) added(dir string) {
	if _, ok := f.entries[dir]; ok {
		f.entries[dir]++
	}
}

func (f *FS) removed(dir string) {
	if n, ok := f.entries[dir]; ok && n > 0 {
		f.entries[dir] = n - 1
	}
}

// forget drops the counts of dir and every directory below it (after it moved or went away); they
// are read again when needed.
func (f *FS) forget(dir string) {
	delete(f.entries, dir)
	for d := range f.entries {
		if strings.HasPrefix(d, dir+"/") {
			delete(f.entries, d)
		}
	}
}

// depth is how many directory levels rel (a resolved path) sits below flash:/.
func depth(rel string) int {
	if rel == "." {
		return 0
	}
	return strings.Count(rel, "/") + 1
}

// hostless strips what an os error says about where the file lives on the host (the data directory,
// the name of a temp file) and keeps why it failed, so that errors shown to users name flash: paths
// only. A full host disk is also flash: being full.
func hostless(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	if errors.Is(err, syscall.ENOSPC) && !errors.Is(err, ErrNoSpace) {
		return fmt.Errorf("%w (%w)", ErrNoSpace, err)
	}
	return err
}

// SpaceFor is the space a file of size bytes takes on flash:: whole blocks, at least one.
func SpaceFor(size int64) int64 { return blocks(size) }

// Room is the space a file written to name may take now: the free space plus the space of the file
// it would replace. A file of size bytes fits when SpaceFor(size) <= Room(name).
func (f *FS) Room(name string) int64 {
	rel, err := Resolve(name)
	if err != nil {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	old, _, err := f.chargeOf(rel)
	if err != nil {
		return 0
	}
	return max(f.capacity-f.used.Load()+old, 0)
}
