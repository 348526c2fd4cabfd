package interop

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fanoutFleet is three simulated access switches of two models — acc3, a 5130-28, lacks the
// GigabitEthernet1/0/30 the 5130-52s have — a core switch, and a real switch (kind ssh) on a
// loopback port where nothing listens.
func fanoutFleet(n loopbackNet, closedPort string) string {
	return `defaults:
  model: 5130-52
  port: 2222
devices:
  core1:
    address: ` + n.ip(1) + `
    tags: [core]
  acc1:
    address: ` + n.ip(2) + `
    tags: [access]
  acc2:
    address: ` + n.ip(3) + `
    tags: [access]
  acc3:
    address: ` + n.ip(4) + `
    model: 5130-28
    tags: [access]
  real3:
    kind: ssh
    address: 127.0.0.1
    port: ` + closedPort + `
    tags: [access]
    host_key: SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU
    credentials:
      admin: {user: admin, password_env: VTYD_TEST_REAL_PW}
`
}

// closedPort is a loopback port where nothing listens: one a listener had, closed again. Nothing
// else is meant to take it in the test's short life; if something does, the switch is still not
// an SSH server with the pinned key, and still unreachable.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	return port
}

// sorted is text's lines, sorted: devices that run at once print in any order.
func sorted(text string) []string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	slices.Sort(lines)
	return lines
}

// TestGatewayFanOut runs one exec on many devices through the gateway with OpenSSH, as automation
// would: `ssh alice@tag:access@HOST 'COMMANDS'`. Lines come back after their device's name, a
// summary on stderr, exit 0 only when every device succeeded; the first failure stops the devices
// not started unless --keep-going; a real switch that cannot be reached is a result with why; a
// name the user may not reach refuses the whole run up front.
func TestGatewayFanOut(t *testing.T) {
	needBins(t, "openssh-client sshpass", "ssh", "sshpass")
	t.Setenv("VTYD_TEST_REAL_PW", adminPassword)
	bobKey := newClientKey(t, t.TempDir(), "ed25519")
	n := newLoopbackNet(t)
	f := startFleet(t, fanoutFleet(n, closedPort(t)), "--gateway", n.ip(10)+":2222", "--gateway-users", gatewayUsers(t, bobKey))
	gw := gatewayOf(t, f)
	alice := openSSH{v: gw, knownHosts: gw.knownHosts(t)}

	t.Run("user names with * , and :", func(t *testing.T) {
		// OpenSSH splits user@host at the last '@' and takes '*', ',', ':' and '[' in a user name
		// (9.6 and later refuse shell metacharacters such as ' ; | $ only). -l and -o User= say
		// the same where a shell or a wrapper would rather not see them in the destination.
		// OpenSSH reads a word starting with '-' after the destination as an option of its own:
		// "--" before the command keeps the fan-out's options for the gateway.
		want := []string{"acc1:  sysname acc1", "acc2:  sysname acc2", "acc3:  sysname acc3"}
		for _, args := range [][]string{
			{"alice@acc*@" + gw.host},
			{"alice@acc1,acc2,acc3@" + gw.host},
			{"alice@acc[1-3]@" + gw.host},
			{"-l", "alice@tag:access", gw.host},
			{"-o", "User=alice@tag:access", gw.host},
		} {
			cmd := "--keep-going display current-configuration | include sysname"
			r := alice.password(t, "", "ssh", append(args, "--", cmd)...)
			got := sorted(r.stdout)
			if args[0] == "-l" || args[0] == "-o" { // tag:access takes real3 too, which is unreachable
				if r.code != 1 || !slices.Equal(got, want) || !strings.Contains(r.stderr, "real3: % ") {
					t.Errorf("ssh %s: want exit 1, %q and real3 unreachable:\n%s", strings.Join(args, " "), want, r)
				}
				continue
			}
			if r.code != 0 || !slices.Equal(got, want) || r.stderr != "% 3 devices: 3 ok\n" {
				t.Errorf("ssh %s: want exit 0, %q and the summary:\n%s", strings.Join(args, " "), want, r)
			}
		}
	})

	// acc3 (a 5130-28) has no GigabitEthernet1/0/30: the line fails there alone.
	const cmd = "display interface GigabitEthernet1/0/30 | include Current state"
	t.Run("stop at the first failure", func(t *testing.T) {
		r := alice.password(t, "", "ssh", "alice@acc1,acc3,acc2,real3@"+gw.host, "--", "--parallel 1 "+cmd)
		want := regexp.MustCompile(`\Aacc3: +\^\n` + regexp.QuoteMeta("acc3:  % Wrong parameter found at '^' position.\n"+
			"acc2: % not run: stopped after acc3 failed\n"+
			"real3: % not run: stopped after acc3 failed\n"+
			"% 4 devices: 1 ok, 1 failed, 2 not run; did not succeed: acc3, acc2, real3\n") + `\z`)
		if r.code != 1 || r.stdout != "acc1: Current state: UP\n" || !want.MatchString(r.stderr) {
			t.Errorf("want exit 1, acc1's state, acc3's error and the rest not run (stderr %s):\n%s", want, r)
		}
	})
	t.Run("keep going", func(t *testing.T) {
		r := alice.password(t, "", "ssh", "alice@core1,tag:access@"+gw.host, "--", "--keep-going --parallel 8 --timeout 20s\n"+cmd)
		want := []string{"acc1: Current state: UP", "acc2: Current state: UP", "core1: Current state: UP"}
		if r.code != 1 || !slices.Equal(sorted(r.stdout), want) {
			t.Errorf("want exit 1 and the state of GE1/0/30 on acc1, acc2 and core1:\n%s", r)
		}
		for _, re := range []string{
			`(?m)^acc3:  % Wrong parameter found at '\^' position\.$`,
			`(?m)^real3: % .*real3: .*connection refused$`,
			`(?m)\A(?s:.*)^% 5 devices: 3 ok, 1 failed, 1 unreachable or timed out; did not succeed: (acc3, real3|real3, acc3)\n\z`,
		} {
			if !regexp.MustCompile(re).MatchString(r.stderr) {
				t.Errorf("stderr does not match %s:\n%s", re, r)
			}
		}
	})
	t.Run("refused up front", func(t *testing.T) {
		bob := bobSSH(gw, alice.knownHosts)
		r := bob.publickey(t, bobKey, "", "bob@acc1,core1@"+gw.host, "display clock")
		want := "% Device core1 is not reachable for bob: no such device, or not one of yours.\n% Nothing was run.\n"
		if r.code != 1 || r.stdout != "" || r.stderr != want {
			t.Errorf("bob@acc1,core1: want exit 1 and %q:\n%s", want, r)
		}
		r = bob.publickey(t, bobKey, "", "bob@tag:core@"+gw.host, "display clock")
		if r.code != 1 || r.stderr != "% No device of yours matches tag:core: nothing was run.\n" {
			t.Errorf("bob@tag:core (not his): want an empty selection refused:\n%s", r)
		}
		r = alice.password(t, "", "ssh", "alice@acc*@"+gw.host, " --paralel 2 display clock") // a blank first: not an option of ssh's
		if r.code != 2 || !strings.Contains(r.stderr, "--parallel N") {
			t.Errorf("a misspelt option: want exit 2 and the options:\n%s", r)
		}
		r = alice.password(t, "", "ssh", "-T", "alice@acc*@"+gw.host)
		if r.code != 1 || !strings.Contains(r.stderr, "A shell, SFTP and SCP reach one device: alice@DEVICE@HOST.") {
			t.Errorf("a shell on a selector: want it refused:\n%s", r)
		}
	})
	t.Run("audit: one operation", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(gw.data, "audit", "audit.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		b := string(data)
		ops := map[string][]string{}
		for _, m := range regexp.MustCompile(`"device":"(\w+)".*"cmd":"display interface GigabitEthernet1/0/30 \| include Current state".*"op":"(\w+)"`).FindAllStringSubmatch(b, -1) {
			ops[m[2]] = append(ops[m[2]], m[1])
		}
		found := false
		for _, devs := range ops {
			slices.Sort(devs)
			found = found || slices.Equal(devs, []string{"acc1", "acc2", "acc3", "core1"})
		}
		if !found {
			t.Errorf("no operation id shared by the keep-going run's four devices: %v\n%s", ops, b)
		}
	})
}
