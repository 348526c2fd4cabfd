package flash_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"vtyd/switchctl/flash"
)

// TestJail checks that neither names nor symbolic links planted in the directory reach outside it.
func TestJail(t *testing.T) {
	f := openFS(t, 0)
	outside := t.TempDir()
	secret := bytes.Repeat([]byte("secret\n"), 1000)
	writeHost(t, filepath.Join(outside, "secret.txt"), secret)
	links := map[string]string{
		"evil":    filepath.Join(outside, "secret.txt"),
		"evildir": outside,
		"climb":   filepath.Join("..", "..", filepath.Base(outside), "secret.txt"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(f.Dir(), name)); err != nil {
			t.Skipf("symlinks unsupported: %v", err)
		}
	}

	tests := []struct {
		name string
		op   func() error
		want error // nil: any error will do (os.Root's own refusal)
	}{
		{"read dotdot", func() error { _, err := f.ReadFile("../secret.txt"); return err }, flash.ErrOutside},
		{"read other device", func() error { _, err := f.ReadFile("usb:/secret.txt"); return err }, flash.ErrOutside},
		{"read link to file", func() error { _, err := f.ReadFile("evil"); return err }, nil},
		{"read through link dir", func() error { _, err := f.ReadFile("flash:/evildir/secret.txt"); return err }, nil},
		{"read relative climbing link", func() error { _, err := f.ReadFile("climb"); return err }, nil},
		{"stat link", func() error { _, err := f.Stat("evil"); return err }, nil},
		{"list link dir", func() error { _, err := f.List("evildir"); return err }, nil},
		{"write through link dir", func() error { return f.WriteFileAtomic("evildir/x.cfg", []byte("x")) }, nil},
		{"create through link dir", func() error { _, err := f.Create("evildir/x.cfg"); return err }, nil},
		{"mkdir through link dir", func() error { return f.Mkdir("evildir/sub") }, nil},
		{"remove through link dir", func() error { return f.Remove("evildir/secret.txt") }, nil},
		{"write dotdot", func() error { return f.WriteFileAtomic("/../x.cfg", []byte("x")) }, flash.ErrOutside},
		{"mkdir slot", func() error { return f.Mkdir("slot2#flash:/d") }, flash.ErrOutside},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op()
			if err == nil {
				t.Fatal("succeeded, want an error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
		})
	}

	if got := f.Used(); got != 0 {
		t.Errorf("Used() = %d, want 0: links must not count files outside", got)
	}
	if names := listNames(t, f, "."); len(names) != 0 {
		t.Errorf("List shows %v, want symbolic links hidden", names)
	}
	// Writing onto a link replaces the link, never the file it points to.
	mustWrite(t, f, "evil", []byte("mine"))
	if got, _ := os.ReadFile(filepath.Join(outside, "secret.txt")); !bytes.Equal(got, secret) {
		t.Error("the file outside was changed through a link")
	}
	if got := mustRead(t, f, "evil"); string(got) != "mine" {
		t.Errorf("evil = %q, want the new content", got)
	}
	if names := hostNames(t, outside); !slices.Equal(names, []string{"secret.txt"}) {
		t.Errorf("outside dir holds %v, want only secret.txt", names)
	}
}
