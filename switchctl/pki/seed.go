package pki

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// seedKeys are pre-generated key files (hostkey RSA 3072, ecdsakey P-256,
// ed25519key, dsakey DSA 1024) in the store's file layout. Generating an
// RSA-3072 key takes seconds, far longer under -race on a small machine, so
// tests across vtyd seed a store instead of calling EnsureDefaults on an
// empty one. The keys are published with the source: never use them for a
// real deployment.
//
//go:embed testdata/*.pem
var seedKeys embed.FS

// SeedForTests copies the pre-generated test keys into dir (created 0700
// if missing; files 0600), overwriting same-named key files. Their creation
// time is 15:40:48 2011/05/12 local time, so displays are stable. The keys
// are public: SeedForTests is for tests only.
func SeedForTests(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("pki: seed: %w", err)
	}
	entries, err := seedKeys.ReadDir("testdata")
	if err != nil {
		return fmt.Errorf("pki: seed: %w", err)
	}
	created := time.Date(2011, 5, 12, 15, 40, 48, 0, time.Local)
	for _, e := range entries {
		data, err := seedKeys.ReadFile("testdata/" + e.Name())
		if err != nil {
			return fmt.Errorf("pki: seed: %w", err)
		}
		path := filepath.Join(dir, e.Name())
		if err := writeFileAtomic(path, data); err != nil {
			return fmt.Errorf("pki: seed %s: %w", path, err)
		}
		if err := os.Chtimes(path, created, created); err != nil {
			return fmt.Errorf("pki: seed %s: %w", path, err)
		}
	}
	return nil
}
