package netconf

import (
	"testing"

	"vtyd/internal/importcheck"
)

// TestImports holds netconf's place in the design: the protocol over a byte stream and the device,
// nothing of SSH or the console (sshsrv carries it).
func TestImports(t *testing.T) {
	importcheck.Forbid(t, []string{"vtyd/sshsrv", "vtyd/tui", "vtyd/gateway", "vtyd/remote", "vtyd/fleet",
		"charm.land/", "golang.org/x/crypto/ssh"}, "netconf serves a byte stream; sshsrv carries it over SSH")
}
