package flash

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Rmdir removes the empty directory name. flash:/ itself and files are refused.
func (f *FS) Rmdir(name string) error {
	rel, err := Resolve(name)
	if err != nil {
		return err
	}
	if rel == "." {
		return fmt.Errorf("rmdir %s: %w", Display(rel), fs.ErrPermission)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	info, err := f.root.Lstat(rel)
	if err != nil {
		return fmt.Errorf("rmdir %s: %w", Display(rel), hostless(err))
	}
	if !info.IsDir() {
		return fmt.Errorf("rmdir %s: %w", Display(rel), ErrNotDir)
	}
	if err := f.root.Remove(rel); err != nil { // fails unless empty
		return fmt.Errorf("rmdir %s: %w", Display(rel), hostless(err))
	}
	f.used.Add(-BlockSize)
	f.removed(path.Dir(rel))
	f.forget(rel)
	return nil
}

// Rename moves the file or directory from to the name to within flash:. An existing file at to is
// replaced when replace is set (SFTP's posix-rename) and refused with ErrExist otherwise; an existing
// directory is never replaced. The move keeps MaxDepth and MaxEntries.
func (f *FS) Rename(from, to string, replace bool) error {
	src, err := Resolve(from)
	if err != nil {
		return err
	}
	dst, err := Resolve(to)
	if err != nil {
		return err
	}
	if err := f.rename(src, dst, replace); err != nil {
		return fmt.Errorf("rename %s to %s: %w", Display(src), Display(dst), err)
	}
	return nil
}

func (f *FS) rename(src, dst string, replace bool) error {
	if src == "." || dst == "." {
		return fs.ErrPermission
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	info, err := f.root.Lstat(src)
	if err != nil {
		return hostless(err)
	}
	if src == dst {
		return nil
	}
	old, exists, err := f.chargeOf(dst)
	switch {
	case errors.Is(err, ErrIsDir):
		return ErrExist
	case err != nil:
		return hostless(err)
	case exists && !replace:
		return ErrExist
	}
	isDir := info.IsDir()
	if isDir {
		if strings.HasPrefix(dst, src+"/") {
			return fmt.Errorf("%w: a directory cannot move into itself", fs.ErrInvalid)
		}
		h, err := f.height(src)
		if err != nil {
			return hostless(err)
		}
		if depth(dst)+h > MaxDepth {
			return fmt.Errorf("%w (at most %d)", ErrTooDeep, MaxDepth)
		}
	}
	if !exists && path.Dir(dst) != path.Dir(src) {
		if err := f.roomFor(path.Dir(dst)); err != nil {
			return hostless(err)
		}
	}
	if err := f.root.Rename(src, dst); err != nil {
		return hostless(err)
	}
	f.used.Add(-old)
	if isDir || info.Mode().IsRegular() {
		f.removed(path.Dir(src))
		if !exists {
			f.added(path.Dir(dst))
		}
	} else if exists { // a link replaced a file
		f.removed(path.Dir(dst))
	}
	if isDir {
		f.forget(src)
	}
	return nil
}

// height is how many directory levels there are below the directory rel (0 for none). Only a
// directory's move needs it, and it reads only that directory's subtree, at most MaxDepth deep.
func (f *FS) height(rel string) (int, error) {
	des, err := fs.ReadDir(f.root.FS(), rel)
	if err != nil {
		return 0, err
	}
	h := 0
	for _, d := range des {
		if !d.IsDir() {
			continue
		}
		sub, err := f.height(rel + "/" + d.Name())
		if err != nil {
			return 0, err
		}
		h = max(h, sub+1)
	}
	return h, nil
}

// Truncate sets the length of the file name, taking or giving back the space that changes (a
// longer file reads zeros at its end). Directories fail with ErrIsDir, a missing file with
// fs.ErrNotExist, a length that does not fit with ErrNoSpace.
func (f *FS) Truncate(name string, size int64) error {
	rel, err := Resolve(name)
	if err != nil {
		return err
	}
	if err := f.truncate(rel, size); err != nil {
		return fmt.Errorf("truncate %s: %w", Display(rel), err)
	}
	return nil
}

func (f *FS) truncate(rel string, size int64) error {
	if size < 0 || size > f.capacity {
		return fmt.Errorf("%w: a %d-byte file on a %d-byte flash:", ErrNoSpace, uint64(size), f.capacity)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	info, err := f.root.Lstat(rel)
	switch {
	case err != nil:
		return hostless(err)
	case info.IsDir():
		return ErrIsDir
	case !info.Mode().IsRegular():
		return fs.ErrNotExist // a link: flash: shows none
	}
	delta := blocks(size) - blocks(info.Size())
	if err := f.grow(delta, 0); err != nil {
		return err
	}
	file, err := f.root.OpenFile(rel, os.O_WRONLY, 0)
	if err == nil {
		err = file.Truncate(size)
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		f.used.Add(-delta)
		return hostless(err)
	}
	return nil
}
