// Package gateway is vtyd's SSH gateway: one address in front of a fleet of devices, reached as
// `ssh USER@DEVICE@HOST`. Its users are vtyd's own, not the devices': they are read from a YAML
// file given by --gateway-users, and each may reach only the devices the file allows.
//
// # The users file
//
//	users:
//	  - name: alice                 # 1-55 characters, none of \ | / : * ? < > @, no blanks
//	    role: admin                 # admin: network-admin on the device; operator: network-operator
//	    devices: ["*"]              # names, path.Match globs (acc*), tag:NAME (tag:lab*); none: nothing
//	    password_hash: $2y$10$...   # bcrypt, cost 4-14
//	  - name: bob
//	    role: operator
//	    devices: [acc*, tag:lab]
//	    authorized_keys:            # OpenSSH public-key lines
//	      - ssh-ed25519 AAAA... bob@laptop
//
// A user needs a password_hash, authorized_keys, or both. A key line may carry the options
// no-agent-forwarding, no-port-forwarding, no-x11-forwarding and no-user-rc; any other (from=,
// command=, cert-authority...) is refused, since the gateway would not enforce it. Anchors and
// aliases work (devices: *core); merge keys (<<) do not. LoadUsers refuses a bad file whole,
// naming file and line for every problem, before the gateway starts.
package gateway

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"

	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"

	"vtyd/internal/yamlfile"
)

// Role is a gateway user's role.
type Role string

// The gateway roles.
const (
	RoleAdmin    Role = "admin"
	RoleOperator Role = "operator"
)

// DeviceRoles are the device user roles a gateway role logs in with: admin -> [network-admin],
// operator -> [network-operator], anything else none.
func (r Role) DeviceRoles() []string {
	switch r {
	case RoleAdmin:
		return []string{"network-admin"}
	case RoleOperator:
		return []string{"network-operator"}
	}
	return nil
}

// User is one gateway user, as the users file gives it.
type User struct {
	Name         string
	Role         Role
	Devices      []string          // as written: names, globs (path.Match syntax), tag:NAME
	PasswordHash string            // bcrypt, "" for none
	Keys         []gossh.PublicKey // from authorized_keys
	Line         int               // where the entry starts in the file
}

// Users are the gateway's users, by name.
type Users struct {
	byName map[string]*User
	// decoy is the hash a login as an unknown name, or as a user without a password, is checked
	// against (and refused whatever the result): the file's costliest, so it takes as long.
	decoy []byte
}

// defaultDecoy is the decoy of a file without passwords: a bcrypt hash at the default cost, 10, of
// random bytes nobody kept (htpasswd -nbBC 10 "" "$(head -c 24 /dev/urandom | base64)").
const defaultDecoy = "$2y$10$Y5v.4/bxu3aYKXWpCl/Xm.xNOAzeRPFZe64f72Z0lufKl19Qi9dxa"

// UsersError is a problem with a users file, at a line of it (0: the file as a whole): "FILE:LINE: MSG".
type UsersError = yamlfile.Error

// maxUsersFileSize bounds what LoadUsers reads: a thousand users with a few keys each is well under.
const maxUsersFileSize = 1 << 20

// LoadUsers reads and checks the users file at path. Every problem is a *UsersError naming path.
func LoadUsers(path string) (*Users, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gateway users: %w", err)
	}
	defer fh.Close()
	src, err := io.ReadAll(io.LimitReader(fh, maxUsersFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("gateway users: read %s: %w", path, err)
	}
	if len(src) > maxUsersFileSize {
		return nil, &UsersError{File: path, Msg: fmt.Sprintf("larger than %d MiB", maxUsersFileSize>>20)}
	}
	return ParseUsers(path, src)
}

// ParseUsers checks the users file data, called name in messages. It reports every problem at once
// (errors.Join of *UsersError, in line order), and gives no users unless there are none.
func ParseUsers(name string, data []byte) (*Users, error) {
	p := &usersParser{}
	p.File = name
	root, err := yamlfile.Decode(name, data, "users file")
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, &UsersError{File: name, Msg: "no users (the file is empty; want a users: list)"}
	}
	users := p.users(root)
	if err := p.Err(); err != nil {
		return nil, err
	}
	u := &Users{byName: map[string]*User{}, decoy: []byte(defaultDecoy)}
	decoyCost := 0
	for _, us := range users {
		u.byName[us.Name] = us
		// The costliest hash is the decoy: a login as an unknown name is compared against it and
		// refused whatever the result, so it may as well be a real one, and costs exactly as much.
		if c, err := bcrypt.Cost([]byte(us.PasswordHash)); err == nil && c > decoyCost {
			u.decoy, decoyCost = []byte(us.PasswordHash), c
		}
	}
	return u, nil
}

// Lookup gives the user called name (case-sensitive, as on Comware).
func (u *Users) Lookup(name string) (*User, bool) {
	us, ok := u.byName[name]
	return us, ok
}

// Names are the users' names, sorted.
func (u *Users) Names() []string {
	out := make([]string, 0, len(u.byName))
	for n := range u.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// CheckPassword reports whether pw is name's password. An unknown name, or a user without a
// password, costs a bcrypt comparison all the same (against the file's costliest hash, the result
// thrown away), so timing does not tell names apart when all hashes share one cost.
func (u *Users) CheckPassword(name, pw string) bool {
	us, ok := u.byName[name]
	if !ok || us.PasswordHash == "" {
		_ = bcrypt.CompareHashAndPassword(u.decoy, []byte(pw))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(us.PasswordHash), []byte(pw)) == nil
}

// CheckKey reports whether key is one of name's authorized keys. The caller must still make sure
// the client holds the private key (the SSH server does, before it trusts the login).
func (u *Users) CheckKey(name string, key gossh.PublicKey) bool {
	us, ok := u.byName[name]
	if !ok || key == nil {
		return false
	}
	b := key.Marshal()
	for _, k := range us.Keys {
		if bytes.Equal(k.Marshal(), b) {
			return true
		}
	}
	return false
}
