package gateway

import (
	"testing"

	"vtyd/internal/importcheck"
)

// TestImports holds the gateway's place in the design: a policy the SSH server asks (sshsrv), which
// never draws (tui) nor reads fleet files (main joins the two).
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"vtyd/tui", "vtyd/themes", "vtyd/fleet", "github.com/charmbracelet/"},
		"the gateway must not depend on the console or the fleet file")
}
