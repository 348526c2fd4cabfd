package audit

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestDatasync: an appended line is read back after datasync, and a file that can no longer be
// synced says so (a Write is then not acknowledged) rather than passing silently.
func TestDatasync(t *testing.T) {
	name := filepath.Join(t.TempDir(), liveName)
	f, err := openOS(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("{\"cmd\":\"display clock\"}\n")); err != nil {
		t.Fatal(err)
	}
	if err := datasync(f); err != nil {
		t.Fatalf("datasync: %v", err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "{\"cmd\":\"display clock\"}\n" {
		t.Fatalf("read back %q, %v", got, err)
	}
	f.Close()
	if err := datasync(f); err == nil || !errors.Is(err, os.ErrClosed) {
		t.Fatalf("datasync of a closed file: %v, want os.ErrClosed", err)
	}
}
