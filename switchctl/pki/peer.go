package pki

import (
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"math/big"
	"strings"

	"golang.org/x/crypto/ssh"
)

// RFC 4716 markers.
const (
	rfc4716Begin = "---- BEGIN SSH2 PUBLIC KEY ----"
	rfc4716End   = "---- END SSH2 PUBLIC KEY ----"
)

// ParsePeerKey parses a public key file for "public-key peer NAME import
// sshkey FILE": an OpenSSH line ("ssh-rsa AAAA... comment", also ed25519,
// ecdsa-sha2-* and ssh-dss), an RFC 4716 "SSH2 PUBLIC KEY" file, or an SSH1
// RSA line ("bits exponent modulus comment"). Malformed input yields
// ErrBadKeyFile with the reason; a well-formed key of a type vtyd cannot
// use yields ErrUnsupportedKey.
func ParsePeerKey(data []byte) (ssh.PublicKey, error) {
	text := strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff"))
	first, _, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	switch {
	case text == "":
		return nil, badFile("empty file")
	case strings.HasPrefix(first, "-----BEGIN") && strings.Contains(first, "PRIVATE KEY"),
		strings.HasPrefix(first, "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY"),
		strings.HasPrefix(first, "PuTTY-User-Key-File-"):
		return nil, badFile("private key given; import the public key")
	case first == rfc4716Begin:
		return parseRFC4716(text)
	}
	return parseOpenSSH(text)
}

func badFile(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrBadKeyFile}, args...)...)
}

// parseOpenSSH reads the one key line of an OpenSSH public key or
// authorized_keys file; blank and "#" lines are skipped.
func parseOpenSSH(text string) (ssh.PublicKey, error) {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 {
		return nil, badFile("not an OpenSSH or RFC 4716 public key (%d non-comment lines, want one key line)", len(lines))
	}
	fields := strings.Fields(lines[0])
	if isDecimal(fields[0]) {
		return parseSSH1(fields)
	}
	if !isKeyTypeName(fields[0]) && len(fields) > 1 && isKeyTypeName(fields[1]) {
		fields = fields[1:] // authorized_keys options without spaces
	}
	if !isKeyTypeName(fields[0]) {
		return nil, badFile("not an OpenSSH or RFC 4716 public key")
	}
	if len(fields) < 2 {
		return nil, badFile("no key data after %q", fields[0])
	}
	key, err := parseBlob(fields[1])
	if err != nil {
		return nil, err
	}
	if key.Type() != fields[0] {
		return nil, badFile("key type %q does not match its data (%s)", fields[0], key.Type())
	}
	return key, nil
}

// parseRFC4716 reads an SSH2 public key file: header lines ("Tag: value",
// continued by a trailing backslash), then base64, then the END marker.
func parseRFC4716(text string) (ssh.PublicKey, error) {
	var body strings.Builder
	header, cont, ended := true, false, false
	for _, l := range strings.Split(text, "\n")[1:] {
		l = strings.TrimSpace(l)
		switch {
		case l == rfc4716End:
			ended = true
		case cont:
			cont = strings.HasSuffix(l, `\`)
		case header && strings.Contains(l, ":"):
			cont = strings.HasSuffix(l, `\`)
		default:
			header = false
			body.WriteString(l)
		}
		if ended {
			break
		}
	}
	if !ended {
		return nil, badFile("missing %q", rfc4716End)
	}
	if body.Len() == 0 {
		return nil, badFile("no key data")
	}
	return parseBlob(body.String())
}

// parseSSH1 reads an SSH1 RSA public key: bits, exponent, modulus, comment.
func parseSSH1(fields []string) (ssh.PublicKey, error) {
	if len(fields) < 3 || !isDecimal(fields[1]) || !isDecimal(fields[2]) {
		return nil, badFile("not an OpenSSH or RFC 4716 public key")
	}
	e, _ := new(big.Int).SetString(fields[1], 10)
	n, _ := new(big.Int).SetString(fields[2], 10)
	if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 || e.Bit(0) == 0 || n.BitLen() < 512 {
		return nil, badFile("SSH1 key with bad exponent or modulus")
	}
	return ssh.NewPublicKey(&rsa.PublicKey{N: n, E: int(e.Int64())})
}

// parseBlob decodes base64 and parses the SSH wire key inside.
func parseBlob(b64 string) (ssh.PublicKey, error) {
	if len(b64)%4 != 0 {
		return nil, badFile("truncated base64")
	}
	blob, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, badFile("invalid base64 (%v)", err)
	}
	typ, _, ok := readString(blob)
	if !ok {
		return nil, badFile("truncated key data")
	}
	var key ssh.PublicKey
	switch string(typ) {
	case dssAlgo:
		key, err = parseDSAWire(blob)
	case ssh.KeyAlgoRSA, ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384, ssh.KeyAlgoECDSA521, ssh.KeyAlgoED25519:
		key, err = ssh.ParsePublicKey(blob)
	default:
		return nil, fmt.Errorf("%w: %q", ErrUnsupportedKey, typ)
	}
	if err != nil {
		return nil, badFile("malformed %s key data (%v)", typ, err)
	}
	return key, nil
}

func isKeyTypeName(s string) bool {
	return strings.HasPrefix(s, "ssh-") || strings.HasPrefix(s, "ecdsa-sha2-") || strings.HasPrefix(s, "sk-")
}

func isDecimal(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
