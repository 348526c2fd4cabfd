package readers

import (
	"crypto/dsa" //nolint:staticcheck // Comware still lists DSA host keys; only their size is read.
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"strings"

	"golang.org/x/crypto/ssh"
)

// HostKey is one key block of `display public-key local ... public`.
type HostKey struct {
	Name    string // hostkey
	Default bool   // the name was printed with "(default)"
	Type    string // RSA, DSA, ECDSA, Ed25519
	Created string // as printed: 15:40:48 2011/05/12
	// Fingerprint is the SHA256 fingerprint OpenSSH shows for the key (SHA256:...), computed from
	// the key code; "" when the key code cannot be read as an SSH key (DSA, which x/crypto no
	// longer supports).
	Fingerprint string
	Bits        int // the key's size: RSA modulus bits, ECDSA curve bits, 256 for Ed25519
}

// ParsePublicKeys reads `display public-key local {rsa|dsa|ecdsa|ed25519} public`.
func ParsePublicKeys(text string) ([]HostKey, error) {
	var out []HostKey
	var code strings.Builder
	inCode := false
	finish := func() {
		if len(out) > 0 && code.Len() > 0 {
			fillKey(&out[len(out)-1], code.String())
		}
		code.Reset()
		inCode = false
	}
	for _, line := range lines(text) {
		t := strings.TrimSpace(line)
		if k, v, ok := strings.Cut(t, ":"); ok {
			v = strings.TrimSpace(v)
			switch strings.TrimSpace(k) {
			case "Key name":
				finish()
				name, def := strings.CutSuffix(v, "(default)")
				out = append(out, HostKey{Name: strings.TrimSpace(name), Default: def})
			case "Key type":
				if len(out) > 0 {
					out[len(out)-1].Type = v
				}
			case "Time when key pair created":
				if len(out) > 0 {
					out[len(out)-1].Created = v
				}
			case "Key code":
				inCode = true
			}
			continue
		}
		switch {
		case inCode && t != "" && !strings.HasPrefix(t, "==="):
			code.WriteString(t)
		case inCode:
			finish()
		}
	}
	finish()
	if len(out) == 0 {
		return nil, ErrFormat
	}
	return out, nil
}

// fillKey reads the key code (hex DER of a SubjectPublicKeyInfo) for the size and fingerprint.
func fillKey(k *HostKey, code string) {
	der, err := hex.DecodeString(code)
	if err != nil {
		return
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return
	}
	k.Bits = keyBits(pub)
	if sk, err := ssh.NewPublicKey(pub); err == nil {
		k.Fingerprint = ssh.FingerprintSHA256(sk)
	}
}

// keyBits is a public key's size in bits.
func keyBits(pub any) int {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return k.N.BitLen()
	case *ecdsa.PublicKey:
		return k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return 256
	case *dsa.PublicKey:
		return k.P.BitLen()
	}
	return 0
}
