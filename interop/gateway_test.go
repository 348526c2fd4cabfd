package interop

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"vtyd/internal/termtest"

	"golang.org/x/crypto/bcrypt"
)

// gatewayUsers is a --gateway-users file: alice, an admin of every device, with the tests' admin
// password; bob, an operator of the access switches and the real ones, with a password of his own
// and key.
func gatewayUsers(t *testing.T, bobKey clientKey) string {
	t.Helper()
	hash := func(pw string) string {
		h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		return string(h)
	}
	text := `users:
  - name: alice
    role: admin
    devices: ["*"]
    password_hash: "` + hash(adminPassword) + `"
  - name: bob
    role: operator
    devices: ["acc*", "real*"]
    password_hash: "` + hash("bob-secret") + `"
    authorized_keys:
      - ` + strings.TrimSpace(bobKey.authorized) + `
`
	path := filepath.Join(t.TempDir(), "gateway-users.yml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

var gatewayListeningRE = regexp.MustCompile(`: gateway listening device=gateway addr=(\S+)`)

// startGatewayFleet serves pairFleet with the gateway on .10 of the same loopback /24 and returns
// the fleet and the gateway as a vtyd (its address, data directory and host keys).
func startGatewayFleet(t *testing.T, bobKey clientKey) (*fleetRun, *vtyd) {
	t.Helper()
	n := newLoopbackNet(t)
	f := startFleet(t, pairFleet(n), "--gateway", net.JoinHostPort(n.ip(10), "2222"),
		"--gateway-users", gatewayUsers(t, bobKey))
	return f, gatewayOf(t, f)
}

// gatewayOf is the gateway a fleet run serves, as a vtyd: the address it logged, its data
// directory and its host keys.
func gatewayOf(t *testing.T, f *fleetRun) *vtyd {
	t.Helper()
	m := gatewayListeningRE.FindStringSubmatch(f.log.String())
	if m == nil {
		t.Fatalf("the gateway did not log its address:\n%s", f.log)
	}
	host, port, _ := net.SplitHostPort(m[1])
	gw := &vtyd{host: host, port: port, data: filepath.Join(f.data, "gateway"), hostKeys: map[string]string{}, log: f.log}
	for _, hk := range fleetHostKeyRE.FindAllStringSubmatch(f.log.String(), -1) {
		if hk[1] == "gateway" {
			gw.hostKeys[hk[2]] = hk[3]
		}
	}
	return gw
}

// TestGateway logs in once at the gateway and reaches the fleet's devices as user@device with the
// clients people and automation use: OpenSSH's ssh, sftp and scp, paramiko and netmiko. A device
// outside a user's allowance is refused in words that do not say whether it exists; an operator
// gets network-operator on the device, which refuses configuration itself; the device's own log
// names the gateway user.
func TestGateway(t *testing.T) {
	bobKey := newClientKey(t, t.TempDir(), "ed25519")
	f, gw := startGatewayFleet(t, bobKey)
	alice := openSSH{v: gw, knownHosts: gw.knownHosts(t)}

	t.Run("OpenSSH exec on a device", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "ssh", "sshpass")
		for _, dev := range []string{"core1", "acc1"} {
			r := alice.password(t, "", "ssh", "alice@"+dev+"@"+gw.host, "display current-configuration | include sysname")
			if r.code != 0 || !strings.Contains(r.stdout, " sysname "+dev+"\n") {
				t.Errorf("alice@%s: exec, want exit 0 and sysname %s:\n%s", dev, dev, r)
			}
		}
		r := alice.password(t, "", "ssh", "alice@core1@"+gw.host, "display versoin")
		if r.code == 0 || !strings.Contains(r.stderr, "% Unrecognized command found at '^' position.") {
			t.Errorf("a misspelt command through the gateway: want Comware's error and a non-zero exit:\n%s", r)
		}
	})
	t.Run("exec without a device lists the devices", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "ssh", "sshpass")
		r := alice.password(t, "", "ssh", "alice@"+gw.host, "list")
		for _, dev := range []string{"acc1", "core1"} {
			if r.code != 0 || !regexp.MustCompile(`(?m)^`+dev+` +5130-28 +\S+:2222 +up\b`).MatchString(r.stdout) {
				t.Errorf("alice's device list lacks %s up:\n%s", dev, r)
			}
		}
	})
	t.Run("allowance", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "ssh", "sshpass")
		bob := bobSSH(gw, alice.knownHosts)
		want := func(r result, dev string) {
			t.Helper()
			msg := "% Device " + dev + " is not reachable for bob: no such device, or not one of yours."
			if r.code == 0 || !strings.Contains(r.stderr, msg) {
				t.Errorf("bob@%s: want exit non-zero and %q:\n%s", dev, msg, r)
			}
		}
		want(bob.publickey(t, bobKey, "", "bob@core1@"+gw.host, "display clock"), "core1")
		want(bob.publickey(t, bobKey, "", "bob@core9@"+gw.host, "display clock"), "core9")
		r := bob.publickey(t, bobKey, "", "bob@"+gw.host, "list")
		if r.code != 0 || strings.Contains(r.stdout, "core1") || !strings.Contains(r.stdout, "acc1") {
			t.Errorf("bob's device list: want acc1 alone:\n%s", r)
		}
		// An operator reaches the switch as network-operator: the switch refuses configuration.
		r = bob.publickey(t, bobKey, "", "bob@acc1@"+gw.host, "system-view\nvlan 99")
		if r.code == 0 || !strings.Contains(r.stderr, "Permission denied.") {
			t.Errorf("bob@acc1 system-view: want the device's permission error:\n%s", r)
		}
		// The device's own account is not a gateway user.
		r = alice.password(t, "", "ssh", "admin@core1@"+gw.host, "display clock")
		if r.code == 0 || strings.Contains(r.stdout, ":") {
			t.Errorf("admin@core1 at the gateway: want a refused login:\n%s", r)
		}
		gw.waitLog(t, `vtyd\[\d+\]: Invalid user admin@core1 from \S+ port \d+$`)
	})
	t.Run("the device logs the gateway user", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "ssh", "sshpass")
		r := alice.password(t, "", "ssh", "alice@acc1@"+gw.host, "display logbuffer | include gateway")
		if r.code != 0 || !strings.Contains(r.stdout, "Accepted gateway login for bob from ") ||
			!strings.Contains(r.stdout, "with role network-operator") {
			t.Errorf("acc1's log buffer lacks bob's gateway login:\n%s", r)
		}
	})
	t.Run("OpenSSH sftp and scp to a device's flash", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "sftp", "scp", "ssh", "sshpass")
		local, data := alice.sftpPut(t, "alice@core1@"+gw.host, "gw.cfg", 30<<10)
		sameFile(t, f.device(t, "core1").flashFile("gw.cfg"), data)
		if r := alice.password(t, "", "scp", "-O", local, "alice@acc1@"+gw.host+":flash:/gw-scp.cfg"); r.code != 0 {
			t.Fatalf("scp -O through the gateway:\n%s", r)
		}
		sameFile(t, f.device(t, "acc1").flashFile("gw-scp.cfg"), data)
	})
	t.Run("paramiko", func(t *testing.T) {
		needPython(t, "paramiko", "python3-paramiko")
		r := pyClient{script: "paramiko_client.py", v: gw}.exec(t,
			login{user: "alice@acc1", auth: "password", password: adminPassword}, "display lldp neighbor-information list")
		wantExec(t, r, "Ten-GigabitEthernet1/0/25")
		if !lldpNeighbour("core1").MatchString(r.Stdout) {
			t.Errorf("paramiko through the gateway on acc1: LLDP does not name core1:\n%s", r.Stdout)
		}
	})
	t.Run("netmiko", func(t *testing.T) {
		needPython(t, "netmiko", "python3-netmiko")
		got := netmikoLLDP(t, gw.host, gw.port, "alice@acc1")
		if got.Prompt != "<acc1>" {
			t.Errorf("netmiko find_prompt() through the gateway = %q, want <acc1>", got.Prompt)
		}
		if !lldpNeighbour("core1").MatchString(got.LLDP) {
			t.Errorf("netmiko through the gateway: LLDP does not name core1:\n%s", got.LLDP)
		}
	})
	t.Run("audit", func(t *testing.T) { checkGatewayAudit(t, gw) })
}

// checkGatewayAudit reads the gateway's audit after TestGateway's sessions: a JSON line per command
// with who, where, the outcome and the device's error, and a recording of every interactive session
// that asciinema plays.
func checkGatewayAudit(t *testing.T, gw *vtyd) {
	dir := filepath.Join(gw.data, "audit")
	data, err := os.ReadFile(filepath.Join(dir, "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	type record struct {
		User, Src, Device, Prompt, Cmd, Result, Error, Kind, Session, Op string
		DeviceUser                                                       string `json:"device_user"`
	}
	var recs []record
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("audit line %q: %v", line, err)
		}
		recs = append(recs, r)
	}
	find := func(user, device, kind, cmd string) *record {
		for i := range recs {
			if recs[i].User == user && recs[i].Device == device && recs[i].Kind == kind && recs[i].Cmd == cmd {
				return &recs[i]
			}
		}
		t.Errorf("no audit record of %s running %q on %s; have %+v", user, cmd, device, recs)
		return nil
	}
	if r := find("alice", "core1", "exec", "display current-configuration | include sysname"); r != nil &&
		(r.Result != "ok" || !strings.HasPrefix(r.Src, "127.0.0.1:") || r.Prompt != "<core1>" || r.Op == "") {
		t.Errorf("alice's exec on core1: %+v", r)
	}
	if r := find("bob", "acc1", "exec", "vlan 99"); r != nil && (r.Result != "error" || r.Error != "Permission denied." || r.Prompt != "[acc1]") {
		t.Errorf("bob's refused vlan 99 on acc1: %+v", r)
	}
	if r := find("alice", "acc1", "cli", "display lldp neighbor-information list"); r != nil && r.Result != "ok" {
		t.Errorf("netmiko's command through the gateway: %+v", r)
	}
	casts, _ := filepath.Glob(filepath.Join(dir, "sessions", "*", "*.cast"))
	if len(casts) == 0 {
		t.Fatal("no session recording")
	}
	played := false
	for _, c := range casts {
		played = played || strings.Contains(termtest.AsciinemaCat(t, c), "<acc1>")
	}
	if !played {
		t.Errorf("no recording of %d shows netmiko's session on acc1", len(casts))
	}
}

// bobSSH is OpenSSH against the gateway for bob, who logs in with his key.
func bobSSH(gw *vtyd, knownHosts string) openSSH { return openSSH{v: gw, knownHosts: knownHosts} }
