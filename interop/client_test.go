package interop

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// python is Debian's interpreter, where python3-paramiko, python3-asyncssh, python3-netmiko and
// python3-textfsm install; another python3 on PATH (pyenv, a venv) would not have them.
const python = "/usr/bin/python3"

// needBins skips the test unless every binary is on PATH, naming the one missing and its package.
func needBins(t *testing.T, pkg string, bins ...string) {
	t.Helper()
	for _, b := range bins {
		if _, err := exec.LookPath(b); err != nil {
			t.Skipf("%s is not installed (apt-get install %s)", b, pkg)
		}
	}
}

// needPython skips the test unless Debian's python3 imports module.
func needPython(t *testing.T, module, pkg string) {
	t.Helper()
	if _, err := os.Stat(python); err != nil {
		t.Skipf("%s is not installed (apt-get install python3)", python)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, python, "-c", "import "+module).CombinedOutput(); err != nil {
		t.Skipf("%s cannot import %s (apt-get install %s): %v %s", python, module, pkg, err, lastLine(string(out)))
	}
}

// command is one run of an external client.
type command struct {
	name    string
	args    []string
	env     []string      // added to the test's environment: no agent, HOME a fresh directory
	stdin   string        // "" for none
	timeout time.Duration // 0 means 30 s
}

// result is what a client did.
type result struct {
	stdout, stderr string
	code           int // exit status
}

func (r result) String() string {
	return "exit " + strconv.Itoa(r.code) + "\n--- stdout\n" + r.stdout + "\n--- stderr\n" + r.stderr
}

// run runs the client in its own process group, killed with the group at the timeout (which
// fails the test). Nothing of the machine's leaks in: no ssh-agent, and HOME is a fresh directory,
// so no ~/.ssh keys, config or known hosts and no ~/.putty.
func (c command) run(t *testing.T) result {
	t.Helper()
	timeout := c.timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.name, c.args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	env := []string{"HOME=" + t.TempDir(), "PYTHONWARNINGS=ignore", "LC_ALL=C.UTF-8"}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "HOME", "SSH_AUTH_SOCK", "SSH_AGENT_PID", "DISPLAY", "PYTHONWARNINGS", "LC_ALL":
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env, c.env...)
	if c.stdin != "" {
		cmd.Stdin = strings.NewReader(c.stdin)
	}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s %q did not finish within %s\n%s", c.name, c.args, timeout, r)
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", c.name, err)
	}
	return r
}

// runPython runs a script from testdata with Debian's python3 and decodes the JSON object it
// prints into v; it fails the test if the script fails.
func runPython(t *testing.T, timeout time.Duration, v any, script string, args ...string) {
	t.Helper()
	r := command{name: python, args: append([]string{filepath.Join("testdata", script)}, args...), timeout: timeout}.run(t)
	if r.code != 0 {
		t.Fatalf("%s %q failed:\n%s", script, args, r)
	}
	if err := json.Unmarshal([]byte(lastLine(r.stdout)), v); err != nil {
		t.Fatalf("%s %q: %v\n%s", script, args, err, r)
	}
}

// clientKey is a client key pair written for the clients.
type clientKey struct {
	file       string // the private key, OpenSSH format, mode 0600
	authorized string // its authorized_keys line
	pub        gossh.PublicKey
}

// newClientKey writes a fresh Ed25519 ("ed25519") or RSA-2048 ("rsa") key pair into dir.
func newClientKey(t *testing.T, dir, kind string) clientKey {
	t.Helper()
	var priv any
	switch kind {
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		priv = k
	case "rsa":
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		priv = k
	default:
		t.Fatalf("key kind %q", kind)
	}
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	sg, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	k := clientKey{file: filepath.Join(dir, "id_"+kind), pub: sg.PublicKey(),
		authorized: string(gossh.MarshalAuthorizedKey(sg.PublicKey()))}
	if err := os.WriteFile(k.file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(k.file+".pub", []byte(k.authorized), 0o644); err != nil {
		t.Fatal(err)
	}
	return k
}

// authorizedKeys writes the keys' lines as an authorized_keys file for --admin-key.
func authorizedKeys(t *testing.T, keys ...clientKey) string {
	t.Helper()
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k.authorized)
	}
	path := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeFile writes size bytes of configuration-like text to dir/name and returns the path and
// the content.
func writeFile(t *testing.T, dir, name string, size int) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		b.WriteString("vlan " + strconv.Itoa(2+i%4000) + "\n name from-" + name + "\n#\n")
	}
	data := b.Bytes()[:size]
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// sameFile fails the test unless path holds want.
func sameFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %d bytes, want the %d bytes sent", path, len(got), len(want))
	}
}

// flashFile is the path of a file on the server's flash:.
func (v *vtyd) flashFile(name string) string { return filepath.Join(v.data, "flash", name) }

func lastLine(s string) string {
	s = strings.TrimRight(s, "\r\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
