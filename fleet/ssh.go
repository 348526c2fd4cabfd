package fleet

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
)

// SSHTarget is how the gateway reaches a real switch (a device of kind ssh): its address, the host
// key it must present, the accounts it is logged in to, and how often the console polls it.
type SSHTarget struct {
	Host string // a host name or an IP address, as the file gives it
	Port int    // default 22
	// The host key is pinned in exactly one way: Fingerprints (OpenSSH's "SHA256:..." form, any one
	// of them matches), the known_hosts file KnownHosts, or TOFU. With TOFU, KnownHosts is
	// DATA/devices/NAME/known_hosts: the key the switch first presents is recorded there, and from
	// then on it is the only key accepted.
	Fingerprints []string
	KnownHosts   string
	TOFU         bool
	// Credentials are the switch's accounts by gateway role ("admin", "operator"). A role without
	// one cannot reach the switch: least privilege is the switch's own (a network-operator account).
	Credentials map[string]Credential
	Poll        time.Duration // how often the console asks for new log entries and config changes
}

// Credential is one account on a real switch: a user and exactly one of a password variable, a
// password file or a private key file. The fleet file never holds the password itself; it is read
// when it is used (Secret), so it can change without a reload.
type Credential struct {
	User         string
	PasswordEnv  string // the name of an environment variable holding the password
	PasswordFile string // a file holding the password (absolute: relative to the fleet file)
	KeyFile      string // an unencrypted OpenSSH private key (absolute: relative to the fleet file)
}

// The poll interval of a real switch when the file names none, and its bounds: often enough for a
// console to feel live, seldom enough that a switch's CPU does not notice.
const (
	DefaultPoll = 10 * time.Second
	MinPoll     = time.Second
	MaxPoll     = 10 * time.Minute
)

// DefaultSSHPort is a real switch's SSH port when the file names none. The fleet's Options.Port and
// defaults.port are where simulated devices listen, and do not apply to real switches.
const DefaultSSHPort = 22

// maxSecret bounds what Secret and Key read: a password or a private key is a few KiB at most, and a
// wrong path (a log file, /dev/zero) must not fill memory.
const maxSecret = 64 << 10

// SecretError is a credential whose password or key cannot be had. Source names where it was
// looked for ("password_env SW_PW", "password_file /etc/vtyd/pw"), never the device: the caller
// knows which device it was connecting to and says so.
type SecretError struct {
	Source string
	Msg    string // what is wrong, when Err is nil: "is not set", "is empty"
	Err    error  // the error reading it, if that is what went wrong
}

func (e *SecretError) Error() string {
	if e.Err != nil {
		return e.Source + ": " + e.Err.Error()
	}
	return e.Source + " " + e.Msg
}

func (e *SecretError) Unwrap() error { return e.Err }

// ErrKeyCredential is Secret's error for a credential that authenticates with a key (Key reads it).
var ErrKeyCredential = errors.New("fleet: a key credential has no password")

// Secret is the credential's password, read now from its variable or file; one trailing newline
// of a file is not part of it (echo and editors add one). An unset or empty variable, an empty or
// unreadable file is a *SecretError; a key credential is ErrKeyCredential.
func (c Credential) Secret() (password string, err error) {
	switch {
	case c.PasswordEnv != "":
		src := "password_env " + c.PasswordEnv
		v, ok := os.LookupEnv(c.PasswordEnv)
		if !ok {
			return "", &SecretError{Source: src, Msg: "is not set"}
		}
		if v == "" {
			return "", &SecretError{Source: src, Msg: "is empty"}
		}
		return v, nil
	case c.PasswordFile != "":
		src := "password_file " + c.PasswordFile
		b, err := readSecret(c.PasswordFile, src)
		if err != nil {
			return "", err
		}
		s := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
		if s == "" {
			return "", &SecretError{Source: src, Msg: "is empty"}
		}
		return s, nil
	case c.KeyFile != "":
		return "", ErrKeyCredential
	}
	return "", &SecretError{Source: "credential of " + c.User, Msg: "has no password_env, password_file or key_file"}
}

// Key is the private key file's contents (PEM), read now; "" KeyFile is a *SecretError.
func (c Credential) Key() ([]byte, error) {
	if c.KeyFile == "" {
		return nil, &SecretError{Source: "credential of " + c.User, Msg: "has no key_file"}
	}
	return readSecret(c.KeyFile, "key_file "+c.KeyFile)
}

// readSecret reads a password or key file of at most maxSecret bytes. The error names the source
// once: an *fs.PathError would repeat the path.
func readSecret(path, src string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &SecretError{Source: src, Err: err}
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, maxSecret+1))
	if err != nil {
		return nil, &SecretError{Source: src, Err: err}
	}
	if len(b) > maxSecret {
		return nil, &SecretError{Source: src, Msg: fmt.Sprintf("is larger than %d KiB: not a password or key", maxSecret>>10)}
	}
	return b, nil
}
