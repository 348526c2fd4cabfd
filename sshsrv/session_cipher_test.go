package sshsrv

import (
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestSSHSessionShowsCipher: display ssh server session shows the encryption the client negotiated,
// by its Comware name ([P-5920]: aes128-cbc), not "-".
func TestSSHSessionShowsCipher(t *testing.T) {
	e := startServer(t, Config{}, nil)
	for _, tc := range []struct{ wire, want string }{
		{gossh.CipherAES128CTR, " aes128-ctr "},
		{gossh.CipherAES256GCM, " aes256-gcm "},
	} {
		c, err := dialWith(e.addr, gossh.Config{Ciphers: []string{tc.wire}})
		if err != nil {
			t.Fatalf("%s: %v", tc.wire, err)
		}
		r := run(t, c, "display ssh server session", "", false)
		c.Close()
		if !strings.Contains(r.stdout, "UserPid   SessID Ver   Encrypt") || !strings.Contains(r.stdout, tc.want) {
			t.Errorf("%s: display ssh server session:\n%s%s", tc.wire, r.stdout, r.stderr)
		}
	}
}
