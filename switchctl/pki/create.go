package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // SA1019: ssh-dss is a legacy Comware host key; crypto/dsa is Go's only DSA.
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Key sizes used when Create is given bits == 0.
const (
	DefaultRSABits = 3072 // vtyd's choice; Comware's prompt offers 1024
	DefaultDSABits = 1024 // the only size ssh-dss can use
)

// EnsureDefaults creates the default-named keys of kinds (none given: the
// Ed25519 key and a DefaultRSABits RSA key) if they are missing, as on a
// switch's first start, and returns the kinds it created. A default key whose
// file is there but could not be read (Skipped) is not replaced: the file
// stays for the operator.
func (s *Store) EnsureDefaults(kinds ...Kind) (created []Kind, err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if len(kinds) == 0 {
		kinds = []Kind{KindEd25519, KindRSA}
	}
	for _, kind := range kinds {
		_, err := s.Get(kind, "")
		if err == nil {
			continue
		}
		if !errors.Is(err, ErrNoKey) {
			return created, err
		}
		if s.skipped[keyID{kind.family(), kind.DefaultName()}] != nil {
			continue // a file is there that could not be read: never overwrite it
		}
		priv, err := generate(kind, 0, s.rand)
		if err != nil {
			return created, err
		}
		if _, err := s.put(kind, kind.DefaultName(), priv); err != nil {
			return created, err
		}
		created = append(created, kind)
	}
	return created, nil
}

// Create generates a key pair and saves it, replacing any pair of the same
// family and name (the CLI asks before overwriting). name "" means the
// default name; creating an ECDSA key of either curve replaces the ECDSA key
// of that name. bits is the RSA or DSA modulus length, 0 for the default,
// and is ignored for ECDSA and Ed25519. RSA takes 1024 to 4096 bits; Comware
// also offers 512 to 1023, which yield ErrWeakKey because Go refuses to sign
// with RSA keys under 1024 bits. DSA takes only 1024 (L1024N160): ssh-dss
// signs a SHA-1 digest with a 160-bit q.
func (s *Store) Create(kind Kind, name string, bits int) (*LocalKey, error) {
	name, err := normalizeName(kind, name)
	if err != nil {
		return nil, err
	}
	priv, err := generate(kind, bits, s.rand)
	if err != nil {
		return nil, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.put(kind, name, priv)
}

// Destroy deletes a key pair; name "" means the default name, and either
// ECDSA kind destroys the ECDSA key of that name. A missing key is ErrNoKey.
func (s *Store) Destroy(kind Kind, name string) error {
	name, err := normalizeName(kind, name)
	if err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	id := keyID{kind.family(), name}
	if _, err := s.Get(kind, name); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(s.dir, id.fileName())); err != nil {
		return fmt.Errorf("pki: destroy %s %s: %w", id.family, name, err)
	}
	s.mu.Lock()
	delete(s.keys, id)
	s.mu.Unlock()
	return nil
}

// put writes the key file atomically (mode 0600) and records the key. The
// caller holds wmu.
func (s *Store) put(kind Kind, name string, priv crypto.PrivateKey) (*LocalKey, error) {
	id := keyID{kind.family(), name}
	data, err := marshalPrivate(priv, name)
	if err != nil {
		return nil, fmt.Errorf("pki: encode %s %s: %w", id.family, name, err)
	}
	path := filepath.Join(s.dir, id.fileName())
	if err := writeFileAtomic(path, data); err != nil {
		return nil, fmt.Errorf("pki: save %s %s: %w", id.family, name, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("pki: save %s %s: %w", id.family, name, err)
	}
	k := &LocalKey{Name: name, Kind: kind, Created: info.ModTime(), Private: priv}
	s.mu.Lock()
	s.keys[id] = k
	s.mu.Unlock()
	return k, nil
}

// writeFileAtomic writes data to a temporary file (os.CreateTemp makes it
// 0600) and renames it over path, so a crash never leaves half a key.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// generate makes a private key of kind after checking bits.
func generate(kind Kind, bits int, r io.Reader) (crypto.PrivateKey, error) {
	switch kind {
	case KindRSA:
		if bits == 0 {
			bits = DefaultRSABits
		}
		if err := checkBits(bits, 1024, 4096); err != nil {
			return nil, err
		}
		return rsa.GenerateKey(r, bits)
	case KindECDSA256:
		return ecdsa.GenerateKey(elliptic.P256(), r)
	case KindECDSA384:
		return ecdsa.GenerateKey(elliptic.P384(), r)
	case KindEd25519:
		_, priv, err := ed25519.GenerateKey(r)
		return priv, err
	case KindDSA:
		if bits == 0 {
			bits = DefaultDSABits
		}
		if err := checkBits(bits, 1024, 1024); err != nil {
			return nil, err
		}
		priv := new(dsa.PrivateKey)
		if err := dsa.GenerateParameters(&priv.Parameters, r, dsa.L1024N160); err != nil {
			return nil, err
		}
		return priv, dsa.GenerateKey(priv, r)
	}
	return nil, fmt.Errorf("%w: %d", ErrBadKind, int(kind))
}

// checkBits applies Comware's range (512 ~ 4096) and then vtyd's [lo, hi].
func checkBits(bits, lo, hi int) error {
	switch {
	case bits < 512 || bits > hi:
		return fmt.Errorf("%w: %d bits (this key type takes %d ~ %d)", ErrKeySize, bits, lo, hi)
	case bits < lo:
		return fmt.Errorf("%w: %d bits", ErrWeakKey, bits)
	}
	return nil
}
