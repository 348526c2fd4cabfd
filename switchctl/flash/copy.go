package flash

import (
	"errors"
	"fmt"
	"io"
)

// Copy copies the file from to the name to, through an upload: the copy is counted against the
// capacity as it grows, nothing shows under to until it is whole, and a failed copy leaves an
// existing to as it was. A directory as from fails with ErrIsDir; to must not be a directory either.
func (f *FS) Copy(from, to string) error {
	src, err := Resolve(from)
	if err != nil {
		return err
	}
	dst, err := Resolve(to)
	if err != nil {
		return err
	}
	if err := f.copy(src, dst); err != nil {
		return fmt.Errorf("copy %s to %s: %w", Display(src), Display(dst), err)
	}
	return nil
}

func (f *FS) copy(src, dst string) error {
	info, err := f.root.Stat(src)
	switch {
	case err != nil:
		return hostless(err)
	case info.IsDir():
		return ErrIsDir
	case src == dst:
		return ErrExist
	}
	in, err := f.root.Open(src)
	if err != nil {
		return hostless(err)
	}
	defer in.Close()
	up, err := f.Create(dst)
	if err != nil {
		return errors.Unwrap(err) // Create's own "create NAME:" would repeat the name
	}
	if _, err := io.Copy(up, in); err != nil {
		return errors.Join(err, up.Abort())
	}
	return up.Close()
}

// Reserve makes name a file of size bytes that reads as zeros and takes its space on flash: at
// once; the host stores it sparse. It stands for files whose content vtyd never reads, such as the
// boot and system images a switch's flash: holds.
func (f *FS) Reserve(name string, size int64) error {
	up, err := f.Create(name)
	if err != nil {
		return err
	}
	if err := up.Truncate(size); err != nil {
		return errors.Join(fmt.Errorf("reserve %s: %w", name, err), up.Abort())
	}
	return up.Close()
}
