package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // SA1019: ssh-dss is a legacy Comware host key; crypto/dsa is Go's only DSA.
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
	"io"
	"time"

	"golang.org/x/crypto/ssh"
)

// LocalKey is one local key pair. The Store shares LocalKeys between
// goroutines: treat them as read-only (copy one to change Created, say).
type LocalKey struct {
	// Name is the key pair's name, in lower case.
	Name string
	// Kind is the algorithm and curve.
	Kind Kind
	// Created is when the pair was generated (the key file's modification
	// time: the Store never rewrites a key file in place).
	Created time.Time
	// Private is the private key: *rsa.PrivateKey, *ecdsa.PrivateKey,
	// ed25519.PrivateKey or *dsa.PrivateKey.
	Private crypto.PrivateKey
}

// IsDefault reports whether the key carries its kind's default name, which
// display public-key marks "(default)" and the SSH server uses.
func (k *LocalKey) IsDefault() bool { return k.Name == k.Kind.DefaultName() }

// PublicKey returns the SSH public key, or nil if Private is of an
// unsupported type (never the case for keys from a Store).
func (k *LocalKey) PublicKey() ssh.PublicKey {
	pub, err := k.cryptoPublic()
	if err != nil {
		return nil
	}
	key, err := sshPublic(pub)
	if err != nil {
		return nil
	}
	return key
}

// Signer returns a host-key signer for the key. An RSA signer signs only
// with rsa-sha2-512 and rsa-sha2-256; see Store.Signers for ssh-rsa.
func (k *LocalKey) Signer() (ssh.Signer, error) { return k.signer(false) }

func (k *LocalKey) signer(allowSHA1RSA bool) (ssh.Signer, error) {
	if p, ok := k.Private.(*dsa.PrivateKey); ok {
		return NewDSASigner(p)
	}
	s, err := ssh.NewSignerFromKey(k.Private)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrUnsupportedKey, k.Name, err)
	}
	if _, ok := k.Private.(*rsa.PrivateKey); !ok {
		return s, nil
	}
	as, ok := s.(ssh.AlgorithmSigner)
	if !ok {
		return nil, fmt.Errorf("%w: %s: RSA signer without algorithm choice", ErrUnsupportedKey, k.Name)
	}
	algos := []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256}
	if allowSHA1RSA {
		algos = append(algos, ssh.KeyAlgoRSA)
	}
	ms, err := ssh.NewSignerWithAlgorithms(as, algos)
	if err != nil {
		return nil, err
	}
	return firstAlgoSigner{ms}, nil
}

// firstAlgoSigner makes plain Sign use the preferred allowed algorithm:
// x/crypto's restricted signer still signs with ssh-rsa (SHA-1) there.
type firstAlgoSigner struct {
	ssh.MultiAlgorithmSigner
}

func (s firstAlgoSigner) Sign(r io.Reader, data []byte) (*ssh.Signature, error) {
	return s.SignWithAlgorithm(r, data, s.Algorithms()[0])
}

// cryptoPublic returns the crypto public half of Private.
func (k *LocalKey) cryptoPublic() (crypto.PublicKey, error) {
	switch p := k.Private.(type) {
	case *rsa.PrivateKey:
		return &p.PublicKey, nil
	case *ecdsa.PrivateKey:
		return &p.PublicKey, nil
	case ed25519.PrivateKey:
		return p.Public(), nil
	case *dsa.PrivateKey:
		return &p.PublicKey, nil
	}
	return nil, fmt.Errorf("%w: %T", ErrUnsupportedKey, k.Private)
}

// kindOf returns the Kind of a private key.
func kindOf(priv crypto.PrivateKey) (Kind, error) {
	switch p := priv.(type) {
	case *rsa.PrivateKey:
		return KindRSA, nil
	case ed25519.PrivateKey:
		return KindEd25519, nil
	case *dsa.PrivateKey:
		return KindDSA, nil
	case *ecdsa.PrivateKey:
		switch p.Curve.Params().BitSize {
		case 256:
			return KindECDSA256, nil
		case 384:
			return KindECDSA384, nil
		}
		return 0, fmt.Errorf("%w: ECDSA curve %s", ErrUnsupportedKey, p.Curve.Params().Name)
	}
	return 0, fmt.Errorf("%w: %T", ErrUnsupportedKey, priv)
}
