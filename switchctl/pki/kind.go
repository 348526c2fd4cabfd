package pki

import (
	"fmt"
	"strings"
)

// Kind is the algorithm (and curve) of a local key pair.
type Kind int

// The kinds of local key pair. The zero Kind is invalid.
const (
	KindRSA      Kind = iota + 1 // RSA, 1024 to 4096 bits
	KindECDSA256                 // ECDSA on secp256r1 (NIST P-256), Comware's ecdsa default
	KindECDSA384                 // ECDSA on secp384r1 (NIST P-384)
	KindEd25519                  // Ed25519, a vtyd extension
	KindDSA                      // DSA L1024N160, the legacy ssh-dss host key
)

// families lists the key families in display order. Comware names ECDSA
// keys without their curve, so both ECDSA kinds share one family: there is
// one "ecdsakey" whatever its curve.
var families = [...]string{"rsa", "dsa", "ecdsa", "ed25519"}

// String returns the kind as the CLI spells it ("rsa", "ecdsa secp384r1").
func (k Kind) String() string {
	switch k {
	case KindECDSA256:
		return "ecdsa secp256r1"
	case KindECDSA384:
		return "ecdsa secp384r1"
	case KindRSA, KindEd25519, KindDSA:
		return k.family()
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Type returns the "Key type" shown by display public-key: RSA, DSA,
// ECDSA or Ed25519.
func (k Kind) Type() string {
	switch k {
	case KindRSA, KindDSA, KindECDSA256, KindECDSA384:
		return strings.ToUpper(k.family())
	case KindEd25519:
		return "Ed25519"
	}
	return ""
}

// DefaultName returns the name Comware gives a key pair created without
// "name": hostkey, dsakey, ecdsakey, or (vtyd's own) ed25519key.
func (k Kind) DefaultName() string {
	switch k {
	case KindRSA:
		return "hostkey"
	case KindDSA:
		return "dsakey"
	case KindECDSA256, KindECDSA384:
		return "ecdsakey"
	case KindEd25519:
		return "ed25519key"
	}
	return ""
}

// family names the key family, which with the name identifies a key pair.
func (k Kind) family() string {
	switch k {
	case KindRSA:
		return "rsa"
	case KindDSA:
		return "dsa"
	case KindECDSA256, KindECDSA384:
		return "ecdsa"
	case KindEd25519:
		return "ed25519"
	}
	return ""
}

// familyRank orders families for List and Signers.
func familyRank(family string) int {
	for i, f := range families {
		if f == family {
			return i
		}
	}
	return len(families)
}

// normalizeName returns the stored form of a local key name: the kind's
// default name for "", lower case otherwise (Comware key names are
// case-insensitive).
func normalizeName(k Kind, name string) (string, error) {
	if k.family() == "" {
		return "", fmt.Errorf("%w: %d", ErrBadKind, int(k))
	}
	if name == "" {
		return k.DefaultName(), nil
	}
	name = strings.ToLower(name)
	if !validName(name) {
		return "", fmt.Errorf("%w: %q", ErrBadName, name)
	}
	return name, nil
}

func validName(name string) bool {
	if len(name) == 0 || len(name) > 64 {
		return false
	}
	for _, c := range name {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
