package flash

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Entry is one line of a dir listing.
type Entry struct {
	Name    string
	Dir     bool
	Size    int64 // 0 for directories
	ModTime time.Time
	// Index is the entry's number in its directory (List numbers them in name order, hidden ones
	// included), so that a listing without the hidden entries keeps their numbers, as Comware's does.
	Index int
}

// Hidden reports whether the entry is hidden: its name starts with a dot, as the recycle bin's
// .trash does. dir shows hidden entries only with /all.
func (e Entry) Hidden() bool { return strings.HasPrefix(e.Name, ".") }

// Attr is the attribute column Comware prints: drw- for directories, -rw- for files, with an h in
// the last place for a hidden one (drwh).
func (e Entry) Attr() string {
	a := "-rw"
	if e.Dir {
		a = "drw"
	}
	if e.Hidden() {
		return a + "h"
	}
	return a + "-"
}

// List returns the files and directories in dir sorted by name, or the file itself when dir names a
// file (as Comware's dir does). Temp files of writes in progress and anything that is neither a
// regular file nor a directory (symbolic links) are left out.
func (f *FS) List(dir string) ([]Entry, error) {
	rel, err := Resolve(dir)
	if err != nil {
		return nil, err
	}
	info, err := f.root.Stat(rel)
	if err != nil {
		return nil, fmt.Errorf("dir %s: %w", Display(rel), hostless(err))
	}
	if !info.IsDir() {
		return []Entry{f.entry(info)}, nil
	}
	des, err := fs.ReadDir(f.root.FS(), rel)
	if err != nil {
		return nil, fmt.Errorf("dir %s: %w", Display(rel), hostless(err))
	}
	entries := make([]Entry, 0, len(des))
	for _, d := range des {
		if isTemp(d.Name()) || !(d.Type().IsRegular() || d.IsDir()) {
			continue
		}
		info, err := d.Info()
		if err != nil {
			if ignoreGone(err) == nil {
				continue
			}
			return nil, fmt.Errorf("dir %s: %w", Display(rel), hostless(err))
		}
		entries = append(entries, f.entry(info))
	}
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	for i := range entries {
		entries[i].Index = i
	}
	return entries, nil
}

// FormatDir prints dir the way Comware's "dir" command does, totals included.
func (f *FS) FormatDir(w io.Writer, dir string) error {
	rel, err := Resolve(dir)
	if err != nil {
		return err
	}
	entries, err := f.List(rel)
	if err != nil {
		return err
	}
	if info, err := f.root.Stat(rel); err == nil && !info.IsDir() {
		rel = path.Dir(rel)
	}
	return WriteDir(w, rel, entries, f.capacity, f.Free())
}

// WriteDir prints a dir listing of the resolved directory rel: header, one line per entry (index,
// attributes, size, time in the entry's own location, name), then the total and free kilobytes of
// the medium.
func WriteDir(w io.Writer, rel string, entries []Entry, capacity, free int64) error {
	var b strings.Builder
	b.WriteString("Directory of " + device)
	if rel != "." && rel != "" {
		b.WriteString("/" + rel)
	}
	b.WriteString("\n")
	if len(entries) == 0 {
		b.WriteString("The directory is empty.\n")
	}
	for _, e := range entries {
		size := "-"
		if !e.Dir {
			size = fmt.Sprint(e.Size)
		}
		fmt.Fprintf(&b, "%4d %s %11s %s   %s\n", e.Index, e.Attr(), size, e.ModTime.Format("Jan 02 2006 15:04:05"), e.Name)
	}
	fmt.Fprintf(&b, "\n%d KB total (%d KB free)\n", capacity/1024, free/1024)
	_, err := io.WriteString(w, b.String())
	return err
}

// entry turns a FileInfo into a listing line, with the time in the switch's zone.
func (f *FS) entry(info fs.FileInfo) Entry {
	e := Entry{Name: info.Name(), Dir: info.IsDir(), ModTime: info.ModTime().In(f.loc)}
	if !e.Dir {
		e.Size = info.Size()
	}
	return e
}
