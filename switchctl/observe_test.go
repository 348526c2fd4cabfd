package switchctl

import (
	"context"
	"io"
	"testing"
)

// TestObserve: every line a session runs is told, with its prompt, its secrets masked and its
// outcome; what does not parse is told as typed, unmasked, for the audit to mask.
func TestObserve(t *testing.T) {
	r := newSimRig(t, Options{})
	var got []Ran
	r.s.Observe(func(x Ran) { got = append(got, x) })
	for _, line := range []string{"system-view", "local-user bob class manage", "password simple Secret-1", "", "displya clock"} {
		_ = r.s.Exec(context.Background(), line, io.Discard)
	}
	want := []struct {
		prompt, line string
		masked, ok   bool
	}{
		{"<HPE>", "system-view", true, true},
		{"[HPE]", "local-user bob class manage", true, true},
		{"[HPE-luser-manage-bob]", "password simple ******", true, true},
		{"[HPE-luser-manage-bob]", "displya clock", false, false},
	}
	if len(got) != len(want) {
		t.Fatalf("told %d lines, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Prompt != w.prompt || g.Line != w.line || g.Masked != w.masked || (g.Err == nil) != w.ok {
			t.Errorf("line %d: %+v; want prompt %q line %q masked %v ok %v", i, g, w.prompt, w.line, w.masked, w.ok)
		}
	}
}
