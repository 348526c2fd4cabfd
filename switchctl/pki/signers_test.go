package pki

import (
	"slices"
	"sync"
	"testing"

	"golang.org/x/crypto/ssh"
)

func TestSigners(t *testing.T) {
	s := seeded(t)
	if _, err := s.Create(KindEd25519, "named", 0); err != nil {
		t.Fatal(err)
	}
	for _, sha1 := range []bool{false, true} {
		signers, err := s.Signers(sha1)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, sg := range signers {
			types = append(types, sg.PublicKey().Type())
			sig, err := sg.Sign(nil, []byte("data"))
			if err != nil {
				t.Fatalf("%s: Sign: %v", sg.PublicKey().Type(), err)
			}
			if err := sg.PublicKey().Verify([]byte("data"), sig); err != nil {
				t.Errorf("%s: Verify: %v", sg.PublicKey().Type(), err)
			}
			if sg.PublicKey().Type() != ssh.KeyAlgoRSA {
				continue
			}
			want := []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256}
			if sha1 {
				want = append(want, ssh.KeyAlgoRSA)
			}
			if got := sg.(ssh.MultiAlgorithmSigner).Algorithms(); !slices.Equal(got, want) {
				t.Errorf("RSA algorithms (sha1 %v) = %v, want %v", sha1, got, want)
			}
			if sig.Format == ssh.KeyAlgoRSA {
				t.Errorf("default RSA signature uses SHA-1")
			}
		}
		want := []string{"ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256", "ssh-ed25519"}
		if !slices.Equal(types, want) {
			t.Errorf("signer types = %v, want %v (one per default key)", types, want)
		}
	}
}

// TestConcurrentUse lets the race detector watch readers during changes.
func TestConcurrentUse(t *testing.T) {
	s := seeded(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				if _, err := s.Signers(false); err != nil {
					t.Error(err)
					return
				}
				_ = s.List()
			}
		})
	}
	for range 5 {
		if _, err := s.Create(KindEd25519, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	if err := s.Destroy(KindEd25519, ""); err != nil {
		t.Fatal(err)
	}
	if signers, _ := s.Signers(false); len(signers) != 3 {
		t.Errorf("after Destroy %d signers, want 3", len(signers))
	}
}
