package audit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCutter feeds the Cutter any keys and any device output, cut anywhere: it must never panic, keep
// its memory bounded, and every record must be one masked line at a prompt.
func FuzzCutter(f *testing.F) {
	f.Add([]byte("dis clock\r"), []byte("<sw1>dis clock\r\n19:35:31 UTC Sat 01/08/2011\r\n<sw1>"), uint8(7))
	f.Add([]byte("dis verx\x7f\r"), []byte("<sw1>dis verx\b \b\r\n % Unrecognized command found at '^' position.\r\n<sw1>"), uint8(3))
	f.Add([]byte(" \r\x03"), []byte("<sw1>dis int b\r\nGE1/0/1 UP\r\n  ---- More ----"+erasePager+"GE1/0/2 UP\r\n<sw1>"), uint8(11))
	f.Add([]byte("save\ry\r\r"), []byte("<sw1>save\r\nAre you sure? [Y/N]:y\r\n(press the enter key):\r\n<sw1>"), uint8(5))
	f.Add([]byte("pass sim X\r"), []byte("[sw1-luser-manage-bob]pass sim X\r\n[sw1-luser-manage-bob]\x1b[99999999D\x1b]0;t\x07\xff\xe4\xb8"), uint8(1))
	f.Add([]byte("\x1b[200~dis clock\rdis clock\r\x1b[201~dis\r"), []byte("<sw1>dis clock\r\n<sw1>dis clock\r\n<sw1>dis\r\n<sw1>"), uint8(130))
	f.Fuzz(func(t *testing.T, in, out []byte, step uint8) {
		c := &Cutter{Base: Record{Kind: KindCLI}, Terminal: step >= 128} // on a terminal, pastes are told
		n := int(step%16) + 1
		var recs []Record
		for i, j := 0, 0; i < len(in) || j < len(out); i, j = i+n, j+n {
			c.Input(in[min(i, len(in)):min(i+n, len(in))])
			recs = append(recs, c.Output(out[min(j, len(out)):min(j+n, len(out))])...)
		}
		recs = append(recs, c.Close(nil)...)
		if len(c.enters) > maxEnters || len(c.screen.cells) > maxCells || len(c.screen.params) > 32 {
			t.Fatalf("unbounded state: %d enters, %d cells, %d params", len(c.enters), len(c.screen.cells), len(c.screen.params))
		}
		for _, r := range recs {
			if !utf8.ValidString(r.Command) || strings.ContainsAny(r.Command, "\r\n") || r.Command == "" {
				t.Errorf("command %q is not one line of text", r.Command)
			}
			if Mask(r.Command) != r.Command {
				t.Errorf("command %q is not masked", r.Command)
			}
			if !promptRe.MatchString(r.Prompt) || promptRe.FindString(r.Prompt) != r.Prompt {
				t.Errorf("prompt %q", r.Prompt)
			}
			if r.Result != ResultOK && r.Result != ResultError || (r.Result == ResultError) == (r.Error == "") {
				t.Errorf("result %q with error %q", r.Result, r.Error)
			}
			if (r.Kind == KindPaste) != (r.Op != "") || r.Kind != KindPaste && r.Kind != KindCLI {
				t.Errorf("kind %q with op %q", r.Kind, r.Op)
			}
			if r.Duration < 0 {
				t.Errorf("duration %v", r.Duration)
			}
		}
	})
}

// FuzzMask: masking never panics, is stable, and keeps what follows a secret.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"password simple X", "snmp-agent community read \"a b", "key au s X", "ke", "\"", "pass \\\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Mask(s)
		if Mask(m) != m {
			t.Errorf("Mask(%q) = %q, masked again %q", s, m, Mask(m))
		}
		if strings.Count(s, "\n") != strings.Count(m, "\n") && !strings.Contains(m, masked) {
			t.Errorf("Mask(%q) = %q lost lines without masking", s, m)
		}
	})
}
