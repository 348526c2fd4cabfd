package switchctl

// Peer keys: the client public keys `ssh user ... assign publickey` names (hex entry in public-key
// view, or imported from a file on flash:).

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/crypto/ssh"

	"vtyd/switchctl/pki"
)

// checkKeyName refuses peer key names a configuration file could not read back: the rendering
// writes them unquoted.
func checkKeyName(c *Ctx, arg string) error {
	if strings.ContainsAny(c.A.Str(arg), " \t\"") {
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos(arg)}
	}
	return nil
}

// storePeerKey adds or replaces a peer key; a replaced key keeps the name it was created with.
func storePeerKey(cfg *Config, k *PeerKey) {
	if old := peerKey(cfg, k.Name); old != nil {
		k.Name = old.Name
	}
	cfg.PeerKeys[k.Name] = k
}

// peerKeyView is the public key view for the key named; an existing key is edited under the name it
// was created with, whatever the case typed.
func peerKeyView(c *Ctx) (View, error) {
	name := c.A.Str("pkey")
	c.D.read(func(cfg *Config) {
		if k := peerKey(cfg, name); k != nil {
			name = k.Name
		}
	})
	return View{Kind: ViewPeerKey, Name: name}, nil
}

func runPeerKeyView(c *Ctx) error {
	if err := checkKeyName(c, "pkey"); err != nil {
		return err
	}
	c.S.keyHex.Reset()
	c.Println(`Enter public key view. Return to system view with "peer-public-key end" command.`)
	return nil
}

// runPeerKeyCode collects a line of key code: hex digits, blanks ignored.
func runPeerKeyCode(c *Ctx) error {
	text, pos := c.A.Str("keycode"), c.A.Pos("keycode")
	start := 0
	for i := 0; i < len(text); i++ {
		switch ch := text[i]; {
		case ch == ' ' || ch == '\t':
			start = i + 1
		case !isHexDigit(ch):
			return &ParseError{Kind: Unrecognized, Pos: pos + start}
		}
	}
	if c.S.keyHex.Len()+len(text) > maxKeyHex {
		return refuse(ErrInvalidValue, "The public key code is too long.")
	}
	c.S.keyHex.WriteString(text)
	c.S.keyHex.WriteByte('\n')
	return nil
}

func isHexDigit(ch byte) bool {
	return ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F'
}

// runPeerKeyEnd checks the key code typed and stores the key. A bad key is discarded and the session
// returns to system view all the same, as on the switch: the row's Leave only applies on success, so
// the failure path leaves the view itself.
func runPeerKeyEnd(c *Ctx) error {
	name := c.S.View().Name
	code := c.S.keyHex.String()
	c.S.keyHex.Reset()
	fail := func(err error) error {
		c.S.views = c.S.views[:len(c.S.views)-1]
		return err
	}
	if strings.TrimSpace(code) == "" {
		exists := false
		c.D.read(func(cfg *Config) { exists = peerKey(cfg, name) != nil })
		if exists {
			return nil // entered and left without typing: the key stays as it was
		}
		return fail(refuse(ErrInvalidValue, "No public key code was entered; the public key %s was discarded.", name))
	}
	key, err := pki.ParseHexDER(code)
	if err != nil {
		return fail(refuse(ErrInvalidValue, "Invalid public key code: %s. The public key %s was discarded.", peerReason(err), name))
	}
	der, err := publicDER(key)
	if err != nil {
		return fail(refuse(ErrUnsupported, "Unsupported public key: %s. The public key %s was discarded.", peerReason(err), name))
	}
	return c.D.update(func(cfg *Config) error {
		storePeerKey(cfg, &PeerKey{Name: name, DER: der})
		return nil
	})
}

// peerReason is the detail of a pki parse error, without the sentinel's own words.
func peerReason(err error) string {
	s := err.Error()
	for _, sentinel := range []error{pki.ErrBadKeyCode, pki.ErrBadKeyFile, pki.ErrUnsupportedKey} {
		if errors.Is(err, sentinel) {
			if rest, ok := strings.CutPrefix(s, sentinel.Error()+": "); ok {
				if sentinel == pki.ErrUnsupportedKey {
					return "unsupported key type " + rest
				}
				return rest
			}
		}
	}
	return strings.TrimPrefix(s, "pki: ")
}

func runPeerKeyImport(c *Ctx) error {
	if err := checkKeyName(c, "pkey"); err != nil {
		return err
	}
	if err := checkKeyName(c, "keyfile"); err != nil {
		return err
	}
	name, file := c.A.Str("pkey"), c.A.Str("keyfile")
	data, err := c.D.flash.ReadFile(file)
	if err != nil {
		return refuse(ErrFile, "Failed to import the public key: cannot read %s (%s).", file, fileReason(err))
	}
	key, err := pki.ParsePeerKey(data)
	if err != nil {
		reason := ErrInvalidValue
		if errors.Is(err, pki.ErrUnsupportedKey) {
			reason = ErrUnsupported
		}
		return refuse(reason, "Failed to import the public key: %s.", peerReason(err))
	}
	der, err := publicDER(key)
	if err != nil {
		return refuse(ErrUnsupported, "Failed to import the public key: %s.", peerReason(err))
	}
	return c.D.update(func(cfg *Config) error {
		storePeerKey(cfg, &PeerKey{Name: name, DER: der, Import: file})
		return nil
	})
}

// fileReason is the last part of a flash error: "the file does not exist", "is a directory".
func fileReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "the file does not exist"
	}
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return strings.TrimPrefix(s, "flash: ")
}

func runUndoPeerKey(c *Ctx) error {
	name := c.A.Str("pkey")
	return c.D.update(func(cfg *Config) error {
		k := peerKey(cfg, name)
		if k == nil {
			return refuse(ErrNotFound, "The public key %s does not exist.", name)
		}
		for _, un := range sortedKeys(cfg.SSHUsers) {
			for _, kn := range cfg.SSHUsers[un].Keys {
				if strings.EqualFold(kn, k.Name) {
					return refuse(ErrInUse, "The public key %s is assigned to SSH user %s; reconfigure that user first.", k.Name, un)
				}
			}
		}
		delete(cfg.PeerKeys, k.Name)
		return nil
	})
}

func runDisplayPeerKey(c *Ctx) error {
	var keys []PeerKey
	c.D.read(func(cfg *Config) {
		if c.A.IsSet("pkey") {
			if k := peerKey(cfg, c.A.Str("pkey")); k != nil {
				keys = append(keys, *k)
			}
			return
		}
		for _, n := range sortedKeys(cfg.PeerKeys) {
			keys = append(keys, *cfg.PeerKeys[n])
		}
	})
	if c.A.IsSet("pkey") && len(keys) == 0 {
		return refuse(ErrNotFound, "The public key %s does not exist.", c.A.Str("pkey"))
	}
	var entries []pki.PeerEntry
	for _, k := range keys {
		pub, err := parsePeerDER(k.DER)
		if err != nil {
			return fmt.Errorf("switchctl: public key %s: %w", k.Name, err)
		}
		entries = append(entries, pki.PeerEntry{Name: k.Name, Key: pub})
	}
	if c.A.Has("brief") {
		return pki.FormatPeerBrief(c.Out, entries)
	}
	for _, e := range entries {
		if err := pki.FormatPeer(c.Out, e.Name, e.Key); err != nil {
			return err
		}
	}
	return nil
}

func parsePeerDER(der []byte) (ssh.PublicKey, error) { return pki.ParseHexDER(hex.EncodeToString(der)) }

// PeerKey is the peer public key named name (case-insensitive), for publickey authentication; a
// missing key is ErrNotFound.
func (d *Device) PeerKey(name string) (ssh.PublicKey, error) {
	var der []byte
	d.read(func(c *Config) {
		if k := peerKey(c, name); k != nil {
			der = k.DER
		}
	})
	if der == nil {
		return nil, fmt.Errorf("%w: public key %s", ErrNotFound, name)
	}
	return parsePeerDER(der)
}
