package sshsrv

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestLogHandlerFormat(t *testing.T) {
	var b bytes.Buffer
	log := slog.New(NewLogHandler(&b, &slog.HandlerOptions{Level: slog.LevelDebug}))
	log.Info("Failed password for admin from 127.0.0.1 port 50308 ssh2")
	log.With("session", 3).WithGroup("conn").Warn("ssh session ended", "user", "admin", "note", "two words")
	log.Error("maximum authentication attempts exceeded")
	log.Debug("detail")
	log.Info("Invalid user \x1b[2Jevil\nFailed password for root from 10.0.0.9 port 1 ssh2")
	want := []string{
		` vtyd\[\d+\]: Failed password for admin from 127\.0\.0\.1 port 50308 ssh2$`,
		` vtyd\[\d+\]: warning: ssh session ended session=3 conn\.user=admin conn\.note="two words"$`,
		` vtyd\[\d+\]: error: maximum authentication attempts exceeded$`,
		` vtyd\[\d+\]: debug: detail$`,
		` vtyd\[\d+\]: Invalid user \\033\[2Jevil\\012Failed password for root from 10\.0\.0\.9 port 1 ssh2$`,
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), b.String())
	}
	stamp := `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)`
	for i, line := range lines {
		if !regexp.MustCompile(stamp + want[i]).MatchString(line) {
			t.Errorf("line %d = %q, want %q", i, line, want[i])
		}
	}
	quiet := slog.New(NewLogHandler(&b, nil))
	if quiet.Enabled(context.Background(), slog.LevelDebug) {
		t.Error("debug enabled by default")
	}
}

// TestAuthLogLines: the process log says what sshd would, word for word, and the device's log
// buffer has Comware's SSHS entries.
func TestAuthLogLines(t *testing.T) {
	key := newSigner(t)
	e := startServer(t, Config{}, gossh.MarshalAuthorizedKey(key.PublicKey()))
	for _, try := range []struct {
		user string
		auth gossh.AuthMethod
	}{{"admin", password("wrong")}, {"bob", password("secret")}, {"admin", kbdInt("wrong")}} {
		if c, err := dial(e.addr, try.user, try.auth); err == nil {
			c.Close()
			t.Fatalf("%s logged in", try.user)
		}
	}
	mustDial(t, e.addr, "admin", gossh.PublicKeys(key)).Close()
	mustDial(t, e.addr, "admin", password("secret")).Close()
	port := `port \d+`
	for _, re := range []string{
		`: Failed password for admin from 127\.0\.0\.1 ` + port + ` ssh2$`,
		`: Invalid user bob from 127\.0\.0\.1 ` + port + `$`,
		`: Failed password for invalid user bob from 127\.0\.0\.1 ` + port + ` ssh2$`,
		`: Failed keyboard-interactive for admin from 127\.0\.0\.1 ` + port + ` ssh2$`,
		`: Connection closed by authenticating user admin 127\.0\.0\.1 ` + port + ` \[preauth\]$`,
		`: Accepted publickey for admin from 127\.0\.0\.1 ` + port + ` ssh2: ED25519 ` +
			regexp.QuoteMeta(gossh.FingerprintSHA256(key.PublicKey())) + `$`,
		`: Accepted password for admin from 127\.0\.0\.1 ` + port + ` ssh2$`,
	} {
		e.waitLog(t, re)
	}
	for _, want := range []string{
		"SSHS/6/SSHS_LOG: Authentication failed for admin from 127.0.0.1 port ",
		"SSHS/6/SSHS_LOG: Authentication failed for bob from 127.0.0.1 port ",
		"SSHS/6/SSHS_LOG: Accepted publickey for admin from 127.0.0.1 port ",
		"SSHS/6/SSHS_LOG: Accepted password for admin from 127.0.0.1 port ",
	} {
		e.waitDeviceLog(t, want)
	}
}

// TestNoPasswordInLogs: no password, right or wrong, reaches the process log or the log buffer.
func TestNoPasswordInLogs(t *testing.T) {
	key := newSigner(t)
	e := startServer(t, Config{}, gossh.MarshalAuthorizedKey(key.PublicKey()))
	addUser(t, e.d, "carol", "Carol-Pw-1", "network-admin",
		"ssh user carol service-type all authentication-type password-publickey assign publickey admin-key1")
	secrets := []string{"secret", "Wrong-Pw-2", "Wrong-Pw-3", "Carol-Pw-1", "Wrong-Pw-4"}
	attempts := []struct {
		user string
		auth []gossh.AuthMethod
	}{
		{"admin", []gossh.AuthMethod{password("secret")}},
		{"admin", []gossh.AuthMethod{password("Wrong-Pw-2")}},
		{"nobody", []gossh.AuthMethod{kbdInt("Wrong-Pw-3")}},
		{"carol", []gossh.AuthMethod{gossh.PublicKeys(key), password("Carol-Pw-1")}},
		{"carol", []gossh.AuthMethod{gossh.PublicKeys(key), kbdInt("Wrong-Pw-4")}},
	}
	for _, a := range attempts {
		if c, err := dial(e.addr, a.user, a.auth...); err == nil {
			c.Close()
		}
	}
	e.waitLog(t, `Accepted password for carol `)
	e.waitLog(t, `Failed keyboard-interactive for carol `)
	all := e.logs.String() + strings.Join(e.d.LogEntries(), "\n")
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("password %q is in a log", s)
		}
	}
}

// TestFail2banMatches runs Debian's stock fail2ban sshd filter over vtyd's process log.
func TestFail2banMatches(t *testing.T) {
	f2b, err := exec.LookPath("fail2ban-regex")
	if err != nil {
		t.Skip("fail2ban-regex is not installed (apt-get install fail2ban)")
	}
	const filter = "/etc/fail2ban/filter.d/sshd.conf"
	if _, err := os.Stat(filter); err != nil {
		t.Skipf("fail2ban's sshd filter is missing: %v", err)
	}
	e := startServer(t, Config{}, nil)
	for _, user := range []string{"admin", "root", "admin"} {
		if c, err := dial(e.addr, user, password("guess")); err == nil {
			c.Close()
			t.Fatal("a guessed password worked")
		}
	}
	mustDial(t, e.addr, "admin", password("secret")).Close()
	e.waitLog(t, `Accepted password for admin`)
	file := filepath.Join(t.TempDir(), "vtyd.log")
	if err := os.WriteFile(file, []byte(e.logs.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, f2b, file, filter).CombinedOutput()
	if err != nil {
		t.Fatalf("fail2ban-regex: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Lines: \d+ lines, \d+ ignored, (\d+) matched`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no summary in fail2ban-regex's output:\n%s", out)
	}
	// Failed password x3 and Invalid user root: 4 failures (the accepted login matches too,
	// as the filter's "gained" marker).
	t.Logf("fail2ban-regex over %s: %s", filter, m[0])
	if n, _ := strconv.Atoi(string(m[1])); n < 4 {
		t.Errorf("fail2ban matched %d lines, want at least 4:\n%s\nlog:\n%s", n, out, e.logs.String())
	}
	if !strings.Contains(string(out), "127.0.0.1") {
		t.Errorf("fail2ban found no failures from 127.0.0.1:\n%s", out)
	}
}

// TestVis (PROBE L4): what a client sends (user names, version strings) reaches the process log with
// every control escaped — C1 ones too, raw or UTF-8, and bidirectional controls — and nothing else.
func TestVis(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"admin", "admin"},
		{"jürgen", "jürgen"},
		{"a\nb", `a\012b`},
		{"a\x1b[2Jb", `a\033[2Jb`},
		{"a\x9b31mb", `a\23331mb`},       // a raw 8-bit CSI
		{"a\u009b31mb", `a\302\23331mb`}, // C1 CSI in UTF-8
		{"a\u202eb", `a\342\200\256b`},   // right-to-left override
		{`back\slash`, `back\\slash`},
		{"a\x7fb", `a\177b`},
	} {
		if got := vis(tc.in); got != tc.want {
			t.Errorf("vis(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
