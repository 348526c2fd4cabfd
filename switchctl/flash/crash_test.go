package flash_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"vtyd/switchctl/flash"
)

var errCrash = errors.New("simulated crash")

// TestCrashPoints stops a write at each crash point, as a power cut would, and checks that the file
// still holds its complete old content (or still does not exist), that a restart clears the debris,
// and that the next write lands.
func TestCrashPoints(t *testing.T) {
	oldData := bytes.Repeat([]byte("old config\n"), 3000)
	newData := bytes.Repeat([]byte("new config!\n"), 4000)
	for _, point := range flash.CrashPoints {
		for _, existed := range []bool{true, false} {
			name := point + "/fresh"
			if existed {
				name = point + "/replace"
			}
			t.Run(name, func(t *testing.T) {
				f := openFS(t, 0)
				if existed {
					mustWrite(t, f, "startup.cfg", oldData)
				}
				f.SetCrashHook(func(p string) error {
					if p == point {
						return errCrash
					}
					return nil
				})
				if err := f.WriteFileAtomic("flash:/startup.cfg", newData); !errors.Is(err, errCrash) {
					t.Fatalf("WriteFileAtomic = %v, want the crash", err)
				}
				checkOld(t, f, existed, oldData)

				g := reopen(t, f)
				checkOld(t, g, existed, oldData)
				want := []string{}
				if existed {
					want = []string{"startup.cfg"}
				}
				if names := hostNames(t, g.Dir()); !slices.Equal(names, want) {
					t.Errorf("after restart the flash holds %v, want %v", names, want)
				}

				mustWrite(t, g, "startup.cfg", newData)
				if got := mustRead(t, g, "startup.cfg"); !bytes.Equal(got, newData) {
					t.Error("the write after the restart did not land")
				}
				if names := listNames(t, g, "flash:/"); !slices.Equal(names, []string{"startup.cfg"}) {
					t.Errorf("List = %v, want only startup.cfg", names)
				}
			})
		}
	}
}

// checkOld asserts that startup.cfg is exactly what it was before the crashed write.
func checkOld(t *testing.T, f *flash.FS, existed bool, old []byte) {
	t.Helper()
	got, err := f.ReadFile("startup.cfg")
	switch {
	case !existed && err == nil:
		t.Errorf("a crashed first write left a %d-byte file", len(got))
	case existed && err != nil:
		t.Errorf("old file lost: %v", err)
	case existed && !bytes.Equal(got, old):
		t.Errorf("old file damaged: %d bytes, want %d", len(got), len(old))
	}
	if names := listNames(t, f, "."); len(names) > 1 {
		t.Errorf("List shows %v, want no temp files", names)
	}
}
