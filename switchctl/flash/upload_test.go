package flash_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"vtyd/switchctl/flash"
)

func TestUploadOverCapacity(t *testing.T) {
	f := openFS(t, 10000)
	mustWrite(t, f, "keep.cfg", []byte("keep"))
	u, err := f.Create("flash:/big.bin")
	if err != nil {
		t.Fatal(err)
	}
	defer u.Abort()
	chunk := bytes.Repeat([]byte{'z'}, 4096)
	var werr error
	for i := 0; i < 10 && werr == nil; i++ {
		_, werr = u.Write(chunk)
	}
	if !errors.Is(werr, flash.ErrNoSpace) {
		t.Fatalf("Write = %v, want ErrNoSpace", werr)
	}
	if _, err := u.Write([]byte("x")); !errors.Is(err, flash.ErrNoSpace) {
		t.Errorf("Write after failure = %v, want ErrNoSpace again", err)
	}
	if err := u.Close(); !errors.Is(err, flash.ErrNoSpace) {
		t.Errorf("Close = %v, want ErrNoSpace", err)
	}
	if err := u.Abort(); err != nil {
		t.Errorf("Abort after failure = %v, want nil", err)
	}
	if names := hostNames(t, f.Dir()); !slices.Equal(names, []string{"keep.cfg"}) {
		t.Errorf("flash holds %v, want only keep.cfg", names)
	}
	if got := f.Used(); got != flash.BlockSize {
		t.Errorf("Used() = %d, want the one block of keep.cfg", got)
	}
}

func TestUploadReplace(t *testing.T) {
	f := openFS(t, 10000)
	mustWrite(t, f, "startup.cfg", bytes.Repeat([]byte{'o'}, 6000))
	u, err := f.Create("startup.cfg")
	if err != nil {
		t.Fatal(err)
	}
	defer u.Abort()
	// 8000 new bytes fit only because the 6000 old ones are credited.
	newData := bytes.Repeat([]byte("new\n"), 2000)
	for part := range slices.Chunk(newData, 3000) {
		if _, err := u.Write(part); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	if got := mustRead(t, f, "startup.cfg"); got[0] != 'o' || len(got) != 6000 {
		t.Error("the old file changed before Close")
	}
	if names := listNames(t, f, "."); !slices.Equal(names, []string{"startup.cfg"}) {
		t.Errorf("List during the upload = %v", names)
	}
	if err := u.Close(); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, f, "startup.cfg"); !bytes.Equal(got, newData) {
		t.Error("the upload did not land")
	}
	if _, err := u.Write([]byte("late")); !errors.Is(err, flash.ErrClosed) {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
	if names := hostNames(t, f.Dir()); !slices.Equal(names, []string{"startup.cfg"}) {
		t.Errorf("flash holds %v", names)
	}
}

func TestUploadWriteAtAndAbort(t *testing.T) {
	f := openFS(t, 2*flash.BlockSize)
	u, err := f.Create("a.bin")
	if err != nil {
		t.Fatal(err)
	}
	// Out-of-order writes as an SFTP client may send them; the overwrite inside the extent is free.
	for _, w := range []struct {
		off  int64
		data string
	}{{5000, "world"}, {0, "hello"}, {0, "HELLO"}} {
		if _, err := u.WriteAt([]byte(w.data), w.off); err != nil {
			t.Fatalf("WriteAt(%d): %v", w.off, err)
		}
	}
	if _, err := u.WriteAt(make([]byte, 2*flash.BlockSize-5004), 5005); !errors.Is(err, flash.ErrNoSpace) {
		t.Errorf("WriteAt past capacity = %v, want ErrNoSpace", err)
	}
	if names := hostNames(t, f.Dir()); len(names) != 0 {
		t.Errorf("flash holds %v after the failed upload", names)
	}

	u, err = f.Create("b.bin")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Write([]byte("partial")); err != nil {
		t.Fatal(err)
	}
	if err := u.Abort(); err != nil {
		t.Fatal(err)
	}
	if names := hostNames(t, f.Dir()); len(names) != 0 {
		t.Errorf("flash holds %v after Abort", names)
	}
}

func TestCreateRefusesDirectory(t *testing.T) {
	f := openFS(t, 0)
	if err := f.Mkdir("logfile"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"logfile", "flash:/"} {
		if _, err := f.Create(name); !errors.Is(err, flash.ErrIsDir) {
			t.Errorf("Create(%s) = %v, want ErrIsDir", name, err)
		}
	}
}
