package fanout

import (
	"testing"

	"vtyd/internal/importcheck"
)

// TestImports holds fanout's place in the design: the console and the gateway's exec both run on it,
// so it knows nothing of either, nor of devices.
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"vtyd/switchctl", "vtyd/sshsrv", "vtyd/tui", "vtyd/themes", "vtyd/fleet",
		"vtyd/gateway", "vtyd/remote", "vtyd/audit", "charm.land/"}, "fanout runs functions on names; it knows nothing of devices, SSH or the console")
}
