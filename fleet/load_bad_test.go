package fleet

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestLoadRefuses holds every kind of bad fleet file: each is refused whole, with every problem
// named by file and line.
func TestLoadRefuses(t *testing.T) {
	const two = "devices:\n  sw1:\n    address: 127.0.1.1\n  sw2:\n    address: 127.0.1.2\n"
	cases := []struct {
		name, src string
		want      []string // the lines of the error
	}{
		{"unknown top-level key", "device:\n  sw1: {}\n",
			[]string{`fleet.yml:1: fleet file: unknown key "device" (known: defaults, devices, links)`,
				`fleet.yml:1: no devices (want a devices: mapping of names to settings)`}},
		{"unknown device key", "devices:\n  sw1:\n    address: 127.0.1.1\n    modle: 5130-28\n",
			[]string{`fleet.yml:4: device sw1: unknown key "modle" (known: kind, model, seed, port, address, sysname, tags, groups, data, rsa, netconf_brand, credentials, poll, host_key, known_hosts)`}},
		{"unknown defaults key", "defaults:\n  sysname: X\n" + two,
			[]string{`fleet.yml:2: defaults: unknown key "sysname" (known: kind, model, seed, port, address, tags, groups, rsa, netconf_brand, credentials, poll, host_key, known_hosts)`}},
		{"unknown model", "devices:\n  sw1:\n    address: 127.0.1.1\n    model: 5130-99\n",
			[]string{`fleet.yml:4: device sw1: unknown model "5130-99" (known: 10508, 5130-28, 5130-28-poe, 5130-52)`}},
		{"unknown model in defaults", "defaults:\n  model: 5999\n" + two,
			[]string{`fleet.yml:2: device sw1: unknown model "5999" (known: 10508, 5130-28, 5130-28-poe, 5130-52)`,
				`fleet.yml:2: device sw2: unknown model "5999" (known: 10508, 5130-28, 5130-28-poe, 5130-52)`}},
		{"link to an unknown device", two + "links:\n  - sw1:GE1/0/1 -- sw9:GE1/0/1\n",
			[]string{`fleet.yml:7: link sw1:GE1/0/1 -- sw9:GE1/0/1: no device sw9`}},
		{"port the model lacks", two + "links:\n  - sw1:GE1/0/25 -- sw2:XGE1/0/29\n",
			[]string{`fleet.yml:7: link sw1:GE1/0/25 -- sw2:XGE1/0/29: sw1 is a 5130-28, which has no port GigabitEthernet1/0/25`,
				`fleet.yml:7: link sw1:GE1/0/25 -- sw2:XGE1/0/29: sw2 is a 5130-28, which has no port Ten-GigabitEthernet1/0/29`}},
		{"not an interface", two + "links:\n  - sw1:Eth1/0/1 -- sw2:GE1/0/1\n",
			[]string{`fleet.yml:7: link end "sw1:Eth1/0/1": "Eth1/0/1" is not an interface name`}},
		{"not a link", two + "links:\n  - sw1:GE1/0/1 sw2:GE1/0/1\n",
			[]string{`fleet.yml:7: link "sw1:GE1/0/1 sw2:GE1/0/1": want "dev1:PORT -- dev2:PORT"`}},
		{"port in two links", two + "links:\n  - sw1:GE1/0/1 -- sw2:GE1/0/1\n  - sw2:GE1/0/2 -- sw1:GigabitEthernet1/0/1\n",
			[]string{`fleet.yml:8: link sw2:GE1/0/2 -- sw1:GE1/0/1: sw1:GE1/0/1 is already in the link at line 7`}},
		{"two devices on one address", "devices:\n  sw1:\n    address: 127.0.1.1\n  sw2:\n    address: 127.0.1.1:2222\n",
			[]string{`fleet.yml:4: device sw2: address 127.0.1.1:2222 is device sw1's too (line 2)`}},
		{"a wildcard address takes the port", "devices:\n  sw1:\n    address: 0.0.0.0\n  sw2:\n    address: 127.0.1.1\n  sw3:\n    address: 127.0.1.1\n    port: 2200\n",
			[]string{`fleet.yml:4: device sw2: address 127.0.1.1:2222 is device sw1's too (line 2: 0.0.0.0:2222 takes every address of port 2222)`}},
		{"name with a blank", "devices:\n  sw 1:\n    address: 127.0.1.1\n",
			[]string{`fleet.yml:2: device name "sw 1": use letters, digits, "-", "_" and "."`}},
		{"name with a slash", "devices:\n  ../sw1:\n    address: 127.0.1.1\n",
			[]string{`fleet.yml:2: device name "../sw1": starts with a dot`}},
		{"name too long", "devices:\n  " + strings.Repeat("s", 65) + ":\n    address: 127.0.1.1\n",
			[]string{`fleet.yml:2: device name "` + strings.Repeat("s", 65) + `": longer than 64 characters`}},
		{"sysname with a blank", "devices:\n  sw1:\n    address: 127.0.1.1\n    sysname: CORE 1\n",
			[]string{`fleet.yml:4: device sw1: sysname "CORE 1": no blanks, control characters, "?" or quotes`}},
		{"one data directory", "devices:\n  sw1:\n    address: 127.0.1.1\n    data: /srv/sw\n  sw2:\n    address: 127.0.1.2\n    data: /srv/sw/\n",
			[]string{`fleet.yml:5: device sw2: data directory /srv/sw/ is device sw1's too (line 2)`}},
		{"a data directory inside another", "devices:\n  sw1:\n    address: 127.0.1.1\n    data: /data/devices\n  sw2:\n    address: 127.0.1.2\n",
			[]string{`fleet.yml:5: device sw2: data directory /data/devices/sw2 is inside device sw1's, /data/devices (line 2)`}},
		{"unknown kind", "devices:\n  sw1:\n    kind: docker\n    address: 127.0.1.1\n",
			[]string{`fleet.yml:3: device sw1: unknown kind "docker" (known: sim, ssh)`}},
		{"no address", "devices:\n  sw1:\n    model: 5130-28\n",
			[]string{`fleet.yml:2: device sw1: no address (want address: IP or IP:PORT)`}},
		{"a host name", "devices:\n  sw1:\n    address: sw1.lab:22\n",
			[]string{`fleet.yml:3: device sw1: address "sw1.lab:22": "sw1.lab" is not an IP address (a simulated device listens on one)`}},
		{"port out of range", "devices:\n  sw1:\n    address: 127.0.1.1\n    port: 70000\n",
			[]string{`fleet.yml:4: device sw1: port 70000: want a number from 1 to 65535`}},
		{"port twice", "devices:\n  sw1:\n    address: 127.0.1.1:2201\n    port: 2202\n",
			[]string{`fleet.yml:4: device sw1: port 2202, but address 127.0.1.1:2201 says port 2201`}},
		{"rsa not a bool", "devices:\n  sw1:\n    address: 127.0.1.1\n    rsa: maybe\n",
			[]string{`fleet.yml:4: device sw1: rsa: want true or false`}},
		{"unknown netconf brand", "devices:\n  sw1:\n    address: 127.0.1.1\n    netconf_brand: cisco\n",
			[]string{`fleet.yml:4: device sw1: netconf_brand "cisco": want hp, hpe or h3c`}},
		{"unknown netconf brand in defaults", "defaults:\n  netconf_brand: hp3c\n" + two,
			[]string{`fleet.yml:2: device sw1: netconf_brand "hp3c": want hp, hpe or h3c`,
				`fleet.yml:2: device sw2: netconf_brand "hp3c": want hp, hpe or h3c`}},
		{"netconf brand not a string", "devices:\n  sw1:\n    address: 127.0.1.1\n    netconf_brand: [h3c]\n",
			[]string{`fleet.yml:4: device sw1: netconf_brand: want a value`}},
		{"a device twice", "devices:\n  sw1:\n    address: 127.0.1.1\n  sw1:\n    address: 127.0.1.2\n",
			[]string{`fleet.yml:4: devices: sw1 given twice (first at line 2)`}},
		{"YAML syntax", "devices:\n  sw1:\n    address: 127.0.1.1\n    tags: [a\n",
			[]string{`fleet.yml:4: YAML: did not find expected ',' or ']'`}},
		{"YAML syntax on the first line", "devices: sw1: {}\n",
			[]string{`fleet.yml:1: YAML: mapping values are not allowed in this context`}},
		{"YAML syntax, scanner", "devices:\n  sw1:\n    address: 127.0.1.1\n    tags: `a`\n",
			[]string{"fleet.yml:4: YAML: found character that cannot start any token"}},
		// yaml.v3 names the line where the broken mapping begins, not the stray key's.
		{"YAML syntax, at the start of the mapping", "devices:\n  sw1:\n    address: 127.0.1.1\n   model: x\n",
			[]string{"fleet.yml:2: YAML: did not find expected key"}},
		{"two documents", two + "---\ndevices: {}\n",
			[]string{`fleet.yml:6: a second YAML document: a fleet file holds one`}},
		{"empty", "# nothing yet\n",
			[]string{`fleet.yml: no devices (the file is empty)`}},
		{"a merge of itself", "defaults: &d {<<: *d}\ndevices:\n  sw1: &s\n    <<: *s\n    address: 127.0.1.1\n",
			[]string{`fleet.yml:1: defaults: merges itself (<< names a mapping that holds it)`,
				`fleet.yml:3: device sw1: merges itself (<< names a mapping that holds it)`}},
		{"no devices", "devices: {}\n",
			[]string{`fleet.yml:1: devices: none (want a mapping of names to settings)`}},
		{"every problem at once, in line order", "devices:\n  sw1:\n    address: 127.0.1.1\n    model: x\n  sw2:\n    address: 127.0.1.1\n    colour: red\n",
			[]string{`fleet.yml:4: device sw1: unknown model "x" (known: 10508, 5130-28, 5130-28-poe, 5130-52)`,
				`fleet.yml:7: device sw2: unknown key "colour" (known: kind, model, seed, port, address, sysname, tags, groups, data, rsa, netconf_brand, credentials, poll, host_key, known_hosts)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { refused(t, c.src, c.want) })
	}
}

// refused checks that the fleet file src is refused whole, with exactly the error lines want.
func refused(t *testing.T, src string, want []string) {
	t.Helper()
	f, err := parse("fleet.yml", []byte(src), Options{DataDir: "/data"})
	if err == nil {
		t.Fatalf("loaded %+v, want an error", f)
	}
	if f != nil {
		t.Errorf("a refused file still gave a fleet of %d devices", len(f.Devices))
	}
	if got, want := err.Error(), strings.Join(want, "\n"); got != want {
		t.Errorf("error:\n%s\nwant:\n%s", got, want)
	}
	var fe *Error
	if !errors.As(err, &fe) || fe.File != "fleet.yml" {
		t.Errorf("errors.As(*Error) = %+v", fe)
	}
}

// TestLoadMergeBomb: merges that double at each of 40 levels are refused, not expanded for ever.
func TestLoadMergeBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("devices:\n  l0: &l0 {address: 127.0.7.0}\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  l%d: &l%d {<<: [*l%d, *l%d], address: 127.0.7.%d}\n", i, i, i-1, i-1, i)
	}
	_, err := parse("fleet.yml", []byte(b.String()), Options{})
	want := "fleet.yml:2: more than 1048576 mappings to read with merges expanded: merges too deep"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want one that says\n%s", err, want)
	}
}

// TestLoadRefusesSSH holds every way a real switch (kind ssh) can be written wrong, and the
// settings of one kind given to the other.
func TestLoadRefusesSSH(t *testing.T) {
	// edge is a good real switch at line 2; each case adds or replaces what it needs.
	const head = "devices:\n  edge:\n    kind: ssh\n    address: 192.0.2.1\n"
	const pin = "    host_key: " + fp1 + "\n"
	const creds = "    credentials: {admin: {user: a, password_env: A}}\n"
	const good = head + pin + creds // lines 2-6
	const sim = "  sw1:\n    address: 127.0.1.1\n"
	cases := []struct {
		name, src string
		want      []string
	}{
		{"no pinning", head + creds,
			[]string{`fleet.yml:2: device edge: no host key pinned (want host_key: SHA256:... as ssh-keygen -lf prints it, known_hosts: FILE, or host_key: trust-on-first-use)`}},
		{"two pinnings", good + "    known_hosts: kh\n",
			[]string{`fleet.yml:7: device edge: host_key and known_hosts: give one`}},
		{"an MD5 fingerprint", head + creds + "    host_key: 3f:2a:9c:00:11:22:33:44:55:66:77:88:99:aa:bb:cc\n",
			[]string{`fleet.yml:6: device edge: host_key "3f:2a:9c:00:11:22:33:44:55:66:77:88:99:aa:bb:cc": want SHA256:<43 base64 characters> as ssh-keygen -lf prints it, or trust-on-first-use`}},
		{"a short fingerprint", head + creds + "    host_key: [" + fp1 + ", SHA256:abc]\n",
			[]string{`fleet.yml:6: device edge: host_key "SHA256:abc": want SHA256:<43 base64 characters> as ssh-keygen -lf prints it, or trust-on-first-use`}},
		{"tofu in a list", head + creds + "    host_key: [trust-on-first-use, " + fp1 + "]\n",
			[]string{`fleet.yml:6: device edge: host_key: trust-on-first-use stands alone, not in a list with fingerprints`}},
		{"a fingerprint in defaults", "defaults:\n  host_key: " + fp1 + "\n" + head + creds,
			[]string{`fleet.yml:2: defaults: host_key: a fingerprint pins one switch's key; give it in the device (defaults take known_hosts: FILE or host_key: trust-on-first-use)`,
				`fleet.yml:4: device edge: no host key pinned (want host_key: SHA256:... as ssh-keygen -lf prints it, known_hosts: FILE, or host_key: trust-on-first-use)`}},
		{"two pinnings in defaults", "defaults:\n  host_key: trust-on-first-use\n  known_hosts: kh\n" + good,
			[]string{`fleet.yml:3: defaults: host_key and known_hosts: give one`}},
		{"no credentials", head + pin,
			[]string{`fleet.yml:2: device edge: no credentials (want credentials: {admin: {user: NAME, password_env: VAR}, operator: {...}}, here or in defaults)`}},
		{"no role", head + pin + "    credentials: {}\n",
			[]string{`fleet.yml:6: device edge: credentials: none (want admin:, operator: or both, each {user: NAME, password_env: VAR})`}},
		{"an unknown role", head + pin + "    credentials:\n      guest: {user: g, password_env: G}\n",
			[]string{`fleet.yml:7: device edge: credentials: unknown key "guest" (known: admin, operator)`}},
		{"a password", head + pin + "    credentials:\n      admin:\n        user: a\n        password: hunter2\n",
			[]string{`fleet.yml:9: device edge: credentials: admin: password: a password is never written in the fleet file; use password_env: VAR or password_file: FILE`}},
		{"no user", head + pin + "    credentials:\n      operator: {password_file: pw}\n",
			[]string{`fleet.yml:7: device edge: credentials: operator: no user (want user: NAME)`}},
		{"two secrets", head + pin + "    credentials:\n      admin: {user: a, password_env: A, key_file: id}\n",
			[]string{`fleet.yml:7: device edge: credentials: admin: password_env and key_file: give one`}},
		{"no secret", head + pin + "    credentials:\n      admin: {user: a}\n",
			[]string{`fleet.yml:7: device edge: credentials: admin: no password_env, password_file or key_file (want exactly one)`}},
		{"not a variable name", head + pin + "    credentials:\n      admin: {user: a, password_env: SW-PW}\n",
			[]string{`fleet.yml:7: device edge: credentials: admin: password_env "SW-PW": want a variable name (letters, digits and _, not first a digit)`}},
		{"a user with a blank", head + pin + "    credentials:\n      admin: {user: net admin, password_env: A}\n",
			[]string{`fleet.yml:7: device edge: credentials: admin: user "net admin": no blanks, commas or control characters`}},
		{"a role not a mapping", head + pin + "    credentials:\n      admin: netadmin\n",
			[]string{`fleet.yml:7: device edge: credentials: admin: want a mapping of keys to values`}},
		{"poll too short", good + "    poll: 500ms\n",
			[]string{`fleet.yml:7: device edge: poll 500ms: want a duration from 1s to 10m (10s, 1m)`}},
		{"poll without a unit", good + "    poll: 10\n",
			[]string{`fleet.yml:7: device edge: poll 10: want a duration from 1s to 10m (10s, 1m)`}},
		{"poll too long in defaults", "defaults:\n  poll: 1h\n" + good,
			[]string{`fleet.yml:2: defaults: poll 1h: want a duration from 1s to 10m (10s, 1m)`}},
		{"no address", "devices:\n  edge:\n    kind: ssh\n" + pin + creds,
			[]string{`fleet.yml:2: device edge: no address (want address: the switch's host name or IP, and :PORT if not 22)`}},
		{"defaults' address is for simulated devices", "defaults:\n  address: 192.0.2.9\ndevices:\n  edge:\n    kind: ssh\n" + pin + creds,
			[]string{`fleet.yml:4: device edge: no address (want address: the switch's host name or IP, and :PORT if not 22)`}},
		{"not a host name", "devices:\n  edge:\n    kind: ssh\n    address: sw_1..lab\n" + pin + creds,
			[]string{`fleet.yml:4: device edge: address "sw_1..lab": want a host name or IP address`}},
		{"a bad port", "devices:\n  edge:\n    kind: ssh\n    address: sw1.lab:ssh\n" + pin + creds,
			[]string{`fleet.yml:4: device edge: address "sw1.lab:ssh": want a host name or IP address, and :PORT from 1 to 65535 ([IPv6]:PORT)`}},
		{"every address", "devices:\n  edge:\n    kind: ssh\n    address: 0.0.0.0\n" + pin + creds,
			[]string{`fleet.yml:4: device edge: address "0.0.0.0": not a switch's address`}},
		{"port twice", good + "    address: 192.0.2.1:2022\n    port: 22\n",
			[]string{`fleet.yml:7: device edge: address given twice (first at line 4)`}},
		{"port against the address's", head[:len(head)-len("192.0.2.1\n")] + "192.0.2.1:2022\n" + pin + creds + "    port: 22\n",
			[]string{`fleet.yml:7: device edge: port 22, but address 192.0.2.1:2022 says port 2022`}},
		{"two devices on one switch", good + "  edge2:\n    kind: ssh\n    address: 192.0.2.1:22\n" + pin + creds,
			[]string{`fleet.yml:7: device edge2: address 192.0.2.1:22 is device edge's too (line 2)`}},
		{"a simulated device's settings", good + "    seed: 3\n    rsa: true\n    sysname: EDGE\n    netconf_brand: h3c\n",
			[]string{`fleet.yml:7: device edge: seed: a simulated device's setting; edge is a real switch (kind ssh)`,
				`fleet.yml:8: device edge: rsa: a simulated device's setting; edge is a real switch (kind ssh)`,
				`fleet.yml:9: device edge: sysname: a simulated device's setting; edge is a real switch (kind ssh)`,
				`fleet.yml:10: device edge: netconf_brand: a simulated device's setting; edge is a real switch (kind ssh)`}},
		{"a real switch's settings on a simulated device", "devices:\n" + sim +
			"    host_key: trust-on-first-use\n    known_hosts: kh\n    poll: 10s\n    credentials: {admin: {user: a, password_env: A}}\n",
			[]string{`fleet.yml:4: device sw1: host_key: for a real switch (kind ssh); sw1 is simulated`,
				`fleet.yml:5: device sw1: known_hosts: for a real switch (kind ssh); sw1 is simulated`,
				`fleet.yml:6: device sw1: poll: for a real switch (kind ssh); sw1 is simulated`,
				`fleet.yml:7: device sw1: credentials: for a real switch (kind ssh); sw1 is simulated`}},
		{"a model with a control character", good + "    model: \"51\\t30\"\n",
			[]string{`fleet.yml:7: device edge: model "51\t30": no blanks, control characters, "?" or quotes`}},
		{"a link to a real switch", good + sim + "links:\n  - sw1:GE1/0/1 -- edge:GE1/0/1\n",
			[]string{`fleet.yml:10: link sw1:GE1/0/1 -- edge:GE1/0/1: links are cables between simulated devices; edge is a real switch`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { refused(t, c.src, c.want) })
	}
}
