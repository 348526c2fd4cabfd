package termtest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// AsciinemaCat plays an asciicast file with Debian's asciinema and returns what it printed: what
// the user saw. It skips the test, naming the package, when asciinema or script(1) is missing.
// asciinema cat opens /dev/tty, so it runs under script(1), which gives it a terminal; it puts that
// terminal in raw mode, so what it prints comes through unchanged.
func AsciinemaCat(t testing.TB, path string) string {
	t.Helper()
	bin, err := exec.LookPath("asciinema")
	if err != nil {
		t.Skip("asciinema is not installed (apt-get install asciinema): the recording was not played")
	}
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) is not installed (util-linux): asciinema cat needs a terminal")
	}
	cmd := exec.Command(script, "-qec", bin+" cat '"+strings.ReplaceAll(path, "'", `'\''`)+"'", "/dev/null")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("asciinema cat %s: %v\n%s", path, err, stderr.String())
	}
	return string(got)
}
