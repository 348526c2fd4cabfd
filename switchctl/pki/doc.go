// Package pki keeps the simulated switch's key material: the local key pairs
// managed with "public-key local create|destroy" (the SSH host keys) and the
// peer public keys entered with "public-key peer". It also renders keys the
// way Comware's display and export commands do.
//
// The package holds no SSH server code. The SSH layer asks a Store for its
// host-key Signers on every new connection, so a key created or destroyed
// from the CLI takes effect for the next login without a restart.
//
// golang.org/x/crypto/ssh no longer supports DSA, yet Comware still offers
// ssh-dss host keys and accepts DSA peer keys; DSAPublicKey and NewDSASigner
// fill that gap over crypto/dsa.
package pki

import "errors"

// Sentinel errors. Functions wrap them with detail; test with errors.Is.
var (
	// ErrBadKind reports a Kind outside the declared constants.
	ErrBadKind = errors.New("pki: unknown key type")
	// ErrBadName reports a local key name that Comware would refuse.
	ErrBadName = errors.New("pki: key name must be 1 to 64 letters, digits or hyphens")
	// ErrKeySize reports a modulus length outside the range Comware offers.
	ErrKeySize = errors.New("pki: key modulus length out of range")
	// ErrWeakKey reports a modulus Comware accepts (512 to 1023 bits) but Go
	// refuses to sign with, so vtyd refuses to create it.
	ErrWeakKey = errors.New("pki: key modulus shorter than 1024 bits is not supported")
	// ErrNoKey reports a local key pair that does not exist.
	ErrNoKey = errors.New("pki: the local key pair does not exist")
	// ErrBadKeyFile reports a peer key file that is not a public key in a
	// supported format; the wrapped text says why.
	ErrBadKeyFile = errors.New("pki: bad public key file")
	// ErrBadKeyCode reports hexadecimal key code that is not a DER public key.
	ErrBadKeyCode = errors.New("pki: bad public key code")
	// ErrUnsupportedKey reports a well-formed key of a type vtyd cannot use
	// (certificates, security keys, ML-DSA, curves other than NIST P-256/384/521).
	ErrUnsupportedKey = errors.New("pki: unsupported key type")
)
