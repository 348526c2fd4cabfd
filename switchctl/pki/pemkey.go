package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // SA1019: ssh-dss is a legacy Comware host key; crypto/dsa is Go's only DSA.
	"crypto/ed25519"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"

	"golang.org/x/crypto/ssh"
)

// dsaPEMType is OpenSSL's traditional DSA key block, which ssh-keygen and
// openssl read. x/crypto's OpenSSH format no longer carries DSA keys.
const dsaPEMType = "DSA PRIVATE KEY"

// dsaPrivateASN1 is the OpenSSL DSAPrivateKey structure.
type dsaPrivateASN1 struct {
	Version       int
	P, Q, G, Y, X *big.Int
}

// marshalPrivate encodes a private key as PEM: the OpenSSH format for RSA,
// ECDSA and Ed25519, OpenSSL's DSA PRIVATE KEY for DSA.
func marshalPrivate(priv crypto.PrivateKey, comment string) ([]byte, error) {
	if k, ok := priv.(*dsa.PrivateKey); ok {
		der, err := asn1.Marshal(dsaPrivateASN1{P: k.P, Q: k.Q, G: k.G, Y: k.Y, X: k.X})
		if err != nil {
			return nil, err
		}
		return pem.EncodeToMemory(&pem.Block{Type: dsaPEMType, Bytes: der}), nil
	}
	block, err := ssh.MarshalPrivateKey(priv, comment)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(block), nil
}

// parsePrivate decodes what marshalPrivate wrote.
func parsePrivate(data []byte) (crypto.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("no PEM block")
	}
	if block.Type != dsaPEMType {
		priv, err := ssh.ParseRawPrivateKey(data)
		if p, ok := priv.(*ed25519.PrivateKey); ok {
			return *p, err
		}
		return priv, err
	}
	var k dsaPrivateASN1
	rest, err := asn1.Unmarshal(block.Bytes, &k)
	if err != nil {
		return nil, fmt.Errorf("DSA key: %w", err)
	}
	if len(rest) != 0 || k.Version != 0 {
		return nil, errors.New("DSA key: unexpected structure")
	}
	priv := &dsa.PrivateKey{
		PublicKey: dsa.PublicKey{Parameters: dsa.Parameters{P: k.P, Q: k.Q, G: k.G}, Y: k.Y},
		X:         k.X,
	}
	if err := checkDSA(&priv.PublicKey); err != nil {
		return nil, fmt.Errorf("DSA key: %w", err)
	}
	return priv, nil
}
