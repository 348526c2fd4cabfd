package gateway

import (
	"crypto/ed25519"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"
)

// Hashes at bcrypt.MinCost, so the tests stay fast: made with htpasswd -nbBC 4 "" PASSWORD.
const (
	hashA = "$2y$04$Adln2ptG9z3ptRVE/ynX2eibAO36fdkRtXc8TzG7gVGFKbfPBAYgm" // pw-a
	hashB = "$2y$04$IwM.QYUzsOTVnvke/rXYqOpw/CQBTQGo6wDEPZ3o9hBsJtFnHqhaq" // pw-b
	hashC = "$2y$05$6YZ1V0dcWx6WNuObGCs2juBsICJu/LPlxu2Ctmnwxjfs.LiWBJZ0m" // pw-c, cost 5
)

// testKey is a fixed Ed25519 public key, n picking which, and its authorized_keys line.
func testKey(t testing.TB, n byte) (gossh.PublicKey, string) {
	t.Helper()
	seed := make([]byte, ed25519.SeedSize)
	seed[0] = n
	k, err := gossh.NewPublicKey(ed25519.NewKeyFromSeed(seed).Public())
	if err != nil {
		t.Fatal(err)
	}
	return k, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
}

// TestParseUsersRefuses holds every kind of bad users file: each is refused whole, with every
// problem named by file and line.
func TestParseUsersRefuses(t *testing.T) {
	_, key := testKey(t, 1)
	const ok = "    role: admin\n    password_hash: " + hashA + "\n"
	const keyHint = `(make one with: htpasswd -nBC 10 '' | tr -d ':\n')`
	cases := []struct {
		name, src string
		want      []string // the lines of the error
	}{
		{"empty", "# nobody yet\n",
			[]string{`u.yml: no users (the file is empty; want a users: list)`}},
		{"unknown top-level key", "user:\n  - name: a1\n",
			[]string{`u.yml:1: users file: unknown key "user" (known: users)`,
				`u.yml:1: no users (want a users: list)`}},
		{"top level a list", "- name: alice\n",
			[]string{`u.yml:1: users file: want a mapping of users`, `u.yml:1: no users (want a users: list)`}},
		{"users not a list", "users:\n  alice: {role: admin}\n",
			[]string{`u.yml:2: users: want a list of users`}},
		{"users empty", "users:\n",
			[]string{`u.yml:1: users: none (want a list of users)`}},
		{"users an empty list", "users: []\n",
			[]string{`u.yml:1: users: none (want a list of users)`}},
		{"entry not a mapping", "users:\n  - alice\n",
			[]string{`u.yml:2: users entry 1: want a mapping of name, role, devices, password_hash, authorized_keys`}},
		{"unknown entry key", "users:\n  - name: alice\n" + ok + "    pasword: x\n",
			[]string{`u.yml:5: user alice: unknown key "pasword" (known: name, role, devices, password_hash, authorized_keys)`}},
		{"a key twice", "users:\n  - name: alice\n" + ok + "    role: operator\n",
			[]string{`u.yml:5: user alice: role given twice (first at line 3)`}},
		{"merge key", "users:\n  - &a {name: alice, role: admin, password_hash: " + hashA + "}\n  - <<: *a\n    name: bob\n",
			[]string{`u.yml:3: user bob: merge keys (<<) are not supported here: write the keys out`,
				`u.yml:3: user bob: no role (want admin or operator)`,
				`u.yml:3: user bob: no password_hash or authorized_keys (give one, or both)`}},
		{"an entry twice by alias", "users:\n  - &a {name: alice, role: admin, password_hash: " + hashA + "}\n  - *a\n",
			[]string{`u.yml:2: users entry 2: the entry at line 2 again (an alias): give each user once`}},
		{"no name", "users:\n  - role: admin\n    password_hash: " + hashA + "\n",
			[]string{`u.yml:2: users entry 1: no name`}},
		{"empty name", "users:\n  - name: \"\"\n" + ok,
			[]string{`u.yml:2: users entry 1: name: want a value`}},
		{"name twice", "users:\n  - name: alice\n" + ok + "  - name: alice\n" + ok,
			[]string{`u.yml:5: user alice: given twice (first at line 2)`}},
		{"name with @", "users:\n  - name: alice@core1\n" + ok,
			[]string{`u.yml:2: users entry 1: name "alice@core1": none of \ | / : * ? < > @ (ssh USER@DEVICE@HOST splits at @)`}},
		{"name with a blank", "users:\n  - name: al ice\n" + ok,
			[]string{`u.yml:2: users entry 1: name "al ice": no blanks or control characters`}},
		{"name with a control character", "users:\n  - name: \"al\\tice\"\n" + ok,
			[]string{`u.yml:2: users entry 1: name "al\tice": no blanks or control characters`}},
		{"name too long", "users:\n  - name: " + strings.Repeat("a", 56) + "\n" + ok,
			[]string{`u.yml:2: users entry 1: name "` + strings.Repeat("a", 56) + `": longer than 55 characters (Comware's limit for a local user name)`}},
		{"name all", "users:\n  - name: All\n" + ok,
			[]string{`u.yml:2: users entry 1: name "All": a, al and all mean every user on Comware`}},
		{"name a list", "users:\n  - name: [alice]\n" + ok,
			[]string{`u.yml:2: users entry 1: name: want a value`}},
		{"no role", "users:\n  - name: alice\n    password_hash: " + hashA + "\n",
			[]string{`u.yml:2: user alice: no role (want admin or operator)`}},
		{"unknown role", "users:\n  - name: alice\n    role: root\n    password_hash: " + hashA + "\n",
			[]string{`u.yml:3: user alice: role "root": want admin or operator`}},
		{"role in capitals", "users:\n  - name: alice\n    role: Admin\n    password_hash: " + hashA + "\n",
			[]string{`u.yml:3: user alice: role "Admin": want admin or operator`}},
		{"no credential", "users:\n  - name: alice\n    role: admin\n    devices: [\"*\"]\n",
			[]string{`u.yml:2: user alice: no password_hash or authorized_keys (give one, or both)`}},
		{"no keys in the list", "users:\n  - name: alice\n    role: admin\n    authorized_keys: []\n",
			[]string{`u.yml:2: user alice: no password_hash or authorized_keys (give one, or both)`}},
		{"plain-text password", "users:\n  - name: alice\n    role: admin\n    password_hash: alice-secret\n",
			[]string{`u.yml:4: user alice: password_hash: not a bcrypt hash ` + keyHint}},
		{"a cut-off hash", "users:\n  - name: alice\n    role: admin\n    password_hash: " + hashA[:50] + "\n",
			[]string{`u.yml:4: user alice: password_hash: not a bcrypt hash ` + keyHint}},
		{"a Comware hash", "users:\n  - name: alice\n    role: admin\n    password_hash: $h$6$CqMnWdX6LIW/hz2Z$4+0Pumk+A98VlGVgqN3n\n",
			[]string{`u.yml:4: user alice: password_hash: not a bcrypt hash ` + keyHint}},
		{"cost out of bcrypt's range", "users:\n  - name: alice\n    role: admin\n    password_hash: $2y$03" + hashA[6:] + "\n",
			[]string{`u.yml:4: user alice: password_hash: not a bcrypt hash: cost 3 is outside allowed inclusive range 4..31 ` + keyHint}},
		{"cost too high", "users:\n  - name: alice\n    role: admin\n    password_hash: $2y$15$/yYziI14ECq9650OM6H5HenFwBB3B1mzdm4kci3N5zbHuN5Xu5l62\n",
			[]string{`u.yml:4: user alice: password_hash: cost 15: at most 14, or every login attempt keeps a core busy for seconds ` + keyHint}},
		{"password_hash empty", "users:\n  - name: alice\n    role: admin\n    password_hash:\n",
			[]string{`u.yml:4: user alice: password_hash: want a value`}},
		{"a key that does not parse", "users:\n  - name: alice\n    role: admin\n    authorized_keys:\n      - " + key + "\n      - ssh-ed25519 AAAAnotbase64!\n",
			[]string{`u.yml:6: user alice: authorized_keys entry 2: not an OpenSSH public key line (ssh: no key found; last parsing error for ignored line: illegal base64 data at input byte 13)`}},
		{"a private key", "users:\n  - name: alice\n    role: admin\n    authorized_keys: [\"-----BEGIN OPENSSH PRIVATE KEY-----\"]\n",
			[]string{`u.yml:4: user alice: authorized_keys entry 1: not an OpenSSH public key line (ssh: no key found; last parsing error for ignored line: illegal base64 data at input byte 4)`}},
		{"a comment for a key", "users:\n  - name: alice\n    role: admin\n    authorized_keys:\n      - \"# laptop\"\n",
			[]string{`u.yml:5: user alice: authorized_keys entry 1: not an OpenSSH public key line (ssh: no key found)`}},
		{"two keys in one entry", "users:\n  - name: alice\n    role: admin\n    authorized_keys:\n      - |\n        " + key + "\n        " + key + "\n",
			[]string{`u.yml:5: user alice: authorized_keys entry 1: one key per entry (this one spans lines)`}},
		{"an option the gateway cannot enforce", "users:\n  - name: alice\n    role: admin\n    authorized_keys:\n      - from=\"10.0.0.0/8\" " + key + "\n",
			[]string{`u.yml:5: user alice: authorized_keys entry 1: option from="10.0.0.0/8": the gateway does not enforce it (allowed: no-agent-forwarding, no-port-forwarding, no-x11-forwarding, no-user-rc)`}},
		{"a CA key", "users:\n  - name: alice\n    role: admin\n    authorized_keys:\n      - cert-authority " + key + "\n",
			[]string{`u.yml:5: user alice: authorized_keys entry 1: option cert-authority: the gateway does not enforce it (allowed: no-agent-forwarding, no-port-forwarding, no-x11-forwarding, no-user-rc)`}},
		{"authorized_keys a mapping", "users:\n  - name: alice\n    role: admin\n    authorized_keys: {key: x}\n",
			[]string{`u.yml:4: user alice: authorized_keys: want a list`}},
		{"a bad glob", "users:\n  - name: alice\n" + ok + "    devices: [core1, \"acc[\"]\n",
			[]string{`u.yml:5: user alice: devices: "acc[": not a valid glob (path.Match syntax: * ? [a-z] [^0-9] \x)`}},
		{"a bad tag glob", "users:\n  - name: alice\n" + ok + "    devices:\n      - tag:lab[\n",
			[]string{`u.yml:6: user alice: devices: "tag:lab[": not a valid glob (path.Match syntax: * ? [a-z] [^0-9] \x)`}},
		{"an empty tag", "users:\n  - name: alice\n" + ok + "    devices: [\"tag:\"]\n",
			[]string{`u.yml:5: user alice: devices: "tag:": no tag name after tag:`}},
		{"an empty pattern", "users:\n  - name: alice\n" + ok + "    devices: [\"\"]\n",
			[]string{`u.yml:5: user alice: devices: want a value`}},
		{"devices a mapping", "users:\n  - name: alice\n" + ok + "    devices: {core1: true}\n",
			[]string{`u.yml:5: user alice: devices: want a list`}},
		{"a shared bad list is reported once", "users:\n  - name: alice\n" + ok + "    devices: &d [\"acc[\"]\n  - name: bob\n" + ok + "    devices: *d\n",
			[]string{`u.yml:5: user alice: devices: "acc[": not a valid glob (path.Match syntax: * ? [a-z] [^0-9] \x)`}},
		{"YAML syntax", "users:\n  - name: alice\n    devices: [a\n",
			[]string{`u.yml:3: YAML: did not find expected ',' or ']'`}},
		{"two documents", "users:\n  - name: alice\n" + ok + "---\nusers: []\n",
			[]string{`u.yml:5: a second YAML document: a users file holds one`}},
		{"every problem at once, in line order", "users:\n  - name: alice\n    role: root\n    password_hash: x\n  - name: bob@x\n    role: operator\n",
			[]string{`u.yml:3: user alice: role "root": want admin or operator`,
				`u.yml:4: user alice: password_hash: not a bcrypt hash ` + keyHint,
				`u.yml:5: users entry 2: name "bob@x": none of \ | / : * ? < > @ (ssh USER@DEVICE@HOST splits at @)`,
				`u.yml:5: users entry 2: no password_hash or authorized_keys (give one, or both)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, err := ParseUsers("u.yml", []byte(c.src))
			if err == nil {
				t.Fatalf("loaded users %v, want an error", u.Names())
			}
			if u != nil {
				t.Errorf("a refused file still gave users %v", u.Names())
			}
			if got, want := err.Error(), strings.Join(c.want, "\n"); got != want {
				t.Errorf("error:\n%s\nwant:\n%s", got, want)
			}
			var ue *UsersError
			if !errors.As(err, &ue) || ue.File != "u.yml" {
				t.Errorf("errors.As(*UsersError) = %+v", ue)
			}
		})
	}
}

// TestParseUsersGood reads a file that uses every feature.
func TestParseUsersGood(t *testing.T) {
	k1, line1 := testKey(t, 1)
	k2, line2 := testKey(t, 2)
	src := `# gateway users
users:
  - name: carol
    role: operator
    devices: &core [core1, "core[23]"]
    authorized_keys:
      - no-agent-forwarding,no-port-forwarding ` + line1 + ` carol@laptop
      - ` + line2 + `
  - name: alice
    role: admin
    devices: "*"
    password_hash: ` + hashA + `
    authorized_keys: ` + line2 + `
  - name: bob
    role: operator
    devices: [acc*, tag:lab, "tag:pod?"]
    password_hash: "` + hashB + `"
  - name: dave
    role: admin
    devices: *core
    password_hash: ` + hashC + `
  - name: "1234"
    role: operator
    password_hash: ` + hashA + `
`
	u, err := ParseUsers("u.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.Names(), []string{"1234", "alice", "bob", "carol", "dave"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	want := map[string]User{
		"alice": {Name: "alice", Role: RoleAdmin, Devices: []string{"*"}, PasswordHash: hashA, Keys: []gossh.PublicKey{k2}, Line: 9},
		"bob":   {Name: "bob", Role: RoleOperator, Devices: []string{"acc*", "tag:lab", "tag:pod?"}, PasswordHash: hashB, Line: 14},
		"carol": {Name: "carol", Role: RoleOperator, Devices: []string{"core1", "core[23]"}, Keys: []gossh.PublicKey{k1, k2}, Line: 3},
		"dave":  {Name: "dave", Role: RoleAdmin, Devices: []string{"core1", "core[23]"}, PasswordHash: hashC, Line: 18},
		"1234":  {Name: "1234", Role: RoleOperator, PasswordHash: hashA, Line: 22},
	}
	for name, w := range want {
		got, ok := u.Lookup(name)
		if !ok {
			t.Errorf("Lookup(%q): not found", name)
			continue
		}
		if got.Name != w.Name || got.Role != w.Role || !slices.Equal(got.Devices, w.Devices) ||
			got.PasswordHash != w.PasswordHash || got.Line != w.Line || !slices.EqualFunc(got.Keys, w.Keys, sameKey) {
			t.Errorf("Lookup(%q) = %+v\nwant %+v", name, *got, w)
		}
	}
	if _, ok := u.Lookup("Alice"); ok {
		t.Error(`Lookup("Alice") found alice: names are case-sensitive`)
	}
	// Two users sharing a devices list through an alias do not share the slice.
	c, _ := u.Lookup("carol")
	d, _ := u.Lookup("dave")
	c.Devices[0] = "changed"
	if d.Devices[0] != "core1" {
		t.Errorf("changing carol's devices changed dave's: %q", d.Devices)
	}
}

func sameKey(a, b gossh.PublicKey) bool { return string(a.Marshal()) == string(b.Marshal()) }

// TestCheckPassword: the right password of a user with one, and nothing else.
func TestCheckPassword(t *testing.T) {
	_, key := testKey(t, 1)
	u, err := ParseUsers("u.yml", []byte("users:\n"+
		"  - {name: alice, role: admin, password_hash: "+hashA+"}\n"+
		"  - {name: bob, role: operator, password_hash: "+hashB+"}\n"+
		"  - {name: carol, role: operator, authorized_keys: ["+key+"]}\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		user, pw string
		want     bool
	}{
		{"alice", "pw-a", true},
		{"bob", "pw-b", true},
		{"alice", "pw-b", false},
		{"alice", "", false},
		{"alice", "PW-A", false},
		{"Alice", "pw-a", false},
		{"nobody", "pw-a", false},
		{"", "", false},
		{"carol", "", false}, // keys only: no password opens it
		{"carol", "pw-a", false},
		{"alice", strings.Repeat("x", 100), false},
	}
	for _, c := range cases {
		if got := u.CheckPassword(c.user, c.pw); got != c.want {
			t.Errorf("CheckPassword(%q, %q) = %v, want %v", c.user, c.pw, got, c.want)
		}
	}
}

// TestDecoyCost: a login as an unknown name is checked against a hash as costly as the file's
// costliest, so it takes as long as a wrong password of that user; without passwords, the default.
func TestDecoyCost(t *testing.T) {
	_, key := testKey(t, 1)
	cases := []struct {
		name, src string
		want      int
	}{
		{"one cost", "users:\n  - {name: a1, role: admin, password_hash: " + hashA + "}\n", 4},
		{"the highest cost", "users:\n  - {name: a1, role: admin, password_hash: " + hashA + "}\n  - {name: c1, role: admin, password_hash: " + hashC + "}\n", 5},
		{"keys only", "users:\n  - {name: a1, role: admin, authorized_keys: [" + key + "]}\n", bcrypt.DefaultCost},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, err := ParseUsers("u.yml", []byte(c.src))
			if err != nil {
				t.Fatal(err)
			}
			if got, err := bcrypt.Cost(u.decoy); err != nil || got != c.want {
				t.Errorf("decoy cost %d (%v), want %d", got, err, c.want)
			}
		})
	}
}

// TestCheckKey: one of the user's keys, compared whole; not another user's, nor an unknown name's.
func TestCheckKey(t *testing.T) {
	k1, line1 := testKey(t, 1)
	k2, line2 := testKey(t, 2)
	k3, _ := testKey(t, 3)
	u, err := ParseUsers("u.yml", []byte("users:\n"+
		"  - {name: alice, role: admin, authorized_keys: [\""+line1+" alice@a\", "+line2+"]}\n"+
		"  - {name: bob, role: operator, password_hash: "+hashB+"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		user string
		key  gossh.PublicKey
		want bool
	}{
		{"alice", k1, true},
		{"alice", k2, true},
		{"alice", k3, false},
		{"alice", nil, false},
		{"bob", k1, false},
		{"nobody", k1, false},
	}
	for _, c := range cases {
		if got := u.CheckKey(c.user, c.key); got != c.want {
			t.Errorf("CheckKey(%q, key %v) = %v, want %v", c.user, c.key != nil, got, c.want)
		}
	}
}

func TestDeviceRoles(t *testing.T) {
	for r, want := range map[Role][]string{RoleAdmin: {"network-admin"}, RoleOperator: {"network-operator"}, "root": nil} {
		if got := r.DeviceRoles(); !slices.Equal(got, want) {
			t.Errorf("%q.DeviceRoles() = %q, want %q", r, got, want)
		}
	}
}

// TestLoadUsersExample: the example file loads, and its documented throwaway passwords work.
func TestLoadUsersExample(t *testing.T) {
	u, err := LoadUsers("../examples/gateway-users.yml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := u.Names(), []string{"alice", "bob"}; !slices.Equal(got, want) {
		t.Fatalf("Names() = %q, want %q", got, want)
	}
	alice, _ := u.Lookup("alice")
	bob, _ := u.Lookup("bob")
	if alice.Role != RoleAdmin || bob.Role != RoleOperator {
		t.Errorf("roles: alice %q, bob %q", alice.Role, bob.Role)
	}
	if !u.CheckPassword("alice", "alice-secret") || !u.CheckPassword("bob", "bob-secret") {
		t.Error("the example's documented passwords do not match its hashes")
	}
	if !alice.Allows("core1", nil) || !bob.Allows("acc3", nil) || !bob.Allows("pe1", []string{"lab"}) || bob.Allows("core1", []string{"core"}) {
		t.Errorf("allowances: alice %q, bob %q", alice.Devices, bob.Devices)
	}
}

// TestLoadUsersErrors: a file that cannot be read, or is too large, is refused naming its path.
func TestLoadUsersErrors(t *testing.T) {
	dir := t.TempDir()
	big := dir + "/big.yml"
	if err := os.WriteFile(big, []byte("users:\n"+strings.Repeat("#\n", maxUsersFileSize/2+1)), 0o600); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		dir + "/missing.yml": "gateway users: open " + dir + "/missing.yml: no such file or directory",
		big:                  big + ": larger than 1 MiB",
	} {
		if _, err := LoadUsers(path); err == nil || err.Error() != want {
			t.Errorf("LoadUsers(%s) = %v, want %s", path, err, want)
		}
	}
}
