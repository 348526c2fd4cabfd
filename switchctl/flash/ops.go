package flash

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// ReadFile returns the content of the file name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	rel, err := Resolve(name)
	if err != nil {
		return nil, err
	}
	info, err := f.root.Stat(rel)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", Display(rel), hostless(err))
	}
	if info.IsDir() {
		return nil, fmt.Errorf("read %s: %w", Display(rel), ErrIsDir)
	}
	b, err := f.root.ReadFile(rel)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", Display(rel), hostless(err))
	}
	return b, nil
}

// Remove deletes the file name; directories are refused with ErrIsDir.
func (f *FS) Remove(name string) error {
	rel, err := Resolve(name)
	if err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	info, err := f.root.Lstat(rel)
	if err != nil {
		return fmt.Errorf("remove %s: %w", Display(rel), hostless(err))
	}
	if info.IsDir() {
		return fmt.Errorf("remove %s: %w", Display(rel), ErrIsDir)
	}
	if err := f.root.Remove(rel); err != nil {
		return fmt.Errorf("remove %s: %w", Display(rel), hostless(err))
	}
	if info.Mode().IsRegular() {
		f.used.Add(-blocks(info.Size()))
		f.removed(path.Dir(rel))
	}
	return nil
}

// Mkdir creates the directory name; its parent must exist, and an existing file or directory of
// that name fails with ErrExist. A directory takes one block; one more than MaxDepth levels down
// fails with ErrTooDeep, one more entry in a full directory with ErrDirFull.
func (f *FS) Mkdir(name string) error {
	rel, err := Resolve(name)
	if err != nil {
		return err
	}
	if depth(rel) > MaxDepth {
		return fmt.Errorf("mkdir %s: %w (at most %d)", Display(rel), ErrTooDeep, MaxDepth)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, err := f.root.Lstat(rel); err == nil {
		return fmt.Errorf("mkdir %s: %w", Display(rel), ErrExist)
	}
	if err := f.roomFor(path.Dir(rel)); err != nil {
		return fmt.Errorf("mkdir %s: %w", Display(rel), hostless(err))
	}
	if err := f.grow(BlockSize, 0); err != nil {
		return fmt.Errorf("mkdir %s: %w", Display(rel), err)
	}
	err = f.root.Mkdir(rel, 0o755)
	switch {
	case errors.Is(err, fs.ErrExist):
		err = ErrExist
	case err != nil:
		err = hostless(err)
	}
	if err != nil {
		f.used.Add(-BlockSize)
		return fmt.Errorf("mkdir %s: %w", Display(rel), err)
	}
	f.added(path.Dir(rel))
	f.entries[rel] = 0
	return nil
}

// Stat describes the file or directory name.
func (f *FS) Stat(name string) (Entry, error) {
	rel, err := Resolve(name)
	if err != nil {
		return Entry{}, err
	}
	info, err := f.root.Stat(rel)
	if err != nil {
		return Entry{}, fmt.Errorf("stat %s: %w", Display(rel), hostless(err))
	}
	return f.entry(info), nil
}
