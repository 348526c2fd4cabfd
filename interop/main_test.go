package interop

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"vtyd/switchctl/pki"
)

// Paths TestMain fills in before any test runs.
var (
	vtydBin  string // the vtyd binary, built without -race
	seedKeys string // pre-generated host keys (pki.SeedForTests), copied into each data directory
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "vtyd-interop-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "interop:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	if err := build(dir); err != nil {
		fmt.Fprintln(os.Stderr, "interop:", err)
		return 1
	}
	return m.Run()
}

// build compiles vtyd from the repository root into dir and seeds the host keys. -race is taken
// out of GOFLAGS so that `GOFLAGS=-race go test ./interop/` still gets a plain build of the server
// (go test -race itself does not pass the flag on).
func build(dir string) error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("go is not on PATH: %w", err)
	}
	vtydBin = filepath.Join(dir, "vtyd")
	cmd := exec.Command(goBin, "build", "-o", vtydBin, ".")
	cmd.Dir = ".."
	var flags []string
	for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
		if f != "-race" && f != "-race=true" {
			flags = append(flags, f)
		}
	}
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.Join(flags, " "))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, out)
	}
	seedKeys = filepath.Join(dir, "seed")
	if err := pki.SeedForTests(seedKeys); err != nil {
		return err
	}
	return nil
}

// TestServerBuiltWithoutRace: the clients' timeouts are tuned for real switches, so the server
// they drive is a plain build even under `go test -race`.
func TestServerBuiltWithoutRace(t *testing.T) {
	out, err := exec.Command("go", "version", "-m", vtydBin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	if strings.Contains(string(out), "-race=true") {
		t.Errorf("vtyd was built with -race:\n%s", out)
	}
}
