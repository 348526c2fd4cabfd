package sshsrv

import (
	"context"
	"io"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// exchange sends the client's first bytes and returns everything the server sent until it closed.
func exchange(t *testing.T, addr, send string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, send); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("reading the server's reply: %v (so far %q)", err, got)
	}
	return string(got)
}

func TestVersionRefused(t *testing.T) {
	e := startServer(t, Config{}, nil)
	for _, tc := range []struct{ send, reply, log string }{
		{"SSH-1.5-x\r\n", msgMajorDiffers, `Protocol major versions differ for 127\.0\.0\.1 port \d+: SSH-2\.0-Comware-7\.1\.070 vs\. SSH-1\.5-x$`},
		{"SSH-1.0-old\n", msgMajorDiffers, `vs\. SSH-1\.0-old$`},
		{"SSH-3.0-future\r\n", msgMajorDiffers, `vs\. SSH-3\.0-future$`},
		{"SSH-garbage\r\n", msgInvalidIdent, `banner exchange: Connection from 127\.0\.0\.1 port \d+: invalid format$`},
	} {
		t.Run(strings.TrimSpace(tc.send), func(t *testing.T) {
			if got, want := exchange(t, e.addr, tc.send), Version+"\r\n"+tc.reply; got != want {
				t.Errorf("server sent %q, want %q", got, want)
			}
			e.waitLog(t, tc.log)
		})
	}
	e.waitDeviceLog(t, "SSHS/4/SSHS_VERSION_MISMATCH: SSH client 127.0.0.1 failed to log in because of version mismatch.")
	// Refusing those clients did not stop the server.
	c := mustDial(t, e.addr, "admin", password("secret"))
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("display version after the refusals: status %d", r.status)
	}
}

// TestVersionNotSSH: a client whose first line is no SSH identification (a web browser, a port
// scanner, a TLS client) is answered and closed at once, as OpenSSH's server does, not held until
// the authentication timeout; lines before the identification are a server's privilege only.
func TestVersionNotSSH(t *testing.T) {
	e := startServer(t, Config{HandshakeTimeout: time.Minute}, nil)
	for name, send := range map[string]string{
		"http":        "GET / HTTP/1.1\r\nHost: switch\r\n\r\n",
		"tls":         "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", // a ClientHello, no line end
		"blank line":  "\r\n",
		"line before": "hello\r\nSSH-2.0-after-a-line\r\n",
		"lower case":  "ssh-2.0-x\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			// exchange reads until the server closes, for 10 s at most: a connection held
			// toward the one-minute timeout fails it.
			if got, want := exchange(t, e.addr, send), Version+"\r\n"+msgInvalidIdent; got != want {
				t.Errorf("server sent %q, want %q", got, want)
			}
		})
	}
	e.waitLog(t, `banner exchange: Connection from 127\.0\.0\.1 port \d+: invalid format$`)
}

// TestVersionWithNetcat is the check, word for word, where nc is installed.
func TestVersionWithNetcat(t *testing.T) {
	nc, err := exec.LookPath("nc")
	if err != nil {
		t.Skip("nc (netcat-openbsd) is not installed")
	}
	e := startServer(t, Config{}, nil)
	host, port, _ := net.SplitHostPort(e.addr)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", "printf 'SSH-1.5-x\\r\\n' | "+nc+" "+host+" "+port)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("nc: %v (output %q)", err, out)
	}
	if want := Version + "\r\nProtocol major versions differ.\r\n"; string(out) != want {
		t.Errorf("nc printed %q, want %q", out, want)
	}
}

// TestVersion199 lets an SSH-1.99 client (one that speaks both protocols) log in with SSH 2.
func TestVersion199(t *testing.T) {
	e := startServer(t, Config{}, nil)
	c, err := gossh.Dial("tcp", e.addr, &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{password("secret")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), ClientVersion: "SSH-1.99-Go", Timeout: 10 * time.Second})
	if err != nil {
		t.Fatalf("an SSH-1.99 client was refused: %v", err)
	}
	defer c.Close()
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("status %d", r.status)
	}
}

// TestMisbehavingClientsDoNotBlockOthers: clients that stall before, during or after the version
// exchange or send garbage after it hold only their own connection, which the authentication
// timeout ends; a well-behaved client logs in meanwhile.
func TestMisbehavingClientsDoNotBlockOthers(t *testing.T) {
	const timeout = 3 * time.Second
	e := startServer(t, Config{HandshakeTimeout: timeout}, nil)
	var bad []net.Conn
	for _, send := range []string{"", "SSH-2.0-half", "SSH-2.0-x\r\n", "SSH-2.0-x\r\n\x00\x00\x01\x00garbage-packet"} {
		c, err := net.Dial("tcp", e.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := io.WriteString(c, send); err != nil {
			t.Fatal(err)
		}
		bad = append(bad, c)
	}
	start := time.Now()
	c := mustDial(t, e.addr, "admin", password("secret"))
	if r := run(t, c, "display version", "", false); r.status != 0 {
		t.Errorf("status %d", r.status)
	}
	if d := time.Since(start); d >= timeout { // it waited for a stalled client's timeout
		t.Errorf("a good client took %v while others misbehaved", d)
	}
	// Each bad connection is closed by the server, at the latest when the timeout strikes.
	for i, c := range bad {
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.Copy(io.Discard, c); err != nil {
			t.Errorf("bad client %d: the server did not close the connection: %v", i, err)
		}
	}
	e.waitLog(t, `Timeout before authentication for 127\.0\.0\.1 port \d+$`)
}

func TestParseIdent(t *testing.T) {
	for _, tc := range []struct {
		line       string
		maj, minor int
		ok         bool
	}{
		{"SSH-2.0-OpenSSH_9.2", 2, 0, true},
		{"SSH-1.99-Comware", 1, 99, true},
		{"SSH-1.5-x", 1, 5, true},
		{"SSH-2.0-", 0, 0, false},
		{"SSH-2-x", 0, 0, false},
		{"SSH-a.b-x", 0, 0, false},
		{"SSH-", 0, 0, false},
	} {
		maj, minor, ok := parseIdent(tc.line)
		if maj != tc.maj || minor != tc.minor || ok != tc.ok {
			t.Errorf("parseIdent(%q) = %d, %d, %v; want %d, %d, %v", tc.line, maj, minor, ok, tc.maj, tc.minor, tc.ok)
		}
	}
}
