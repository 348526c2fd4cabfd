package remote

import (
	"bytes"
	"regexp"
	"strings"
)

// What a Comware terminal session carries besides text (FACTS.md §1.5): the pager's prompt, erased
// with a cursor-left, spaces and another cursor-left once a key is pressed, and other cursor
// sequences; a NUL some releases put before the first prompt; \r\n line ends.
var (
	pagerPrompt = []byte("---- More ----")
	pagerRe     = regexp.MustCompile(`(\r?\n)? *---- More ----(\x1b\[\d+D *\x1b\[\d+D)?`)
	csiRe       = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)
	// A question waits on the line with no line end after it: the Y/N dialogs, and the file name
	// question of `save`.
	questionRe = regexp.MustCompile(`(\[Y/N\]|Y/N):\s*$|press the enter key\):\s*$`)
)

// clean turns terminal output into text: the pager's prompt and its erasure go (the output
// continues as if never paged), then other cursor sequences, NULs, backspace-space-backspace
// erasures and carriage returns.
//
// Each pass runs only over output that holds what it removes: pagerRe cannot skip ahead to a literal
// (its match starts with optional line ends and spaces), so run on every output it costs more than
// all the rest of an exec of a large configuration.
func clean(b []byte) string {
	if bytes.Contains(b, pagerPrompt) {
		b = pagerRe.ReplaceAllFunc(b, pagerLineEnd)
	}
	if bytes.IndexByte(b, 0x1b) >= 0 {
		b = csiRe.ReplaceAll(b, nil)
	}
	if bytes.IndexByte(b, '\b') >= 0 {
		b = bytes.ReplaceAll(b, []byte("\b \b"), nil)
	}
	return withoutCRNUL(b)
}

// withoutCRNUL is b as a string without its carriage returns and NULs, in one copy: a large
// output was copied once per kind of character removed.
func withoutCRNUL(b []byte) string {
	if bytes.IndexByte(b, 0) >= 0 { // rare: a NUL some releases put before the first prompt
		b = bytes.ReplaceAll(b, []byte{0}, nil)
	}
	var out strings.Builder
	out.Grow(len(b))
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			out.Write(b)
			return out.String()
		}
		out.Write(b[:i])
		b = b[i+1:]
	}
}

// pagerLineEnd is what replaces a pager's prompt and its erasure.
func pagerLineEnd(m []byte) []byte {
	if m[0] == '\r' || m[0] == '\n' {
		// The line end before the pager prompt belongs to the output unless the erasure
		// brings the output back to the same line (it always does after a key): keep it.
		return []byte("\n")
	}
	return nil
}

// lastLine is the text after the last line end.
func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// pagerWaiting reports whether raw ends with the pager's prompt (nothing after it but spaces).
func pagerWaiting(raw []byte) bool {
	return bytes.HasSuffix(bytes.TrimRight(raw, " "), pagerPrompt)
}
