package readers

import (
	"strconv"
	"strings"
)

// SSHUser is a line of `display ssh user-information`.
type SSHUser struct {
	Name     string
	AuthType string   // password, publickey, password-publickey, any, keyboard-interactive
	KeyName  string   // "" for null
	Services []string // Stelnet, SFTP, SCP, NETCONF
}

// ParseSSHUsers reads `display ssh user-information`.
func ParseSSHUsers(text string) ([]SSHUser, error) {
	var out []SSHUser
	seen := false
	for _, line := range lines(text) {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && strings.HasPrefix(f[0], "Total"):
			seen = true
			continue
		case len(f) > 1 && f[0] == "Username" && strings.HasPrefix(f[1], "Authentication"):
			seen = true
			continue
		case !seen || len(f) < 4:
			continue
		}
		key := f[2]
		if key == "null" {
			key = ""
		}
		out = append(out, SSHUser{Name: f[0], AuthType: f[1], KeyName: key, Services: splitList(f[3], "|")})
	}
	if !seen {
		return nil, ErrFormat
	}
	return out, nil
}

// Setting is one "name : value" line of a status display, in the order printed.
type Setting struct{ Name, Value string }

// ParseSettings reads a display of "name: value" lines such as `display ssh server status`.
func ParseSettings(text string) ([]Setting, error) {
	var out []Setting
	for _, line := range lines(text) {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(k) == "" {
			continue
		}
		out = append(out, Setting{Name: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	if len(out) == 0 {
		return nil, ErrFormat
	}
	return out, nil
}

// Algorithms is `display ssh2 algorithm`: what the server offers, in its order of preference.
type Algorithms struct {
	KeyExchange, PublicKey, Cipher, MAC []string
}

// ParseAlgorithms reads `display ssh2 algorithm`.
func ParseAlgorithms(text string) (Algorithms, error) {
	var a Algorithms
	seen := false
	for _, line := range lines(text) {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "key exchange algorithms":
			a.KeyExchange = f
		case "public key algorithms":
			a.PublicKey = f
		case "encryption algorithms":
			a.Cipher = f
		case "mac algorithms":
			a.MAC = f
		default:
			continue
		}
		seen = true
	}
	if !seen {
		return a, ErrFormat
	}
	return a, nil
}

// SSHSession is a line of `display ssh server session`.
type SSHSession struct {
	Pid, SessID int
	Version     string
	Cipher      string // "" when the table prints -
	State       string
	Retries     int
	Service     string // Stelnet, SFTP, SCP, NETCONF
	User        string
}

// ParseSSHSessions reads `display ssh server session`; no output at all means no session.
func ParseSSHSessions(text string) ([]SSHSession, error) {
	var out []SSHSession
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	seen := false
	for _, line := range lines(text) {
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "UserPid":
			seen = true
			continue
		case !seen || len(f) < 8:
			continue
		}
		pid, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		id, _ := strconv.Atoi(f[1])
		retries, _ := strconv.Atoi(f[5])
		cipher := f[3]
		if cipher == "-" {
			cipher = ""
		}
		out = append(out, SSHSession{Pid: pid, SessID: id, Version: f[2], Cipher: cipher, State: f[4], Retries: retries,
			Service: f[6], User: strings.Join(f[7:], " ")})
	}
	if !seen {
		return nil, ErrFormat
	}
	return out, nil
}
