package flash

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"strconv"
)

// The points of WriteFileAtomic at which crashHook may stop a write, in the order they are reached.
const (
	pointTempWritten  = "after-temp-write"
	pointSynced       = "after-fsync"
	pointBeforeRename = "before-rename"
)

// WriteFileAtomic replaces (or creates) the file name with data so that, whatever happens, the name
// holds either the complete old content or the complete new one: the data goes to a temp file in the
// same directory, is fsynced, renamed over the name, and the directory is fsynced. A write that would
// push Used over Capacity fails with ErrNoSpace before anything is created (the space of the file
// being replaced counts as free), and a new name in a full directory with ErrDirFull.
func (f *FS) WriteFileAtomic(name string, data []byte) error {
	rel, err := Resolve(name)
	if err != nil {
		return err
	}
	if rel == "." {
		return fmt.Errorf("write %s: %w", Display(rel), ErrIsDir)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.writeLocked(rel, data); err != nil {
		return fmt.Errorf("write %s: %w", Display(rel), err)
	}
	return nil
}

// writeLocked is WriteFileAtomic under f.mu: the space is taken before the temp file is made and
// given back if the write does not land.
func (f *FS) writeLocked(rel string, data []byte) error {
	old, exists, err := f.chargeOf(rel)
	if err != nil {
		return err
	}
	if !exists {
		if err := f.roomFor(path.Dir(rel)); err != nil {
			return err
		}
	}
	need := blocks(int64(len(data)))
	if err := f.grow(need, old); err != nil {
		return err
	}
	tmp, file, err := f.createTemp(rel)
	if err == nil {
		if err = f.fillTemp(file, data); err != nil {
			var c crash
			if !errors.As(err, &c) {
				err = errors.Join(err, hostless(f.root.Remove(tmp)))
			}
		}
	}
	if err == nil {
		if err = hostless(f.root.Rename(tmp, rel)); err != nil {
			err = errors.Join(err, hostless(f.root.Remove(tmp)))
		}
	}
	if err != nil {
		f.used.Add(-need)
		return err
	}
	f.used.Add(-old)
	if !exists {
		f.added(path.Dir(rel))
	}
	return hostless(f.syncDir(path.Dir(rel)))
}

// fillTemp writes, syncs and closes the temp file, passing the crash points on the way. A crash
// error comes back wrapped in crash so that the caller leaves the temp file behind as a real crash
// would.
func (f *FS) fillTemp(file *os.File, data []byte) error {
	if _, err := file.Write(data); err != nil {
		return errors.Join(hostless(err), hostless(file.Close()))
	}
	if err := f.crash(pointTempWritten); err != nil {
		return errors.Join(err, file.Close())
	}
	if err := file.Sync(); err != nil {
		return errors.Join(hostless(err), hostless(file.Close()))
	}
	if err := f.crash(pointSynced); err != nil {
		return errors.Join(err, file.Close())
	}
	if err := file.Close(); err != nil {
		return hostless(err)
	}
	return f.crash(pointBeforeRename)
}

// crash marks an error injected by crashHook.
type crash struct{ err error }

func (c crash) Error() string { return c.err.Error() }
func (c crash) Unwrap() error { return c.err }

// crash calls crashHook, if any, at point.
func (f *FS) crash(point string) error {
	if f.crashHook == nil {
		return nil
	}
	if err := f.crashHook(point); err != nil {
		return crash{err}
	}
	return nil
}

// createTemp creates an empty temp file next to rel, where a rename onto rel is atomic.
func (f *FS) createTemp(rel string) (string, *os.File, error) {
	dir := path.Dir(rel)
	for range 10 {
		tmp := path.Join(dir, tempPrefix+strconv.FormatUint(rand.Uint64(), 36))
		file, err := f.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return tmp, file, hostless(err) // the error would name the temp file
	}
	return "", nil, fmt.Errorf("%w: no free temp name in %s", ErrExist, Display(dir))
}

// syncDir makes a rename in dir durable.
func (f *FS) syncDir(dir string) error {
	d, err := f.root.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
