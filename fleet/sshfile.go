package fleet

import (
	"encoding/base64"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"vtyd/internal/yamlfile"
)

// tofu is the host_key value that trusts the first key a switch presents and records it.
const tofu = "trust-on-first-use"

// Gateway roles that have credentials on a real switch: the gateway's own roles (gateway.Role).
var credentialRoles = []string{"admin", "operator"}

var credentialKeys = []string{"user", "password_env", "password_file", "key_file", "password"}

// sshDevice fills in what a device of kind ssh has and a simulated one has not. A setting that
// only means something to a simulated device is refused, not ignored: it would mislead the reader.
func (p *parser) sshDevice(d *Device, line int, s, defs settings) {
	what := "device " + d.Name
	for _, v := range []struct {
		key string
		val val[bool]
	}{{"seed", set(s.seed)}, {"rsa", set(s.rsa)}, {"sysname", set(s.sysname)}, {"netconf_brand", set(s.netconfBrand)}} {
		if v.val.ok {
			p.Errf(v.val.line, "%s: %s: a simulated device's setting; %s is a real switch (kind ssh)", what, v.key, d.Name)
		}
	}
	d.Seed, d.Sysname, d.Model = 0, "", ""
	if m := s.model; m.ok { // informational: the switch is whatever it is
		if msg := sysnameProblem(m.v); msg != "" {
			p.Errf(m.line, "%s: model %q: %s", what, m.v, msg)
		}
		d.Model = m.v
	}
	t := &SSHTarget{Port: DefaultSSHPort, Poll: DefaultPoll}
	d.SSH = t
	p.sshAddress(t, what, line, s)

	pin := s
	if !s.hostKey.ok && !s.knownHosts.ok {
		pin = defs
	}
	switch {
	case pin.hostKey.ok && pin.knownHosts.ok:
		p.Errf(pin.knownHosts.line, "%s: host_key and known_hosts: give one", what)
	case pin.knownHosts.ok:
		t.KnownHosts = p.path(pin.knownHosts.v)
	case pin.hostKey.ok:
		if fps, isTOFU, ok := p.hostKeys(pin.hostKey, what); ok && isTOFU {
			t.TOFU, t.KnownHosts = true, filepath.Join(d.Data, "known_hosts")
		} else if ok {
			t.Fingerprints = fps
		}
	default:
		p.Errf(line, "%s: no host key pinned (want host_key: SHA256:... as ssh-keygen -lf prints it, known_hosts: FILE, or host_key: %s)", what, tofu)
	}

	if c := s.creds.or(defs.creds); c.ok {
		t.Credentials = maps.Clone(c.v) // the defaults' are every device's: each gets its own
	} else {
		p.Errf(line, "%s: no credentials (want credentials: {admin: {user: NAME, password_env: VAR}, operator: {...}}, here or in defaults)", what)
	}
	if pl := s.poll.or(defs.poll); pl.ok {
		t.Poll = pl.v
	}
}

// set is whether a setting was given, and where.
func set[T any](v val[T]) val[bool] { return val[bool]{v.ok, v.line, v.ok} }

// sshAddress reads a real switch's address: a host name or IP, with or without :PORT. The
// defaults' address and port are where simulated devices listen, and do not apply.
func (p *parser) sshAddress(t *SSHTarget, what string, line int, s settings) {
	a := s.address
	if !a.ok {
		p.Errf(line, "%s: no address (want address: the switch's host name or IP, and :PORT if not 22)", what)
		return
	}
	host, port := a.v, 0
	if _, err := netip.ParseAddr(a.v); err != nil && strings.Contains(a.v, ":") {
		h, ps, err := net.SplitHostPort(a.v)
		n, perr := strconv.Atoi(ps)
		if err != nil || perr != nil || n < 1 || n > 65535 {
			p.Errf(a.line, "%s: address %q: want a host name or IP address, and :PORT from 1 to 65535 ([IPv6]:PORT)", what, a.v)
			return
		}
		host, port = h, n
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.IsUnspecified() || ip.IsMulticast() {
			p.Errf(a.line, "%s: address %q: not a switch's address", what, a.v)
			return
		}
	} else if msg := hostnameProblem(host); msg != "" {
		p.Errf(a.line, "%s: address %q: %s", what, a.v, msg)
		return
	}
	t.Host = host
	switch {
	case port != 0 && s.port.ok && int(s.port.v) != port:
		p.Errf(s.port.line, "%s: port %d, but address %s says port %d", what, s.port.v, a.v, port)
	case port != 0:
		t.Port = port
	case s.port.ok:
		t.Port = int(s.port.v)
	}
}

// hostnameProblem says what is wrong with a host name, "" for nothing: DNS names as resolvers
// take them (RFC 1123 labels, and "_" that some sites use).
func hostnameProblem(s string) string {
	if len(s) > 253 {
		return "a host name is at most 253 characters"
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' {
			return "want a host name or IP address"
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return "want a host name or IP address"
			}
		}
	}
	return ""
}

// hostKeys checks host_key's values: SHA256 fingerprints (any one matches), or trust-on-first-use
// alone.
func (p *parser) hostKeys(v val[[]string], what string) (fps []string, isTOFU, ok bool) {
	bad := p.Count()
	for _, s := range v.v {
		if s == tofu {
			isTOFU = true
			continue
		}
		if fp, good := fingerprint(s); good {
			if !contains(fps, fp) {
				fps = append(fps, fp)
			}
			continue
		}
		p.Errf(v.line, "%s: host_key %q: want SHA256:<43 base64 characters> as ssh-keygen -lf prints it, or %s", what, s, tofu)
	}
	if isTOFU && len(v.v) > 1 {
		p.Errf(v.line, "%s: host_key: %s stands alone, not in a list with fingerprints", what, tofu)
	}
	return fps, isTOFU, p.Count() == bad && (isTOFU || len(fps) > 0)
}

// fingerprint checks an OpenSSH SHA256 fingerprint and spells it as x/crypto's
// ssh.FingerprintSHA256 does (unpadded base64), so a pinned key compares as a string.
func fingerprint(s string) (string, bool) {
	b64, ok := strings.CutPrefix(s, "SHA256:")
	if !ok {
		return "", false
	}
	sum, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(b64, "="))
	if err != nil || len(sum) != 32 {
		return "", false
	}
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum), true
}

// checkDefaults refuses what the defaults say for real switches but no switch could take: a
// fingerprint (each switch has its own key), or two ways of pinning. The value is dropped so each
// device does not report it again.
func (p *parser) checkDefaults(defs *settings) {
	if defs.hostKey.ok && defs.knownHosts.ok {
		p.Errf(defs.knownHosts.line, "defaults: host_key and known_hosts: give one")
		defs.hostKey, defs.knownHosts = val[[]string]{}, val[string]{}
		return
	}
	if !defs.hostKey.ok {
		return
	}
	if len(defs.hostKey.v) != 1 || defs.hostKey.v[0] != tofu {
		p.Errf(defs.hostKey.line, "defaults: host_key: a fingerprint pins one switch's key; give it in the device (defaults take known_hosts: FILE or host_key: %s)", tofu)
		defs.hostKey = val[[]string]{}
	}
}

// credentials reads credentials: {admin: {...}, operator: {...}}, at least one role.
// line is the credentials key's: the problems of the whole are said there.
func (p *parser) credentials(n *yaml.Node, what string, line int) val[map[string]Credential] {
	bad := p.Count()
	out := map[string]Credential{}
	for _, pr := range p.mapping(n, what, credentialRoles...) {
		if c, ok := p.credential(pr.V, what+": "+pr.Key, pr.K.Line); ok {
			out[pr.Key] = c
		}
	}
	// Given is given, even when wrong: the device says why, not also that it has none.
	if len(out) == 0 && p.Count() == bad {
		p.Errf(line, "%s: none (want admin:, operator: or both, each {user: NAME, password_env: VAR})", what)
	}
	return val[map[string]Credential]{out, line, true}
}

// credential reads one role's account: user and exactly one of password_env, password_file and
// key_file. A password itself is refused: the fleet file is shared, versioned and printed. line is
// the role's key.
func (p *parser) credential(n *yaml.Node, what string, line int) (Credential, bool) {
	bad := p.Count()
	var c Credential
	var secrets []string
	password := false
	for _, pr := range p.mapping(n, what, credentialKeys...) {
		w := what + ": " + pr.Key
		if pr.Key == "password" {
			p.Errf(pr.K.Line, "%s: a password is never written in the fleet file; use password_env: VAR or password_file: FILE", w)
			password = true
			continue
		}
		s := p.str(pr.V, w)
		if !s.ok {
			continue
		}
		switch pr.Key {
		case "user":
			if msg := tagProblem(s.v); msg != "" {
				p.Errf(s.line, "%s %q: %s", w, s.v, msg)
			}
			c.User = s.v
		case "password_env":
			if !envName(s.v) {
				p.Errf(s.line, "%s %q: want a variable name (letters, digits and _, not first a digit)", w, s.v)
			}
			c.PasswordEnv = s.v
		case "password_file":
			c.PasswordFile = p.path(s.v)
		case "key_file":
			c.KeyFile = p.path(s.v)
		}
		if pr.Key != "user" {
			secrets = append(secrets, pr.Key)
		}
	}
	if yamlfile.Deref(n).Kind != yaml.MappingNode && p.Count() != bad {
		return c, false // not a mapping: said so already
	}
	if c.User == "" {
		p.Errf(line, "%s: no user (want user: NAME)", what)
	}
	switch {
	case len(secrets) == 0 && password: // said what to write instead
	case len(secrets) == 0:
		p.Errf(line, "%s: no password_env, password_file or key_file (want exactly one)", what)
	case len(secrets) > 1:
		p.Errf(line, "%s: %s: give one", what, strings.Join(secrets, " and "))
	}
	return c, p.Count() == bad
}

// envName reports whether s can name an environment variable a shell can set.
func envName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// duration reads a Go duration ("10s", "1m30s") in [lo, hi].
func (p *parser) duration(n *yaml.Node, what string, lo, hi time.Duration) val[time.Duration] {
	s := p.str(n, what)
	if !s.ok {
		return val[time.Duration]{}
	}
	d, err := time.ParseDuration(s.v)
	if err != nil || d < lo || d > hi {
		p.Errf(s.line, "%s %s: want a duration from %s to %s (10s, 1m)", what, s.v, fmtDuration(lo), fmtDuration(hi))
		return val[time.Duration]{}
	}
	return val[time.Duration]{d, s.line, true}
}

// fmtDuration spells whole minutes as "10m", not time.Duration's "10m0s".
func fmtDuration(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// path is a path of the fleet file: relative to the file's directory.
func (p *parser) path(s string) string {
	if filepath.IsAbs(s) {
		return s
	}
	return filepath.Join(p.dir, s)
}
