package flash_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"vtyd/switchctl/flash"
)

func TestCopy(t *testing.T) {
	f := openFS(t, 64*flash.BlockSize)
	mustWrite(t, f, "a.cfg", []byte("sysname A\n"))
	if err := f.Mkdir("sub"); err != nil {
		t.Fatal(err)
	}
	if err := f.Copy("a.cfg", "sub/b.cfg"); err != nil {
		t.Fatal(err)
	}
	if got := string(mustRead(t, f, "flash:/sub/b.cfg")); got != "sysname A\n" {
		t.Errorf("copy holds %q", got)
	}
	before := f.Used()
	tests := []struct {
		name, from, to string
		want           error
	}{
		{"missing source", "nosuch.cfg", "x.cfg", fs.ErrNotExist},
		{"directory source", "sub", "x.cfg", flash.ErrIsDir},
		{"onto a directory", "a.cfg", "sub", flash.ErrIsDir},
		{"onto itself", "a.cfg", "flash:/a.cfg", flash.ErrExist},
		{"outside flash:", "a.cfg", "../x.cfg", flash.ErrOutside},
		{"other medium", "usb:/a.cfg", "x.cfg", flash.ErrOutside},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := f.Copy(tt.from, tt.to); !errors.Is(err, tt.want) {
				t.Fatalf("Copy(%s, %s) = %v, want %v", tt.from, tt.to, err, tt.want)
			}
		})
	}
	if f.Used() != before {
		t.Errorf("failed copies changed the space in use: %d, was %d", f.Used(), before)
	}
}

func TestCopyNoSpaceLeavesTarget(t *testing.T) {
	f := openFS(t, 8*flash.BlockSize)
	mustWrite(t, f, "big.bin", []byte(strings.Repeat("x", int(5*flash.BlockSize))))
	mustWrite(t, f, "old.bin", []byte("old"))
	before := f.Used()
	if err := f.Copy("big.bin", "old.bin"); !errors.Is(err, flash.ErrNoSpace) {
		t.Fatalf("copy over a full flash: = %v, want ErrNoSpace", err)
	}
	if got := string(mustRead(t, f, "old.bin")); got != "old" {
		t.Errorf("a failed copy changed the target: %q", got)
	}
	if f.Used() != before {
		t.Errorf("a failed copy kept space: %d, was %d", f.Used(), before)
	}
}

func TestReserveCountsTheSpace(t *testing.T) {
	f := openFS(t, 64*flash.BlockSize)
	before := f.Used()
	if err := f.Reserve("boot.bin", 10*flash.BlockSize); err != nil {
		t.Fatal(err)
	}
	if e, err := f.Stat("boot.bin"); err != nil || e.Size != 10*flash.BlockSize {
		t.Fatalf("Stat = %+v, %v", e, err)
	}
	if got := f.Used() - before; got != 10*flash.BlockSize {
		t.Errorf("reserved %d bytes, want %d", got, 10*flash.BlockSize)
	}
	if err := f.Reserve("huge.bin", 100*flash.BlockSize); !errors.Is(err, flash.ErrNoSpace) {
		t.Errorf("Reserve beyond the capacity = %v, want ErrNoSpace", err)
	}
	if _, err := f.Stat("huge.bin"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed Reserve left a file: %v", err)
	}
}
