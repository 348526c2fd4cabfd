package gateway

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	gossh "golang.org/x/crypto/ssh"
	"gopkg.in/yaml.v3"

	"vtyd/internal/yamlfile"
)

// The keys of the users file, at the top and in a user's entry.
var (
	usersTopKeys = []string{"users"}
	userKeys     = []string{"name", "role", "devices", "password_hash", "authorized_keys"}
)

// maxUserName is Comware's limit for a local user name (`local-user <1-55>`; 55 + @ + a 24-character
// ISP domain fit the 80 of an SSH user name), and so for a gateway user who is shown as one.
const maxUserName = 55

// maxBcryptCost bounds a password hash's cost: each login attempt, with any name, costs a hash at
// the file's highest cost, and one at cost 15 took 1.7 s of a core here (14: 0.9 s, 10: 0.06 s), which
// a few clients guessing names would keep busy. htpasswd and Python's bcrypt use 5 to 12.
const maxBcryptCost = 14

// hashHint says how to make a password hash without the password landing in the shell's history.
const hashHint = `make one with: htpasswd -nBC 10 '' | tr -d ':\n'`

// usersParser reads one users file's YAML tree, collecting every problem rather than stopping at
// the first.
type usersParser struct {
	yamlfile.Problems
	// entries are the user entries read, by node: an alias of an entry is refused, not read again.
	entries map[*yaml.Node]int
	// devices and keys are the lists read, by node: a list shared by many users through an alias is
	// read (and its problems reported) once.
	devices map[*yaml.Node][]string
	keys    map[*yaml.Node][]gossh.PublicKey
}

// users reads the whole file: a mapping whose one key is users, a list of user entries.
func (p *usersParser) users(root *yaml.Node) []*User {
	var list *yaml.Node
	for _, pr := range p.pairs(root, "users file", usersTopKeys) {
		list = pr.V
	}
	if list == nil {
		p.Errf(root.Line, "no users (want a users: list)")
		return nil
	}
	list = yamlfile.Deref(list)
	if list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		if yamlfile.IsNull(list) || list.Kind == yaml.SequenceNode {
			p.Errf(list.Line, "users: none (want a list of users)")
		} else {
			p.Errf(list.Line, "users: want a list of users")
		}
		return nil
	}
	p.entries = map[*yaml.Node]int{}
	p.devices = map[*yaml.Node][]string{}
	p.keys = map[*yaml.Node][]gossh.PublicKey{}
	var out []*User
	first := map[string]int{}
	for i, e := range list.Content {
		u := p.user(e, i+1)
		if u == nil {
			continue
		}
		if line, dup := first[u.Name]; dup {
			p.Errf(u.Line, "user %s: given twice (first at line %d)", u.Name, line)
			continue
		}
		first[u.Name] = u.Line
		out = append(out, u)
	}
	return out
}

// user reads the n'th entry of the users list; nil if it has problems, each reported.
func (p *usersParser) user(e *yaml.Node, n int) *User {
	what := "users entry " + strconv.Itoa(n)
	e = yamlfile.Deref(e)
	if e.Kind != yaml.MappingNode {
		p.Errf(e.Line, "%s: want a mapping of %s", what, strings.Join(userKeys, ", "))
		return nil
	}
	if line, again := p.entries[e]; again {
		p.Errf(e.Line, "%s: the entry at line %d again (an alias): give each user once", what, line)
		return nil
	}
	p.entries[e] = e.Line
	nerr := p.Count()
	u := &User{Line: e.Line}
	if name := entryName(e); badUserName(name) == "" {
		what = "user " + name // so that every message about the entry names its user
	}
	v := map[string]*yaml.Node{}
	for _, pr := range p.pairs(e, what, userKeys) {
		v[pr.Key] = pr.V
	}
	if n := v["name"]; n != nil {
		if s, ok := p.Str(n, what+": name"); ok {
			if why := badUserName(s); why != "" {
				p.Errf(yamlfile.Deref(n).Line, "%s: name %q: %s", what, s, why)
			} else {
				u.Name = s
			}
		}
	} else {
		p.Errf(e.Line, "%s: no name", what)
	}
	switch r := v["role"]; {
	case r == nil:
		p.Errf(e.Line, "%s: no role (want admin or operator)", what)
	default:
		if s, ok := p.Str(r, what+": role"); ok {
			u.Role = Role(s)
			if u.Role != RoleAdmin && u.Role != RoleOperator {
				p.Errf(yamlfile.Deref(r).Line, "%s: role %q: want admin or operator", what, s)
			}
		}
	}
	if d := v["devices"]; d != nil {
		u.Devices = p.devicesList(d, what)
	}
	if h := v["password_hash"]; h != nil {
		if s, ok := p.Str(h, what+": password_hash"); ok {
			if why := badHash(s); why != "" {
				p.Errf(yamlfile.Deref(h).Line, "%s: password_hash: %s", what, why)
			}
			u.PasswordHash = s
		}
	}
	if k := v["authorized_keys"]; k != nil {
		u.Keys = p.keysList(k, what)
	}
	if v["password_hash"] == nil && yamlEmpty(v["authorized_keys"]) {
		p.Errf(e.Line, "%s: no password_hash or authorized_keys (give one, or both)", what)
	}
	if p.Count() > nerr {
		return nil
	}
	return u
}

// entryName is the name an entry gives, if it gives one plainly; "" if not.
func entryName(e *yaml.Node) string {
	for i := 0; i+1 < len(e.Content); i += 2 {
		k, v := e.Content[i], yamlfile.Deref(e.Content[i+1])
		if k.Kind == yaml.ScalarNode && k.Value == "name" && v.Kind == yaml.ScalarNode && !yamlfile.IsNull(v) {
			return v.Value
		}
	}
	return ""
}

// badUserName says what is wrong with a gateway user name, "" if nothing: Comware's rules for a
// local user name, and no blanks, which neither an SSH login nor a log line would survive.
func badUserName(s string) string {
	switch {
	case s == "":
		return "empty"
	case !utf8.ValidString(s):
		return "not UTF-8"
	case utf8.RuneCountInString(s) > maxUserName:
		return fmt.Sprintf("longer than %d characters (Comware's limit for a local user name)", maxUserName)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) >= 0:
		return "no blanks or control characters"
	case strings.ContainsAny(s, `\|/:*?<>@`):
		return `none of \ | / : * ? < > @ (ssh USER@DEVICE@HOST splits at @)`
	}
	switch strings.ToLower(s) {
	case "a", "al", "all":
		return "a, al and all mean every user on Comware"
	}
	return ""
}

// bcryptText is the shape of a bcrypt hash: version, two-digit cost, then 53 characters of
// bcrypt's base64 (22 of salt, 31 of hash).
var bcryptText = regexp.MustCompile(`^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$`)

// badHash says what is wrong with a password hash, "" if nothing.
func badHash(s string) string {
	if !bcryptText.MatchString(s) {
		return "not a bcrypt hash (" + hashHint + ")"
	}
	c, err := bcrypt.Cost([]byte(s))
	if err != nil {
		return "not a bcrypt hash: " + strings.TrimPrefix(err.Error(), "crypto/bcrypt: ") + " (" + hashHint + ")"
	}
	if c > maxBcryptCost {
		return fmt.Sprintf("cost %d: at most %d, or every login attempt keeps a core busy for seconds (%s)", c, maxBcryptCost, hashHint)
	}
	return ""
}

// devicesList reads a user's devices: a list of patterns, or one pattern.
func (p *usersParser) devicesList(n *yaml.Node, what string) []string {
	n = yamlfile.Deref(n)
	if l, done := p.devices[n]; done {
		return slices.Clone(l)
	}
	var out []string
	for _, e := range p.list(n, what+": devices") {
		s, ok := p.Str(e, what+": devices")
		if !ok {
			continue
		}
		if why := badPattern(s); why != "" {
			p.Errf(yamlfile.Deref(e).Line, "%s: devices: %q: %s", what, s, why)
			continue
		}
		out = append(out, s)
	}
	p.devices[n] = out
	return slices.Clone(out)
}

// keysList reads a user's authorized_keys: a list of OpenSSH public-key lines, or one.
func (p *usersParser) keysList(n *yaml.Node, what string) []gossh.PublicKey {
	n = yamlfile.Deref(n)
	if l, done := p.keys[n]; done {
		return slices.Clone(l)
	}
	var out []gossh.PublicKey
	for i, e := range p.list(n, what+": authorized_keys") {
		w := fmt.Sprintf("%s: authorized_keys entry %d", what, i+1)
		s, ok := p.Str(e, w)
		if !ok {
			continue
		}
		if k, why := parseKeyLine(s); why != "" {
			p.Errf(yamlfile.Deref(e).Line, "%s: %s", w, why)
		} else {
			out = append(out, k)
		}
	}
	p.keys[n] = out
	return slices.Clone(out)
}

// harmlessOptions are the authorized_keys options that take away only what the gateway never
// offers. Any other (from=, command=, expiry-time=, restrict, cert-authority...) the gateway would
// ignore, and a key copied from a file where it limited the key would quietly be allowed more.
var harmlessOptions = []string{"no-agent-forwarding", "no-port-forwarding", "no-x11-forwarding", "no-user-rc"}

// parseKeyLine reads one OpenSSH authorized_keys line; why says what is wrong, "" if nothing.
func parseKeyLine(s string) (gossh.PublicKey, string) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, "one key per entry (this one spans lines)"
	}
	k, _, opts, rest, err := gossh.ParseAuthorizedKey([]byte(s))
	if err != nil {
		return nil, "not an OpenSSH public key line (" + err.Error() + ")"
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return nil, "more than one key"
	}
	for _, o := range opts {
		if !slices.Contains(harmlessOptions, strings.ToLower(o)) {
			return nil, fmt.Sprintf("option %s: the gateway does not enforce it (allowed: %s)", o, strings.Join(harmlessOptions, ", "))
		}
	}
	return k, ""
}

// badPattern says what is wrong with a devices pattern, "" if nothing.
func badPattern(s string) string {
	glob, isTag := strings.CutPrefix(s, "tag:")
	switch {
	case isTag && glob == "":
		return "no tag name after tag:"
	case glob == "":
		return "empty (want a device name, a glob such as acc*, or tag:NAME)"
	}
	if _, err := path.Match(glob, ""); err != nil {
		return "not a valid glob (path.Match syntax: * ? [a-z] [^0-9] \\x)"
	}
	return ""
}
