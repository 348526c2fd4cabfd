package switchctl

import (
	"strings"
)

// algoKinds are the `ssh2 algorithm` categories, in rendering order.
var algoKinds = []string{"key-exchange", "public-key", "cipher", "mac"}

// algo is an SSH algorithm as Comware's CLI names it, and the wire names it stands for.
type algo struct {
	name string
	wire []string
}

// algoCatalog holds, per category, the algorithms vtyd's SSH stack can offer: Comware's own names plus
// the modern ones spelt in Comware's style. Order is the default priority order.
var algoCatalog = map[string][]algo{
	"key-exchange": {
		{"mlkem768x25519-sha256", []string{"mlkem768x25519-sha256"}},
		{"curve25519-sha256", []string{"curve25519-sha256", "curve25519-sha256@libssh.org"}},
		{"dh-group16-sha512", []string{"diffie-hellman-group16-sha512"}},
		{"dh-group14-sha256", []string{"diffie-hellman-group14-sha256"}},
		{"dh-group-exchange-sha256", []string{"diffie-hellman-group-exchange-sha256"}},
		{"ecdh-sha2-nistp256", []string{"ecdh-sha2-nistp256"}},
		{"ecdh-sha2-nistp384", []string{"ecdh-sha2-nistp384"}},
		{"ecdh-sha2-nistp521", []string{"ecdh-sha2-nistp521"}},
		{"dh-group-exchange-sha1", []string{"diffie-hellman-group-exchange-sha1"}},
		{"dh-group14-sha1", []string{"diffie-hellman-group14-sha1"}},
		{"dh-group1-sha1", []string{"diffie-hellman-group1-sha1"}},
	},
	"public-key": {
		{"ed25519", []string{"ssh-ed25519"}},
		{"rsa-sha2-512", []string{"rsa-sha2-512"}},
		{"rsa-sha2-256", []string{"rsa-sha2-256"}},
		{"ecdsa-sha2-nistp256", []string{"ecdsa-sha2-nistp256"}},
		{"ecdsa-sha2-nistp384", []string{"ecdsa-sha2-nistp384"}},
		{"rsa", []string{"ssh-rsa"}},
		{"dsa", []string{"ssh-dss"}},
	},
	"cipher": {
		{"chacha20-poly1305", []string{"chacha20-poly1305@openssh.com"}},
		{"aes128-gcm", []string{"aes128-gcm@openssh.com"}},
		{"aes256-gcm", []string{"aes256-gcm@openssh.com"}},
		{"aes128-ctr", []string{"aes128-ctr"}},
		{"aes192-ctr", []string{"aes192-ctr"}},
		{"aes256-ctr", []string{"aes256-ctr"}},
		{"aes128-cbc", []string{"aes128-cbc"}},
		{"3des-cbc", []string{"3des-cbc"}},
	},
	"mac": {
		{"sha2-256-etm", []string{"hmac-sha2-256-etm@openssh.com"}},
		{"sha2-512-etm", []string{"hmac-sha2-512-etm@openssh.com"}},
		{"sha2-256", []string{"hmac-sha2-256"}},
		{"sha2-512", []string{"hmac-sha2-512"}},
		{"sha1", []string{"hmac-sha1"}},
		{"sha1-96", []string{"hmac-sha1-96"}},
	},
}

// algoDefaults are the names offered when no `ssh2 algorithm` command is configured: modern, and
// without anything ssh-audit fails (no NIST-curve key exchange, SHA-1, CBC or 3DES). Non-ETM SHA-2
// MACs stay because Debian's paramiko has no ETM.
var algoDefaults = map[string][]string{
	"key-exchange": {"mlkem768x25519-sha256", "curve25519-sha256"},
	"public-key":   {"ed25519", "rsa-sha2-512", "rsa-sha2-256", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384"},
	"cipher":       {"chacha20-poly1305", "aes128-gcm", "aes256-gcm", "aes128-ctr", "aes192-ctr", "aes256-ctr"},
	"mac":          {"sha2-256-etm", "sha2-512-etm", "sha2-256", "sha2-512"},
}

// algoRefused are Comware algorithm names the SSH stack cannot offer, with the reason shown.
var algoRefused = map[string]map[string]string{
	"cipher": {
		"des-cbc":    "DES is broken and the SSH stack does not implement it",
		"sm4-cbc":    "the SSH stack does not implement SM4",
		"aes256-cbc": "the SSH stack implements aes128-cbc only among CBC ciphers",
	},
	"mac": {
		"md5":    "HMAC-MD5 is obsolete and the SSH stack does not implement it",
		"md5-96": "HMAC-MD5 is obsolete and the SSH stack does not implement it",
		"sm3":    "the SSH stack does not implement SM3",
	},
	"public-key": {
		"x509v3-ecdsa-sha2-nistp256": "X.509 host certificates are not supported",
		"x509v3-ecdsa-sha2-nistp384": "X.509 host certificates are not supported",
	},
}

// matchAlgos reads algorithm names of one kind to the end of the line; a unique prefix is enough.
// Refused names are accepted here so that the command can say why they are refused.
func matchAlgos(kind string, toks []token, i int) (int, any, bool) {
	var names []string
	for _, t := range toks[i:] {
		name, ok := lookupAlgo(kind, t.Val)
		if !ok {
			return 0, nil, false
		}
		names = append(names, name)
	}
	return len(toks) - i, names, true
}

func lookupAlgo(kind, word string) (string, bool) {
	w := strings.ToLower(word)
	var all []string
	for _, a := range algoCatalog[kind] {
		all = append(all, a.name)
	}
	for name := range algoRefused[kind] {
		all = append(all, name)
	}
	found, n := "", 0
	for _, name := range all {
		if name == w {
			return name, true
		}
		if strings.HasPrefix(name, w) {
			found, n = name, n+1
		}
	}
	return found, n == 1
}

// AlgoNames lists the algorithm names the device offers for kind, in priority order: the configured
// list, or the defaults.
func (d *Device) AlgoNames(kind string) []string {
	var names []string
	d.read(func(c *Config) { names = c.SSH.Algos[kind] })
	if names == nil {
		names = algoDefaults[kind]
	}
	return append([]string(nil), names...)
}

// AlgoWire turns Comware algorithm names of one kind into the SSH wire names, in order.
func AlgoWire(kind string, names []string) []string {
	var out []string
	for _, n := range names {
		for _, a := range algoCatalog[kind] {
			if a.name == n {
				out = append(out, a.wire...)
			}
		}
	}
	return out
}

// AlgoName is the Comware name of the SSH wire algorithm wire of kind (aes128-gcm for
// aes128-gcm@openssh.com), as display ssh server session shows it; a name vtyd does not know is
// returned as it is.
func AlgoName(kind, wire string) string {
	for _, a := range algoCatalog[kind] {
		for _, w := range a.wire {
			if w == wire {
				return a.name
			}
		}
	}
	return wire
}
