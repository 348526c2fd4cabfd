package fleet

import (
	"testing"

	"vtyd/internal/importcheck"
)

// TestImports holds the fleet's place in the design: it knows devices (switchctl) and no server or
// console, so inventories and checks run without either.
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"vtyd/sshsrv", "vtyd/tui", "vtyd/themes", "charm.land/", "github.com/charmbracelet/"},
		"fleet must not depend on the server or the console")
}
