package fleet

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// exampleFleet is examples/fleet.yml, as the inventory tests read it.
func exampleFleet(t *testing.T) *Fleet {
	t.Helper()
	f, err := Load(filepath.Join("..", "examples", "fleet.yml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func inventory(t *testing.T, f *Fleet, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteInventory(&buf, f, format); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestInventoryGolden: each export of the example fleets, byte for byte (go test -update rewrites):
// examples/fleet.yml in testdata/inventory.FORMAT, and examples/fleet-real.yml, whose real switches
// are in the inventories too, in testdata/inventory-real.FORMAT.
func TestInventoryGolden(t *testing.T) {
	real, err := Load(filepath.Join("..", "examples", "fleet-real.yml"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for prefix, f := range map[string]*Fleet{"inventory.": exampleFleet(t), "inventory-real.": real} {
		inventoryGolden(t, f, prefix)
	}
	if err := WriteInventory(&bytes.Buffer{}, exampleFleet(t), "tsv"); err == nil ||
		err.Error() != `inventory format "tsv": want one of ansible, nornir, nornir-groups, ssh_config, csv` {
		t.Errorf("unknown format: %v", err)
	}
}

func inventoryGolden(t *testing.T, f *Fleet, prefix string) {
	for _, format := range Formats() {
		t.Run(prefix+format, func(t *testing.T) {
			got := inventory(t, f, format)
			if again := inventory(t, f, format); !bytes.Equal(got, again) {
				t.Fatal("two exports of one fleet differ")
			}
			golden := filepath.Join("testdata", prefix+format)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs:\n%s", golden, got)
			}
		})
	}
}

// oddFleet has tags that are not Ansible group names, and a device on every address.
func oddFleet(t *testing.T) *Fleet {
	return mustParse(t, "odd.yml", `devices:
  sw-1: {address: 0.0.0.0, tags: [floor-1, 2nd, all]}
  sw.2: {address: 127.0.6.2, port: 2202, tags: [floor_1, x.y]}
`)
}

// TestAnsibleGroups: tags become valid Ansible group names.
func TestAnsibleGroups(t *testing.T) {
	for tag, want := range map[string]string{
		"core": "core", "floor-1": "floor_1", "x.y": "x_y", "2nd": "tag_2nd", "all": "tag_all",
		"ungrouped": "tag_ungrouped", "Été": "_t_",
	} {
		if got := ansibleGroup(tag); got != want {
			t.Errorf("ansibleGroup(%q) = %q, want %q", tag, got, want)
		}
	}
}

// TestAnsibleInventoryReads: Ansible's own ansible-inventory reads the export as vtyd meant it.
func TestAnsibleInventoryReads(t *testing.T) {
	bin, err := exec.LookPath("ansible-inventory")
	if err != nil {
		t.Skip("ansible-inventory not installed (Debian package ansible-core)")
	}
	for _, c := range []struct {
		name   string
		f      *Fleet
		vars   map[string]map[string]any
		groups map[string][]string
	}{
		{"example", exampleFleet(t),
			map[string]map[string]any{"core1": {"ansible_host": "127.0.1.1", "ansible_port": 2222.0, "vtyd_model": "10508",
				"ansible_network_os": AnsibleNetworkOS, "ansible_connection": AnsibleConnection}},
			map[string][]string{"access": {"acc1", "acc2"}, "core": {"core1", "core2"}, "floor1": {"acc1"},
				"floor2": {"acc2"}, "site1": {"acc1", "acc2", "core1", "core2"}}},
		{"odd tags", oddFleet(t),
			map[string]map[string]any{"sw-1": {"ansible_host": "127.0.0.1", "ansible_port": 2222.0},
				"sw.2": {"ansible_host": "127.0.6.2", "ansible_port": 2202.0}},
			map[string][]string{"floor_1": {"sw-1", "sw.2"}, "tag_2nd": {"sw-1"}, "tag_all": {"sw-1"}, "x_y": {"sw.2"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "hosts.yml")
			if err := os.WriteFile(file, inventory(t, c.f, "ansible"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "--list", "-i", file)
			cmd.Env = append(os.Environ(), "ANSIBLE_HOME="+dir, "ANSIBLE_LOCAL_TEMP="+dir, "ANSIBLE_NOCOLOR=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("ansible-inventory: %v\n%s", err, stderr.String())
			}
			if strings.Contains(stderr.String(), "WARNING") {
				t.Errorf("ansible-inventory warned:\n%s", stderr.String())
			}
			var inv map[string]json.RawMessage
			if err := json.Unmarshal(out, &inv); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			var meta struct {
				Hostvars map[string]map[string]any `json:"hostvars"`
			}
			json.Unmarshal(inv["_meta"], &meta)
			if len(meta.Hostvars) != len(c.f.Devices) {
				t.Errorf("ansible-inventory sees %d hosts, want %d", len(meta.Hostvars), len(c.f.Devices))
			}
			for host, want := range c.vars {
				for k, v := range want {
					if got := meta.Hostvars[host][k]; got != v {
						t.Errorf("%s %s = %v, want %v", host, k, got, v)
					}
				}
			}
			for g, want := range c.groups {
				var grp struct{ Hosts []string }
				json.Unmarshal(inv[g], &grp)
				sort.Strings(grp.Hosts)
				if !reflect.DeepEqual(grp.Hosts, want) {
					t.Errorf("group %s: %v, want %v", g, grp.Hosts, want)
				}
			}
		})
	}
}

// TestSSHConfigReads: OpenSSH reads the export (ssh -G prints the configuration it would use).
func TestSSHConfigReads(t *testing.T) {
	bin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("ssh not installed (Debian package openssh-client)")
	}
	file := filepath.Join(t.TempDir(), "ssh_config")
	f := oddFleet(t)
	if err := os.WriteFile(file, inventory(t, f, "ssh_config"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]string{
		"sw-1": {"hostname 127.0.0.1", "port 2222"},
		"sw.2": {"hostname 127.0.6.2", "port 2202"},
	} {
		out, err := exec.Command(bin, "-G", "-F", file, name).CombinedOutput()
		if err != nil {
			t.Fatalf("ssh -G %s: %v\n%s", name, err, out)
		}
		lines := strings.Split(string(out), "\n")
		for _, w := range want {
			if !contains(lines, w) {
				t.Errorf("ssh -G -F ssh_config %s: no line %q in\n%s", name, w, out)
			}
		}
	}
}

// TestNornirGroupsComplete: Nornir's SimpleInventory fails on a host group its groups file lacks,
// so nornir-groups holds every group nornir names. (Nornir is not packaged for Debian; this reads
// both files as SimpleInventory does.)
func TestNornirGroupsComplete(t *testing.T) {
	f := oddFleet(t)
	var hosts map[string]struct {
		Hostname string
		Port     int
		Platform string
		Groups   []string
	}
	var groups map[string]map[string]any
	if err := yaml.Unmarshal(inventory(t, f, "nornir"), &hosts); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(inventory(t, f, "nornir-groups"), &groups); err != nil {
		t.Fatal(err)
	}
	if h := hosts["sw.2"]; h.Hostname != "127.0.6.2" || h.Port != 2202 || h.Platform != "hp_comware" {
		t.Errorf("sw.2: %+v", h)
	}
	for name, h := range hosts {
		for _, g := range h.Groups {
			if _, ok := groups[g]; !ok {
				t.Errorf("host %s is in group %s, which the groups file lacks", name, g)
			}
		}
	}
	if len(groups) != 5 {
		t.Errorf("groups %v, want the 5 tags", groups)
	}
}
