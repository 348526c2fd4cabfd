package pki

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"os/exec"
	"testing"

	"golang.org/x/crypto/ssh"
)

// testKeys returns public keys of every kind: the seeded ones plus fresh
// RSA-1024 and ECDSA P-384/P-521 keys (cheap to generate, even under -race).
func testKeys(t *testing.T) map[string]ssh.PublicKey {
	t.Helper()
	keys := make(map[string]ssh.PublicKey)
	for _, k := range seeded(t).List() {
		keys[k.Kind.family()+"-seed"] = k.PublicKey()
	}
	r, err := rsa.GenerateKey(nil, 1024)
	if err != nil {
		t.Fatal(err)
	}
	keys["rsa-1024"] = mustSSH(t, &r.PublicKey)
	for name, c := range map[string]elliptic.Curve{"ecdsa-384": elliptic.P384(), "ecdsa-521": elliptic.P521()} {
		e, err := ecdsa.GenerateKey(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		keys[name] = mustSSH(t, &e.PublicKey)
	}
	return keys
}

func mustSSH(t *testing.T, pub any) ssh.PublicKey {
	t.Helper()
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// tool returns the path of an external program, skipping the test without it.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed; skipping the cross-check against it", name)
	}
	return path
}

func sameKey(a, b ssh.PublicKey) bool { return string(a.Marshal()) == string(b.Marshal()) }
