package switchctl

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// comwareHashRE is the shape of a real box's hash: $h$6$, a 16-character salt, a base64 SHA-512
// sized digest (FACTS §2.5, [HP5930CFG]).
var comwareHashRE = regexp.MustCompile(`^\$h\$6\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$`)

// TestPasswordHashForm: a password set on vtyd is stored and printed in Comware's $h$6$ form,
// still checks, and a real box's $h$6$ hash (algorithm undocumented) loads but never matches.
func TestPasswordHashForm(t *testing.T) {
	d := newTestDevice(t)
	h, err := d.hashPassword("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	if !comwareHashRE.MatchString(h) {
		t.Fatalf("hash %q is not in Comware's $h$6$ form", h)
	}
	for _, tc := range []struct {
		hash, pw string
		want     bool
	}{
		{h, "s3cret", true},
		{h, "s3cre", false},
		{h, "", false},
		{strings.Replace(h, h[30:31], string('A'+(h[30]-'A'+1)%26), 1), "s3cret", false}, // a digest changed
		{"$h$6$CqMnWdX6LIW/hz2Z$4+0Pumk+A98VlGVgqN3n/mEi7hJka9fEZpRZIpSNi9bcBEXhVm8ldKUB4H5pNzFYp8SxR6pT4rdPPm4T6/vKdQ==", "admin", false},
		{"$h$6$abc", "pw", false},
		{"!", "", false},
	} {
		if got := hashMatches(tc.hash, tc.pw); got != tc.want {
			t.Errorf("hashMatches(%q, %q) = %v, want %v", tc.hash, tc.pw, got, tc.want)
		}
	}
	// A bcrypt hash from an older vtyd configuration is kept as the same secret in the new form.
	b, _ := bcrypt.GenerateFromPassword([]byte("old"), bcrypt.MinCost)
	c := storedHash(string(b))
	if !comwareHashRE.MatchString(c) || !hashMatches(c, "old") || hashMatches(c, "new") {
		t.Errorf("bcrypt %s became %q, want a $h$6$ hash that old matches", b, c)
	}
	if storedHash(c) != c {
		t.Errorf("storedHash is not idempotent on %q", c)
	}
}

// TestPasswordHashShown: `display current-configuration` shows `password hash $h$6$...`.
func TestPasswordHashShown(t *testing.T) {
	d := newTestDevice(t)
	mustExec(t, adminSession(d), "system-view", "local-user bob", "password simple abc123XYZ")
	cfg := d.CurrentConfig()
	re := regexp.MustCompile(`(?m)^local-user bob class manage\n password hash (\S+)$`)
	m := re.FindStringSubmatch(cfg)
	if m == nil || !comwareHashRE.MatchString(m[1]) {
		t.Fatalf("bob's password line is not a $h$6$ hash:\n%s", cfg)
	}
	if strings.Contains(cfg, "$2a$") {
		t.Errorf("a bcrypt hash is printed:\n%s", cfg)
	}
}
