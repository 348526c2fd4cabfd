package pki

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s mismatch (go test -update to accept)\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestFormatLocalGolden(t *testing.T) {
	keys := seeded(t).List()
	// A named key: not "(default)"; its own creation time and zone.
	named := *keys[0]
	named.Name = "rsa1"
	named.Created = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	keys = append(keys, &named)
	var b bytes.Buffer
	if err := FormatLocal(&b, keys); err != nil {
		t.Fatal(err)
	}
	golden(t, "format_local.golden", b.String())
}

func TestFormatLocalShape(t *testing.T) {
	var b bytes.Buffer
	if err := FormatLocal(&b, seeded(t).List()[:1]); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	head := []string{
		"=============================================",
		"Key name: hostkey (default)",
		"Key type: RSA",
		"Time when key pair created: 15:40:48 2011/05/12",
		"Key code:",
		"   308201A2300D06092A864886F70D01010105000382018F003082018A0282018100",
	}
	for i, want := range head {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], want)
		}
	}
	if n := len(lines); lines[n-1] != "" || lines[n-2] != "" || !strings.HasSuffix(lines[n-3], "0203010001") {
		t.Errorf("output does not end with the exponent and a blank line: %q", lines[n-3:])
	}
}

func TestFormatPeer(t *testing.T) {
	keys := testKeys(t)
	rsaKey, dsaKey := keys["rsa-1024"], keys["dsa-seed"]
	code, err := HexDER(rsaKey)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := FormatPeer(&b, "idrsa", rsaKey); err != nil {
		t.Fatal(err)
	}
	want := "=============================================\nKey name: idrsa\nKey type: RSA\nKey modulus: 1024\nKey code:\n   " +
		strings.ReplaceAll(code, "\n", "\n   ") + "\n\n"
	if b.String() != want {
		t.Errorf("FormatPeer:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	err = FormatPeerBrief(&b, []PeerEntry{
		{"idrsa", rsaKey}, {"10.1.1.1", dsaKey}, {"ec", keys["ecdsa-384"]}, {"ed", keys["ed25519-seed"]},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantBrief := `Type  Modulus  Name
---------------------------
RSA   1024    idrsa
DSA   1024    10.1.1.1
ECDSA 384     ec
Ed25519 256     ed
`
	if b.String() != wantBrief {
		t.Errorf("FormatPeerBrief:\n%s\nwant:\n%s", b.String(), wantBrief)
	}
}

func TestOpenSSHPublicAndRFC4716(t *testing.T) {
	for name, key := range testKeys(t) {
		t.Run(name, func(t *testing.T) {
			line := OpenSSHPublic(key)
			if !strings.HasPrefix(line, key.Type()+" AAAA") || strings.ContainsAny(line, "\n") {
				t.Errorf("OpenSSHPublic = %q", line)
			}
			var b bytes.Buffer
			comment := "rsa-key-2011/05/12 with a comment long enough to need a continuation line"
			if err := FormatRFC4716(&b, key, comment); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
				if len(l) > 72 {
					t.Errorf("RFC 4716 line longer than 72 bytes: %q", l)
				}
			}
			back, err := ParsePeerKey(b.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if !sameKey(back, key) {
				t.Error("RFC 4716 export did not parse back to the key")
			}
		})
	}
}
