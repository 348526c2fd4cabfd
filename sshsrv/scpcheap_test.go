package sshsrv

import (
	"testing"

	shlex "github.com/anmitsu/go-shlex"

	"vtyd/sshsrv/xfer"
)

// TestMayBeSCP: every command that ssh.Session.Command's lexing makes an scp one passes the cheap
// check, and the exec lines automation sends do not.
func TestMayBeSCP(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{"scp -t flash:/", true},
		{"  scp -f flash:/startup.cfg", true},
		{"\tscp\t-t x", true},
		{`"scp" -t x`, true},
		{`'scp' -t x`, true},
		{`s\cp -t x`, true},
		{`sc""p -t x`, true},
		{"display clock", false},
		{"display version\nquit", false},
		{"scpx -t", false},
		{"", false},
		{"  ", false},
	} {
		t.Run(tc.raw, func(t *testing.T) {
			words, _ := shlex.Split(tc.raw, true)
			_, isSCP, _ := xfer.ParseSCP(words)
			got := mayBeSCP(tc.raw)
			if got != tc.want {
				t.Errorf("mayBeSCP(%q) = %v, want %v", tc.raw, got, tc.want)
			}
			if isSCP && !got {
				t.Errorf("mayBeSCP(%q) is false for a command the server lexes as scp", tc.raw)
			}
		})
	}
}
