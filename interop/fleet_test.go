package interop

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// pairFleet is two 5130-28s cabled XGE1/0/25 to XGE1/0/25 on n: core1 (.1, with an RSA host key
// too) and acc1 (.2, Ed25519 only).
func pairFleet(n loopbackNet) string {
	return `defaults:
  model: 5130-28
  port: 2222
devices:
  core1:
    address: ` + n.ip(1) + `
    rsa: true
  acc1:
    address: ` + n.ip(2) + `
links:
  - core1:XGE1/0/25 -- acc1:XGE1/0/25
`
}

// TestFleet serves a pair of switches from one fleet file and drives each on its own address with
// the clients operators use: OpenSSH (exec, piped shell, sftp), paramiko and netmiko. Each device
// is a switch of its own (sysname, host keys, flash:), and the cable between them is seen from
// both ends: LLDP names the far device, and a shutdown at one end takes the other end down.
func TestFleet(t *testing.T) {
	f := startFleet(t, pairFleet(newLoopbackNet(t)))
	devs := map[string]*vtyd{"core1": f.device(t, "core1"), "acc1": f.device(t, "acc1")}
	far := map[string]string{"core1": "acc1", "acc1": "core1"}
	ssh := map[string]openSSH{}
	for name, v := range devs {
		ssh[name] = openSSH{v: v, knownHosts: v.knownHosts(t)}
	}

	t.Run("OpenSSH LLDP and sysname", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "ssh", "sshpass")
		for name := range devs {
			out := ssh[name].exec(t, "display lldp neighbor-information list")
			if !lldpNeighbour(far[name]).MatchString(out) {
				t.Errorf("%s: display lldp neighbor-information list does not name %s on XGE1/0/25:\n%s", name, far[name], out)
			}
			r := ssh[name].password(t, "display clock\nquit\n", "ssh", "-T", "admin@"+devs[name].host)
			if r.code != 0 || !strings.Contains(r.stdout, "<"+name+">") || strings.Contains(r.stdout, "<"+far[name]+">") {
				t.Errorf("%s: ssh -T, want the prompt <%s>:\n%s", name, name, r)
			}
		}
	})
	t.Run("OpenSSH shutdown reaches the far end", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "ssh", "sshpass")
		core, acc := ssh["core1"], ssh["acc1"]
		core.exec(t, "system-view", "interface Ten-GigabitEthernet1/0/25", "shutdown")
		core.waitLink(t, "XGE1/0/25", "ADM")
		acc.waitLink(t, "XGE1/0/25", "DOWN")
		acc.waitLogbuffer(t, "IFNET/3/PHY_UPDOWN: Physical state on the interface Ten-GigabitEthernet1/0/25 changed to down.")
		core.exec(t, "system-view", "interface Ten-GigabitEthernet1/0/25", "undo shutdown")
		core.waitLink(t, "XGE1/0/25", "UP")
		acc.waitLink(t, "XGE1/0/25", "UP")
		acc.waitLogbuffer(t, "IFNET/3/PHY_UPDOWN: Physical state on the interface Ten-GigabitEthernet1/0/25 changed to up.")
	})
	t.Run("OpenSSH sftp to one device's flash", func(t *testing.T) {
		needBins(t, "openssh-client sshpass", "sftp", "ssh", "sshpass")
		_, data := ssh["core1"].sftpPut(t, "admin@"+devs["core1"].host, "fleet.cfg", 20<<10)
		if out := ssh["core1"].exec(t, "dir"); !strings.Contains(out, " fleet.cfg\n") {
			t.Errorf("core1's dir lacks fleet.cfg:\n%s", out)
		}
		if out := ssh["acc1"].exec(t, "dir"); strings.Contains(out, "fleet.cfg") {
			t.Errorf("acc1's dir has core1's fleet.cfg:\n%s", out)
		}
		sameFile(t, devs["core1"].flashFile("fleet.cfg"), data)
		if _, err := os.Stat(devs["acc1"].flashFile("fleet.cfg")); !os.IsNotExist(err) {
			t.Errorf("acc1's flash directory has fleet.cfg (%v)", err)
		}
	})
	t.Run("host keys", func(t *testing.T) {
		coreKeys, accKeys := devs["core1"].hostKeys, devs["acc1"].hostKeys
		if coreKeys["ssh-ed25519"] == "" || accKeys["ssh-ed25519"] == "" || coreKeys["ssh-ed25519"] == accKeys["ssh-ed25519"] {
			t.Errorf("Ed25519 host keys: core1 %q, acc1 %q; want one each, different", coreKeys["ssh-ed25519"], accKeys["ssh-ed25519"])
		}
		if coreKeys["ssh-rsa"] == "" || accKeys["ssh-rsa"] != "" || len(accKeys) != 1 {
			t.Errorf("host keys: core1 (rsa: true) %v, acc1 %v; want an RSA key on core1 alone", coreKeys, accKeys)
		}
		if n := devs["acc1"].countLog(`: host key type=`); n != 0 { // the fleet's whole log
			t.Errorf("%d host key log lines do not say which device", n)
		}
		if _, err := os.Stat(filepath.Join(devs["acc1"].data, "keys", "hostkey.rsa.pem")); !os.IsNotExist(err) {
			t.Errorf("acc1 has an RSA host key file (%v)", err)
		}
		needBins(t, "openssh-client sshpass", "ssh", "sshpass")
		for name, want := range map[string]int{"core1": 0, "acc1": 255} {
			r := ssh[name].password(t, "", "ssh", "-o", "HostKeyAlgorithms=rsa-sha2-512", "admin@"+devs[name].host, "display clock")
			if r.code != want {
				t.Errorf("%s: ssh with RSA host keys only: exit %d, want %d\n%s", name, r.code, want, r)
			}
		}
	})
	t.Run("paramiko", func(t *testing.T) {
		needPython(t, "paramiko", "python3-paramiko")
		r := pyClient{script: "paramiko_client.py", v: devs["acc1"]}.exec(t, adminLogin, "display lldp neighbor-information list")
		wantExec(t, r, "Ten-GigabitEthernet1/0/25")
		if !lldpNeighbour("core1").MatchString(r.Stdout) {
			t.Errorf("paramiko on acc1: display lldp neighbor-information list does not name core1:\n%s", r.Stdout)
		}
	})
	t.Run("netmiko", func(t *testing.T) {
		needPython(t, "netmiko", "python3-netmiko")
		acc := devs["acc1"]
		got := netmikoLLDP(t, acc.host, acc.port, "admin")
		if got.Prompt != "<acc1>" {
			t.Errorf("netmiko find_prompt() on acc1 = %q, want <acc1>", got.Prompt)
		}
		if !lldpNeighbour("core1").MatchString(got.LLDP) {
			t.Errorf("netmiko on acc1: display lldp neighbor-information list does not name core1:\n%s", got.LLDP)
		}
	})
}

// lldpNeighbour matches the line of display lldp neighbor-information list for the fleet's cable:
// the far device's sysname on the local XGE1/0/25, its port Ten-GigabitEthernet1/0/25.
func lldpNeighbour(sysname string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(sysname) + ` +XGE1/0/25 +\S+ +Ten-GigabitEthernet1/0/25\r?$`)
}

// exec runs lines as one exec request, as admin with the password, and fails the test unless
// every line succeeds.
func (o openSSH) exec(t *testing.T, lines ...string) string {
	t.Helper()
	r := o.password(t, "", "ssh", "admin@"+o.v.host, strings.Join(lines, "\n"))
	if r.code != 0 {
		t.Fatalf("ssh %s %q:\n%s", o.v.host, lines, r)
	}
	return r.stdout
}

// waitLink runs display interface brief until port's Link column is want: a far end's state is
// read when asked, but the test does not rely on when. At most 20 tries in 15 s.
func (o openSSH) waitLink(t *testing.T, port, want string) {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(port) + ` +(\S+) `)
	o.poll(t, 20, 15*time.Second, "display interface brief", func(out string) bool {
		m := re.FindStringSubmatch(out)
		return m != nil && m[1] == want
	}, port+" "+want)
}

// waitLogbuffer runs display logbuffer until it has want, at most 20 tries in 15 s.
func (o openSSH) waitLogbuffer(t *testing.T, want string) {
	t.Helper()
	o.poll(t, 20, 15*time.Second, "display logbuffer", func(out string) bool { return strings.Contains(out, want) }, want)
}

// poll runs cmd until ok holds for its output, at most tries times and until d has passed (each
// run takes a login, which paces the loop).
func (o openSSH) poll(t *testing.T, tries int, d time.Duration, cmd string, ok func(string) bool, what string) {
	t.Helper()
	deadline := time.Now().Add(d)
	var out string
	for i := 0; i < tries && time.Now().Before(deadline); i++ {
		if out = o.exec(t, cmd); ok(out) {
			return
		}
	}
	t.Fatalf("%s: %s never showed %q; last output:\n%s", o.v.host, cmd, what, out)
}

// netmikoLLDP runs netmiko_lldp.py as user with the tests' password: the prompt netmiko found and
// the device's LLDP neighbours.
func netmikoLLDP(t *testing.T, host, port, user string) (got struct {
	Prompt string `json:"prompt"`
	LLDP   string `json:"lldp"`
}) {
	t.Helper()
	runPython(t, 120*time.Second, &got, "netmiko_lldp.py", host, port, user, adminPassword)
	return got
}

// sftpPut writes size bytes of configuration-like text to a local file and puts it on flash:/name
// with `sftp -b` as login (user@host); it fails the test unless sftp succeeds, and returns the
// local file and what it holds.
func (o openSSH) sftpPut(t *testing.T, login, name string, size int) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	local, data := writeFile(t, dir, name, size)
	batch := filepath.Join(dir, "batch")
	if err := os.WriteFile(batch, []byte("put "+local+" flash:/"+name+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := o.password(t, "", "sftp", "-b", batch, login); r.code != 0 {
		t.Fatalf("sftp -b as %s:\n%s", login, r)
	}
	return local, data
}
