package sshsrv

import (
	"bytes"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl/pki"
)

// hostKeyFor logs in as admin accepting only the host key algorithms given and returns the host
// key the server proved it holds.
func hostKeyFor(addr string, algos ...string) (gossh.PublicKey, error) {
	var got gossh.PublicKey
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{password("secret")},
		HostKeyAlgorithms: algos, Timeout: 10 * time.Second,
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			got = key
			return nil
		}})
	if err != nil {
		return nil, err
	}
	c.Close()
	return got, nil
}

// TestHostKeyCreateDestroyWithoutRestart: `public-key local destroy|create` change what the next
// connection is offered, with the same server running.
func TestHostKeyCreateDestroyWithoutRestart(t *testing.T) {
	e := startServer(t, Config{}, nil)
	const p256, p384 = gossh.KeyAlgoECDSA256, gossh.KeyAlgoECDSA384
	if _, err := hostKeyFor(e.addr, p256); err != nil {
		t.Fatalf("the seeded ECDSA key is not offered: %v", err)
	}
	configure(t, e.d, "system-view", "public-key local destroy ecdsa")
	if _, err := hostKeyFor(e.addr, p256, p384); err == nil {
		t.Fatal("a destroyed ECDSA key is still offered")
	}
	configure(t, e.d, "system-view", "public-key local create ecdsa secp384r1")
	got, err := hostKeyFor(e.addr, p384)
	if err != nil {
		t.Fatalf("a new ECDSA P-384 key is not offered without a restart: %v", err)
	}
	k, err := e.d.Keys().Get(pki.KindECDSA384, "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Marshal(), k.PublicKey().Marshal()) {
		t.Error("the server signed with another key than the device's ecdsakey")
	}
	keys, err := e.srv.HostKeys()
	if err != nil || !slices.ContainsFunc(keys, func(k gossh.PublicKey) bool { return k.Type() == p384 }) {
		t.Errorf("HostKeys() = %d keys, %v; want the new P-384 key among them", len(keys), err)
	}
}

// TestHostKeyAlgorithms: the RSA key signs with SHA-2 only unless `ssh2 algorithm public-key`
// lists rsa (ssh-rsa); the offer is the configured list, intersected with the keys present.
func TestHostKeyAlgorithms(t *testing.T) {
	e := startServer(t, Config{}, nil)
	check := func(algo string, want bool) {
		t.Helper()
		_, err := hostKeyFor(e.addr, algo)
		if got := err == nil; got != want {
			t.Errorf("host key algorithm %s accepted: %v, want %v (err %v)", algo, got, want, err)
		}
	}
	check(gossh.KeyAlgoRSASHA512, true)
	check(gossh.KeyAlgoRSASHA256, true)
	check(gossh.KeyAlgoED25519, true)
	check(gossh.KeyAlgoRSA, false) // SHA-1: not by default
	e.waitLog(t, `Unable to negotiate with 127\.0\.0\.1 port \d+: no matching host key type found\. Their offer: ssh-rsa \[preauth\]$`)
	e.waitDeviceLog(t, "SSHS_ALGORITHM_MISMATCH: SSH client 127.0.0.1 failed to log in because of public key algorithm mismatch.")

	configure(t, e.d, "system-view", "ssh2 algorithm public-key rsa-sha2-256 rsa")
	check(gossh.KeyAlgoRSA, true)
	check(gossh.KeyAlgoRSASHA256, true)
	check(gossh.KeyAlgoRSASHA512, false)
	check(gossh.KeyAlgoED25519, false)

	configure(t, e.d, "system-view", "ssh2 algorithm public-key ed25519")
	check(gossh.KeyAlgoED25519, true)
	check(gossh.KeyAlgoRSASHA256, false)
}

func TestRestrict(t *testing.T) {
	store, err := pki.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.EnsureDefaults(); err != nil {
		t.Fatal(err)
	}
	signers, err := store.Signers(true)
	if err != nil {
		t.Fatal(err)
	}
	var rsa gossh.Signer
	for _, sg := range signers {
		if sg.PublicKey().Type() == gossh.KeyAlgoRSA {
			rsa = sg
		}
	}
	if rsa == nil {
		t.Fatal("no RSA host key")
	}
	r := restrict(rsa, []string{gossh.KeyAlgoED25519, gossh.KeyAlgoRSASHA256})
	ms, ok := r.(gossh.MultiAlgorithmSigner)
	if !ok || !slices.Equal(ms.Algorithms(), []string{gossh.KeyAlgoRSASHA256}) {
		t.Fatalf("restricted RSA signer: %T %v", r, r)
	}
	sig, err := r.Sign(nil, []byte("data"))
	if err != nil || sig.Format != gossh.KeyAlgoRSASHA256 {
		t.Errorf("Sign: format %v, err %v; want rsa-sha2-256", sig, err)
	}
	if _, err := ms.SignWithAlgorithm(nil, []byte("data"), gossh.KeyAlgoRSA); err == nil ||
		!strings.Contains(err.Error(), "not enabled") {
		t.Errorf("signing with ssh-rsa: %v, want a refusal", err)
	}
	if restrict(rsa, []string{gossh.KeyAlgoED25519}) != nil {
		t.Error("an RSA key was kept for an Ed25519-only list")
	}
}
