package switchctl

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rsa"
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"

	"vtyd/switchctl/pki"
)

func sshNewEd25519(t *testing.T) ssh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// sshWritePeerFile puts key on the device's flash: as an OpenSSH line or an RFC 4716 file.
func sshWritePeerFile(t *testing.T, d *Device, name string, key ssh.PublicKey, rfc4716 bool) {
	t.Helper()
	data := append(bytes.TrimSuffix(ssh.MarshalAuthorizedKey(key), []byte("\n")), " user@laptop\n"...)
	if rfc4716 {
		var b bytes.Buffer
		if err := pki.FormatRFC4716(&b, key, "user@desk"); err != nil {
			t.Fatal(err)
		}
		data = b.Bytes()
	}
	if dir, _, ok := strings.Cut(name, "/"); ok {
		if err := d.Flash().Mkdir(dir); err != nil && !strings.Contains(err.Error(), "exists") {
			t.Fatal(err)
		}
	}
	if err := d.Flash().WriteFileAtomic(name, data); err != nil {
		t.Fatal(err)
	}
}

// sshTypeHexKey types key's code in public key view in groups of width digits, several to a line.
func sshTypeHexKey(t *testing.T, s *Session, key ssh.PublicKey, width int) {
	t.Helper()
	code, err := pki.HexDER(key)
	if err != nil {
		t.Fatal(err)
	}
	code = strings.ReplaceAll(code, "\n", "")
	var groups []string
	for len(code) > 0 {
		n := min(width, len(code))
		groups = append(groups, code[:n])
		code = code[n:]
	}
	for len(groups) > 0 {
		n := min(3, len(groups))
		sshMust(t, s, " "+strings.Join(groups[:n], " "))
		groups = groups[n:]
	}
}

func sshSameKey(a, b ssh.PublicKey) bool {
	return a != nil && b != nil && bytes.Equal(a.Marshal(), b.Marshal())
}

func TestPeerKeyTypedInHex(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	key := sshNewEd25519(t)
	out := sshMust(t, s, "public-key peer Alice")
	if out != "Enter public key view. Return to system view with \"peer-public-key end\" command.\n" {
		t.Fatalf("entering: %q", out)
	}
	if p := s.Prompt(); p != "[HPE-pkey-public-key-Alice]" {
		t.Fatalf("prompt %q", p)
	}
	sshMust(t, s, "public-key-code begin")
	sshTypeHexKey(t, s, key, 8)
	sshMust(t, s, "public-key-code end")
	if _, err := d.PeerKey("alice"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the key exists before peer-public-key end: %v", err)
	}
	sshMust(t, s, "peer-public-key end")
	if s.View().Kind != ViewSystem {
		t.Fatalf("view after peer-public-key end: %v", s.View())
	}
	got, err := d.PeerKey("ALICE")
	if err != nil || !sshSameKey(got, key) {
		t.Fatalf("PeerKey = %v, %v", got, err)
	}
	code, _ := pki.HexDER(key)
	want := "#\npublic-key peer Alice\n " + strings.ReplaceAll(code, "\n", "\n ") + "\n peer-public-key end\n#\n"
	if cfg := d.CurrentConfig(); !strings.Contains(cfg, want) {
		t.Fatalf("configuration lacks\n%s\nin\n%s", want, cfg)
	}
	var detail bytes.Buffer
	if err := pki.FormatPeer(&detail, "Alice", key); err != nil {
		t.Fatal(err)
	}
	if got := sshMust(t, s, "display public-key peer name alice"); got != detail.String() {
		t.Fatalf("display name:\n%s", lineDiff(detail.String(), got))
	}
	if got := sshMust(t, s, "display public-key peer"); got != detail.String() {
		t.Fatalf("display all:\n%s", lineDiff(detail.String(), got))
	}
	if got := sshMust(t, s, "display public-key peer brief"); got != "Type  Modulus  Name\n---------------------------\nEd25519 256     Alice\n" {
		t.Fatalf("brief: %q", got)
	}

	// typing the key again under another spelling replaces it and keeps the first name
	key2 := sshNewEd25519(t)
	sshMust(t, s, "public-key peer ALICE")
	if got := sshMust(t, s, "display this"); !strings.Contains(got, "public-key peer Alice\n") {
		t.Fatalf("display this in key view: %q", got)
	}
	sshTypeHexKey(t, s, key2, 72)
	sshMust(t, s, "peer-public-key end")
	if got, _ := d.PeerKey("alice"); !sshSameKey(got, key2) || strings.Contains(d.CurrentConfig(), "ALICE") {
		t.Fatalf("replacement: %v\n%s", got, d.CurrentConfig())
	}
	// entering and leaving without code keeps the key
	sshMust(t, s, "public-key peer alice", "peer-public-key end")
	if got, _ := d.PeerKey("alice"); !sshSameKey(got, key2) {
		t.Fatal("an empty entry changed the key")
	}
}

func TestPeerKeyViewRefusals(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	sshMust(t, s, "public-key peer k1")
	for _, tc := range []struct {
		line string
		kind ParseKind
		pos  int
	}{
		{"XYZ", Unrecognized, 0},
		{"0A0B zz", Unrecognized, 5},
		{"  30 82 g1", Unrecognized, 8},
		{"quit", Unrecognized, 0}, // public key view is left with peer-public-key end only
		{"sysname x", Unrecognized, 0},
		{"peer-public-key", Incomplete, 16},
		{"peer-public-key end now", TooMany, 20},
	} {
		_, err := sshExec(s, tc.line)
		sshWantParse(t, tc.line, err, tc.kind, tc.pos)
	}
	if s.View().Kind != ViewPeerKey || d.Sysname() != DefaultSysname {
		t.Fatalf("view %v, sysname %s", s.View(), d.Sysname())
	}
	sshMust(t, s, "3000 0102") // hex, but not a key
	_, err := sshExec(s, "peer-public-key end")
	sshWantRefusal(t, "bad key", err, ErrInvalidValue, "Invalid public key code", "k1 was discarded")
	if s.View().Kind != ViewSystem {
		t.Fatalf("a bad key did not return to system view: %v", s.View())
	}
	if _, err := d.PeerKey("k1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a bad key was stored: %v", err)
	}
	sshMust(t, s, "public-key peer k2")
	_, err = sshExec(s, "peer-public-key end")
	sshWantRefusal(t, "no code", err, ErrInvalidValue, "No public key code was entered")
	if s.View().Kind != ViewSystem {
		t.Fatalf("an empty key did not return to system view: %v", s.View())
	}
	// the code of an abandoned entry (Ctrl+Z) does not leak into the next one
	key := sshNewEd25519(t)
	sshMust(t, s, "public-key peer k3", "0A0B0C")
	s.CtrlZ()
	sshMust(t, s, "system-view", "public-key peer k3")
	sshTypeHexKey(t, s, key, 72)
	sshMust(t, s, "peer-public-key end")
	if got, err := d.PeerKey("k3"); !sshSameKey(got, key) {
		t.Fatalf("k3: %v", err)
	}
	_, err = sshExec(s, `public-key peer "a b"`)
	sshWantParse(t, "blank in name", err, WrongParam, 16)
	_, err = sshExec(s, "public-key peer "+strings.Repeat("k", 65))
	sshWantParse(t, "long name", err, WrongParam, 16)
}

func TestPeerKeyCheckFollowsTheView(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	batch := []string{"public-key peer k", " 3082", " peer-public-key end", "vlan 5000"}
	if i, err := s.Check(batch); i != 3 || err == nil {
		t.Fatalf("Check = %d, %v; want the vlan line", i, err)
	}
}

func TestPeerKeyImport(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	openssh, rfc := sshNewEd25519(t), sshNewEd25519(t)
	sshWritePeerFile(t, d, "id.pub", openssh, false)
	sshWritePeerFile(t, d, "keys/rfc.pub", rfc, true)
	sshMust(t, s, "public-key peer ossh import sshkey id.pub", "public-key peer rfc import sshkey flash:/keys/rfc.pub")
	for name, want := range map[string]ssh.PublicKey{"ossh": openssh, "rfc": rfc} {
		if got, err := d.PeerKey(name); !sshSameKey(got, want) {
			t.Fatalf("%s: %v", name, err)
		}
	}
	cfg := d.CurrentConfig()
	for _, l := range []string{" public-key peer ossh import sshkey id.pub\n", " public-key peer rfc import sshkey flash:/keys/rfc.pub\n"} {
		if !strings.Contains(cfg, l) {
			t.Fatalf("configuration lacks %q:\n%s", l, cfg)
		}
	}

	// an RSA key from a file shows its modulus
	priv, err := rsa.GenerateKey(nil, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, _ := ssh.NewPublicKey(&priv.PublicKey)
	sshWritePeerFile(t, d, "rsa.pub", rsaKey, false)
	sshMust(t, s, "public-key peer r import sshkey rsa.pub")
	if got := sshMust(t, s, "display public-key peer brief | include RSA"); got != "RSA   1024    r\n" {
		t.Fatalf("brief: %q", got)
	}

	bad := map[string]string{
		"garbage.pub": "hello world\n",
		"empty.pub":   "",
		"priv.pem":    "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
		"trunc.pub":   "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB\n",
	}
	for name, data := range bad {
		if err := d.Flash().WriteFileAtomic(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		line   string
		reason error
		parts  []string
	}{
		{"public-key peer x import sshkey garbage.pub", ErrInvalidValue, []string{"Failed to import the public key", "not an OpenSSH or RFC 4716 public key"}},
		{"public-key peer x import sshkey empty.pub", ErrInvalidValue, []string{"empty file"}},
		{"public-key peer x import sshkey priv.pem", ErrInvalidValue, []string{"private key given"}},
		{"public-key peer x import sshkey trunc.pub", ErrInvalidValue, []string{"base64"}},
		{"public-key peer x import sshkey missing.pub", ErrFile, []string{"cannot read missing.pub (the file does not exist)"}},
		{"public-key peer x import sshkey keys", ErrFile, []string{"directory"}},
		{"public-key peer x import sshkey ../etc/passwd", ErrFile, []string{"cannot read"}},
	} {
		_, err := sshExec(s, tc.line)
		sshWantRefusal(t, tc.line, err, tc.reason, tc.parts...)
	}
	if _, err := d.PeerKey("x"); !errors.Is(err, ErrNotFound) {
		t.Fatal("a refused import stored a key")
	}
	_, err = sshExec(s, "public-key peer x import sshkey")
	sshWantParse(t, "no file", err, Incomplete, 32)
	_, err = sshExec(s, "public-key peer x import")
	sshWantParse(t, "no format", err, Incomplete, 25)
}

func TestUndoPeerKey(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	sshWritePeerFile(t, d, "a.pub", sshNewEd25519(t), false)
	sshMust(t, s, "public-key peer a import sshkey a.pub", "public-key peer b import sshkey a.pub",
		"ssh user u service-type all authentication-type publickey assign publickey A")
	_, err := sshExec(s, "undo public-key peer a")
	sshWantRefusal(t, "assigned", err, ErrInUse, "assigned to SSH user u")
	sshMust(t, s, "undo public-key peer B")
	if _, err := d.PeerKey("b"); !errors.Is(err, ErrNotFound) {
		t.Fatal("undo public-key peer left the key")
	}
	_, err = sshExec(s, "undo public-key peer b")
	sshWantRefusal(t, "missing", err, ErrNotFound, "The public key b does not exist.")
	_, err = sshExec(s, "display public-key peer name b")
	sshWantRefusal(t, "display missing", err, ErrNotFound, "b does not exist")
	sshMust(t, s, "undo ssh user u", "undo public-key peer a")
	if got := sshMust(t, s, "display public-key peer brief"); got != "Type  Modulus  Name\n---------------------------\n" {
		t.Fatalf("brief without keys: %q", got)
	}
}

func TestLocalKeyCreate(t *testing.T) {
	d := sshTestDevice(t)
	store := d.Keys()

	// ECDSA and Ed25519 ask nothing, so exec can create them
	out := sshMust(t, sshSysSession(t, d, nil), "public-key local create ecdsa secp384r1 name k384")
	if out != "Generating Keys...\nCreate the key pair successfully.\n" {
		t.Fatalf("ecdsa: %q", out)
	}
	if k, err := store.Get(pki.KindECDSA384, "k384"); err != nil || k.Kind != pki.KindECDSA384 {
		t.Fatalf("k384: %v", err)
	}

	ask := &sshDialog{answers: []string{"1024"}}
	out = sshMust(t, sshSysSession(t, d, ask), "public-key local create rsa name R1")
	want := "The range of public key modulus is (1024 ~ 4096).\n" +
		"If the key modulus is greater than 512, it will take a few minutes.\nPress CTRL+C to abort.\n" +
		"Generating Keys...\nCreate the key pair successfully.\n"
	if out != want || !slices.Equal(ask.prompts, []string{"Input the modulus length [default = 3072]:"}) {
		t.Fatalf("rsa: %q, prompts %q", out, ask.prompts)
	}
	k, err := store.Get(pki.KindRSA, "r1")
	if err != nil || k.Private.(*rsa.PrivateKey).N.BitLen() != 1024 {
		t.Fatalf("r1: %v", err)
	}

	for _, ans := range []string{"abc", "512", "4097", "2048 bits"} {
		_, err := sshExec(sshSysSession(t, d, &sshDialog{answers: []string{ans}}), "public-key local create rsa name r2")
		sshWantRefusal(t, ans, err, ErrInvalidValue, "The modulus length must be an integer from 1024 to 4096.")
	}
	dsaAsk := &sshDialog{answers: []string{"2048"}}
	_, err = sshExec(sshSysSession(t, d, dsaAsk), "public-key local create dsa name d2")
	sshWantRefusal(t, "dsa 2048", err, ErrInvalidValue, "from 1024 to 1024")
	if !slices.Equal(dsaAsk.prompts, []string{"Input the modulus length [default = 1024]:"}) {
		t.Fatalf("dsa prompts %q", dsaAsk.prompts)
	}
	if _, err := store.Get(pki.KindRSA, "r2"); !errors.Is(err, pki.ErrNoKey) {
		t.Fatal("a refused modulus created a key")
	}

	_, err = sshExec(sshSysSession(t, d, nil), "public-key local create ed25519 name bad_name")
	sshWantRefusal(t, "bad name", err, ErrInvalidValue, "letters, digits or hyphens")
}

func TestLocalKeyModulusDefaultWithoutAsker(t *testing.T) {
	d := sshTestDevice(t)
	s := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: -1, Proto: "SSH"})
	var out bytes.Buffer
	c := &Ctx{S: s, D: d, Out: &out}
	bits, err := askModulus(c, pki.KindRSA)
	if bits != 0 || err != nil || out.Len() != 0 {
		t.Fatalf("askModulus without an asker = %d, %v, %q; want the default, silently", bits, err, out.String())
	}
}

func TestLocalKeyReplace(t *testing.T) {
	d := sshTestDevice(t)
	store := d.Keys()
	before, _ := store.Get(pki.KindEd25519, "")

	_, err := sshExec(sshSysSession(t, d, nil), "public-key local create ed25519")
	sshWantRefusal(t, "no asker", err, ErrNoAnswer, "Replacing the key pair needs a confirmation", "interactive session")

	no := &sshDialog{answers: []string{"N"}}
	out := sshMust(t, sshSysSession(t, d, no), "public-key local create ed25519")
	if out != "The local key pair already exists.\n" || !slices.Equal(no.prompts, []string{"Confirm to replace it? [Y/N]:"}) {
		t.Fatalf("N: %q %q", out, no.prompts)
	}
	if k, _ := store.Get(pki.KindEd25519, ""); !sshSameKey(k.PublicKey(), before.PublicKey()) {
		t.Fatal("answering N replaced the key")
	}

	sshMust(t, sshSysSession(t, d, &sshDialog{answers: []string{"y"}}), "public-key local create ed25519")
	if k, _ := store.Get(pki.KindEd25519, ""); sshSameKey(k.PublicKey(), before.PublicKey()) {
		t.Fatal("answering Y kept the old key")
	}
	// an ECDSA key of the other curve replaces the same-named one
	sshMust(t, sshSysSession(t, d, &sshDialog{answers: []string{"y"}}), "public-key local create ecdsa secp384r1")
	if k, _ := store.Get(pki.KindECDSA256, ""); k.Kind != pki.KindECDSA384 {
		t.Fatalf("ecdsakey is %v", k.Kind)
	}
}

func TestLocalKeyDestroy(t *testing.T) {
	d := sshTestDevice(t)
	store := d.Keys()
	_, err := sshExec(sshSysSession(t, d, nil), "public-key local destroy dsa")
	sshWantRefusal(t, "no asker", err, ErrNoAnswer, "Destroying a key pair needs a confirmation")
	no := &sshDialog{answers: []string{"n"}}
	sshMust(t, sshSysSession(t, d, no), "public-key local destroy dsa")
	if _, err := store.Get(pki.KindDSA, ""); err != nil || !slices.Equal(no.prompts, []string{"Confirm to destroy the key pair? [Y/N]:"}) {
		t.Fatalf("answered N: %v %q", err, no.prompts)
	}
	s := sshSysSession(t, d, &sshDialog{answers: []string{"y", "y", "y", "y"}})
	sshMust(t, s, "public-key local destroy dsa", "public-key local destroy ecdsa", "public-key local destroy rsa")
	if len(store.List()) != 1 {
		t.Fatalf("keys left: %d", len(store.List()))
	}
	_, err = sshExec(s, "public-key local destroy ed25519")
	sshWantRefusal(t, "last host key", err, ErrInUse, "ed25519key is the last host key")
	_, err = sshExec(s, "public-key local destroy rsa")
	sshWantRefusal(t, "gone", err, ErrNotFound, "The local key pair does not exist.")
	_, err = sshExec(s, "display public-key local rsa public")
	sshWantRefusal(t, "display gone", err, ErrNotFound, "does not exist")
	// a named key is never a host key, so it may go even when it is the last of its type
	sshMust(t, s, "public-key local create ecdsa name extra", "public-key local destroy ecdsa name EXTRA")
}

func TestDisplayAndExportLocalKey(t *testing.T) {
	d := sshTestDevice(t)
	s := sshSysSession(t, d, nil)
	store := d.Keys()
	sshMust(t, s, "public-key local create ed25519 name second")

	var want bytes.Buffer
	if err := pki.FormatLocal(&want, []*pki.LocalKey{sshMustLocal(t, store, pki.KindEd25519, ""), sshMustLocal(t, store, pki.KindEd25519, "second")}); err != nil {
		t.Fatal(err)
	}
	if got := sshMust(t, s, "display public-key local ed25519 public"); got != want.String() {
		t.Fatalf("display all ed25519:\n%s", lineDiff(want.String(), got))
	}
	got := sshMust(t, s, "display public-key local rsa public name hostkey")
	if !strings.HasPrefix(got, "=============================================\nKey name: hostkey (default)\nKey type: RSA\n"+
		"Time when key pair created: 15:40:48 2011/05/12\nKey code:\n   30") {
		t.Fatalf("display rsa:\n%s", got)
	}

	host := sshMustLocal(t, store, pki.KindEd25519, "").PublicKey()
	line := sshMust(t, s, "public-key local export ed25519 openssh")
	parsed, comment, _, _, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil || !sshSameKey(parsed, host) || comment != "ed25519-key" {
		t.Fatalf("openssh export %q: %v %q", line, err, comment)
	}
	text := sshMust(t, s, "public-key local export ed25519 ssh2")
	if !strings.HasPrefix(text, "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"ed25519-key-2011/05/12\"\n") {
		t.Fatalf("ssh2 export:\n%s", text)
	}
	if k, err := pki.ParsePeerKey([]byte(text)); err != nil || !sshSameKey(k, host) {
		t.Fatalf("ssh2 export does not parse back: %v", err)
	}
	_, err = sshExec(s, "public-key local export ecdsa name second openssh") // second is an Ed25519 key
	sshWantRefusal(t, "export wrong type", err, ErrNotFound, "does not exist")
	_, err = sshExec(s, "public-key local export dsa name nokey openssh")
	sshWantRefusal(t, "export missing", err, ErrNotFound, "does not exist")
	_, err = sshExec(s, "public-key local export rsa")
	sshWantParse(t, "export no format", err, Incomplete, 28)
	if got := sshMust(t, s, "public-key local export rsa openssh | include ssh-rsa"); !strings.HasPrefix(got, "ssh-rsa AAAA") {
		t.Fatalf("export through a filter: %q", got)
	}
}

func sshMustLocal(t *testing.T, store *pki.Store, kind pki.Kind, name string) *pki.LocalKey {
	t.Helper()
	k, err := store.Get(kind, name)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
