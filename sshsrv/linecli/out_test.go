package linecli

import (
	"bytes"
	"testing"
)

// TestOutWriterCRLF: on a terminal every \n gets a \r before it unless it has one, also when the
// \r ended the write before.
func TestOutWriterCRLF(t *testing.T) {
	for _, tc := range []struct {
		writes []string
		want   string
	}{
		{[]string{"a\nb\n"}, "a\r\nb\r\n"},
		{[]string{"a\r\nb"}, "a\r\nb"},
		{[]string{"a\r", "\nb\n"}, "a\r\nb\r\n"},
		{[]string{"a", "\n\n"}, "a\r\n\r\n"},
		{[]string{"\r", "x\n"}, "\rx\r\n"},
	} {
		var got bytes.Buffer
		o := &outWriter{w: &got, crlf: true}
		for _, w := range tc.writes {
			if _, err := o.Write([]byte(w)); err != nil {
				t.Fatal(err)
			}
		}
		if err := o.Flush(); err != nil || got.String() != tc.want {
			t.Errorf("%q: got %q (%v), want %q", tc.writes, got.String(), err, tc.want)
		}
	}
}
