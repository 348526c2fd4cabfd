package pki

import (
	"bytes"
	"crypto/dsa" //nolint:staticcheck // SA1019: testing the legacy ssh-dss support.
	"errors"
	"math/big"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

func seededDSA(t *testing.T) *dsa.PrivateKey {
	t.Helper()
	k, err := seeded(t).Get(KindDSA, "")
	if err != nil {
		t.Fatal(err)
	}
	return k.Private.(*dsa.PrivateKey)
}

func TestDSASignVerify(t *testing.T) {
	priv := seededDSA(t)
	s, err := NewDSASigner(priv)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("exchange hash")
	sig, err := s.Sign(nil, data)
	if err != nil {
		t.Fatal(err)
	}
	if sig.Format != "ssh-dss" || len(sig.Blob) != 40 {
		t.Fatalf("signature = %q, %d bytes", sig.Format, len(sig.Blob))
	}
	pub := s.PublicKey()
	if err := pub.Verify(data, sig); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	bad := []struct {
		name string
		data []byte
		sig  *ssh.Signature
	}{
		{"other data", []byte("exchange hasH"), sig},
		{"wrong format", data, &ssh.Signature{Format: "ssh-rsa", Blob: sig.Blob}},
		{"short blob", data, &ssh.Signature{Format: "ssh-dss", Blob: sig.Blob[:39]}},
		{"flipped bit", data, &ssh.Signature{Format: "ssh-dss", Blob: append([]byte{sig.Blob[0] ^ 1}, sig.Blob[1:]...)}},
	}
	for _, tt := range bad {
		if err := pub.Verify(tt.data, tt.sig); err == nil {
			t.Errorf("%s: Verify accepted", tt.name)
		}
	}
}

func TestNewDSASignerRejectsLargeQ(t *testing.T) {
	priv := seededDSA(t)
	wide := *priv
	wide.Q = new(big.Int).Lsh(priv.Q, 64)
	if _, err := NewDSASigner(&wide); !errors.Is(err, ErrUnsupportedKey) {
		t.Errorf("NewDSASigner(q of %d bits) = %v, want ErrUnsupportedKey", wide.Q.BitLen(), err)
	}
}

func TestDSAWireFormat(t *testing.T) {
	pub := &DSAPublicKey{seededDSA(t).PublicKey}
	wire := pub.Marshal()
	back, err := parseDSAWire(wire)
	if err != nil {
		t.Fatal(err)
	}
	for i, pair := range [][2]*big.Int{{back.P, pub.P}, {back.Q, pub.Q}, {back.G, pub.G}, {back.Y, pub.Y}} {
		if pair[0].Cmp(pair[1]) != 0 {
			t.Errorf("field %d differs after round trip", i)
		}
	}
	// p is 1024 bits with the top bit set, so its mpint carries a zero byte.
	if _, rest, _ := readString(wire); !bytes.HasPrefix(rest, []byte{0, 0, 0, 129, 0}) {
		t.Errorf("p mpint starts % x, want 00 00 00 81 00", rest[:5])
	}
	bad := map[string][]byte{
		"empty":     nil,
		"truncated": wire[:len(wire)-1],
		"trailing":  append(bytes.Clone(wire), 0),
		"other":     appendString(nil, []byte("ssh-rsa")),
		"negative":  appendString(appendString(nil, []byte("ssh-dss")), []byte{0x80}),
	}
	for name, b := range bad {
		if _, err := parseDSAWire(b); err == nil {
			t.Errorf("%s: parseDSAWire accepted", name)
		}
	}
}

// TestPublicKeysMatchSSHKeygen checks the stored keys (and DSAPublicKey's
// Marshal) against ssh-keygen's reading of the same key files.
func TestPublicKeysMatchSSHKeygen(t *testing.T) {
	keygen := tool(t, "ssh-keygen")
	dir := t.TempDir()
	if err := SeedForTests(dir); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range s.List() {
		out, err := exec.Command(keygen, "-y", "-f", filepath.Join(dir, k.Name+"."+k.Kind.family()+".pem")).Output()
		if err != nil {
			t.Errorf("%s: ssh-keygen -y: %v", k.Name, err)
			continue
		}
		fields := strings.Fields(string(out))
		if got := OpenSSHPublic(k.PublicKey()); got != fields[0]+" "+fields[1] {
			t.Errorf("%s: OpenSSHPublic = %q, ssh-keygen says %q", k.Name, got, out)
		}
	}
}
