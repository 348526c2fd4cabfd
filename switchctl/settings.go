package switchctl

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// settingsFile is vtyd's own state that a Comware configuration cannot hold, kept beside flash: so
// that startup.cfg stays loadable on a real switch: the next-startup file (NVRAM on a switch) and
// per-user console preferences.
type settingsFile struct {
	path string
	mu   sync.Mutex
	s    settings
}

type settings struct {
	NextStartup string                   `json:"next_startup"`
	Users       map[string]*UserSettings `json:"users,omitempty"`
}

// UserSettings are a user's console preferences.
type UserSettings struct {
	Console string `json:"console,omitempty"` // "cli" or "tui"
	Theme   string `json:"theme,omitempty"`
}

// openSettings reads the settings file; a missing file is a first start (exists reports it).
func openSettings(path string) (*settingsFile, error) {
	f := &settingsFile{path: path}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return f, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	if err := json.Unmarshal(data, &f.s); err != nil {
		return nil, fmt.Errorf("settings %s: %w", path, err)
	}
	return f, nil
}

func (f *settingsFile) exists() bool {
	_, err := os.Stat(f.path)
	return err == nil
}

func (f *settingsFile) nextStartup() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.s.NextStartup
}

func (f *settingsFile) setNextStartup(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.s.NextStartup = name
	return f.saveLocked()
}

// saveLocked writes the file atomically: temp file, fsync, rename, fsync of the directory.
func (f *settingsFile) saveLocked() error {
	data, err := json.MarshalIndent(&f.s, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".vtyd.json-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
