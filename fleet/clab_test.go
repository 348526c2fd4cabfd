package fleet

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestClabExample loads examples/lab.clab.yml: the vtyd nodes, their links, and notes for the rest.
func TestClabExample(t *testing.T) {
	path := filepath.Join("..", "examples", "lab.clab.yml")
	f, err := Load(path, Options{DataDir: "/d"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{
		{Name: "leaf1", Sysname: "leaf1", Kind: KindSim, Model: "5130-28", Seed: 1, Tags: []string{"lab1", "leaf"},
			Listen: "127.0.2.11:2222", Data: "/d/devices/leaf1", Line: 20},
		{Name: "leaf2", Sysname: "leaf2", Kind: KindSim, Model: "5130-28", Seed: 1, Tags: []string{"lab1", "leaf"},
			Listen: "127.0.2.12:2222", Data: "/d/devices/leaf2", Line: 26},
		{Name: "spine1", Sysname: "spine1", Kind: KindSim, Model: "10508", Seed: 1, Tags: []string{"lab1", "spine"},
			Listen: "127.0.2.1:2222", Data: "/d/devices/spine1", Line: 13},
	}
	if !reflect.DeepEqual(f.Devices, want) {
		t.Errorf("devices:\n%+v\nwant:\n%+v", f.Devices, want)
	}
	if len(f.Links) != 2 || f.Links[0].A.String() != "spine1:XGE1/0/49" || f.Links[1].B.String() != "leaf2:XGE1/0/25" {
		t.Errorf("links: %+v", f.Links)
	}
	wantNotes := []string{
		path + `:32: node client1 of kind "linux" left out: vtyd simulates the nodes of kind vtyd`,
		path + `:38: link leaf1:GE1/0/1 -- client1:eth1 left out: node client1 is not of kind vtyd`,
	}
	if !reflect.DeepEqual(f.Notes, wantNotes) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(f.Notes, "\n"), strings.Join(wantNotes, "\n"))
	}
}

// TestClab: how a topology is told from a fleet file, and what vtyd takes of containerlab's keys.
func TestClab(t *testing.T) {
	// No .clab.yml name: the topology key tells. Defaults give the kind; the extended link form.
	src := `name: x
mgmt: {network: lab}
topology:
  defaults: {kind: vtyd, labels: {site: s1, note: "two words"}}
  kinds: {vtyd: {type: 5130-52, group: kg}, linux: {type: ignored}}
  nodes:
    a: {mgmt-ipv4: 127.0.4.1, type: "10508", image: ignored, binds: [x:y]}
    b: {mgmt-ipv4: 127.0.4.2, group: g}
    h: {kind: linux}
  links:
    - endpoints: [{node: a, interface: XGE1/0/49}, {node: b, interface: Ten-GigabitEthernet1/0/52}]
      mtu: 9000
    - endpoints: ["h:eth1", "a:GE1/0/1"]
    - type: host
      endpoint: {node: b, interface: GE1/0/1}
`
	f := mustParse(t, "topo.yml", src)
	var got []string
	for _, d := range f.Devices {
		got = append(got, d.Name+" "+d.Model+" "+d.Listen+" "+strings.Join(d.Tags, ","))
	}
	want := []string{"a 10508 127.0.4.1:2222 kg,s1", "b 5130-52 127.0.4.2:2222 g,s1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("devices %q, want %q", got, want)
	}
	if len(f.Links) != 1 || f.Links[0].String() != "a:XGE1/0/49 -- b:XGE1/0/52" {
		t.Errorf("links %v", f.Links)
	}
	wantNotes := []string{
		`topo.yml:4: topology defaults: label note="two words" is not a tag (no blanks, commas or control characters)`,
		`topo.yml:9: node h of kind "linux" left out: vtyd simulates the nodes of kind vtyd`,
		`topo.yml:13: link h:eth1 -- a:GE1/0/1 left out: node h is not of kind vtyd`,
		`topo.yml:14: link left out: vtyd wires links of two endpoints`,
	}
	if !reflect.DeepEqual(f.Notes, wantNotes) {
		t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(f.Notes, "\n"), strings.Join(wantNotes, "\n"))
	}
}

// TestClabRefuses: a topology is checked as a fleet file is.
func TestClabRefuses(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"no mgmt-ipv4", "topology:\n  nodes:\n    a: {kind: vtyd}\n",
			"lab.clab.yml:3: device a: no mgmt-ipv4 (vtyd listens on it, so the file must fix it)"},
		{"unknown model", "topology:\n  nodes:\n    a: {kind: vtyd, mgmt-ipv4: 127.0.0.9, type: ixrd2}\n",
			`lab.clab.yml:3: device a: unknown model "ixrd2" (known: 10508, 5130-28, 5130-28-poe, 5130-52)`},
		{"link to an unknown node", "topology:\n  nodes:\n    a: {kind: vtyd, mgmt-ipv4: 127.0.0.9}\n  links:\n    - endpoints: [a:GE1/0/1, z:GE1/0/1]\n",
			"lab.clab.yml:5: link a:GE1/0/1 -- z:GE1/0/1: no device z"},
		{"port the model lacks", "topology:\n  nodes:\n    a: {kind: vtyd, mgmt-ipv4: 127.0.0.9}\n    b: {kind: vtyd, mgmt-ipv4: 127.0.0.10}\n  links:\n    - endpoints: [a:GE1/0/1, b:e1-1]\n",
			`lab.clab.yml:6: link end "b:e1-1": "e1-1" is not an interface name`},
		{"no nodes", "name: x\ntopology: {}\n", "lab.clab.yml:2: topology: no nodes"},
		{"no vtyd nodes", "topology:\n  nodes:\n    h: {kind: linux}\n", "lab.clab.yml:3: topology: no nodes of kind vtyd"},
		{"no topology", "name: x\n", "lab.clab.yml:1: no topology: (want topology: nodes: ...)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := parse("lab.clab.yml", []byte(c.src), Options{})
			if err == nil || f != nil {
				t.Fatalf("loaded %+v, %v; want an error", f, err)
			}
			if err.Error() != c.want {
				t.Errorf("error:\n%s\nwant:\n%s", err, c.want)
			}
		})
	}
}
