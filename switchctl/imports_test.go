package switchctl

import (
	"go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoUIOrServerImports holds the architecture's one-way arrows: the device never imports the SSH
// server, the console, the themes or the Charm libraries, so it runs without any of them.
func TestNoUIOrServerImports(t *testing.T) {
	forbidden := []string{"vtyd/sshsrv", "vtyd/tui", "vtyd/themes", "charm.land/", "github.com/charmbracelet/"}
	err := filepath.WalkDir(".", func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(gotoken.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			for _, bad := range forbidden {
				if strings.HasPrefix(p, bad) {
					t.Errorf("%s imports %s: switchctl must not depend on the server, the console or Charm", path, p)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
