package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // SA1019: ssh-dss is a legacy Comware host key; crypto/dsa is Go's only DSA.
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/ssh"
)

// displayRule opens each key in display public-key output.
const displayRule = "============================================="

// FormatLocal writes keys as "display public-key local ... public" does:
// per key a rule, name (marked "(default)" for default-named keys), type,
// creation time in Created's location, and the key code indented three
// spaces, then a blank line.
func FormatLocal(w io.Writer, keys []*LocalKey) error {
	var b strings.Builder
	for _, k := range keys {
		pub, err := k.cryptoPublic()
		if err != nil {
			return err
		}
		der, err := marshalPKIX(pub)
		if err != nil {
			return err
		}
		name := k.Name
		if k.IsDefault() {
			name += " (default)"
		}
		fmt.Fprintf(&b, "%s\nKey name: %s\nKey type: %s\nTime when key pair created: %s\nKey code:\n",
			displayRule, name, k.Kind.Type(), k.Created.Format("15:04:05 2006/01/02"))
		writeCode(&b, der)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FormatPeer writes one peer key as "display public-key peer name NAME"
// does: rule, name, type, modulus length in bits, key code, blank line.
func FormatPeer(w io.Writer, name string, key ssh.PublicKey) error {
	der, err := keyDER(key)
	if err != nil {
		return err
	}
	typ, bits := describe(key)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nKey name: %s\nKey type: %s\nKey modulus: %d\nKey code:\n", displayRule, name, typ, bits)
	writeCode(&b, der)
	_, err = io.WriteString(w, b.String())
	return err
}

// PeerEntry is one row of FormatPeerBrief.
type PeerEntry struct {
	Name string
	Key  ssh.PublicKey
}

// FormatPeerBrief writes "display public-key peer brief": a header and one
// row per entry, in the given order. The header's Modulus column is one
// character wider than the rows', as on the switch.
func FormatPeerBrief(w io.Writer, entries []PeerEntry) error {
	var b strings.Builder
	b.WriteString("Type  Modulus  Name\n---------------------------\n")
	for _, e := range entries {
		typ, bits := describe(e.Key)
		fmt.Fprintf(&b, "%-5s %-7d %s\n", typ, bits, e.Name)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// OpenSSHPublic returns key as an authorized_keys line without comment or
// newline ("ssh-ed25519 AAAA..."), for "public-key local export ... openssh".
func OpenSSHPublic(key ssh.PublicKey) string {
	return strings.TrimSuffix(string(ssh.MarshalAuthorizedKey(key)), "\n")
}

// FormatRFC4716 writes key in the SSH2 public key file format (RFC 4716),
// as "public-key local export ... ssh2" does; comment "" omits the
// Comment header. Long header and body lines are split as the RFC asks.
func FormatRFC4716(w io.Writer, key ssh.PublicKey, comment string) error {
	var b strings.Builder
	b.WriteString(rfc4716Begin + "\n")
	if comment != "" {
		h := `Comment: "` + strings.ReplaceAll(comment, `"`, `'`) + `"`
		for len(h) > 71 {
			b.WriteString(h[:71] + "\\\n")
			h = h[71:]
		}
		b.WriteString(h + "\n")
	}
	body := base64.StdEncoding.EncodeToString(key.Marshal())
	for len(body) > 70 {
		b.WriteString(body[:70] + "\n")
		body = body[70:]
	}
	b.WriteString(body + "\n" + rfc4716End + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeCode writes the indented key code lines and the closing blank line.
func writeCode(b *strings.Builder, der []byte) {
	for _, l := range hexLines(der) {
		b.WriteString("   " + l + "\n")
	}
	b.WriteString("\n")
}

// describe returns the Comware key type and modulus (or curve) length.
func describe(key ssh.PublicKey) (typ string, bits int) {
	var pub crypto.PublicKey
	if cp, ok := key.(ssh.CryptoPublicKey); ok {
		pub = cp.CryptoPublicKey()
	}
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *dsa.PublicKey:
		return "DSA", k.P.BitLen()
	case *ecdsa.PublicKey:
		return "ECDSA", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "Ed25519", 8 * len(k)
	}
	return key.Type(), 0
}
