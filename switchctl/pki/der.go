package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // SA1019: ssh-dss is a legacy Comware host key; crypto/dsa is Go's only DSA.
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"unicode"

	"golang.org/x/crypto/ssh"
)

// hexLineLen is how many hex digits Comware prints per key code line.
const hexLineLen = 72

// oidDSA is id-dsa (RFC 3279).
var oidDSA = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 1}

// HexDER returns the key code Comware shows and stores for key: the DER
// SubjectPublicKeyInfo in upper-case hex, 72 digits per line, lines joined
// by "\n" without indentation or a final newline. ParseHexDER reads it
// back to the same key, so a hex-entered key renders identically in the
// running configuration (PKCS#1 entries come back as SubjectPublicKeyInfo).
func HexDER(key ssh.PublicKey) (string, error) {
	der, err := keyDER(key)
	if err != nil {
		return "", err
	}
	return strings.Join(hexLines(der), "\n"), nil
}

// ParseHexDER parses Comware key code: hex digits, any white space
// ignored, holding a DER SubjectPublicKeyInfo (RSA, DSA, ECDSA, Ed25519) or
// a bare PKCS#1 RSAPublicKey, which some releases print for RSA keys.
func ParseHexDER(code string) (ssh.PublicKey, error) {
	code = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, code)
	if code == "" {
		return nil, fmt.Errorf("%w: empty", ErrBadKeyCode)
	}
	der, err := hex.DecodeString(code)
	if err != nil {
		return nil, fmt.Errorf("%w: not hexadecimal (%v)", ErrBadKeyCode, err)
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		rsaPub, rerr := x509.ParsePKCS1PublicKey(der)
		if rerr != nil {
			return nil, fmt.Errorf("%w: not a DER public key (%v)", ErrBadKeyCode, err)
		}
		pub = rsaPub
	}
	return sshPublic(pub)
}

// keyDER returns the DER SubjectPublicKeyInfo of an SSH public key.
func keyDER(key ssh.PublicKey) ([]byte, error) {
	cp, ok := key.(ssh.CryptoPublicKey)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrUnsupportedKey, key.Type())
	}
	return marshalPKIX(cp.CryptoPublicKey())
}

// marshalPKIX is x509.MarshalPKIXPublicKey plus DSA, which x509 only parses.
func marshalPKIX(pub crypto.PublicKey) ([]byte, error) {
	k, ok := pub.(*dsa.PublicKey)
	if !ok {
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnsupportedKey, err)
		}
		return der, nil
	}
	params, err := asn1.Marshal(struct{ P, Q, G *big.Int }{k.P, k.Q, k.G})
	if err != nil {
		return nil, err
	}
	y, err := asn1.Marshal(k.Y)
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}{
		Algorithm: pkix.AlgorithmIdentifier{Algorithm: oidDSA, Parameters: asn1.RawValue{FullBytes: params}},
		PublicKey: asn1.BitString{Bytes: y, BitLength: 8 * len(y)},
	})
}

// sshPublic converts a crypto public key to its SSH form.
func sshPublic(pub crypto.PublicKey) (ssh.PublicKey, error) {
	if k, ok := pub.(*dsa.PublicKey); ok {
		if err := checkDSA(k); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnsupportedKey, err)
		}
		return &DSAPublicKey{*k}, nil
	}
	key, err := ssh.NewPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupportedKey, err)
	}
	return key, nil
}

// hexLines renders der as upper-case hex in hexLineLen-digit lines.
func hexLines(der []byte) []string {
	h := strings.ToUpper(hex.EncodeToString(der))
	lines := make([]string, 0, len(h)/hexLineLen+1)
	for len(h) > hexLineLen {
		lines = append(lines, h[:hexLineLen])
		h = h[hexLineLen:]
	}
	return append(lines, h)
}
