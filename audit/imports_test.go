package audit

import (
	"testing"

	"vtyd/internal/importcheck"
)

// TestImports holds audit's place in the design: a leaf that the gateway, the relay and the console
// write to, which knows nothing of them (only internal helpers may be shared).
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"vtyd/switchctl", "vtyd/sshsrv", "vtyd/tui", "vtyd/themes", "vtyd/fleet",
		"vtyd/gateway", "vtyd/remote", "vtyd/netconf", "vtyd/bench", "vtyd/interop", "vtyd/deploy", "vtyd/examples",
		"github.com/charmbracelet/", "charm.land/"}, "audit is a leaf package: records and recordings, nothing of the devices or the UI")
}
