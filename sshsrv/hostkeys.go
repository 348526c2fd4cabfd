package sshsrv

import (
	"fmt"
	"io"
	"slices"

	gossh "golang.org/x/crypto/ssh"
)

// Host keys are chosen for every connection, so that `public-key local create|destroy` and
// `ssh2 algorithm public-key` take effect for the next login without a restart.
//
// charm.land/ssh adds its Server.HostSigners to each connection's config after
// ServerConfigCallback, replacing ours of the same type, and its Serve generates an RSA key when
// there are none; so the server keeps HostSigners empty and runs its own accept loop (server.go)
// around HandleConn, and serverConfig adds the signers returned here.

// hostSigners returns the host keys a new connection is offered: the device's default-named keys
// (hostkey, ed25519key, ecdsakey, dsakey), each restricted to the signature algorithms that
// `ssh2 algorithm public-key` lists. The RSA key signs with rsa-sha2-512/256, and with ssh-rsa
// (SHA-1) only when "rsa" is configured; a DSA key is offered only when "dsa" is.
func (s *Server) hostSigners() ([]gossh.Signer, error) {
	allowed := s.wireAlgos("public-key")
	all, err := s.d.Keys().Signers(slices.Contains(allowed, gossh.KeyAlgoRSA))
	if err != nil {
		return nil, err
	}
	var out []gossh.Signer
	for _, sg := range all {
		if r := restrict(sg, allowed); r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// HostKeys lists the public host keys a connection made now would be offered, for the start-up
// log (with gossh.FingerprintSHA256) and for tests.
func (s *Server) HostKeys() ([]gossh.PublicKey, error) {
	signers, err := s.hostSigners()
	if err != nil {
		return nil, fmt.Errorf("sshsrv: host keys: %w", err)
	}
	keys := make([]gossh.PublicKey, len(signers))
	for i, sg := range signers {
		keys[i] = sg.PublicKey()
	}
	return keys, nil
}

// restrict limits sg to the signature algorithms in allowed, or returns nil when none is left. The
// SSH library offers, for each host key, the algorithms its signer reports (MultiAlgorithmSigner).
func restrict(sg gossh.Signer, allowed []string) gossh.Signer {
	keyType := sg.PublicKey().Type()
	as, ok := sg.(gossh.AlgorithmSigner)
	if !ok || keyType != gossh.KeyAlgoRSA {
		// One algorithm per key type (ssh-ed25519, ecdsa-sha2-*, ssh-dss): all or nothing.
		if slices.Contains(allowed, keyType) {
			return sg
		}
		return nil
	}
	have := []string{gossh.KeyAlgoRSASHA512, gossh.KeyAlgoRSASHA256, gossh.KeyAlgoRSA}
	if ms, ok := sg.(gossh.MultiAlgorithmSigner); ok {
		have = ms.Algorithms()
	}
	var algos []string
	for _, a := range allowed {
		if slices.Contains(have, a) && !slices.Contains(algos, a) {
			algos = append(algos, a)
		}
	}
	if len(algos) == 0 {
		return nil
	}
	return algoSigner{as, algos}
}

// algoSigner is an RSA host key limited to some signature algorithms.
type algoSigner struct {
	gossh.AlgorithmSigner
	algos []string
}

// Algorithms lists the signature algorithms the key may sign with, preferred first.
func (a algoSigner) Algorithms() []string { return a.algos }

// Sign signs with ssh-rsa when that is allowed — x/crypto calls plain Sign for a host key exactly
// when the negotiated algorithm is the key's own type name, ssh-rsa — and otherwise with the
// preferred allowed algorithm, so that a plain Sign never means SHA-1 unless it was configured.
func (a algoSigner) Sign(r io.Reader, data []byte) (*gossh.Signature, error) {
	if slices.Contains(a.algos, gossh.KeyAlgoRSA) {
		return a.SignWithAlgorithm(r, data, gossh.KeyAlgoRSA)
	}
	return a.SignWithAlgorithm(r, data, a.algos[0])
}

// SignWithAlgorithm refuses algorithms outside the allowed list.
func (a algoSigner) SignWithAlgorithm(r io.Reader, data []byte, algo string) (*gossh.Signature, error) {
	if algo == "" {
		algo = a.algos[0]
	}
	if !slices.Contains(a.algos, algo) {
		return nil, fmt.Errorf("sshsrv: host key signature algorithm %q is not enabled", algo)
	}
	return a.AlgorithmSigner.SignWithAlgorithm(r, data, algo)
}
