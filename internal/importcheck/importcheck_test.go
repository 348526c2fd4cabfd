package importcheck

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// recorder is a testing.TB that keeps what the check reports.
type recorder struct {
	testing.TB
	errs  []string
	fatal string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit() // as testing does: nothing after a Fatal runs
}

// run checks dir as Forbid (or ForbidTree) would, on a goroutine of its own since Fatal ends it.
func run(t *testing.T, dir string, tree bool, forbidden []string) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(r, dir, tree, forbidden, "why")
	}()
	<-done
	return r
}

// TestCheck: each forbidden import is reported with its file and the reason; the tree form also
// looks below the directory; a directory without Go files fails rather than passes.
func TestCheck(t *testing.T) {
	bad, sub := filepath.Join("testdata", "bad", "a.go"), filepath.Join("testdata", "bad", "sub", "b.go")
	forbidden := []string{"vtyd/tui", "charm.land/"}
	for _, tc := range []struct {
		name      string
		dir       string
		tree      bool
		forbidden []string
		want      []string
		fatal     bool
	}{
		{"the directory", "testdata/bad", false, forbidden, []string{bad + " imports vtyd/tui: why"}, false},
		{"and below", "testdata/bad", true, forbidden, []string{bad + " imports vtyd/tui: why", sub + " imports charm.land/bubbletea/v2: why"}, false},
		{"nothing forbidden imported", "testdata/bad", true, []string{"vtyd/sshsrv"}, nil, false},
		{"no Go files", "testdata/empty", false, forbidden, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.dir, tc.tree, tc.forbidden)
			if !slices.Equal(r.errs, tc.want) {
				t.Errorf("reported %q, want %q", r.errs, tc.want)
			}
			if (r.fatal != "") != tc.fatal {
				t.Errorf("fatal %q, want one: %v", r.fatal, tc.fatal)
			}
		})
	}
}
