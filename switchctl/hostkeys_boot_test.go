package switchctl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBootWithBadOrMissingHostKeys (PROBE L7): a corrupt host key file no longer stops the device:
// it boots with the other keys, leaves the file alone and warns; a keys directory gone after the
// first start is made anew with a warning that clients will see a new host key.
func TestBootWithBadOrMissingHostKeys(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := Open(Options{Dir: dir, SeedKeys: true, BcryptCost: 4}); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "keys", "hostkey.rsa.pem")
	if err := os.WriteFile(bad, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\ntruncated"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, rep, err := Open(Options{Dir: dir, BcryptCost: 4})
	if err != nil {
		t.Fatalf("a corrupt host key file stopped the boot: %v", err)
	}
	if !hasWarning(rep.Warnings, "hostkey.rsa.pem skipped") {
		t.Errorf("no warning about the corrupt key file in %q", rep.Warnings)
	}
	if signers, err := d.Keys().Signers(false); err != nil || len(signers) == 0 {
		t.Errorf("no host key to serve with: %d, %v", len(signers), err)
	}
	if data, _ := os.ReadFile(bad); !strings.Contains(string(data), "truncated") {
		t.Error("the corrupt key file was overwritten")
	}

	if err := os.RemoveAll(filepath.Join(dir, "keys")); err != nil {
		t.Fatal(err)
	}
	_, rep, err = Open(Options{Dir: dir, BcryptCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(rep.Warnings, "clients will see a new host key") {
		t.Errorf("host keys made anew without a warning: %q", rep.Warnings)
	}
}

func hasWarning(warnings []string, part string) bool {
	for _, w := range warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// TestNoRSA: a fleet device makes only its Ed25519 host key on first start, and keeps it; an RSA
// key comes only on request.
func TestNoRSA(t *testing.T) {
	dir := t.TempDir()
	d, _, err := Open(Options{Dir: dir, BcryptCost: 4, NoRSA: true})
	if err != nil {
		t.Fatal(err)
	}
	signers, err := d.Keys().Signers(false)
	if err != nil || len(signers) != 1 || signers[0].PublicKey().Type() != "ssh-ed25519" {
		t.Fatalf("host keys after a NoRSA first start: %d, %v", len(signers), err)
	}
	first := signers[0].PublicKey().Marshal()
	d, _, err = Open(Options{Dir: dir, BcryptCost: 4, NoRSA: true})
	if err != nil {
		t.Fatal(err)
	}
	if signers, _ := d.Keys().Signers(false); len(signers) != 1 || string(signers[0].PublicKey().Marshal()) != string(first) {
		t.Error("the Ed25519 key was not kept across a restart")
	}
}
