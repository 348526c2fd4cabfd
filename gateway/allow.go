package gateway

import (
	"path"
	"strings"
)

// Allows reports whether the user may reach a device of this name and these tags: some pattern of
// the user's devices matches the name (exactly, or as a path.Match glob; "*" is every device), or,
// written tag:GLOB, matches one of the tags the same way. A user without devices reaches none, and
// no user reaches a device without a name.
func (u *User) Allows(device string, tags []string) bool {
	if u == nil || device == "" {
		return false
	}
	for _, p := range u.Devices {
		if tag, isTag := strings.CutPrefix(p, "tag:"); isTag {
			for _, t := range tags {
				if globMatch(tag, t) {
					return true
				}
			}
			continue
		}
		if globMatch(p, device) {
			return true
		}
	}
	return false
}

// globMatch is path.Match without its error: the users file refuses a bad pattern, and one that
// got here all the same matches nothing. Nor does any pattern match "", not even *: a device or tag
// without a name is no one's. (* stops at a slash, which no device name holds: fleet refuses it.)
func globMatch(pattern, s string) bool {
	if s == "" {
		return false
	}
	ok, err := path.Match(pattern, s)
	return ok && err == nil
}
