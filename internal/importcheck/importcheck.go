// Package importcheck holds a package's place in the design from its own tests: the packages it must
// never import (DESIGN.md's arrows), checked on its source so that a wrong import fails a test in
// the package that made it, not a review later.
package importcheck

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// Forbid fails t for every import, in the *.go files (tests included) of the directory the test runs
// in — the package under test's — whose path starts with one of forbidden. Each failure reads
// "FILE imports PATH: why".
func Forbid(t testing.TB, forbidden []string, why string) {
	t.Helper()
	check(t, ".", false, forbidden, why)
}

// ForbidTree is Forbid for the directory and every one below it: a package that speaks for the
// packages under it (switchctl for switchctl/flash and switchctl/pki).
func ForbidTree(t testing.TB, forbidden []string, why string) {
	t.Helper()
	check(t, ".", true, forbidden, why)
}

func check(t testing.TB, dir string, tree bool, forbidden []string, why string) {
	t.Helper()
	files, err := goFiles(dir, tree)
	if err != nil || len(files) == 0 {
		// No files would pass every check: say so rather than pass.
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	for _, path := range files {
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			for _, bad := range forbidden {
				if strings.HasPrefix(p, bad) {
					t.Errorf("%s imports %s: %s", path, p, why)
				}
			}
		}
	}
}

// goFiles are the *.go files of dir, and of the directories below it if tree.
func goFiles(dir string, tree bool) ([]string, error) {
	if !tree {
		return filepath.Glob(filepath.Join(dir, "*.go"))
	}
	var out []string
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".go") {
			out = append(out, path)
		}
		return err
	})
	return out, err
}
