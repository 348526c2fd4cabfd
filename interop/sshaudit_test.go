package interop

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// auditFinding is one ssh-audit line with a verdict: "(kex) name -- [warn] text" or its
// continuation "`- [info] text".
var auditFinding = regexp.MustCompile(`\[(fail|warn|info)\] `)

// TestSSHAudit runs ssh-audit (Debian's 2.5.0) against vtyd's default configuration: no finding
// at its failure level. Its warnings are logged (go test -v shows them). ssh-audit 2.5.0 predates
// ML-KEM and calls mlkem768x25519-sha256 and kex-strict-s-v00@openssh.com unknown, which makes it
// exit non-zero, so the report is read, not the exit status.
func TestSSHAudit(t *testing.T) {
	needBins(t, "ssh-audit", "ssh-audit")
	v := startVtyd(t)
	r := command{name: "ssh-audit", args: []string{"-n", "-p", v.port, "127.0.0.1"}, timeout: 90 * time.Second}.run(t)
	if !strings.Contains(r.stdout, "(gen) banner: SSH-2.0-Comware-7.1.070") || !strings.Contains(r.stdout, "# key exchange algorithms") {
		t.Fatalf("ssh-audit did not audit vtyd:\n%s", r)
	}
	var section string
	for _, line := range strings.Split(r.stdout, "\n") {
		if f := strings.Fields(line); len(f) > 1 && strings.HasPrefix(f[0], "(") {
			section = f[0] + " " + f[1]
		}
		m := auditFinding.FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[1] == "fail":
			t.Errorf("ssh-audit failure: %s: %s", section, strings.TrimSpace(line))
		case m[1] == "warn":
			t.Logf("ssh-audit warning: %s: %s", section, strings.TrimSpace(line[strings.Index(line, "[warn]"):]))
		}
	}
	for _, line := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(line, "(rec) ") {
			t.Logf("ssh-audit recommendation: %s", strings.Join(strings.Fields(strings.TrimPrefix(line, "(rec) ")), " "))
		}
	}
}
