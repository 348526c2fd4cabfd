package remote

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// HostKeyError refuses a connection whose host key is not the pinned one. It names the device and
// both fingerprints so an operator can tell a re-keyed switch from a man in the middle.
type HostKeyError struct {
	Device  string   // the fleet's name
	Addr    string   // the address dialled
	Want    []string // the pinned fingerprints (SHA256:..., as OpenSSH prints them); none when unknown
	Got     string   // the fingerprint offered
	Unknown bool     // no key is pinned for this address (known_hosts without an entry)
}

func (e *HostKeyError) Error() string {
	if e.Unknown || len(e.Want) == 0 {
		return fmt.Sprintf("remote: %s (%s) offered host key %s, which is not pinned: refusing the connection",
			e.Device, e.Addr, e.Got)
	}
	return fmt.Sprintf("remote: %s (%s) offered host key %s, expected %s: refusing the connection",
		e.Device, e.Addr, e.Got, strings.Join(e.Want, " or "))
}

// HostKeyPinned accepts only a host key whose SHA256 fingerprint is one of fingerprints.
func HostKeyPinned(device string, fingerprints []string) ssh.HostKeyCallback {
	want := append([]string(nil), fingerprints...)
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		got := ssh.FingerprintSHA256(key)
		for _, w := range want {
			if w == got {
				return nil
			}
		}
		return &HostKeyError{Device: device, Addr: hostname, Want: want, Got: got}
	}
}

// HostKeyKnownHosts checks host keys against an OpenSSH known_hosts file, read once here.
func HostKeyKnownHosts(device, file string) (ssh.HostKeyCallback, error) {
	cb, err := knownhosts.New(file)
	if err != nil {
		return nil, fmt.Errorf("remote: %s: known hosts: %w", device, err)
	}
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		return explain(device, hostname, key, cb(hostname, remote, key))
	}, nil
}

// explain turns a knownhosts refusal into a HostKeyError.
func explain(device, hostname string, key ssh.PublicKey, err error) error {
	var ke *knownhosts.KeyError
	if err == nil || !errors.As(err, &ke) {
		return err
	}
	he := &HostKeyError{Device: device, Addr: hostname, Got: ssh.FingerprintSHA256(key), Unknown: len(ke.Want) == 0}
	for _, k := range ke.Want {
		he.Want = append(he.Want, ssh.FingerprintSHA256(k.Key))
	}
	return he
}

// tofuMu serialises the TOFU files of every device: two first connections must not both append.
var tofuMu sync.Mutex

// HostKeyTOFU trusts the first key a host offers: it records it into file (a known_hosts file,
// created 0600) and from then on pins it, like the file of HostKeyKnownHosts.
func HostKeyTOFU(device, file string) ssh.HostKeyCallback {
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		tofuMu.Lock()
		defer tofuMu.Unlock()
		if _, err := os.Stat(file); err == nil {
			cb, err := knownhosts.New(file)
			if err != nil {
				return fmt.Errorf("remote: %s: known hosts: %w", device, err)
			}
			err = cb(hostname, remote, key)
			var ke *knownhosts.KeyError
			if !errors.As(err, &ke) || len(ke.Want) > 0 {
				return explain(device, hostname, key, err) // known: accepted, or a changed key
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remote: %s: known hosts: %w", device, err)
		}
		// The file's directory may not exist yet: a real switch's data directory holds only this.
		if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
			return fmt.Errorf("remote: %s: recording the host key: %w", device, err)
		}
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("remote: %s: recording the host key: %w", device, err)
		}
		_, err = fmt.Fprintln(f, knownhosts.Line([]string{knownhosts.Normalize(hostname)}, key))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("remote: %s: recording the host key: %w", device, err)
		}
		return nil
	}
}
