package remote

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// TestHostKeyMismatch: a key that is not the pinned one refuses the connection, and the message
// names the device and both fingerprints.
func TestHostKeyMismatch(t *testing.T) {
	r := newReplayServer(t)
	got := ssh.FingerprintSHA256(r.key.PublicKey())
	const want = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	tg := r.target()
	tg.HostKey = HostKeyPinned("core1", []string{want})
	p := NewPool(PoolOptions{})
	defer p.Close()
	_, _, err := p.Session(context.Background(), tg)
	var he *HostKeyError
	if !errors.As(err, &he) {
		t.Fatalf("a wrong host key gave %v, want a HostKeyError", err)
	}
	for _, s := range []string{"core1", want, got} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("the refusal %q does not name %s", err, s)
		}
	}
}

// TestHostKeyKnownHosts: a known_hosts file pins the key; another host's file refuses with both
// fingerprints, and a file without the host refuses it as not pinned.
func TestHostKeyKnownHosts(t *testing.T) {
	r := newReplayServer(t)
	dir := t.TempDir()
	other := newReplayServer(t)
	write := func(name string, key ssh.PublicKey, host string) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(knownhosts.Line([]string{knownhosts.Normalize(host)}, key)+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return f
	}
	addr := r.ln.Addr().String()
	for _, tc := range []struct {
		name    string
		file    string
		wantErr []string
	}{
		{"pinned", write("good", r.key.PublicKey(), addr), nil},
		{"changed", write("changed", other.key.PublicKey(), addr), []string{"core1", ssh.FingerprintSHA256(r.key.PublicKey()), ssh.FingerprintSHA256(other.key.PublicKey())}},
		{"unknown", write("unknown", r.key.PublicKey(), "10.9.9.9:22"), []string{"core1", ssh.FingerprintSHA256(r.key.PublicKey()), "not pinned"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cb, err := HostKeyKnownHosts("core1", tc.file)
			if err != nil {
				t.Fatal(err)
			}
			tg := r.target()
			tg.HostKey = cb
			p := NewPool(PoolOptions{})
			defer p.Close()
			_, release, err := p.Session(context.Background(), tg)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("pinned key refused: %v", err)
				}
				release()
				return
			}
			if err == nil {
				release()
				t.Fatal("connected despite the key not being pinned")
			}
			for _, s := range tc.wantErr {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("the refusal %q does not name %s", err, s)
				}
			}
		})
	}
}

// TestHostKeyTOFU: the first connection records the key (file 0600) and connects; later ones
// are pinned to it, so another key at the same address is refused.
func TestHostKeyTOFU(t *testing.T) {
	r := newReplayServer(t)
	file := filepath.Join(t.TempDir(), "known_hosts")
	tg := r.target()
	tg.HostKey = HostKeyTOFU("core1", file)
	p := NewPool(PoolOptions{})
	defer p.Close()
	_, release, err := p.Session(context.Background(), tg)
	if err != nil {
		t.Fatalf("first use refused: %v", err)
	}
	release()
	st, err := os.Stat(file)
	if err != nil {
		t.Fatalf("the key was not recorded: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the known hosts file is %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(file)
	if !strings.Contains(string(b), strings.TrimSpace(string(ssh.MarshalAuthorizedKey(r.key.PublicKey())))) {
		t.Errorf("the file does not hold the server's key:\n%s", b)
	}

	// The same address now offers another key: refused, with both fingerprints.
	other := newReplayServer(t)
	cb := HostKeyTOFU("core1", file)
	err = cb(r.ln.Addr().String(), r.ln.Addr(), other.key.PublicKey())
	if err == nil || !strings.Contains(err.Error(), ssh.FingerprintSHA256(r.key.PublicKey())) ||
		!strings.Contains(err.Error(), ssh.FingerprintSHA256(other.key.PublicKey())) {
		t.Errorf("a changed key after first use gave %v", err)
	}
	// And the recorded key is still accepted.
	if err := cb(r.ln.Addr().String(), r.ln.Addr(), r.key.PublicKey()); err != nil {
		t.Errorf("the recorded key is refused: %v", err)
	}
}
