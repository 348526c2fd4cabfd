package flash_test

import (
	"errors"
	"io/fs"
	"testing"

	"vtyd/switchctl/flash"
)

func TestOps(t *testing.T) {
	f := openFS(t, 0)
	mustWrite(t, f, "a.cfg", []byte("sysname A\n"))
	tests := []struct {
		name string
		op   func() error
		want error
	}{
		{"mkdir", func() error { return f.Mkdir("flash:/logfile") }, nil},
		{"mkdir again", func() error { return f.Mkdir("/logfile") }, flash.ErrExist},
		{"mkdir over a file", func() error { return f.Mkdir("a.cfg") }, flash.ErrExist},
		{"mkdir root", func() error { return f.Mkdir("flash:/") }, flash.ErrExist},
		{"mkdir without parent", func() error { return f.Mkdir("x/y") }, fs.ErrNotExist},
		{"write into subdir", func() error { return f.WriteFileAtomic("logfile/l.log", []byte("log")) }, nil},
		{"write onto a directory", func() error { return f.WriteFileAtomic("logfile", nil) }, flash.ErrIsDir},
		{"write into missing dir", func() error { return f.WriteFileAtomic("nodir/x.cfg", nil) }, fs.ErrNotExist},
		{"read a directory", func() error { _, err := f.ReadFile("logfile"); return err }, flash.ErrIsDir},
		{"read missing", func() error { _, err := f.ReadFile("nope.cfg"); return err }, fs.ErrNotExist},
		{"remove a directory", func() error { return f.Remove("logfile") }, flash.ErrIsDir},
		{"remove root", func() error { return f.Remove("flash:/") }, flash.ErrIsDir},
		{"remove missing", func() error { return f.Remove("nope.cfg") }, fs.ErrNotExist},
		{"remove file", func() error { return f.Remove("FLASH:/a.cfg") }, nil},
		{"read removed", func() error { _, err := f.ReadFile("a.cfg"); return err }, fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op()
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
		})
	}

	e, err := f.Stat("flash:/logfile/l.log")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "l.log" || e.Dir || e.Size != 3 || e.Attr() != "-rw-" {
		t.Errorf("Stat = %+v", e)
	}
	if e, err := f.Stat("logfile"); err != nil || !e.Dir || e.Attr() != "drw-" {
		t.Errorf("Stat(logfile) = %+v, %v", e, err)
	}
	if got := f.Used(); got != 2*flash.BlockSize {
		t.Errorf("Used() = %d, want a block for logfile and one for l.log", got)
	}
}

func TestOpenRemovesStaleTemps(t *testing.T) {
	f := openFS(t, 0)
	if err := f.Mkdir("sub"); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, f, "sub/keep.cfg", []byte("k"))
	writeHost(t, f.Dir()+"/.tmp-stale1", []byte("torn"))
	writeHost(t, f.Dir()+"/sub/.tmp-stale2", []byte("torn"))
	if names := listNames(t, f, "sub"); len(names) != 1 {
		t.Errorf("List(sub) = %v, want temp files hidden", names)
	}
	g := reopen(t, f)
	want := []string{"sub", "sub/keep.cfg"}
	if got := hostNames(t, g.Dir()); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("after Open the flash holds %v, want %v", got, want)
	}
}
