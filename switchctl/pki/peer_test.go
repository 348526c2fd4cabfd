package pki

import (
	"bytes"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

func TestParsePeerKeyFormats(t *testing.T) {
	for name, key := range testKeys(t) {
		line := OpenSSHPublic(key)
		b64 := strings.Fields(line)[1]
		var wrapped strings.Builder // hand-written RFC 4716, CRLF, continued header
		wrapped.WriteString("---- BEGIN SSH2 PUBLIC KEY ----\r\nSubject: admin\r\nComment: \"a long \\\r\ncomment\"\r\nx-note: x\r\n")
		for s := b64; s != ""; {
			n := min(len(s), 64)
			wrapped.WriteString(s[:n] + "\r\n")
			s = s[n:]
		}
		wrapped.WriteString("---- END SSH2 PUBLIC KEY ----\r\n")
		inputs := map[string]string{
			"bare":      line,
			"comment":   line + " user@host with spaces\n",
			"commented": "# exported key\n\n" + line + " c\r\n",
			"options":   "no-pty,no-port-forwarding " + line,
			"rfc4716":   wrapped.String(),
		}
		for form, in := range inputs {
			t.Run(name+"/"+form, func(t *testing.T) {
				got, err := ParsePeerKey([]byte(in))
				if err != nil {
					t.Fatal(err)
				}
				if !sameKey(got, key) {
					t.Fatal("parsed a different key")
				}
			})
		}
	}
}

func TestParsePeerKeySSH1(t *testing.T) {
	key := testKeys(t)["rsa-1024"]
	pub := key.(ssh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey)
	in := fmt.Sprintf("%d %d %s rsa-key\n", pub.N.BitLen(), pub.E, pub.N)
	got, err := ParsePeerKey([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if !sameKey(got, key) {
		t.Fatal("parsed a different key")
	}
}

// TestParsePeerKeySSHKeygen reads RFC 4716 files written by ssh-keygen -e.
func TestParsePeerKeySSHKeygen(t *testing.T) {
	keygen := tool(t, "ssh-keygen")
	dir := t.TempDir()
	for name, key := range testKeys(t) {
		t.Run(name, func(t *testing.T) {
			pubFile := filepath.Join(dir, name+".pub")
			if err := os.WriteFile(pubFile, []byte(OpenSSHPublic(key)+" "+name+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(keygen, "-e", "-f", pubFile).Output()
			if err != nil {
				t.Fatalf("ssh-keygen -e: %v", err)
			}
			if !bytes.HasPrefix(out, []byte(rfc4716Begin)) {
				t.Fatalf("ssh-keygen -e wrote %q", out)
			}
			got, err := ParsePeerKey(out)
			if err != nil {
				t.Fatalf("%v in\n%s", err, out)
			}
			if !sameKey(got, key) {
				t.Fatal("parsed a different key")
			}
		})
	}
}

func TestParsePeerKeyErrors(t *testing.T) {
	keys := testKeys(t)
	ed := OpenSSHPublic(keys["ed25519-seed"])
	edB64 := strings.Fields(ed)[1]
	blob := keys["ed25519-seed"].Marshal()
	privPEM, err := os.ReadFile("testdata/ed25519key.ed25519.pem")
	if err != nil {
		t.Fatal(err)
	}
	sk := appendString(appendString(appendString(nil, []byte("sk-ssh-ed25519@openssh.com")), make([]byte, 32)), []byte("ssh:"))
	tests := []struct {
		name, in string
		want     error
		reason   string
	}{
		{"empty", " \n", ErrBadKeyFile, "empty"},
		{"text", "hello world", ErrBadKeyFile, "not an OpenSSH or RFC 4716"},
		{"two keys", ed + "\n" + ed, ErrBadKeyFile, "2 non-comment lines"},
		{"type only", "ssh-ed25519", ErrBadKeyFile, "no key data"},
		{"truncated base64", "ssh-ed25519 " + edB64[:len(edB64)-3], ErrBadKeyFile, "truncated base64"},
		{"bad base64", "ssh-ed25519 " + strings.Repeat("!", 8), ErrBadKeyFile, "invalid base64"},
		{"truncated key", "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob[:30]), ErrBadKeyFile, "malformed"},
		{"type mismatch", "ssh-rsa " + edB64, ErrBadKeyFile, "does not match"},
		{"private openssh", string(privPEM), ErrBadKeyFile, "private key given"},
		{"private pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n", ErrBadKeyFile, "private key given"},
		{"putty", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n", ErrBadKeyFile, "private key given"},
		{"rfc4716 no end", rfc4716Begin + "\n" + edB64 + "\n", ErrBadKeyFile, "missing"},
		{"rfc4716 no body", rfc4716Begin + "\nComment: x\n" + rfc4716End + "\n", ErrBadKeyFile, "no key data"},
		{"ssh1 junk", "1024 65537 x", ErrBadKeyFile, "not an OpenSSH"},
		{"ssh1 even exponent", "1024 65536 " + strings.Repeat("7", 300), ErrBadKeyFile, "exponent"},
		{"security key", "sk-ssh-ed25519@openssh.com " + base64.StdEncoding.EncodeToString(sk), ErrUnsupportedKey, "sk-ssh-ed25519"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePeerKey([]byte(tt.in))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("ParsePeerKey = %v, want %v mentioning %q", err, tt.want, tt.reason)
			}
		})
	}
}
