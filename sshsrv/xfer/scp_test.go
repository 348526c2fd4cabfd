package xfer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vtyd/internal/termtest"
)

// TestSCPUploadPathForms sends a file with `scp -t` to every name form scp users write after
// host: and checks where it lands.
func TestSCPUploadPathForms(t *testing.T) {
	fsys, _ := newFlash(t, 0)
	if err := fsys.Mkdir("sub"); err != nil {
		t.Fatal(err)
	}
	data := []byte("sysname scp\nreturn\n")
	for _, tc := range []struct {
		argv []string
		want string
	}{
		{[]string{"scp", "-t", "flash:/a.cfg"}, "a.cfg"},
		{[]string{"scp", "-t", "flash:b.cfg"}, "b.cfg"},
		{[]string{"scp", "-t", "/c.cfg"}, "c.cfg"},
		{[]string{"scp", "-t", "d.cfg"}, "d.cfg"},
		{[]string{"scp", "-t", "."}, "sent.cfg"},
		{[]string{"scp", "-t", "flash:/"}, "sent.cfg"},
		{[]string{"scp", "-d", "-t", "flash:/sub"}, "sub/sent.cfg"},
		{[]string{"scp", "-t", "--", "flash:/e f.cfg"}, "e f.cfg"},
		{[]string{"scp", "-v", "-p", "-t", "flash:/g.cfg"}, "g.cfg"},
	} {
		t.Run(strings.Join(tc.argv, " "), func(t *testing.T) {
			msg, status := startSCP(t, fsys, tc.argv...).Put("sent.cfg", data, slices.Contains(tc.argv, "-p"))
			if msg != "" || status != 0 {
				t.Fatalf("refused: %q, exit %d", msg, status)
			}
			if got, err := fsys.ReadFile(tc.want); err != nil || !bytes.Equal(got, data) {
				t.Errorf("flash:/%s = %q, %v", tc.want, got, err)
			}
			if err := fsys.Remove(tc.want); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestSCPDownload fetches files with `scp -f` and checks the refusals of names that are missing or
// outside flash:.
func TestSCPDownload(t *testing.T) {
	fsys, _ := newFlash(t, 0)
	data := bytes.Repeat([]byte("interface GigabitEthernet1/0/1\n"), 5000)
	if err := fsys.WriteFileAtomic("run.cfg", data); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"scp -f flash:/run.cfg", "scp -f run.cfg", "scp -p -f /run.cfg", "scp -f flash:run.cfg"} {
		got, msg, status := startSCP(t, fsys, strings.Fields(cmd)...).Get()
		if msg != "" || status != 0 || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes, %q, exit %d", cmd, len(got), msg, status)
		}
	}
	for _, tc := range []struct{ cmd, want string }{
		{"scp -f flash:/none.cfg", "1 scp: flash:/none.cfg: No such file or directory"},
		{"scp -f ../etc/passwd", "1 scp: ../etc/passwd: Permission denied (outside flash:)"},
		{"scp -f cfa0:/run.cfg", "1 scp: cfa0:/run.cfg: Permission denied (outside flash:)"},
		{"scp -f /", "1 scp: flash:/: not a regular file"},
	} {
		_, msg, status := startSCP(t, fsys, strings.Fields(tc.cmd)...).Get()
		if msg != tc.want || status != 1 {
			t.Errorf("%s: %q, exit %d; want %q, exit 1", tc.cmd, msg, status, tc.want)
		}
	}
}

// TestSCPCapacity sends a file larger than the free space: it is refused before its bytes flow,
// nothing is written, and the exit status says so.
func TestSCPCapacity(t *testing.T) {
	const capacity = 128 << 10
	fsys, _ := newFlash(t, capacity)
	msg, status := startSCP(t, fsys, "scp", "-t", "flash:/big.bin").Put("big.bin", bytes.Repeat([]byte("x"), capacity+1), false)
	if !strings.HasPrefix(msg, "1 scp: flash:/big.bin: No space left on device") || status != 1 {
		t.Errorf("too big: %q, exit %d; want a no-space warning and exit 1", msg, status)
	}
	if _, err := os.Stat(filepath.Join(fsys.Dir(), "big.bin")); err == nil {
		t.Error("big.bin exists")
	}
	termtest.NoTempFiles(t, fsys.Dir())
	if msg, status := startSCP(t, fsys, "scp", "-t", "flash:/small.cfg").Put("small.cfg", []byte("return\n"), false); msg != "" || status != 0 {
		t.Errorf("a small file after the refusal: %q, exit %d", msg, status)
	}
}

// TestSCPDirectoryRefused sends a directory (scp -r): refused, nothing created.
func TestSCPDirectoryRefused(t *testing.T) {
	fsys, _ := newFlash(t, 0)
	s := startSCP(t, fsys, "scp", "-r", "-t", "flash:/")
	if msg := s.Reply(); msg != "" {
		t.Fatal(msg)
	}
	fmt.Fprintf(s.In, "D0755 0 dir\n")
	if msg := s.Reply(); !strings.HasPrefix(msg, "2 scp: directories cannot be copied") {
		t.Errorf("D record: %q", msg)
	}
	if status := s.Finish(); status != 1 {
		t.Errorf("exit %d; want 1", status)
	}
	if _, err := os.Stat(filepath.Join(fsys.Dir(), "dir")); err == nil {
		t.Error("the directory was created")
	}
}

// TestParseSCP checks which exec commands handleSCP takes: scp itself, never a CLI command.
func TestParseSCP(t *testing.T) {
	for _, tc := range []struct {
		argv   []string
		ok     bool
		sink   bool
		paths  int
		errSet bool
	}{
		{[]string{"display", "version"}, false, false, 0, false},
		{[]string{"scpx", "-t", "a"}, false, false, 0, false},
		{nil, false, false, 0, false},
		{[]string{"scp", "-t", "a"}, true, true, 1, false},
		{[]string{"scp", "-pt", "--", "-a"}, true, true, 1, false},
		{[]string{"scp", "-f", "a", "b"}, true, false, 2, false},
		{[]string{"scp", "-t", "a", "b"}, true, true, 2, true},
		{[]string{"scp", "-t", "-f", "a"}, true, true, 1, true},
		{[]string{"scp", "-t"}, true, true, 0, true},
	} {
		a, ok, err := ParseSCP(tc.argv)
		if ok != tc.ok || (err != nil) != tc.errSet || (ok && !tc.errSet && (a.sink != tc.sink || len(a.paths) != tc.paths)) {
			t.Errorf("ParseSCP(%q) = %+v, %v, %v", tc.argv, a, ok, err)
		}
	}
}
