package interop

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestFleetBadFile: a fleet file with problems is refused whole before anything starts: vtyd exits
// non-zero at once, every problem on stderr as FILE:LINE: reason, and nothing listens.
func TestFleetBadFile(t *testing.T) {
	n := newLoopbackNet(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "fleet.yml")
	// pairFleet with two mistakes: line 7 (rsa: true) becomes an unknown key and the link on line
	// 11 goes to a device the file lacks.
	yml := strings.Replace(pairFleet(n), "    rsa: true\n", "    colour: red\n", 1)
	yml = strings.Replace(yml, "-- acc1:XGE1/0/25\n", "-- acc9:XGE1/0/25\n", 1)
	if !strings.Contains(yml, "colour") || !strings.Contains(yml, "acc9") {
		t.Fatalf("pairFleet changed; fix the mistakes this test makes in it:\n%s", yml)
	}
	if err := os.WriteFile(file, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := command{name: vtydBin, args: []string{"--fleet", file, "--data", filepath.Join(dir, "data"),
		"--admin-password", adminPassword}, timeout: 20 * time.Second}.run(t)
	took := time.Since(start)
	if r.code == 0 || took > 5*time.Second {
		t.Errorf("vtyd --fleet with a bad file: exit %d after %s, want non-zero at once\n%s", r.code, took, r)
	}
	for _, want := range []string{
		file + `:7: device core1: unknown key "colour"`,
		file + `:11: link core1:XGE1/0/25 -- acc9:XGE1/0/25: no device acc9`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r)
		}
	}
	if strings.Contains(r.stderr, "listening") {
		t.Errorf("vtyd listened with a bad fleet file:\n%s", r)
	}
	for _, ip := range []string{n.ip(1), n.ip(2)} {
		if c, err := net.DialTimeout("tcp", net.JoinHostPort(ip, "2222"), 5*time.Second); err == nil {
			c.Close()
			t.Errorf("something listens on %s:2222 after vtyd refused the fleet file", ip)
		}
	}
}

// TestFleetDeviceFailsOthersServe: a device that cannot start (its address is taken) is reported by
// name, and the rest of the fleet serves.
func TestFleetDeviceFailsOthersServe(t *testing.T) {
	n := newLoopbackNet(t)
	ln, err := net.Listen("tcp", net.JoinHostPort(n.ip(2), "2222"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	f := startFleet(t, pairFleet(n))
	if m := fleetServingRE.FindStringSubmatch(f.log.String()); m[1] != "1" || m[2] != "2" {
		t.Errorf("logged %q, want fleet serving devices=1 of=2", strings.TrimSpace(m[0]))
	}
	re := regexp.MustCompile(`: error: device not started device=acc1 err=.*address already in use`)
	if !re.MatchString(f.log.String()) {
		t.Errorf("vtyd did not report acc1 by name as not started (its address is taken)")
	}
	if _, ok := f.devices["acc1"]; ok {
		t.Errorf("acc1 logged listening on an address in use")
	}
	if out := f.device(t, "core1").exec(t, "display version"); !strings.Contains(out, "HPE Comware Software") {
		t.Errorf("core1 display version:\n%s", out)
	}
}

// TestInventoryReadByTools: OpenSSH reads vtyd inventory's ssh_config for examples/fleet.yml and
// reaches acc1 at its fleet address and port.
func TestInventoryReadByTools(t *testing.T) {
	needBins(t, "openssh-client", "ssh")
	r := command{name: vtydBin, args: []string{"inventory", "--fleet", filepath.Join("..", "examples", "fleet.yml"),
		"--format", "ssh_config", "--data", t.TempDir()}}.run(t)
	if r.code != 0 {
		t.Fatalf("vtyd inventory --format ssh_config:\n%s", r)
	}
	cfg := filepath.Join(t.TempDir(), "ssh_config")
	if err := os.WriteFile(cfg, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	g := command{name: "ssh", args: []string{"-G", "-F", cfg, "acc1"}}.run(t)
	if g.code != 0 {
		t.Fatalf("ssh -G -F (vtyd's ssh_config) acc1:\n%s", g)
	}
	for _, want := range []string{"\nhostname 127.0.1.3\n", "\nport 2222\n"} {
		if !strings.Contains(g.stdout, want) {
			t.Errorf("ssh -G acc1 lacks %q:\n%s", strings.TrimSpace(want), g)
		}
	}
}
