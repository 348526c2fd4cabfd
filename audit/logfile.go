package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// file is what the log needs of an *os.File; tests replace it to play a full or stuck disk.
type file interface {
	io.Writer
	io.ReaderAt
	Sync() error
	Truncate(size int64) error
	Stat() (os.FileInfo, error)
	Close() error
}

const (
	liveName     = "audit.jsonl"
	rotatedStamp = "20060102T150405.000"
)

func openOS(name string) (file, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	// A file created under a loose umask, or by hand, is narrowed: records name users and devices.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// openLive opens DIR/audit.jsonl and cuts a torn last line away.
func (l *Log) openLive() error {
	if err := os.MkdirAll(l.dir, 0o700); err != nil {
		return err
	}
	f, err := l.opt.open(filepath.Join(l.dir, liveName))
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	size, err := wholeLines(f, st.Size())
	if err != nil {
		f.Close()
		return err
	}
	if size != st.Size() {
		// The torn line was never acknowledged (Write returns after the fsync of whole lines), so
		// cutting it loses nothing that was promised, and keeps every line parseable.
		if err := f.Truncate(size); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
	}
	l.f, l.size = f, size
	return syncDir(l.dir)
}

// wholeLines is the length of the file up to and including its last "\n".
func wholeLines(f io.ReaderAt, size int64) (int64, error) {
	buf := make([]byte, 64<<10)
	for end := size; end > 0; {
		start := max(end-int64(len(buf)), 0)
		n, err := f.ReadAt(buf[:end-start], start)
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			return start + int64(i) + 1, nil
		}
		end = start
	}
	return 0, nil
}

// commit appends buf (whole lines) and fsyncs. A failed write is cut back, so that a full disk
// leaves no half line behind.
func (l *Log) commit(buf []byte) error {
	if l.f == nil {
		if err := l.openLive(); err != nil {
			return fmt.Errorf("audit: reopen: %w", err)
		}
	}
	if l.size > 0 && l.size+int64(len(buf)) > l.opt.MaxSize {
		if err := l.rotate(); err != nil {
			return fmt.Errorf("audit: rotate: %w", err)
		}
	}
	n, err := l.f.Write(buf)
	if err == nil {
		err = datasync(l.f)
	}
	if err != nil {
		if n > 0 {
			// Best effort: if even this fails the next Open cuts the torn line.
			if terr := l.f.Truncate(l.size); terr == nil {
				l.f.Sync()
			}
		}
		return fmt.Errorf("audit: write %s: %w", liveName, err)
	}
	l.size += int64(n)
	return nil
}

// rotate renames the live file to its time-stamped name, opens a new one and prunes old files.
func (l *Log) rotate() error {
	if err := l.f.Close(); err != nil {
		return err
	}
	l.f = nil
	live := filepath.Join(l.dir, liveName)
	now := time.Now().UTC()
	name := rotatedName(now)
	for i := 0; i < 1000; i++ { // two rotations in one millisecond: take the next free one
		if _, err := os.Lstat(filepath.Join(l.dir, name)); errors.Is(err, os.ErrNotExist) {
			break
		}
		now = now.Add(time.Millisecond)
		name = rotatedName(now)
	}
	if err := os.Rename(live, filepath.Join(l.dir, name)); err != nil {
		return err
	}
	if err := l.openLive(); err != nil {
		return err
	}
	return l.prune()
}

func rotatedName(t time.Time) string {
	return "audit-" + t.Format(rotatedStamp) + "Z.jsonl"
}

// prune removes the oldest rotated files beyond Keep.
func (l *Log) prune() error {
	names, err := Rotated(l.dir)
	if err != nil {
		return err
	}
	keep := max(l.opt.Keep, 0)
	for _, n := range names[:max(len(names)-keep, 0)] {
		if err := os.Remove(filepath.Join(l.dir, n)); err != nil {
			return err
		}
	}
	return nil
}

// Rotated lists the rotated files of the log in dir, oldest first.
func Rotated(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, "audit-") && strings.HasSuffix(n, ".jsonl") && e.Type().IsRegular() {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out, nil
}

// syncDir makes a created or renamed file's name durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
