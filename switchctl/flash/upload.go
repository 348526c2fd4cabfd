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
type Upload struct {
	f   *FS
	rel string
	tmp string

	mu   sync.Mutex
	file *os.File // nil once closed, aborted or failed
	size int64    // extent of the temp file
	off  int64    // where the next Write goes
	err  error    // why file is nil
}

// Create starts an upload to name. Nothing is visible under name until Close.
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
	if _, err := f.sizeOf(rel); err != nil {
		return nil, fmt.Errorf("create %s: %w", Display(rel), err)
	}
	tmp, file, err := f.createTemp(rel)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", Display(rel), err)
	}
	return &Upload{f: f, rel: rel, tmp: tmp, file: file}, nil
}

// Write appends p. When p would push Used over Capacity it writes nothing, removes the temp file and
// fails with ErrNoSpace; every later call fails the same way.
func (u *Upload) Write(p []byte) (int, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	n, err := u.writeAt(p, u.off)
	u.off += int64(n)
	return n, err
}

// WriteAt writes p at off, for protocols (SFTP) whose writes may arrive out of order; it fails like
// Write.
func (u *Upload) WriteAt(p []byte, off int64) (int, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.writeAt(p, off)
}

func (u *Upload) writeAt(p []byte, off int64) (int, error) {
	if u.file == nil {
		return 0, u.err
	}
	growth := off + int64(len(p)) - u.size
	if growth <= 0 {
		return u.file.WriteAt(p, off)
	}
	// The reservation and the write happen under one lock so that no other writer can spend the
	// same free bytes in between.
	u.f.mu.Lock()
	defer u.f.mu.Unlock()
	if err := u.f.reserve(u.rel, growth); err != nil {
		err = fmt.Errorf("upload %s: %w", Display(u.rel), err)
		u.discard(err)
		return 0, err
	}
	n, err := u.file.WriteAt(p, off)
	u.size = max(u.size, off+int64(n))
	return n, err
}

// Close syncs the received bytes and renames them over the name. It reports the error that ended
// the upload if one did, and a failed Close leaves the old file in place.
func (u *Upload) Close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.file == nil {
		return u.err
	}
	file := u.file
	u.file, u.err = nil, ErrClosed
	err := file.Sync()
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		u.f.mu.Lock()
		err = u.f.root.Rename(u.tmp, u.rel)
		u.f.mu.Unlock()
	}
	if err != nil {
		return fmt.Errorf("upload %s: %w", Display(u.rel), errors.Join(err, u.f.root.Remove(u.tmp)))
	}
	if err := u.f.syncDir(path.Dir(u.rel)); err != nil {
		return fmt.Errorf("upload %s: %w", Display(u.rel), err)
	}
	return nil
}

// Abort drops the upload and its temp file. It is a no-op after Close or a failure, so
// "defer u.Abort()" is always safe.
func (u *Upload) Abort() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.file == nil {
		return nil
	}
	return u.discard(ErrClosed)
}

// discard closes and removes the temp file; err is what later calls report.
func (u *Upload) discard(err error) error {
	cerr := u.file.Close()
	u.file, u.err = nil, err
	if err := errors.Join(cerr, u.f.root.Remove(u.tmp)); err != nil {
		return fmt.Errorf("upload %s: %w", Display(u.rel), err)
	}
	return nil
}
