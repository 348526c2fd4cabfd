package switchctl

import (
	"crypto/ed25519"
	"crypto/rand"
	"slices"
	"testing"

	"golang.org/x/crypto/ssh"
)

func newKey(t *testing.T) ssh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// authDevice has admin (password "secret", key adminKey) and the users the cases below need.
func authDevice(t *testing.T, adminKey ssh.PublicKey) *Device {
	t.Helper()
	d, _, err := Open(Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret",
		AdminKeys: ssh.MarshalAuthorizedKey(adminKey)})
	if err != nil {
		t.Fatal(err)
	}
	hash, err := d.hashPassword("pw")
	if err != nil {
		t.Fatal(err)
	}
	err = d.update(func(c *Config) error {
		ssh := map[string]bool{"ssh": true}
		c.Users["noservice"] = &LocalUser{Name: "noservice", Hash: hash, Services: map[string]bool{"terminal": true}}
		c.Users["vendor"] = &LocalUser{Name: "vendor", Hash: "$h$6$abc", Services: ssh}
		c.Users["keyonly"] = &LocalUser{Name: "keyonly", Hash: hash, Services: ssh}
		c.SSHUsers["keyonly"] = &SSHUser{Name: "keyonly", AuthType: "publickey", Keys: []string{"ADMIN-KEY1"}}
		c.Users["pwonly"] = &LocalUser{Name: "pwonly", Hash: hash, Services: ssh,
			Roles: map[string]bool{"level-3": true, RoleOperator: true, "level-15": false}}
		c.SSHUsers["pwonly"] = &SSHUser{Name: "pwonly", AuthType: "password", Keys: []string{"admin-key1"}}
		c.SSHUsers["nolocal"] = &SSHUser{Name: "nolocal", AuthType: "any", Keys: []string{"admin-key1"}}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCheckPassword(t *testing.T) {
	d := authDevice(t, newKey(t))
	for _, tc := range []struct {
		user, pw string
		want     bool
	}{
		{"admin", "secret", true},
		{"admin", "Secret", false},
		{"admin", "", false},
		{"nobody", "secret", false},
		{"noservice", "pw", false}, // no service-type ssh
		{"vendor", "pw", false},    // opaque $h$6$ hash
		{"keyonly", "pw", false},   // authentication-type publickey
		{"pwonly", "pw", true},
	} {
		t.Run(tc.user+"/"+tc.pw, func(t *testing.T) {
			if got := d.CheckPassword(tc.user, tc.pw); got != tc.want {
				t.Errorf("CheckPassword(%q, %q) = %v, want %v", tc.user, tc.pw, got, tc.want)
			}
		})
	}
}

func TestCheckPublicKey(t *testing.T) {
	adminKey, otherKey := newKey(t), newKey(t)
	d := authDevice(t, adminKey)
	for _, tc := range []struct {
		name string
		user string
		key  ssh.PublicKey
		want bool
	}{
		{"assigned key", "admin", adminKey, true},
		{"another key", "admin", otherKey, false},
		{"key name case-insensitive", "keyonly", adminKey, true},
		{"authentication-type password", "pwonly", adminKey, false},
		{"no local user", "nolocal", adminKey, false},
		{"unknown user", "nobody", adminKey, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.CheckPublicKey(tc.user, tc.key); got != tc.want {
				t.Errorf("CheckPublicKey(%q) = %v, want %v", tc.user, got, tc.want)
			}
		})
	}
}

func TestUserRoles(t *testing.T) {
	d := authDevice(t, newKey(t))
	for _, tc := range []struct {
		user string
		want []string
	}{
		{"admin", []string{RoleAdmin}},
		{"pwonly", []string{"level-3", RoleOperator}},
		{"keyonly", []string{RoleOperator}}, // the default role
		{"nobody", nil},
	} {
		if got := d.UserRoles(tc.user); !slices.Equal(got, tc.want) {
			t.Errorf("UserRoles(%q) = %v, want %v", tc.user, got, tc.want)
		}
	}
}

func TestSSHSettings(t *testing.T) {
	d := authDevice(t, newKey(t))
	s := d.SSHSettings()
	if !s.Enabled || s.AuthRetries != DefaultAuthRetries {
		t.Errorf("SSHSettings() = %+v, want enabled with %d retries", s, DefaultAuthRetries)
	}
}
