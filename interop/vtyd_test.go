package interop

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// adminPassword is admin's password in every test's vtyd (--admin-password).
const adminPassword = "Adm1n-pw"

// vtyd is one running server, started for one test and stopped when it ends.
// A fleet's devices (startFleet) are one each, sharing their process's log.
type vtyd struct {
	host     string            // the IP it listens on: 127.0.0.1, or a fleet device's own
	port     string            // the port it logged
	data     string            // its data directory: --data, or a fleet device's DIR/devices/NAME
	hostKeys map[string]string // key type (ssh-ed25519, ssh-rsa) -> SHA256 fingerprint, from its log
	log      *logBuffer        // the log of its process
}

var (
	listeningRE = regexp.MustCompile(`: listening addr=127\.0\.0\.1:(\d+)\n`)
	hostKeyRE   = regexp.MustCompile(`: host key type=(\S+) fingerprint=(SHA256:\S+)\n`)
)

// startVtyd starts the binary TestMain built on 127.0.0.1:0 with a fresh data directory (seeded
// with the default host key pair types, Ed25519 and RSA-3072, so that no test waits for RSA key
// generation), admin's password and args. It is stopped with SIGTERM when the test ends and must
// then exit 0 within 20 s.
func startVtyd(t *testing.T, args ...string) *vtyd {
	t.Helper()
	data := t.TempDir()
	keys := filepath.Join(data, "keys")
	if err := os.Mkdir(keys, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"hostkey.rsa.pem", "ed25519key.ed25519.pem"} {
		b, err := os.ReadFile(filepath.Join(seedKeys, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keys, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	argv := append([]string{"--listen", "127.0.0.1:0", "--data", data, "--admin-password", adminPassword}, args...)
	v := &vtyd{host: "127.0.0.1", data: data, hostKeys: map[string]string{}, log: startProcess(t, argv)}

	m, ok := v.log.wait(listeningRE, 30*time.Second)
	if !ok {
		t.Fatal("vtyd did not log listening")
	}
	v.port = m[1]
	for _, k := range hostKeyRE.FindAllStringSubmatch(v.log.String(), -1) {
		v.hostKeys[k[1]] = k[2]
	}
	if v.hostKeys["ssh-ed25519"] == "" || v.hostKeys["ssh-rsa"] == "" {
		t.Fatal("vtyd did not log its Ed25519 and RSA host keys")
	}
	return v
}

// startProcess runs the binary TestMain built with argv and reads its log (stderr). It is
// stopped with SIGTERM when the test ends and must then exit 0 within 20 s; a failed test gets the
// log, once, whatever failed.
func startProcess(t *testing.T, argv []string) *logBuffer {
	t.Helper()
	cmd := exec.Command(vtydBin, argv...)
	cmd.Stdout = io.Discard
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	log := newLogBuffer()
	go log.readFrom(stderr)
	t.Cleanup(func() { stopProcess(t, cmd, log) })
	return log
}

func stopProcess(t *testing.T, cmd *exec.Cmd, log *logBuffer) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan error, 1)
	go func() { <-log.closed; exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("vtyd exited with %v after SIGTERM", err)
		}
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		t.Errorf("vtyd did not stop within 20 s of SIGTERM")
	}
	if t.Failed() {
		t.Logf("vtyd log:\n%s", log)
	}
}

// addr is host:port for dialling.
func (v *vtyd) addr() string { return net.JoinHostPort(v.host, v.port) }

// knownHosts writes an OpenSSH known_hosts file with the server's host keys (read from its key
// files, checked against the fingerprints it logged) and returns its path.
func (v *vtyd) knownHosts(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, k := range v.publicHostKeys(t) {
		fmt.Fprintf(&b, "[%s]:%s %s", v.host, v.port, gossh.MarshalAuthorizedKey(k))
	}
	path := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// hostKeyFiles are the host key files in DATA/keys, Ed25519 first, by key type.
var hostKeyFiles = []struct{ keyType, file string }{
	{gossh.KeyAlgoED25519, "ed25519key.ed25519.pem"},
	{gossh.KeyAlgoRSA, "hostkey.rsa.pem"},
}

// publicHostKeys reads the host keys of the types vtyd logged from its key files, Ed25519 first,
// each checked against the fingerprint it logged.
func (v *vtyd) publicHostKeys(t *testing.T) []gossh.PublicKey {
	t.Helper()
	var keys []gossh.PublicKey
	for _, f := range hostKeyFiles {
		if v.hostKeys[f.keyType] == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(v.data, "keys", f.file))
		if err != nil {
			t.Fatal(err)
		}
		sg, err := gossh.ParsePrivateKey(b)
		if err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		k := sg.PublicKey()
		if fp := gossh.FingerprintSHA256(k); k.Type() != f.keyType || fp != v.hostKeys[f.keyType] {
			t.Fatalf("%s: %s key %s, vtyd logged %s %s", f.file, k.Type(), fp, f.keyType, v.hostKeys[f.keyType])
		}
		keys = append(keys, k)
	}
	return keys
}

// isHostKey reports whether fp is the fingerprint of one of the host keys vtyd logged.
func (v *vtyd) isHostKey(fp string) bool {
	for _, k := range v.hostKeys {
		if k == fp {
			return true
		}
	}
	return false
}

// waitLog waits (up to 10 s) for a log line matching re (multi-line mode: ^ and $ are line
// anchors) and fails the test without one; it returns the match and its groups.
func (v *vtyd) waitLog(t *testing.T, re string) []string {
	t.Helper()
	m, ok := v.log.wait(regexp.MustCompile("(?m)"+re), 10*time.Second)
	if !ok {
		t.Fatalf("vtyd never logged %q", re)
	}
	return m
}

// countLog counts the log lines matching re (multi-line mode) so far.
func (v *vtyd) countLog(re string) int {
	return len(regexp.MustCompile("(?m)"+re).FindAllStringIndex(v.log.String(), -1))
}

// dial logs in as user with the Go SSH client, trusting only the server's Ed25519 host key; the
// connection is closed when the test ends.
func (v *vtyd) dial(t *testing.T, user, password string) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", v.addr(), &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{gossh.Password(password)},
		HostKeyCallback:   gossh.FixedHostKey(v.publicHostKeys(t)[0]),
		HostKeyAlgorithms: []string{gossh.KeyAlgoED25519},
		Timeout:           10 * time.Second,
	})
	if err != nil {
		t.Fatalf("dial as %s: %v", user, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// exec runs commands as admin over an exec request with the Go SSH client, for a test's setup
// and checks; it fails the test unless every line succeeds.
func (v *vtyd) exec(t *testing.T, lines ...string) string {
	t.Helper()
	s, err := v.dial(t, "admin", adminPassword).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var out, errb strings.Builder
	s.Stdout, s.Stderr = &out, &errb
	done := make(chan error, 1)
	go func() { done <- s.Run(strings.Join(lines, "\n")) }()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("exec %q timed out", lines)
	}
	if err != nil {
		t.Fatalf("exec %q: %v\nstdout: %s\nstderr: %s", lines, err, out.String(), errb.String())
	}
	return out.String()
}

// logBuffer holds a process's log and lets tests wait for a line.
type logBuffer struct {
	mu     sync.Mutex
	b      strings.Builder
	grew   chan struct{} // closed and replaced at every line
	closed chan struct{} // closed when the log ends
}

func newLogBuffer() *logBuffer {
	return &logBuffer{grew: make(chan struct{}), closed: make(chan struct{})}
}

func (l *logBuffer) readFrom(r io.Reader) {
	defer close(l.closed)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		l.mu.Lock()
		l.b.WriteString(sc.Text() + "\n")
		close(l.grew)
		l.grew = make(chan struct{})
		l.mu.Unlock()
	}
	_, _ = io.Copy(io.Discard, r) // never block the child on a full pipe
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// wait returns the first match of re (with its groups) once the log has one; false after d or
// once the log has ended without one.
func (l *logBuffer) wait(re *regexp.Regexp, d time.Duration) ([]string, bool) {
	deadline := time.After(d)
	for {
		l.mu.Lock()
		text, grew := l.b.String(), l.grew
		l.mu.Unlock()
		if m := re.FindStringSubmatch(text); m != nil {
			return m, true
		}
		select {
		case <-grew:
		case <-l.closed:
			if m := re.FindStringSubmatch(l.String()); m != nil {
				return m, true
			}
			return nil, false
		case <-deadline:
			return nil, false
		}
	}
}
