package fleet

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Fingerprints of no real key, in OpenSSH's spelling.
const (
	fp1 = "SHA256:djcK4gc0qNNB81XoCR+wpTQP89nLJk2iBSjHGsafaqs"
	fp2 = "SHA256:M+FkwhMERdqGan/7hZ39xWL/0V+0kBVMuEfrmsmXsKg"
)

// TestLoadRealExample loads examples/fleet-real.yml: two real switches, two simulated devices.
func TestLoadRealExample(t *testing.T) {
	path := filepath.Join("..", "examples", "fleet-real.yml")
	f, err := Load(path, Options{DataDir: "/var/lib/vtyd"})
	if err != nil {
		t.Fatal(err)
	}
	ex := filepath.Join("..", "examples")
	want := []Device{
		{Name: "acc1", Sysname: "acc1", Kind: KindSim, Model: "5130-28", Seed: 1, Tags: []string{"access", "site1"},
			Listen: "127.0.1.3:2222", Data: "/var/lib/vtyd/devices/acc1", Line: 53},
		{Name: "acc2", Sysname: "acc2", Kind: KindSim, Model: "5130-28", Seed: 1, Tags: []string{"access", "site1"},
			Listen: "127.0.1.4:2222", Data: "/var/lib/vtyd/devices/acc2", Line: 56},
		{Name: "dist1", Kind: KindSSH, Model: "5130-52", Tags: []string{"dist", "site1"}, Data: "/var/lib/vtyd/devices/dist1", Line: 28,
			SSH: &SSHTarget{Host: "192.0.2.11", Port: 22, Fingerprints: []string{fp1, fp2}, Poll: 30 * time.Second,
				Credentials: map[string]Credential{
					"admin":    {User: "netadmin", PasswordEnv: "SW_ADMIN_PW"},
					"operator": {User: "netview", PasswordFile: filepath.Join(ex, "secrets", "netview.pw")},
				}}},
		{Name: "dist2", Kind: KindSSH, Tags: []string{"dist", "site1"}, Data: "/var/lib/vtyd/devices/dist2", Line: 38,
			SSH: &SSHTarget{Host: "192.0.2.12", Port: 830, KnownHosts: filepath.Join(ex, "known_hosts"), Poll: time.Minute,
				Credentials: map[string]Credential{"admin": {User: "admin", KeyFile: filepath.Join(ex, "keys", "dist2_ed25519")}}}},
	}
	if !reflect.DeepEqual(f.Devices, want) {
		for i := range f.Devices {
			t.Errorf("%+v %+v", f.Devices[i], f.Devices[i].SSH)
		}
		t.Fatal("devices differ")
	}
	if got := names(f.Real()); got != "dist1 dist2" {
		t.Errorf("Real = %s", got)
	}
	if got := names(f.Simulated()); got != "acc1 acc2" {
		t.Errorf("Simulated = %s", got)
	}
	// No process serves a real switch: the shards split the simulated devices only.
	if a, b := names(f.Shard(0, 2)), names(f.Shard(1, 2)); a != "acc1" || b != "acc2" {
		t.Errorf("shards %q %q, want acc1, acc2", a, b)
	}
	for name, want := range map[string]string{"acc1": "127.0.1.3:2222", "dist1": "192.0.2.11:22", "dist2": "192.0.2.12:830"} {
		if d, _ := f.Device(name); d.Addr() != want {
			t.Errorf("%s: Addr %q, want %q", name, d.Addr(), want)
		}
	}
}

func names(devs []Device) string {
	var out []string
	for _, d := range devs {
		out = append(out, d.Name)
	}
	return strings.Join(out, " ")
}

// TestLoadSSH: every way a real switch's address, port, pinning, credentials and poll are given,
// and how the defaults apply to real switches and simulated devices.
func TestLoadSSH(t *testing.T) {
	src := `
defaults:
  port: 2300                # simulated devices only
  address: 127.0.3.1        # likewise
  model: 5130-52            # likewise
  seed: 7
  known_hosts: /etc/vtyd/known_hosts
  poll: 5s
  credentials:
    operator: {user: view, password_env: VIEW_PW}
devices:
  sim: {}
  byname:
    kind: ssh
    address: sw1.example.net
  withport:
    kind: ssh
    address: sw2.example.net:2022
    port: 2022
    host_key: ` + fp1 + `
    poll: 10m
  v6:
    kind: ssh
    address: "[2001:db8::1]:830"
    host_key: [` + fp2 + `, "` + fp2 + `=", ` + fp1 + `]
    credentials:
      admin: {user: root, password_file: pw/admin}
  v6bare:
    kind: ssh
    address: 2001:db8::2
    port: 8022
    host_key: trust-on-first-use
    data: state/v6bare
    tags: [lab]
    credentials:
      admin: {user: root, key_file: /keys/id}
      operator: {user: view, password_file: /run/secrets/view}
`
	f := mustParse(t, "/etc/vtyd/lab.yml", src)
	view := map[string]Credential{"operator": {User: "view", PasswordEnv: "VIEW_PW"}}
	want := map[string]Device{
		"sim": {Name: "sim", Sysname: "sim", Kind: KindSim, Model: "5130-52", Seed: 7, Listen: "127.0.3.1:2300",
			Data: "/data/devices/sim", Line: 12},
		"byname": {Name: "byname", Kind: KindSSH, Data: "/data/devices/byname", Line: 13,
			SSH: &SSHTarget{Host: "sw1.example.net", Port: 22, KnownHosts: "/etc/vtyd/known_hosts", Credentials: view, Poll: 5 * time.Second}},
		"withport": {Name: "withport", Kind: KindSSH, Data: "/data/devices/withport", Line: 16,
			SSH: &SSHTarget{Host: "sw2.example.net", Port: 2022, Fingerprints: []string{fp1}, Credentials: view, Poll: 10 * time.Minute}},
		"v6": {Name: "v6", Kind: KindSSH, Data: "/data/devices/v6", Line: 22,
			SSH: &SSHTarget{Host: "2001:db8::1", Port: 830, Fingerprints: []string{fp2, fp1}, Poll: 5 * time.Second,
				Credentials: map[string]Credential{"admin": {User: "root", PasswordFile: "/etc/vtyd/pw/admin"}}}},
		"v6bare": {Name: "v6bare", Kind: KindSSH, Data: "/etc/vtyd/state/v6bare", Tags: []string{"lab"}, Line: 28,
			SSH: &SSHTarget{Host: "2001:db8::2", Port: 8022, TOFU: true, KnownHosts: "/etc/vtyd/state/v6bare/known_hosts", Poll: 5 * time.Second,
				Credentials: map[string]Credential{"admin": {User: "root", KeyFile: "/keys/id"},
					"operator": {User: "view", PasswordFile: "/run/secrets/view"}}}},
	}
	if len(f.Devices) != len(want) {
		t.Fatalf("%d devices, want %d", len(f.Devices), len(want))
	}
	for _, d := range f.Devices {
		if w := want[d.Name]; !reflect.DeepEqual(d, w) {
			t.Errorf("%s:\n%+v %+v\nwant\n%+v %+v", d.Name, d, d.SSH, w, w.SSH)
		}
	}
	if d, _ := f.Device("v6"); d.Addr() != "[2001:db8::1]:830" || d.Host() != "2001:db8::1" || d.Port() != 830 {
		t.Errorf("v6: Addr %q Host %q Port %d", d.Addr(), d.Host(), d.Port())
	}
	// Options.Port is where simulated devices listen; a real switch is still on 22.
	f, err := parse("f.yml", []byte("devices:\n  sw:\n    kind: ssh\n    address: 192.0.2.1\n    host_key: "+fp1+
		"\n    credentials: {admin: {user: a, password_env: A}}\n"), Options{Port: 2222})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Devices[0].Addr(); got != "192.0.2.1:22" {
		t.Errorf("Addr %s, want 192.0.2.1:22", got)
	}
}

// TestLoadRelativePaths: known_hosts, password_file and key_file are relative to the fleet file's
// directory, as data is, whatever the working directory.
func TestLoadRelativePaths(t *testing.T) {
	src := "devices:\n  sw:\n    kind: ssh\n    address: 192.0.2.1\n    known_hosts: ../kh\n    credentials:\n" +
		"      admin: {user: a, password_file: pw}\n      operator: {user: o, key_file: keys/o}\n"
	for _, c := range []struct{ file, dir string }{
		{"fleet.yml", "."}, {"conf/fleet.yml", "conf"}, {"/etc/vtyd/fleet.yml", "/etc/vtyd"},
	} {
		f := mustParse(t, c.file, src)
		ssh := f.Devices[0].SSH
		if want := filepath.Join(c.dir, "../kh"); ssh.KnownHosts != want {
			t.Errorf("%s: known_hosts %s, want %s", c.file, ssh.KnownHosts, want)
		}
		if want := filepath.Join(c.dir, "pw"); ssh.Credentials["admin"].PasswordFile != want {
			t.Errorf("%s: password_file %s, want %s", c.file, ssh.Credentials["admin"].PasswordFile, want)
		}
		if want := filepath.Join(c.dir, "keys/o"); ssh.Credentials["operator"].KeyFile != want {
			t.Errorf("%s: key_file %s, want %s", c.file, ssh.Credentials["operator"].KeyFile, want)
		}
	}
}

// TestSecret: a password comes from its variable or file when it is asked for, without the file's
// trailing newline; what is missing is said with its source.
func TestSecret(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Setenv("VTYD_TEST_PW", "s3cret pass\n")
	t.Setenv("VTYD_TEST_EMPTY", "")
	big := write("big", strings.Repeat("x", maxSecret+1))
	for _, c := range []struct {
		name    string
		c       Credential
		want    string
		wantErr string
	}{
		{"env, as it is", Credential{PasswordEnv: "VTYD_TEST_PW"}, "s3cret pass\n", ""},
		{"env not set", Credential{PasswordEnv: "VTYD_TEST_UNSET"}, "", "password_env VTYD_TEST_UNSET is not set"},
		{"env empty", Credential{PasswordEnv: "VTYD_TEST_EMPTY"}, "", "password_env VTYD_TEST_EMPTY is empty"},
		{"file, one newline off", Credential{PasswordFile: write("nl", "pw1\n")}, "pw1", ""},
		{"file, CRLF off", Credential{PasswordFile: write("crlf", "pw2\r\n")}, "pw2", ""},
		{"file, only one newline off", Credential{PasswordFile: write("nl2", "pw3 \n\n")}, "pw3 \n", ""},
		{"file without newline", Credential{PasswordFile: write("bare", "pw4")}, "pw4", ""},
		{"file empty", Credential{PasswordFile: write("empty", "\n")}, "", "password_file " + filepath.Join(dir, "empty") + " is empty"},
		{"file missing", Credential{PasswordFile: filepath.Join(dir, "nope")}, "",
			"password_file " + filepath.Join(dir, "nope") + ": no such file or directory"},
		{"file too big", Credential{PasswordFile: big}, "", "password_file " + big + " is larger than 64 KiB: not a password or key"},
		{"a directory", Credential{PasswordFile: dir}, "", "password_file " + dir + ": read " + dir + ": is a directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.c.Secret()
			if got != c.want || errText(err) != c.wantErr {
				t.Errorf("Secret() = %q, %v; want %q, %q", got, err, c.want, c.wantErr)
			}
			var se *SecretError
			if err != nil && !errors.As(err, &se) {
				t.Errorf("%v is not a *SecretError", err)
			}
		})
	}
	if _, err := (Credential{PasswordFile: filepath.Join(dir, "nope")}).Secret(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v is not fs.ErrNotExist", err)
	}
	key := Credential{User: "a", KeyFile: write("id", "-----BEGIN OPENSSH PRIVATE KEY-----\n")}
	if _, err := key.Secret(); !errors.Is(err, ErrKeyCredential) {
		t.Errorf("key credential's Secret: %v, want ErrKeyCredential", err)
	}
	if b, err := key.Key(); err != nil || string(b) != "-----BEGIN OPENSSH PRIVATE KEY-----\n" {
		t.Errorf("Key() = %q, %v", b, err)
	}
	if _, err := (Credential{User: "a", PasswordEnv: "X"}).Key(); errText(err) != "credential of a has no key_file" {
		t.Errorf("Key of a password credential: %v", err)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestCredentialsOwn: devices that take the defaults' credentials each have their own map, so a
// caller that changes one device's does not change another's.
func TestCredentialsOwn(t *testing.T) {
	f := mustParse(t, "f.yml", "defaults:\n  known_hosts: kh\n  credentials: {admin: {user: a, password_env: A}}\n"+
		"devices:\n  e1: {kind: ssh, address: 192.0.2.1}\n  e2: {kind: ssh, address: 192.0.2.2}\n")
	f.Devices[0].SSH.Credentials["operator"] = Credential{User: "o", PasswordEnv: "O"}
	if _, ok := f.Devices[1].SSH.Credentials["operator"]; ok {
		t.Error("e1's credentials are e2's too")
	}
}
