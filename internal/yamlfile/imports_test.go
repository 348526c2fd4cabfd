package yamlfile

import (
	"testing"

	"vtyd/internal/importcheck"
)

// TestImports holds yamlfile below the packages that read files with it: it knows YAML, not fleets
// or users, so neither reader drags the other in.
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"vtyd/fleet", "vtyd/gateway", "vtyd/switchctl", "vtyd/sshsrv", "vtyd/tui"},
		"yamlfile must not depend on the packages that use it")
}
