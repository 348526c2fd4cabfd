package fleet

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"vtyd/switchctl"
)

func mustParse(t *testing.T, path, src string) *Fleet {
	t.Helper()
	f, err := parse(path, []byte(src), Options{DataDir: "/data"})
	if err != nil {
		t.Fatalf("parse:\n%v", err)
	}
	return f
}

func ifName(t *testing.T, s string) switchctl.IfName {
	t.Helper()
	n, ok := switchctl.ParseIfName(s)
	if !ok {
		t.Fatalf("ParseIfName(%q) failed", s)
	}
	return n
}

// TestLoadExample loads examples/fleet.yml as vtyd --fleet would.
func TestLoadExample(t *testing.T) {
	path := filepath.Join("..", "examples", "fleet.yml")
	f, err := Load(path, Options{DataDir: "/var/lib/vtyd"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Device{
		{Name: "acc1", Sysname: "acc1", Kind: KindSim, Model: "5130-28", Seed: 1, Tags: []string{"access", "floor1", "site1"},
			Listen: "127.0.1.3:2222", Data: "/var/lib/vtyd/devices/acc1", Line: 25},
		{Name: "acc2", Sysname: "acc2", Kind: KindSim, Model: "5130-28", Seed: 1, Tags: []string{"access", "floor2", "site1"},
			Listen: "127.0.1.4:2222", Data: "/var/lib/vtyd/devices/acc2", Line: 28},
		{Name: "core1", Sysname: "CORE-1", Kind: KindSim, Model: "10508", Seed: 1, Tags: []string{"core", "site1"},
			Listen: "127.0.1.1:2222", Data: "/var/lib/vtyd/devices/core1", RSA: true, Line: 15},
		{Name: "core2", Sysname: "core2", Kind: KindSim, Model: "5130-52", Seed: 1, Tags: []string{"core", "site1"},
			Listen: "127.0.1.2:2222", Data: "/var/lib/vtyd/devices/core2", Line: 21},
	}
	if !reflect.DeepEqual(f.Devices, want) {
		t.Errorf("devices:\n%+v\nwant:\n%+v", f.Devices, want)
	}
	var links []string
	for _, l := range f.Links {
		links = append(links, l.A.String()+" -- "+l.B.String())
	}
	wantLinks := []string{
		"core1:XGE1/0/49 -- core2:XGE1/0/49",
		"core1:XGE2/0/49 -- acc1:XGE1/0/25",
		"core2:XGE1/0/50 -- acc1:XGE1/0/26",
		"core1:XGE2/0/50 -- acc2:XGE1/0/25",
		"core2:XGE1/0/51 -- acc2:XGE1/0/26",
	}
	if !reflect.DeepEqual(links, wantLinks) {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(links, "\n"), strings.Join(wantLinks, "\n"))
	}
	if len(f.Notes) != 0 {
		t.Errorf("notes: %q", f.Notes)
	}
}

// TestLinkSpellings: a link's ports may be spelt as the CLI takes them.
func TestLinkSpellings(t *testing.T) {
	for _, c := range []struct{ a, b, wantA, wantB string }{
		{"GE1/0/1", "GE1/0/2", "GigabitEthernet1/0/1", "GigabitEthernet1/0/2"},
		{"GigabitEthernet1/0/3", "g1/0/4", "GigabitEthernet1/0/3", "GigabitEthernet1/0/4"},
		{"XGE1/0/25", "Ten-GigabitEthernet1/0/26", "Ten-GigabitEthernet1/0/25", "Ten-GigabitEthernet1/0/26"},
		{"ten-gigabitethernet 1/0/27", "GE 1/0/24", "Ten-GigabitEthernet1/0/27", "GigabitEthernet1/0/24"},
	} {
		t.Run(c.a+"--"+c.b, func(t *testing.T) {
			src := "devices:\n  sw1:\n    address: 127.0.1.1\n  sw2:\n    address: 127.0.1.2\nlinks:\n  - sw1:" + c.a + " -- sw2:" + c.b + "\n"
			f := mustParse(t, "f.yml", src)
			if len(f.Links) != 1 {
				t.Fatalf("links: %+v", f.Links)
			}
			l := f.Links[0]
			if l.A.Device != "sw1" || l.A.Port.Full() != c.wantA || l.B.Device != "sw2" || l.B.Port.Full() != c.wantB || l.Line != 7 {
				t.Errorf("link %+v, want sw1:%s -- sw2:%s at line 7", l, c.wantA, c.wantB)
			}
		})
	}
	// The list form, as containerlab's endpoints are written.
	f := mustParse(t, "f.yml", "devices:\n  sw1:\n    address: 127.0.1.1\n  sw2:\n    address: 127.0.1.2\nlinks:\n  - [sw1:GE1/0/1, sw2:GE1/0/1]\n")
	if len(f.Links) != 1 || f.Links[0].B.String() != "sw2:GE1/0/1" {
		t.Errorf("list form: %+v", f.Links)
	}
}

// TestDefaults: defaults apply to every device, and a device's own setting replaces them (a brand
// in any case, as NETCONF's brand is written lower-case).
func TestDefaults(t *testing.T) {
	src := `
defaults:
  model: 5130-52
  port: 2300
  seed: 7
  address: 127.0.3.1
  tags: [lab]
  rsa: true
  netconf_brand: h3c
devices:
  own:
    model: "10508"
    port: 2301
    seed: 0
    tags: [core]
    groups: [spine, core]
    rsa: false
    netconf_brand: HP
    data: state/own
  inherits: {port: 2302}
  v6:
    address: "[::1]:2400"
  tmpl: &t {address: 127.0.3.9, model: "10508", tags: [merged]}
  merged:
    <<: *t
    address: 127.0.3.2
`
	f := mustParse(t, "/etc/vtyd/lab.yml", src)
	want := map[string]Device{
		"own": {Name: "own", Sysname: "own", Kind: KindSim, Model: "10508", Seed: switchctl.DefaultSimSeed,
			Tags: []string{"core", "spine"}, Listen: "127.0.3.1:2301", Data: "/etc/vtyd/state/own", NetconfBrand: "hp", Line: 11},
		"inherits": {Name: "inherits", Sysname: "inherits", Kind: KindSim, Model: "5130-52", Seed: 7,
			Tags: []string{"lab"}, Listen: "127.0.3.1:2302", Data: "/data/devices/inherits", RSA: true, NetconfBrand: "h3c", Line: 20},
		"v6": {Name: "v6", Sysname: "v6", Kind: KindSim, Model: "5130-52", Seed: 7,
			Tags: []string{"lab"}, Listen: "[::1]:2400", Data: "/data/devices/v6", RSA: true, NetconfBrand: "h3c", Line: 21},
		"tmpl": {Name: "tmpl", Sysname: "tmpl", Kind: KindSim, Model: "10508", Seed: 7,
			Tags: []string{"merged"}, Listen: "127.0.3.9:2300", Data: "/data/devices/tmpl", RSA: true, NetconfBrand: "h3c", Line: 23},
		"merged": {Name: "merged", Sysname: "merged", Kind: KindSim, Model: "10508", Seed: 7,
			Tags: []string{"merged"}, Listen: "127.0.3.2:2300", Data: "/data/devices/merged", RSA: true, NetconfBrand: "h3c", Line: 24},
	}
	if len(f.Devices) != len(want) {
		t.Fatalf("%d devices, want %d", len(f.Devices), len(want))
	}
	for i, d := range f.Devices {
		if i > 0 && f.Devices[i-1].Name >= d.Name {
			t.Errorf("devices not sorted by name: %s before %s", f.Devices[i-1].Name, d.Name)
		}
		if !reflect.DeepEqual(d, want[d.Name]) {
			t.Errorf("%s:\n%+v\nwant\n%+v", d.Name, d, want[d.Name])
		}
	}
	if d, _ := f.Device("v6"); d.Host() != "::1" || d.Port() != 2400 {
		t.Errorf("v6: Host %q Port %d", d.Host(), d.Port())
	}
}

// TestPortDefault: without a port anywhere, devices listen on Options.Port, else 2222.
func TestPortDefault(t *testing.T) {
	src := []byte("devices:\n  sw1:\n    address: 127.0.1.1\n")
	for _, c := range []struct {
		port int
		want string
	}{{0, "127.0.1.1:2222"}, {830, "127.0.1.1:830"}} {
		f, err := parse("f.yml", src, Options{Port: c.port})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Devices[0].Listen; got != c.want {
			t.Errorf("Options.Port %d: listen %s, want %s", c.port, got, c.want)
		}
		if got := f.Devices[0].Data; got != filepath.Join("vtyd-data", "devices", "sw1") {
			t.Errorf("data %s, want vtyd-data/devices/sw1", got)
		}
	}
	if _, err := parse("f.yml", src, Options{Port: 70000}); err == nil || err.Error() != "fleet: port 70000: want a number from 1 to 65535" {
		t.Errorf("Options.Port 70000: %v", err)
	}
}
