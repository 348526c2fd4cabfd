package switchctl

import (
	"errors"
	"strings"
	"testing"
)

// TestLoadGoesOnAfterAnOverlongLine: a line longer than any command (here 10 MiB, past any reader's
// buffer) is refused with its number like other bad lines and the rest of the file loads; it used to
// end the load without a word, leaving SSH and the users of the file's end unconfigured.
func TestLoadGoesOnAfterAnOverlongLine(t *testing.T) {
	d := newTestDevice(t)
	text := "vlan 10\n#\ninterface GigabitEthernet1/0/1\n description " + strings.Repeat("x", 10<<20) + "\n#\nvlan 20\n#\n ssh server enable\n"
	cfg, errs := loadScratch(d, text)
	if len(errs) != 1 || errs[0].Line != 4 || !errors.Is(errs[0].Err, ErrLineTooLong) {
		t.Fatalf("refused lines %v, want line 4 as too long", errs)
	}
	if len(errs[0].Text) > MaxLineLen+3 {
		t.Errorf("the refused line is kept whole (%d bytes)", len(errs[0].Text))
	}
	if cfg.VLANs[10] == nil || cfg.VLANs[20] == nil || !cfg.SSH.Enabled {
		t.Errorf("the lines after the long one were not loaded:\n%s", cfg.Render())
	}
	// The last line without a newline, long or not, is a line too.
	_, errs = loadScratch(d, "vlan 30\n"+strings.Repeat("y", 2<<20))
	if len(errs) != 1 || errs[0].Line != 2 || !errors.Is(errs[0].Err, ErrLineTooLong) {
		t.Errorf("refused lines %v, want line 2 as too long", errs)
	}
}

// TestLoadReportsAReadError: a file that cannot be read to its end says so in a refused line
// instead of passing for complete.
func TestLoadReportsAReadError(t *testing.T) {
	d := newTestDevice(t)
	errRead := errors.New("disk gone")
	errs := d.Load(&failingReader{data: "vlan 10\nvlan 2", err: errRead})
	if len(errs) != 1 || errs[0].Line != 2 || !errors.Is(errs[0].Err, errRead) {
		t.Errorf("refused lines %v, want a read error at line 2", errs)
	}
}

type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}
