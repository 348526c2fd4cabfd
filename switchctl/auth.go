package switchctl

import (
	"bytes"
	"sort"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/ssh"
)

// CheckPassword reports whether password is user's password and the user may log in over SSH with
// it: a local user with service-type ssh whose `ssh user` entry, if any, does not demand a public key
// only. For authentication-type password-publickey it checks the password half; the SSH layer asks
// for the key first. A hash vtyd did not make (a real box's $h$6$...) never matches, as hash.go says. A refusal for any reason takes
// as long as a wrong password, so the time does not tell which user names exist.
func (d *Device) CheckPassword(user, password string) bool {
	var hash string
	ok := false
	d.read(func(c *Config) {
		u := c.Users[user]
		if u == nil || !u.Services["ssh"] {
			return
		}
		if su := c.SSHUsers[user]; su != nil && su.AuthType == "publickey" {
			return
		}
		hash, ok = u.Hash, true
	})
	if !ok {
		// Hashing at the device's cost takes as long as comparing against a hash made at that cost.
		pw := []byte(password)
		_, _ = bcrypt.GenerateFromPassword(pw[:min(len(pw), 72)], d.opts.BcryptCost)
		return false
	}
	return hashMatches(hash, password)
}

// CheckPublicKey reports whether key is one of the peer keys assigned to user's `ssh user` entry
// (authentication-type publickey, any or password-publickey) and the same-named local user has
// service-type ssh, as Comware requires for publickey logins. Keys compare by their
// SubjectPublicKeyInfo, the form peer keys are stored in. The caller must still verify that the
// client holds the private key.
func (d *Device) CheckPublicKey(user string, key ssh.PublicKey) bool {
	der, err := publicDER(key)
	if err != nil {
		return false
	}
	found := false
	d.read(func(c *Config) {
		u, su := c.Users[user], c.SSHUsers[user]
		if u == nil || !u.Services["ssh"] || su == nil {
			return
		}
		switch su.AuthType {
		case "publickey", "any", "password-publickey":
		default:
			return
		}
		for _, name := range su.Keys {
			if pk := peerKey(c, name); pk != nil && bytes.Equal(pk.DER, der) {
				found = true
				return
			}
		}
	})
	return found
}

// UserRoles are user's roles, sorted; a local user without authorization-attribute user-role has
// network-operator, the Comware default. An unknown user has none.
func (d *Device) UserRoles(user string) []string {
	var roles []string
	d.read(func(c *Config) {
		u := c.Users[user]
		if u == nil {
			return
		}
		for r, on := range u.Roles {
			if on {
				roles = append(roles, r)
			}
		}
		if len(roles) == 0 {
			roles = []string{RoleOperator}
		}
	})
	sort.Strings(roles)
	return roles
}

// SSHSettings is a copy of the SSH server settings (`ssh server ...`).
func (d *Device) SSHSettings() SSHConfig {
	var s SSHConfig
	d.read(func(c *Config) {
		s = c.SSH
		if c.SSH.Algos == nil {
			return
		}
		s.Algos = make(map[string][]string, len(c.SSH.Algos))
		for k, v := range c.SSH.Algos {
			s.Algos[k] = append([]string(nil), v...)
		}
	})
	return s
}

// peerKey finds a peer key by name; key names are case-insensitive on Comware.
func peerKey(c *Config, name string) *PeerKey {
	if pk := c.PeerKeys[name]; pk != nil {
		return pk
	}
	for n, pk := range c.PeerKeys {
		if strings.EqualFold(n, name) {
			return pk
		}
	}
	return nil
}
