package pki

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/crypto/ssh"
)

// Store is the switch's local key pairs, one PEM file each in a directory
// (data/keys). It is safe for concurrent use; a change is visible to the
// next caller at once, so the SSH layer picks up a new host key on the next
// connection.
type Store struct {
	dir  string
	rand io.Reader

	wmu  sync.Mutex   // serializes Create, Destroy and EnsureDefaults
	mu   sync.RWMutex // guards keys
	keys map[keyID]*LocalKey

	skipped map[keyID]error // key files that could not be read at open, left as they are
}

// keyID identifies a key pair: Comware lets keys of different types share
// a name, and an ECDSA key replaces the same-named one whatever its curve.
type keyID struct{ family, name string }

func (id keyID) fileName() string { return id.name + "." + id.family + ".pem" }

// parseFileName inverts fileName; other files in the directory are ignored.
func parseFileName(file string) (keyID, bool) {
	base, ok := strings.CutSuffix(file, ".pem")
	i := strings.LastIndexByte(base, '.')
	if !ok || i < 0 {
		return keyID{}, false
	}
	id := keyID{family: base[i+1:], name: base[:i]}
	return id, validName(id.name) && familyRank(id.family) < len(families)
}

// Option configures a Store.
type Option func(*Store)

// WithRand sets the randomness for key generation (default crypto/rand).
// Since Go 1.26 the standard library ignores it for RSA and ECDSA keys
// unless GODEBUG=cryptocustomrand=1; Ed25519 and DSA keys honour it.
// A nil r keeps the default.
func WithRand(r io.Reader) Option {
	return func(s *Store) {
		if r != nil {
			s.rand = r
		}
	}
}

// OpenStore opens the key store in dir, creating the directory (mode 0700)
// if needed, and loads every key file in it. A key file that cannot be read
// (truncated, garbage, a key of the wrong type) is skipped and left as it is,
// as sshd skips a bad host key and serves with the rest: Skipped lists them.
// It generates nothing: call EnsureDefaults.
func OpenStore(dir string, opts ...Option) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pki: open key store: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pki: open key store: %w", err)
	}
	s := &Store{dir: dir, rand: rand.Reader, keys: make(map[keyID]*LocalKey), skipped: map[keyID]error{}}
	for _, opt := range opts {
		opt(s)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("pki: open key store: %w", err)
	}
	for _, e := range entries {
		id, ok := parseFileName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		k, err := s.load(id)
		if err != nil {
			s.skipped[id] = fmt.Errorf("pki: key file %s skipped: %w", filepath.Join(dir, e.Name()), err)
			continue
		}
		s.keys[id] = k
	}
	return s, nil
}

// Skipped lists the key files OpenStore could not read, each with why, by file name.
func (s *Store) Skipped() []error {
	ids := make([]keyID, 0, len(s.skipped))
	for id := range s.skipped {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b keyID) int { return strings.Compare(a.fileName(), b.fileName()) })
	out := make([]error, len(ids))
	for i, id := range ids {
		out[i] = s.skipped[id]
	}
	return out
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

func (s *Store) load(id keyID) (*LocalKey, error) {
	path := filepath.Join(s.dir, id.fileName())
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Mode().Perm()&0o077 != 0 { // copied in by hand: tighten as ssh-keygen would insist
		if err := os.Chmod(path, 0o600); err != nil {
			return nil, err
		}
	}
	priv, err := parsePrivate(data)
	if err != nil {
		return nil, err
	}
	kind, err := kindOf(priv)
	if err != nil {
		return nil, err
	}
	if kind.family() != id.family {
		return nil, fmt.Errorf("file holds a %s key", kind)
	}
	return &LocalKey{Name: id.name, Kind: kind, Created: info.ModTime(), Private: priv}, nil
}

// Get returns the key pair of kind's family named name ("" for the default
// name). Either ECDSA kind finds the ECDSA key of that name, whatever its
// curve. A missing key is ErrNoKey.
func (s *Store) Get(kind Kind, name string) (*LocalKey, error) {
	name, err := normalizeName(kind, name)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	k := s.keys[keyID{kind.family(), name}]
	s.mu.RUnlock()
	if k == nil {
		return nil, fmt.Errorf("%w: %s %s", ErrNoKey, kind.family(), name)
	}
	return k, nil
}

// List returns every key pair: by type (RSA, DSA, ECDSA, Ed25519), the
// default-named key first, then by name.
func (s *Store) List() []*LocalKey {
	s.mu.RLock()
	keys := make([]*LocalKey, 0, len(s.keys))
	for _, k := range s.keys {
		keys = append(keys, k)
	}
	s.mu.RUnlock()
	slices.SortFunc(keys, func(a, b *LocalKey) int {
		if c := cmp.Compare(familyRank(a.Kind.family()), familyRank(b.Kind.family())); c != 0 {
			return c
		}
		if a.IsDefault() != b.IsDefault() {
			if a.IsDefault() {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return keys
}

// Signers returns the SSH host-key signers: one for each default-named key
// present (hostkey, dsakey, ecdsakey, ed25519key); named keys are for
// display and export only. The RSA signer offers rsa-sha2-512 and
// rsa-sha2-256, plus ssh-rsa (SHA-1) when allowSHA1RSA is set, which old
// Comware clients and paramiko setups need. A dsakey signs ssh-dss (SHA-1)
// whenever it exists: creating it is the operator's opt-in.
func (s *Store) Signers(allowSHA1RSA bool) ([]ssh.Signer, error) {
	var signers []ssh.Signer
	for _, k := range s.List() {
		if !k.IsDefault() {
			continue
		}
		sg, err := k.signer(allowSHA1RSA)
		if err != nil {
			return nil, fmt.Errorf("pki: host key %s: %w", k.Name, err)
		}
		signers = append(signers, sg)
	}
	return signers, nil
}
