package fleet

import (
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImports holds the fleet's place in the design: it knows devices (switchctl) and no server or
// console, so inventories and checks run without either.
func TestImports(t *testing.T) {
	forbidden := []string{"vtyd/sshsrv", "vtyd/tui", "vtyd/themes", "charm.land/", "github.com/charmbracelet/"}
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := goparser.ParseFile(token.NewFileSet(), path, src, goparser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			for _, bad := range forbidden {
				if strings.HasPrefix(p, bad) {
					t.Errorf("%s imports %s: fleet must not depend on the server or the console", path, p)
				}
			}
		}
	}
}
