package switchctl

import (
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// Password hashes are stored and printed in Comware's `$h$6$<salt>$<digest>` form: a 16-character
// salt and a base64 digest of 64 bytes, the shape of a real box's hash. Comware's own algorithm
// behind that form is not documented, so vtyd puts a bcrypt hash inside it: the digest's bytes are
// bcrypt's cost, 16-byte salt and 23-byte result, then 24 bytes of a SHA-512 tag over them that
// tells vtyd's hashes from a real box's. A real box's hash loads and is kept, but never matches.

// bcryptB64 is bcrypt's own base64 alphabet (no padding).
var bcryptB64 = base64.NewEncoding("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789").WithPadding(base64.NoPadding)

const (
	hashPrefix = "$h$6$"
	hashTagKey = "vtyd-h6"
	// maxHashCost bounds the cost read back from a hash: a forged hash must not make a login
	// attempt take hours.
	maxHashCost = 16
)

// comwareForm wraps a bcrypt hash ($2a$CC$<22 salt><31 hash>) in the $h$6$ form; ok is false when
// b is not a bcrypt hash.
func comwareForm(b string) (string, bool) {
	cost, err := bcrypt.Cost([]byte(b))
	if err != nil || len(b) != 60 || cost > maxHashCost {
		return "", false
	}
	salt, err1 := bcryptB64.DecodeString(b[7:29])
	sum, err2 := bcryptB64.DecodeString(b[29:])
	if err1 != nil || err2 != nil || len(salt) != 16 || len(sum) != 23 {
		return "", false
	}
	raw := make([]byte, 0, 64)
	raw = append(raw, byte(cost))
	raw = append(raw, salt...)
	raw = append(raw, sum...)
	raw = append(raw, hashTag(raw)...)
	shownSalt := base64.StdEncoding.EncodeToString(salt[:12])
	return hashPrefix + shownSalt + "$" + base64.StdEncoding.EncodeToString(raw), true
}

// hashTag is the 24 bytes that close a vtyd digest.
func hashTag(body []byte) []byte {
	s := sha512.Sum512(append([]byte(hashTagKey), body...))
	return s[:24]
}

// bcryptForm unwraps a $h$6$ hash vtyd made; ok is false for any other hash, a real box's too.
func bcryptForm(h string) (string, bool) {
	rest, found := strings.CutPrefix(h, hashPrefix)
	if !found {
		return "", false
	}
	shownSalt, digest, found := strings.Cut(rest, "$")
	raw, err := base64.StdEncoding.DecodeString(digest)
	if !found || err != nil || len(raw) != 64 {
		return "", false
	}
	body := raw[:40]
	if subtle.ConstantTimeCompare(raw[40:], hashTag(body)) != 1 ||
		shownSalt != base64.StdEncoding.EncodeToString(body[1:13]) || int(body[0]) < bcrypt.MinCost || int(body[0]) > maxHashCost {
		return "", false
	}
	b := []byte("$2a$00$")
	b[4], b[5] = '0'+body[0]/10, '0'+body[0]%10
	return string(b) + bcryptB64.EncodeToString(body[1:17]) + bcryptB64.EncodeToString(body[17:40]), true
}

// storedHash is the form a hash is kept in: a bcrypt hash (from an older vtyd configuration or a
// fleet's shared admin hash) becomes the $h$6$ form of the same secret; any other hash stays as it is.
func storedHash(h string) string {
	if c, ok := comwareForm(h); ok {
		return c
	}
	return h
}

// hashMatches reports whether pw is the password of hash; hashes vtyd did not make never match.
func hashMatches(hash, pw string) bool {
	b, ok := bcryptForm(hash)
	if !ok {
		if strings.HasPrefix(hash, "$2") {
			b = hash
		} else {
			return false
		}
	}
	return bcrypt.CompareHashAndPassword([]byte(b), []byte(pw)) == nil
}

// hashUsable reports whether some password can match hash: a hash vtyd made, or a bcrypt hash.
func hashUsable(hash string) bool {
	_, ok := bcryptForm(hash)
	return ok || strings.HasPrefix(hash, "$2")
}
