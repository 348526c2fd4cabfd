package gateway

import (
	"os"
	"testing"
)

// FuzzParseUsers feeds the parser arbitrary files: it refuses or loads, never panics or hangs, and
// what it loads answers every question about every user.
func FuzzParseUsers(f *testing.F) {
	src, err := os.ReadFile("../examples/gateway-users.yml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	_, key := testKey(f, 1)
	f.Add([]byte("users:\n  - &a {name: a1, role: admin, devices: &d [\"*\", tag:x], password_hash: " + hashA + "}\n" +
		"  - {name: b1, role: operator, devices: *d, authorized_keys: [no-pty " + key + ", " + key + "]}\n  - *a\n"))
	f.Add([]byte("users: [{<<: {name: x}}, {name: [a], role: {}, devices: [\"tag:\", \"[\"], password_hash: $2y$99$x}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		u, err := ParseUsers("fuzz.yml", src)
		if err != nil {
			if u != nil {
				t.Fatalf("an error and users: %v", err)
			}
			return
		}
		k, _ := testKey(t, 1)
		for _, n := range u.Names() {
			us, ok := u.Lookup(n)
			if !ok || us.Name != n {
				t.Fatalf("Lookup(%q) = %+v, %v", n, us, ok)
			}
			us.Allows("core1", []string{"lab"})
			u.CheckKey(n, k)
			if len(us.Role.DeviceRoles()) != 1 {
				t.Fatalf("user %s: role %q has device roles %q", n, us.Role, us.Role.DeviceRoles())
			}
			if us.PasswordHash == "" && len(us.Keys) == 0 {
				t.Fatalf("user %s: loaded without a credential", n)
			}
		}
	})
}
