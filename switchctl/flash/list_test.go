package flash_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vtyd/switchctl/flash"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestWriteDirComware reproduces the dir output captured on a real switch (FACTS §2.4).
func TestWriteDirComware(t *testing.T) {
	entries := []flash.Entry{
		{Name: "11_11.cfg", Size: 4596, ModTime: time.Date(2011, 1, 29, 23, 16, 21, 0, time.UTC)},
		{Name: "diagfile", Dir: true, ModTime: time.Date(2011, 1, 17, 0, 1, 17, 0, time.UTC), Index: 8},
		{Name: ".trash", Dir: true, ModTime: time.Date(2011, 1, 17, 0, 1, 17, 0, time.UTC), Index: 9},
	}
	want := "Directory of flash:\n" +
		"   0 -rw-        4596 Jan 29 2011 23:16:21   11_11.cfg\n" +
		"   8 drw-           - Jan 17 2011 00:01:17   diagfile\n" +
		"   9 drwh           - Jan 17 2011 00:01:17   .trash\n" +
		"\n" +
		"1048576 KB total (742204 KB free)\n"
	var b strings.Builder
	if err := flash.WriteDir(&b, ".", entries, 1048576*1024, 742204*1024+1023); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestFormatDirGolden lists a populated flash: with fixed modification times in a fixed zone.
func TestFormatDirGolden(t *testing.T) {
	zone := time.FixedZone("UTC+8", 8*3600)
	f := openFS(t, 1<<20, flash.WithLocation(zone))
	files := []struct {
		name string
		size int
		at   time.Time
	}{
		{"startup.cfg", 5609, time.Date(2011, 1, 23, 10, 47, 57, 0, time.UTC)},
		{"11_11.cfg", 4596, time.Date(2011, 1, 29, 15, 16, 21, 0, time.UTC)},
		{"logfile/logfile1.log", 120000, time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)},
		{"startup.mdb", 117516, time.Date(2011, 1, 23, 10, 47, 58, 0, time.UTC)},
	}
	for _, d := range []string{"logfile", "diagfile", "versionInfo"} {
		if err := f.Mkdir(d); err != nil {
			t.Fatal(err)
		}
	}
	for _, fl := range files {
		mustWrite(t, f, fl.name, bytes.Repeat([]byte{'c'}, fl.size))
		setTime(t, f, fl.name, fl.at)
	}
	setTime(t, f, "logfile", time.Date(2011, 1, 28, 11, 27, 38, 0, time.UTC))
	setTime(t, f, "diagfile", time.Date(2011, 1, 16, 16, 1, 17, 0, time.UTC))
	setTime(t, f, "versionInfo", time.Date(2011, 1, 28, 10, 17, 52, 0, time.UTC))
	writeHost(t, filepath.Join(f.Dir(), ".tmp-inflight"), []byte("hidden"))

	tests := []struct{ golden, dir string }{
		{"dir_root", "flash:/"},
		{"dir_sub", "flash:/logfile"},
		{"dir_empty", "diagfile"},
		{"dir_file", "/startup.cfg"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.FormatDir(&b, tt.dir); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, b.Bytes())
		})
	}
}

func setTime(t *testing.T, f *flash.FS, name string, at time.Time) {
	t.Helper()
	if err := f.Root().Chtimes(name, at, at); err != nil {
		t.Fatal(err)
	}
}

// golden compares got with testdata/name.golden, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
