package flash

import (
	"errors"
	"fmt"
	"os"
	"path"
	"sync"
)

// Upload is a file being received (SFTP, SCP). Its bytes go to a temp file, bounded by the capacity
// as they arrive; Close renames it over the name in one step, so a failed or aborted upload never
// leaves a partial file and the old content stays readable until Close.
//
// The first failure is final: whether flash: is full, the host disk is (ENOSPC) or the host fails a
// write, the temp file is removed at once and every later Write, WriteAt, Truncate and Close reports
// that failure. A client that carries on after an error and closes the file, as SFTP clients do,
// therefore never publishes a truncated file. Errors name the flash: path, never a host path.
type Upload struct {
	f   *FS
	rel string
	tmp string

	mu      sync.Mutex
	file    *os.File // nil once closed, aborted or failed
	size    int64    // extent of the temp file
	charged int64    // the part of f.used this upload holds: blocks(size)
	off     int64    // where the next Write goes
	err     error    // why file is nil
}

// Create starts an upload to name. Nothing is visible under name until Close. It takes one block at
// once (an empty file takes one too) and fails with ErrNoSpace when there is none, with ErrDirFull
// when name would be a new entry in a full directory.
func (f *FS) Create(name string) (*Upload, error) {
	rel, err := Resolve(name)
	if err != nil {
		return nil, err
	}
	if rel == "." {
		return nil, fmt.Errorf("create %s: %w", Display(rel), ErrIsDir)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	old, exists, err := f.chargeOf(rel)
	if err == nil && !exists {
		err = f.roomFor(path.Dir(rel))
	}
	if err == nil {
		err = f.grow(BlockSize, old)
	}
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", Display(rel), err)
	}
	tmp, file, err := f.createTemp(rel)
	if err != nil {
		f.used.Add(-BlockSize)
		return nil, fmt.Errorf("create %s: %w", Display(rel), err)
	}
	return &Upload{f: f, rel: rel, tmp: tmp, file: file, charged: BlockSize}, nil
}

// Write appends p. It fails like WriteAt.
func (u *Upload) Write(p []byte) (int, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	n, err := u.writeAt(p, u.off)
	u.off += int64(n)
	return n, err
}

// WriteAt writes p at off, for protocols (SFTP) whose writes may arrive out of order. When p would
// push Used over Capacity it writes nothing and fails with ErrNoSpace; that or any other failure
// ends the upload (see Upload).
func (u *Upload) WriteAt(p []byte, off int64) (int, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.writeAt(p, off)
}

func (u *Upload) writeAt(p []byte, off int64) (int, error) {
	if u.file == nil {
		return 0, u.err
	}
	end := off + int64(len(p))
	if off < 0 || end < off || end > u.f.capacity {
		return 0, u.fail(fmt.Errorf("%w: a write up to byte %d of a %d-byte flash:", ErrNoSpace, uint64(end), u.f.capacity))
	}
	if err := u.resize(max(u.size, end)); err != nil {
		return 0, u.fail(err)
	}
	n, err := u.write(p, off)
	if err != nil {
		return n, u.fail(hostless(err))
	}
	return n, nil
}

// Truncate sets the length of the file being uploaded (an SFTP client's fsetstat on its open
// handle), with the space that takes; it fails like WriteAt.
func (u *Upload) Truncate(size int64) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.file == nil {
		return u.err
	}
	if size < 0 || size > u.f.capacity {
		return u.fail(fmt.Errorf("%w: a %d-byte file on a %d-byte flash:", ErrNoSpace, uint64(size), u.f.capacity))
	}
	if err := u.resize(size); err != nil {
		return u.fail(err)
	}
	if err := u.file.Truncate(size); err != nil {
		return u.fail(hostless(err))
	}
	u.size = size
	return nil
}

// resize makes the space the upload holds fit a file of size bytes. The reservation is made under
// the FS lock, so that no other writer can spend the same free bytes; the file it replaces is
// credited. u.size grows with it: the bytes written next are counted before they land.
func (u *Upload) resize(size int64) error {
	if need := blocks(size); need != u.charged {
		u.f.mu.Lock()
		defer u.f.mu.Unlock()
		old, _, err := u.f.chargeOf(u.rel)
		if err != nil {
			return err
		}
		if err := u.f.grow(need-u.charged, old); err != nil {
			return err
		}
		u.charged = need
	}
	u.size = max(u.size, size)
	return nil
}

// write puts p into the temp file at off, through the injected fault if there is one.
func (u *Upload) write(p []byte, off int64) (int, error) {
	if u.f.writeFault != nil {
		if err := u.f.writeFault(u.file.Name(), off, len(p)); err != nil {
			return 0, err
		}
	}
	return u.file.WriteAt(p, off)
}

// Close syncs the received bytes and renames them over the name. It reports the error that ended
// the upload if one did, and a failed Close leaves the old file in place.
func (u *Upload) Close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.file == nil {
		return u.err
	}
	err := hostless(u.file.Sync())
	if err == nil {
		err = hostless(u.file.Close())
		u.file = nil
	}
	if err == nil {
		err = u.publish()
	}
	if err != nil {
		return u.fail(err)
	}
	u.err = ErrClosed
	if err := hostless(u.f.syncDir(path.Dir(u.rel))); err != nil {
		return fmt.Errorf("upload %s: %w", Display(u.rel), err)
	}
	return nil
}

// publish renames the temp file over the name: the upload's space becomes the file's, the replaced
// file's is given back, and a new name takes its slot in the directory (if there still is one).
func (u *Upload) publish() error {
	f := u.f
	f.mu.Lock()
	defer f.mu.Unlock()
	old, exists, err := f.chargeOf(u.rel)
	if err == nil && !exists {
		err = f.roomFor(path.Dir(u.rel))
	}
	if err == nil {
		err = hostless(f.root.Rename(u.tmp, u.rel))
	}
	if err != nil {
		return err
	}
	u.charged = 0 // now the file's
	f.used.Add(-old)
	if !exists {
		f.added(path.Dir(u.rel))
	}
	return nil
}

// Abort drops the upload and its temp file. It is a no-op after Close or a failure, so
// "defer u.Abort()" is always safe.
func (u *Upload) Abort() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.err != nil {
		return nil
	}
	if err := u.fail(ErrClosed); err != ErrClosed {
		return err
	}
	return nil
}

// fail ends the upload with err: the temp file goes, its space is given back, and err (worded with
// the flash: name) is what every later call reports. It returns that error, joined with any trouble
// removing the temp file.
func (u *Upload) fail(err error) error {
	var cerr error
	if u.file != nil {
		cerr = hostless(u.file.Close())
		u.file = nil
	}
	rerr := hostless(u.f.root.Remove(u.tmp))
	if errors.Is(rerr, os.ErrNotExist) {
		rerr = nil
	}
	u.f.mu.Lock()
	u.f.used.Add(-u.charged)
	u.f.mu.Unlock()
	u.charged = 0
	if err != ErrClosed {
		err = fmt.Errorf("upload %s: %w", Display(u.rel), err)
	}
	u.err = err
	if extra := errors.Join(cerr, rerr); extra != nil {
		return fmt.Errorf("upload %s: %w", Display(u.rel), errors.Join(err, extra))
	}
	return err
}
