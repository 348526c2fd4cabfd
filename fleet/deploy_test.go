package fleet

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestKubernetesExample: the fleet file in deploy/kubernetes's ConfigMap loads, and the shards of
// its StatefulSet's replicas serve every device once.
func TestKubernetesExample(t *testing.T) {
	raw, err := os.ReadFile("../deploy/kubernetes/vtyd-fleet.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var fleetYAML string
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	for {
		var doc struct {
			Kind string            `yaml:"kind"`
			Data map[string]string `yaml:"data"`
		}
		if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if doc.Kind == "ConfigMap" {
			fleetYAML = doc.Data["fleet.yml"]
		}
	}
	if fleetYAML == "" {
		t.Fatal("no fleet.yml in the example's ConfigMap")
	}
	path := filepath.Join(t.TempDir(), "fleet.yml")
	if err := os.WriteFile(path, []byte(fleetYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path, Options{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("the example's fleet file: %v", err)
	}
	seen := map[string]int{}
	for k := range 2 {
		for _, d := range f.Shard(k, 2) {
			seen[d.Name]++
		}
	}
	if len(seen) != len(f.Devices) || len(f.Devices) != 4 {
		t.Errorf("shards 0/2 and 1/2 serve %v of %d devices", seen, len(f.Devices))
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s is served %d times", name, n)
		}
	}
}
