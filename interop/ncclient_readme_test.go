package interop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNcclientReadmeExample runs the README's ncclient example as it is written, against a vtyd
// whose NETCONF port is the example's (8830 by default; VTYD_NETCONF_PORT says where it opened).
func TestNcclientReadmeExample(t *testing.T) {
	needPython(t, "ncclient", "python3-ncclient")
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const start, end = "<!-- ncclient-example:start -->\n```python\n", "```\n<!-- ncclient-example:end -->"
	readme := string(data)
	i, j := strings.Index(readme, start), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatal("README.md lacks the ncclient example between its markers")
	}
	script := filepath.Join(t.TempDir(), "example.py")
	if err := os.WriteFile(script, []byte(readme[i+len(start):j]), 0o600); err != nil {
		t.Fatal(err)
	}
	v := startVtyd(t)
	// The NETCONF port: a free one is not known beforehand, so the subsystem on the SSH port stands
	// in for it (the same server answers both).
	v.exec(t, "system-view", "netconf ssh server enable")
	r := command{name: python, args: []string{script}, timeout: 90 * time.Second,
		env: []string{"VTYD_HOST=" + v.host, "VTYD_NETCONF_PORT=" + v.port, "VTYD_PASSWORD=" + adminPassword}}.run(t)
	if r.code != 0 {
		t.Fatalf("the README's example failed:\n%s", r)
	}
	for _, want := range []string{"VLAN ID: 10", "Name: users", "<IfIndex>1</IfIndex>", "<Name>GigabitEthernet1/0/1</Name>"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the example's output lacks %q:\n%s", want, r.stdout)
		}
	}
	if cfg := v.exec(t, "display current-configuration"); !strings.Contains(cfg, "vlan 10\n name users") {
		t.Errorf("the example's VLAN is not in the configuration:\n%s", cfg)
	}
}
