package switchctl

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"

	"vtyd/switchctl/pki"
)

// The key commands: local key pairs (the host keys, kept by pki.Store outside the configuration)
// and peer public keys (client keys, part of the configuration).

const localKindPath = "{rsa|dsa|ecdsa|ed25519}"

// maxKeyHex bounds the key code typed in public key view: an RSA-4096 key is about 1100 digits.
const maxKeyHex = 16 << 10

func keyRows() []Row {
	sec := func(path string, run Handler) Row {
		return Row{Views: InSystem, Path: path, Priv: PrivSecurity, Run: run}
	}
	code := func(path string, run Handler) Row {
		return Row{Views: InPeerKey, Path: path, Priv: PrivSecurity, Run: run}
	}
	return []Row{
		sec("public-key local create {rsa|dsa|ecdsa [secp256r1|secp384r1]|ed25519} [name <lkey:word:1-64>]", runKeyCreate),
		sec("public-key local destroy "+localKindPath+" [name <lkey:word:1-64>]", runKeyDestroy),
		{Views: InSystem, Path: "public-key local export " + localKindPath + " [name <lkey:word:1-64>] {openssh|ssh2}",
			Priv: PrivRead, Run: runKeyExport, Display: true},
		{Views: InAll, Path: "display public-key local " + localKindPath + " public [name <lkey:word:1-64>]",
			Priv: PrivRead, Run: runDisplayLocalKey, Display: true},
		{Views: InSystem, Path: "public-key peer <pkey:word:1-64>", Priv: PrivSecurity, Run: runPeerKeyView, Move: Enter,
			Target: peerKeyView},
		sec("public-key peer <pkey:word:1-64> import sshkey <keyfile:word:1-255>", runPeerKeyImport),
		sec("undo public-key peer <pkey:word:1-64>", runUndoPeerKey),
		{Views: InAll, Path: "display public-key peer [brief|name <pkey:word:1-64>]", Priv: PrivRead,
			Run: runDisplayPeerKey, Display: true},
		code("<keycode:text:1-511>", runPeerKeyCode),
		code("public-key-code {begin|end}", func(*Ctx) error { return nil }), // Comware 5's wrapper, still in scripts
		{Views: InPeerKey, Path: "peer-public-key end", Priv: PrivSecurity, Run: runPeerKeyEnd, Move: Leave},
	}
}

// localKind is the key type the command names.
func localKind(a *Args) pki.Kind {
	switch {
	case a.Has("rsa"):
		return pki.KindRSA
	case a.Has("dsa"):
		return pki.KindDSA
	case a.Has("ecdsa") && a.Has("secp384r1"):
		return pki.KindECDSA384
	case a.Has("ecdsa"):
		return pki.KindECDSA256
	}
	return pki.KindEd25519
}

// keyErr words the key store's errors as the device prints them.
func keyErr(err error) error {
	switch {
	case errors.Is(err, pki.ErrBadName):
		return refuse(ErrInvalidValue, "The key name must be 1 to 64 letters, digits or hyphens.")
	case errors.Is(err, pki.ErrNoKey):
		return refuse(ErrNotFound, "The local key pair does not exist.")
	case errors.Is(err, pki.ErrKeySize), errors.Is(err, pki.ErrWeakKey):
		return refuse(ErrInvalidValue, "%s.", pkiReason(err))
	}
	return fmt.Errorf("switchctl: key store: %w", err)
}

// pkiReason is a pki error's text without its package prefix, capitalised as a sentence.
func pkiReason(err error) string {
	s := strings.TrimPrefix(err.Error(), "pki: ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func runKeyCreate(c *Ctx) error {
	kind, name := localKind(c.A), c.A.Str("lkey")
	store := c.D.keys
	_, err := store.Get(kind, name)
	switch {
	case err == nil:
		c.Println("The local key pair already exists.")
		ok, err := confirmAction(c, "Confirm to replace it?", "Replacing the key pair")
		if err != nil || !ok {
			return err
		}
	case !errors.Is(err, pki.ErrNoKey):
		return keyErr(err)
	}
	bits, err := askModulus(c, kind)
	if err != nil {
		return err
	}
	c.Println("Generating Keys...")
	if _, err := store.Create(kind, name, bits); err != nil {
		return keyErr(err)
	}
	c.Println("Create the key pair successfully.")
	return nil
}

// askModulus asks for an RSA or DSA modulus length as Comware does; an empty answer, or a session
// with nobody to ask (exec), takes the default. It returns 0 (the default) for other key types.
func askModulus(c *Ctx, kind pki.Kind) (int, error) {
	lo, hi, def := 1024, 4096, pki.DefaultRSABits
	switch {
	case kind == pki.KindDSA:
		hi, def = 1024, pki.DefaultDSABits // ssh-dss signs SHA-1 with a 160-bit q: L1024N160 only
	case kind != pki.KindRSA:
		return 0, nil
	}
	if c.S.asker == nil {
		return 0, nil
	}
	c.Printf("The range of public key modulus is (%d ~ %d).\n", lo, hi)
	c.Println("If the key modulus is greater than 512, it will take a few minutes.")
	c.Println("Press CTRL+C to abort.")
	ans, err := c.Ask(fmt.Sprintf("Input the modulus length [default = %d]:", def))
	if err != nil {
		return 0, err
	}
	ans = strings.TrimSpace(ans)
	if ans == "" {
		return def, nil
	}
	bits, err := strconv.Atoi(ans)
	if err != nil || bits < lo || bits > hi {
		return 0, refuse(ErrInvalidValue, "The modulus length must be an integer from %d to %d.", lo, hi)
	}
	return bits, nil
}

func runKeyDestroy(c *Ctx) error {
	kind, name := localKind(c.A), c.A.Str("lkey")
	store := c.D.keys
	k, err := store.Get(kind, name)
	if err != nil {
		return keyErr(err)
	}
	if k.IsDefault() {
		hostKeys := 0
		for _, o := range store.List() {
			if o.IsDefault() {
				hostKeys++
			}
		}
		if hostKeys == 1 {
			return refuse(ErrInUse, "The key pair %s is the last host key and SSH logins need one; create another first.", k.Name)
		}
	}
	ok, err := confirmAction(c, "Confirm to destroy the key pair?", "Destroying a key pair")
	if err != nil || !ok {
		return err
	}
	if err := store.Destroy(kind, name); err != nil {
		return keyErr(err)
	}
	return nil
}

// localKeys are the key pairs of kind's type (either ECDSA curve for ecdsa), all or the one named.
func localKeys(store *pki.Store, kind pki.Kind, name string) ([]*pki.LocalKey, error) {
	if name != "" {
		k, err := store.Get(kind, name)
		if err != nil {
			return nil, keyErr(err)
		}
		return []*pki.LocalKey{k}, nil
	}
	var keys []*pki.LocalKey
	for _, k := range store.List() {
		if k.Kind.Type() == kind.Type() {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, keyErr(pki.ErrNoKey)
	}
	return keys, nil
}

func runDisplayLocalKey(c *Ctx) error {
	keys, err := localKeys(c.D.keys, localKind(c.A), c.A.Str("lkey"))
	if err != nil {
		return err
	}
	return pki.FormatLocal(c.Out, keys)
}

func runKeyExport(c *Ctx) error {
	k, err := c.D.keys.Get(localKind(c.A), c.A.Str("lkey"))
	if err != nil {
		return keyErr(err)
	}
	pub := k.PublicKey()
	if pub == nil {
		return refuse(ErrUnsupported, "The key pair %s cannot be exported.", k.Name)
	}
	family := strings.ToLower(k.Kind.Type())
	if c.A.Has("openssh") {
		c.Println(pki.OpenSSHPublic(pub) + " " + family + "-key")
		return nil
	}
	return pki.FormatRFC4716(c.Out, pub, family+"-key-"+k.Created.Format("2006/01/02"))
}

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

var keyHelp = pathHelp(keyRows(), map[string]string{
	"public-key":               "Configure public keys",
	"local":                    "Local key pairs",
	"create":                   "Create a local key pair",
	"destroy":                  "Destroy a local key pair",
	"export":                   "Print the public key of a local key pair",
	"rsa":                      "RSA key pair",
	"dsa":                      "DSA key pair",
	"ecdsa":                    "ECDSA key pair",
	"ed25519":                  "Ed25519 key pair",
	"secp256r1":                "Curve secp256r1 (NIST P-256, the default)",
	"secp384r1":                "Curve secp384r1 (NIST P-384)",
	"name":                     "Specify the key pair name",
	"openssh":                  "OpenSSH format",
	"ssh2":                     "SSH2 (RFC 4716) format",
	"public":                   "Public key",
	"peer":                     "Peer public keys",
	"public-key peer import":   "Import the public key from a file",
	"sshkey":                   "A public key file in OpenSSH or SSH2 (RFC 4716) format",
	"display public-key":       "Public key information",
	"display public-key local": "Local key pairs",
	"display public-key peer":  "Peer public keys",
	"peer name":                "Specify the public key name",
	"brief":                    "Brief information",
	"undo public-key":          "Configure public keys",
	"undo public-key peer":     "Delete a peer public key",
	"public-key-code":          "Key code wrapper (Comware 5 style), ignored",
	"public-key-code begin":    "Start of the key code",
	"public-key-code end":      "End of the key code",
	"peer-public-key":          "Leave the public key view",
	"peer-public-key end":      "Check the key code, save the key and return to system view",
})

var keyArgHelp = map[string]string{
	"lkey":    "Key pair name",
	"pkey":    "Public key name",
	"keyfile": "Public key file name on flash:",
	"keycode": "Public key code in hexadecimal",
}
