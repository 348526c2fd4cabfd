package switchctl

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestControlCharactersAreWrongParameters: text and word arguments that carry terminal controls
// (C0 but TAB, DEL, C1, bidi controls) are refused as a wrong parameter, so that a user cannot plant
// an escape sequence that another user's terminal would obey; nothing of the line is configured.
func TestControlCharactersAreWrongParameters(t *testing.T) {
	tests := []struct{ name, line string }{
		{"sysname with CSI", "sysname X\x1b[2JY"},
		{"sysname with OSC 52", "sysname a\x1b]52;c;cm0gLXJmIH4=\x07"},
		{"sysname with C1 CSI (UTF-8)", "sysname a\u009b2Jb"},
		{"sysname with a raw 8-bit CSI", "sysname a\x9b2Jb"},
		{"sysname with DEL", "sysname a\x7fb"},
		{"motd with OSC 0", "header motd %hello \x1b]0;owned\x07 world%"},
		{"motd with a bidi override", "header motd %admin\u202egnp.exe%"},
		{"quoted word with a newline", "sysname \"a\nb\""},
		{"interface description with BEL", "interface GigabitEthernet1/0/1 ; description up\x07link"},
		{"vlan name with an isolate", "vlan 10 ; name a\u2066b"},
		{"vlan name with ALM", "vlan 10 ; name a\u061cb"},
		{"vlan description with LRM", "vlan 10 ; description a\u200eb"},
		{"filter expression with ESC (kept in the history)", "display version | include a\x1bb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newFileRig(t)
			r.must("system-view")
			lines := strings.Split(tt.line, " ; ")
			for _, l := range lines[:len(lines)-1] {
				r.must(l)
			}
			before := r.d.CurrentConfig()
			last := lines[len(lines)-1]
			out, err := r.run(last)
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Kind != WrongParam {
				t.Fatalf("%q: err %v, want a wrong parameter", last, err)
			}
			if got := Message(err); got != " % Wrong parameter found at '^' position." {
				t.Errorf("message %q", got)
			}
			if out != "" {
				t.Errorf("output %q", out)
			}
			if after := r.d.CurrentConfig(); after != before {
				t.Errorf("the configuration changed:\n%s", lineDiff(before, after))
			}
		})
	}
	// A TAB is text, and so are letters of any script.
	r := newFileRig(t)
	r.must("system-view")
	r.must("header motd %Welcome\tto Zürich — 東京%")
	if got := r.d.Header("motd"); got != "Welcome\tto Zürich — 東京" {
		t.Errorf("motd %q", got)
	}
}

// TestControlCharactersInAMultiLineBanner: the lines of a banner typed over several lines are text
// arguments too.
func TestControlCharactersInAMultiLineBanner(t *testing.T) {
	r := newFileRig(t)
	r.must("system-view")
	r.must("header motd %")
	if _, err := r.run("evil \x1b[2J line"); err == nil {
		t.Error("a banner line with ESC was taken")
	}
	r.must("good line")
	r.must("%")
	if got := r.d.Header("motd"); got != "good line\n" {
		t.Errorf("motd %q", got)
	}
}

// TestStartupLineWithControlsIsRefused: a startup file line carrying an escape sequence is refused
// like any bad line, with its number, and the rest of the file loads.
func TestStartupLineWithControlsIsRefused(t *testing.T) {
	r := newFileRig(t)
	cfg, errs := loadScratch(r.d, "sysname Good\ninterface GigabitEthernet1/0/1\n description a\x1b]8;;http://x\x07b\n#\nvlan 20\n")
	if len(errs) != 1 || errs[0].Line != 3 {
		t.Fatalf("refused lines %v, want line 3", errs)
	}
	if cfg.Sysname != "Good" || cfg.VLANs[20] == nil || cfg.Ifaces["GigabitEthernet1/0/1"].Description != "" {
		t.Errorf("the file did not load around the bad line:\n%s", cfg.Render())
	}
}

// TestDirEscapesControlsInFileNames: a file put on flash: by other means (SFTP, the host) whose
// name carries ESC or a newline is listed with them escaped, one line per file.
func TestDirEscapesControlsInFileNames(t *testing.T) {
	r := newFileRig(t)
	for _, name := range []string{"a\x1b[2Jb.txt", "two\nlines.txt", "c\u009bd.txt", "e\u202ef.txt"} {
		if err := os.WriteFile(filepath.Join(r.d.Flash().Dir(), name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := r.must("dir")
	for _, bad := range []string{"\x1b", "\u009b", "\u202e", "two\n"} {
		if strings.Contains(out, bad) {
			t.Errorf("dir printed %q raw:\n%s", bad, out)
		}
	}
	for _, want := range []string{`a\x1b[2Jb.txt`, `two\nlines.txt`, `c\u009bd.txt`, `e\u202ef.txt`} {
		if !strings.Contains(out, "   "+want+"\n") {
			t.Errorf("dir lacks %q:\n%s", want, out)
		}
	}
}

// TestFileContentsAreShownEscaped: `more` and `display saved-configuration` show a file put on
// flash: by SFTP with its terminal controls escaped, line by line.
func TestFileContentsAreShownEscaped(t *testing.T) {
	r := newFileRig(t)
	r.write("startup.cfg", "#\n sysname A\x1b]0;owned\x07\n#\nreturn")
	want := "#\n sysname A\\x1b]0;owned\\x07\n#\nreturn\n"
	for _, line := range []string{"more startup.cfg", "display saved-configuration"} {
		if out := r.must(line); out != want {
			t.Errorf("%s:\n%q\nwant %q", line, out, want)
		}
	}
}
