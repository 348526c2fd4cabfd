package pki

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// seeded opens a store over a copy of the embedded test keys.
func seeded(t *testing.T) *Store {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "keys")
	if err := SeedForTests(dir); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func names(keys []*LocalKey) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.Kind.family()+"/"+k.Name)
	}
	return out
}

func TestSeededStore(t *testing.T) {
	s := seeded(t)
	want := []string{"rsa/hostkey", "dsa/dsakey", "ecdsa/ecdsakey", "ed25519/ed25519key"}
	if got := names(s.List()); !slices.Equal(got, want) {
		t.Fatalf("List = %v, want %v", got, want)
	}
	k, err := s.Get(KindRSA, "")
	if err != nil {
		t.Fatal(err)
	}
	if k.Private.(interface{ Size() int }).Size() != 384 || !k.IsDefault() || k.Created.Year() != 2011 {
		t.Errorf("hostkey = %+v", k)
	}
	if _, err := s.EnsureDefaults(); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Get(KindRSA, ""); again != k {
		t.Error("EnsureDefaults replaced an existing key")
	}
}

func TestCreateDestroyRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		kind Kind
		name string
		bits int
	}{
		{KindRSA, "K1", 1024},
		{KindECDSA256, "", 0},
		{KindECDSA384, "", 0}, // replaces the P-256 ecdsakey
		{KindEd25519, "", 0},
		{KindEd25519, "other-1", 0},
	}
	for _, st := range steps {
		if _, err := s.Create(st.kind, st.name, st.bits); err != nil {
			t.Fatalf("Create(%v, %q): %v", st.kind, st.name, err)
		}
	}
	want := []string{"rsa/k1", "ecdsa/ecdsakey", "ed25519/ed25519key", "ed25519/other-1"}
	if got := names(s.List()); !slices.Equal(got, want) {
		t.Fatalf("List = %v, want %v", got, want)
	}
	if k, _ := s.Get(KindECDSA256, ""); k == nil || k.Kind != KindECDSA384 {
		t.Errorf("ecdsakey = %+v, want the secp384r1 key created last", k)
	}
	checkMode(t, dir, 0o700)
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 4 {
		t.Errorf("files = %v", files)
	}
	for _, f := range files {
		checkMode(t, f, 0o600)
	}

	reopened, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(reopened.List()); !slices.Equal(got, want) {
		t.Fatalf("reopened List = %v, want %v", got, want)
	}
	for i, k := range reopened.List() {
		orig := s.List()[i]
		if !slices.Equal(k.PublicKey().Marshal(), orig.PublicKey().Marshal()) || !k.Created.Equal(orig.Created) {
			t.Errorf("%s changed on reload", k.Name)
		}
	}

	if err := s.Destroy(KindRSA, "k1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Destroy(KindECDSA256, ""); err != nil { // either curve names ecdsakey
		t.Fatal(err)
	}
	if err := s.Destroy(KindRSA, "k1"); !errors.Is(err, ErrNoKey) {
		t.Errorf("second Destroy = %v, want ErrNoKey", err)
	}
	if got := names(s.List()); !slices.Equal(got, want[2:]) {
		t.Errorf("after Destroy List = %v", got)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 2 {
		t.Errorf("after Destroy files = %v", files)
	}
}

func TestCreateDSA(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k, err := s.Create(KindDSA, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	reopened, err := OpenStore(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	k2, err := reopened.Get(KindDSA, "dsakey")
	if err != nil || !slices.Equal(k2.PublicKey().Marshal(), k.PublicKey().Marshal()) {
		t.Fatalf("reloaded dsakey = %v, %v", k2, err)
	}
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s mode = %v, want %v", path, got, want)
	}
}

func TestCreateErrors(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kind Kind
		key  string
		bits int
		want error
	}{
		{"rsa 768", KindRSA, "", 768, ErrWeakKey},
		{"rsa 256", KindRSA, "", 256, ErrKeySize},
		{"rsa 8192", KindRSA, "", 8192, ErrKeySize},
		{"dsa 2048", KindDSA, "", 2048, ErrKeySize},
		{"dsa 512", KindDSA, "", 512, ErrWeakKey},
		{"bad name", KindEd25519, "a_b", 0, ErrBadName},
		{"long name", KindEd25519, string(make([]byte, 65)), 0, ErrBadName},
		{"bad kind", Kind(0), "", 0, ErrBadKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Create(tt.kind, tt.key, tt.bits); !errors.Is(err, tt.want) {
				t.Errorf("Create = %v, want %v", err, tt.want)
			}
		})
	}
	if len(s.List()) != 0 {
		t.Errorf("failed creates left keys: %v", names(s.List()))
	}
}

func TestEnsureDefaultsAddsMissing(t *testing.T) {
	dir := t.TempDir()
	if err := SeedForTests(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "ed25519key.ed25519.pem")); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureDefaults(); err != nil {
		t.Fatal(err)
	}
	k, err := s.Get(KindEd25519, "")
	if err != nil || k.Created.Year() == 2011 {
		t.Fatalf("ed25519key = %v, %v", k, err)
	}
	checkMode(t, filepath.Join(dir, "ed25519key.ed25519.pem"), 0o600)
}

// TestOpenStoreSkipsBadKeyFile (PROBE L7): a corrupt key file is skipped and reported, as sshd skips
// a bad host key and serves with the rest; EnsureDefaults never overwrites it.
func TestOpenStoreSkipsBadKeyFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "hostkey.rsa.pem")
	if err := os.WriteFile(bad, []byte("junk"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README"), []byte("ignored"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenStore(dir)
	if err != nil {
		t.Fatalf("OpenStore refused a store with a corrupt key file: %v", err)
	}
	if sk := s.Skipped(); len(sk) != 1 || !strings.Contains(sk[0].Error(), "hostkey.rsa.pem") {
		t.Errorf("Skipped() = %v, want the corrupt hostkey.rsa.pem", sk)
	}
	created, err := s.EnsureDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if len(created) != 1 || created[0] != KindEd25519 {
		t.Errorf("EnsureDefaults created %v, want only the Ed25519 key", created)
	}
	if data, _ := os.ReadFile(bad); string(data) != "junk" {
		t.Error("EnsureDefaults overwrote the corrupt key file")
	}
	signers, err := s.Signers(false)
	if err != nil || len(signers) != 1 {
		t.Errorf("Signers() = %d signers, %v; want the Ed25519 key alone", len(signers), err)
	}
}

func TestOpenStoreTightensModes(t *testing.T) {
	dir := t.TempDir()
	if err := SeedForTests(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "hostkey.rsa.pem")
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenStore(dir); err != nil {
		t.Fatal(err)
	}
	checkMode(t, path, 0o600)
	checkMode(t, dir, 0o700)
}
