package switchctl

import (
	"testing"

	"vtyd/internal/importcheck"
)

// TestNoUIOrServerImports holds the architecture's one-way arrows: the device never imports the SSH
// server, the console, the themes or the Charm libraries, so it runs without any of them. It looks
// at switchctl/flash and switchctl/pki too, which are the device's as much.
func TestNoUIOrServerImports(t *testing.T) {
	importcheck.ForbidTree(t, []string{"vtyd/sshsrv", "vtyd/tui", "vtyd/themes", "charm.land/", "github.com/charmbracelet/"},
		"switchctl must not depend on the server, the console or Charm")
}
