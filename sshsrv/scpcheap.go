package sshsrv

import "strings"

// mayBeSCP reports whether an exec's raw command can be an `scp` one, without the shell-word
// lexing of ssh.Session.Command (a 4 KiB reader and a token slice per call, on every relayed
// exec). It is false only when the command holds no quote, escape or comment, so that its first
// shell word is its first field, and that field is not `scp`; otherwise Command has the final say.
func mayBeSCP(raw string) bool {
	if strings.ContainsAny(raw, "'\"\\#") {
		return true
	}
	f := strings.Fields(raw)
	return len(f) > 0 && f[0] == "scp"
}
