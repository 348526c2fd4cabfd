package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // SA1019: ssh-dss is a legacy Comware host key; crypto/dsa is Go's only DSA.
	"crypto/rand"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"math/big"

	"golang.org/x/crypto/ssh"
)

// dssAlgo is the RFC 4253 name of DSA keys and signatures.
const dssAlgo = "ssh-dss"

// DSAPublicKey is an ssh-dss public key (RFC 4253 section 6.6), which
// golang.org/x/crypto/ssh no longer implements. It satisfies ssh.PublicKey
// and ssh.CryptoPublicKey.
type DSAPublicKey struct {
	dsa.PublicKey
}

// Type returns "ssh-dss".
func (k *DSAPublicKey) Type() string { return dssAlgo }

// Marshal returns the wire form: string "ssh-dss", mpint p, q, g, y.
func (k *DSAPublicKey) Marshal() []byte {
	b := appendString(nil, []byte(dssAlgo))
	for _, n := range []*big.Int{k.P, k.Q, k.G, k.Y} {
		b = appendMpint(b, n)
	}
	return b
}

// Verify checks an ssh-dss signature: a SHA-1 digest signed as 20-byte r
// followed by 20-byte s.
func (k *DSAPublicKey) Verify(data []byte, sig *ssh.Signature) error {
	if sig.Format != dssAlgo {
		return fmt.Errorf("pki: signature type %q for key type %q", sig.Format, dssAlgo)
	}
	if len(sig.Blob) != 40 {
		return errors.New("pki: ssh-dss signature is not 40 bytes")
	}
	r := new(big.Int).SetBytes(sig.Blob[:20])
	s := new(big.Int).SetBytes(sig.Blob[20:])
	h := sha1.Sum(data)
	if !dsa.Verify(&k.PublicKey, h[:], r, s) {
		return errors.New("pki: ssh-dss signature verification failed")
	}
	return nil
}

// CryptoPublicKey returns the *dsa.PublicKey.
func (k *DSAPublicKey) CryptoPublicKey() crypto.PublicKey { return &k.PublicKey }

// NewDSASigner returns an ssh.Signer producing ssh-dss signatures. The key
// must have a 160-bit q (L1024N160), the only size ssh-dss can carry.
func NewDSASigner(priv *dsa.PrivateKey) (ssh.Signer, error) {
	if priv.Q == nil || priv.Q.BitLen() != 160 || priv.X == nil {
		return nil, fmt.Errorf("%w: ssh-dss needs a DSA key with a 160-bit q", ErrUnsupportedKey)
	}
	return &dsaSigner{priv: priv}, nil
}

type dsaSigner struct {
	priv *dsa.PrivateKey
}

func (s *dsaSigner) PublicKey() ssh.PublicKey { return &DSAPublicKey{s.priv.PublicKey} }

func (s *dsaSigner) Sign(r io.Reader, data []byte) (*ssh.Signature, error) {
	if r == nil {
		r = rand.Reader
	}
	h := sha1.Sum(data)
	sr, ss, err := dsa.Sign(r, s.priv, h[:])
	if err != nil {
		return nil, fmt.Errorf("pki: ssh-dss sign: %w", err)
	}
	blob := make([]byte, 40)
	sr.FillBytes(blob[:20])
	ss.FillBytes(blob[20:])
	return &ssh.Signature{Format: dssAlgo, Blob: blob}, nil
}

// parseDSAWire parses the wire form written by DSAPublicKey.Marshal.
func parseDSAWire(blob []byte) (*DSAPublicKey, error) {
	typ, rest, ok := readString(blob)
	if !ok || string(typ) != dssAlgo {
		return nil, errors.New("not an ssh-dss key")
	}
	var n [4]*big.Int
	for i := range n {
		if n[i], rest, ok = readMpint(rest); !ok {
			return nil, errors.New("truncated ssh-dss key data")
		}
	}
	if len(rest) != 0 {
		return nil, errors.New("trailing data after ssh-dss key")
	}
	k := &DSAPublicKey{dsa.PublicKey{Parameters: dsa.Parameters{P: n[0], Q: n[1], G: n[2]}, Y: n[3]}}
	if err := checkDSA(&k.PublicKey); err != nil {
		return nil, err
	}
	return k, nil
}

// checkDSA rejects parameters that cannot be a DSA key of 512 to 3072 bits.
func checkDSA(k *dsa.PublicKey) error {
	one := big.NewInt(1)
	switch {
	case k.P.BitLen() < 512 || k.P.BitLen() > 3072:
		return fmt.Errorf("DSA modulus of %d bits", k.P.BitLen())
	case k.Q.Sign() <= 0 || k.Q.Cmp(k.P) >= 0:
		return errors.New("DSA q out of range")
	case k.G.Cmp(one) <= 0 || k.G.Cmp(k.P) >= 0, k.Y.Cmp(one) <= 0 || k.Y.Cmp(k.P) >= 0:
		return errors.New("DSA g or y out of range")
	}
	return nil
}
