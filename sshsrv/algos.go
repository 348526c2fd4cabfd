package sshsrv

import (
	"errors"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// wireAlgos is the device's `ssh2 algorithm KIND` list (or its defaults) in SSH wire names,
// in priority order.
func (s *Server) wireAlgos(kind string) []string {
	return switchctl.AlgoWire(kind, s.d.AlgoNames(kind))
}

// setAlgorithms fills cfg's key exchanges, ciphers and MACs from the device, for one connection.
// switchctl validates the names when they are configured and only maps names this stack implements,
// legacy ones (3des-cbc, diffie-hellman-group14-sha1, hmac-sha1-96) included. An empty list would
// make the SSH library fall back to its own defaults, so it becomes a list nothing can match.
func (s *Server) setAlgorithms(cfg *gossh.ServerConfig) {
	cfg.KeyExchanges = nonEmpty(s.wireAlgos("key-exchange"))
	cfg.Ciphers = nonEmpty(s.wireAlgos("cipher"))
	cfg.MACs = nonEmpty(s.wireAlgos("mac"))
}

// noAlgorithm stands for an empty list: no SSH implementation knows it, so negotiation fails
// (and is logged) instead of silently using the library's defaults.
const noAlgorithm = "none-configured@vtyd"

func nonEmpty(algos []string) []string {
	if len(algos) == 0 {
		return []string{noAlgorithm}
	}
	return algos
}

// mismatch describes a failed algorithm negotiation: the category with no common algorithm as
// Comware's SSHS_ALGORITHM_MISMATCH words it ("encryption") and as OpenSSH's "no matching cipher
// found" does ("cipher"), and what the client offered. ok is false for any other error.
type mismatch struct {
	comware, openssh string
	theirs           []string
}

func negotiationFailure(err error) (mismatch, bool) {
	var ne *gossh.AlgorithmNegotiationError
	if !errors.As(err, &ne) {
		return mismatch{}, false
	}
	// What is "key exchange", "host key", "client to server cipher", "server to client MAC", ...
	m := mismatch{comware: ne.What, openssh: ne.What, theirs: ne.RequestedAlgorithms}
	switch w := ne.What; {
	case w == "key exchange":
		m.openssh = "key exchange method"
	case w == "host key":
		m.comware, m.openssh = "public key", "host key type"
	case strings.HasSuffix(w, "cipher"):
		m.comware, m.openssh = "encryption", "cipher"
	case strings.HasSuffix(w, "MAC"):
		m.comware, m.openssh = "MAC", "MAC"
	case strings.HasSuffix(w, "compression"):
		m.comware, m.openssh = "compression", "compression method"
	}
	return m, true
}
