package pki

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

func TestHexDERRoundTrip(t *testing.T) {
	for name, key := range testKeys(t) {
		t.Run(name, func(t *testing.T) {
			code, err := HexDER(key)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(code, "\n")
			for i, l := range lines {
				if len(l) > 72 || (i < len(lines)-1 && len(l) != 72) || l != strings.ToUpper(l) {
					t.Fatalf("line %d = %q", i, l)
				}
			}
			back, err := ParseHexDER(code)
			if err != nil {
				t.Fatal(err)
			}
			if !sameKey(back, key) {
				t.Fatal("key changed in the round trip")
			}
			// As typed in the pkey view: lower case, other line breaks.
			messy := " " + strings.ToLower(strings.ReplaceAll(code, "\n", "")[:10]) + "\r\n\t" + strings.ReplaceAll(code, "\n", "")[10:]
			again, err := ParseHexDER(messy)
			if err != nil {
				t.Fatal(err)
			}
			if code2, _ := HexDER(again); code2 != code {
				t.Fatal("rendering changed after re-entry")
			}
		})
	}
}

func TestParseHexDERPKCS1(t *testing.T) {
	key := testKeys(t)["rsa-1024"]
	pkcs1 := x509.MarshalPKCS1PublicKey(key.(ssh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey))
	back, err := ParseHexDER(hex.EncodeToString(pkcs1))
	if err != nil {
		t.Fatal(err)
	}
	if !sameKey(back, key) {
		t.Fatal("PKCS#1 key parsed to a different key")
	}
}

// TestDSADERMatchesOpenSSL checks the hand-written DSA SubjectPublicKeyInfo
// against OpenSSL's.
func TestDSADERMatchesOpenSSL(t *testing.T) {
	openssl := tool(t, "openssl")
	dir := t.TempDir()
	if err := SeedForTests(dir); err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(openssl, "pkey", "-in", filepath.Join(dir, "dsakey.dsa.pem"), "-pubout", "-outform", "DER").Output()
	if err != nil {
		t.Fatal(err)
	}
	got, err := keyDER(&DSAPublicKey{seededDSA(t).PublicKey})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("DSA DER\n got %X\nwant %X", got, want)
	}
}

func TestParseHexDERErrors(t *testing.T) {
	x, err := ecdh.X25519().GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	x25519, err := x509.MarshalPKIXPublicKey(x.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	rsaCode, _ := HexDER(testKeys(t)["rsa-1024"])
	tests := []struct {
		name, code string
		want       error
	}{
		{"empty", " \n ", ErrBadKeyCode},
		{"not hex", "30819FZZ", ErrBadKeyCode},
		{"odd length", "30819", ErrBadKeyCode},
		{"not DER", "DEADBEEF", ErrBadKeyCode},
		{"truncated", rsaCode[:len(rsaCode)-8], ErrBadKeyCode},
		{"trailing", rsaCode + "00", ErrBadKeyCode},
		{"X25519", hex.EncodeToString(x25519), ErrUnsupportedKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseHexDER(tt.code); !errors.Is(err, tt.want) {
				t.Errorf("ParseHexDER = %v, want %v", err, tt.want)
			}
		})
	}
}
