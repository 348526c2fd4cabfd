package flash

import (
	"fmt"
	"strings"
)

// device is the only storage medium the simulated switch has.
const device = "flash:"

// tempPrefix starts the name of every temp file a write creates; such names are invisible in listings,
// removed by Open and refused by Resolve so that no user can address one.
const tempPrefix = ".tmp-"

// Resolve turns a Comware file name into a clean slash-separated path relative to the flash: root ("."
// for the root itself). It accepts flash:/a/b.cfg, flash:a.cfg, /a.cfg, a.cfg and ./a.cfg, with the
// device name in any case; relative names are taken from the root. Names on other devices or climbing
// above the root fail with ErrOutside, malformed ones with ErrBadPath.
func Resolve(name string) (string, error) {
	return ResolveFrom(".", name)
}

// ResolveFrom is Resolve for a session whose current directory is cwd (a path Resolve returned):
// relative names start there, absolute ones (flash:..., /...) at the root.
func ResolveFrom(cwd, name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("%w: empty name", ErrBadPath)
	}
	rest := name
	if i := strings.IndexByte(name, ':'); i >= 0 {
		if !strings.EqualFold(name[:i+1], device) {
			return "", fmt.Errorf("%w: %q", ErrOutside, name)
		}
		rest, cwd = name[i+1:], "."
	}
	if strings.HasPrefix(rest, "/") {
		cwd = "."
	}
	full := cwd + "/" + rest
	if strings.ContainsAny(full, "\x00\\:") {
		return "", fmt.Errorf("%w: %q", ErrBadPath, name)
	}
	var parts []string
	for _, p := range strings.Split(full, "/") {
		switch {
		case p == "" || p == ".":
		case p == "..":
			if len(parts) == 0 {
				return "", fmt.Errorf("%w: %q", ErrOutside, name)
			}
			parts = parts[:len(parts)-1]
		case strings.HasPrefix(p, tempPrefix):
			return "", fmt.Errorf("%w: %q is reserved", ErrBadPath, name)
		default:
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return ".", nil
	}
	return strings.Join(parts, "/"), nil
}

// Display is the name Comware prints for a resolved path: flash:/a/b.cfg, or flash:/ for the root.
func Display(rel string) string {
	if rel == "." || rel == "" {
		return device + "/"
	}
	return device + "/" + rel
}
