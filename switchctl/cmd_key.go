package switchctl

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

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
