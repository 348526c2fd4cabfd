package gateway

import (
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImports holds the gateway's place in the design: a policy the SSH server asks (sshsrv), which
// never draws (tui) nor reads fleet files (main joins the two).
func TestImports(t *testing.T) {
	forbidden := []string{"vtyd/tui", "vtyd/themes", "vtyd/fleet", "github.com/charmbracelet/"}
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
					t.Errorf("%s imports %s: the gateway must not depend on the console or the fleet file", path, p)
				}
			}
		}
	}
}
