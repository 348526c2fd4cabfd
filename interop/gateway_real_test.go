package interop

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"vtyd/audit"
	"vtyd/internal/termtest"
)

// realFleet is a fleet of one simulated device and two "real" switches, both played by the vtyd
// process sw (a device in a process of its own, reached over SSH as a real switch is): real1
// pinned to sw's host keys, with an admin account and a network-operator account; real2 pinned
// to a key sw does not have (by another name of the same address: a fleet holds one switch per
// address); real3 on an address where nothing listens; real4, the process sw2, trusted on first use.
func realFleet(n loopbackNet, sw, sw2 *vtyd, pwFile string) string {
	return `defaults:
  model: 5130-28
  port: 2222
  credentials:
    admin: {user: admin, password_env: VTYD_TEST_REAL_PW}
    operator: {user: ro, password_file: ` + pwFile + `}
devices:
  sim1:
    address: ` + n.ip(1) + `
  real1:
    kind: ssh
    address: 127.0.0.1
    port: ` + sw.port + `
    host_key: [` + sw.hostKeys["ssh-ed25519"] + `, ` + sw.hostKeys["ssh-rsa"] + `]
  real2:
    kind: ssh
    address: localhost
    port: ` + sw.port + `
    host_key: SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU
  real4:
    kind: ssh
    address: 127.0.0.1
    port: ` + sw2.port + `
    host_key: trust-on-first-use
  real3:
    kind: ssh
    address: ` + n.ip(99) + `
    host_key: SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU
`
}

// TestGatewayRealSwitch puts a switch in another process behind the gateway as a real switch
// (kind ssh): exec keeps its contract over a shell, the operator's account is the switch's
// network-operator, SFTP and the shell are relayed, netmiko works through it, a host key that is
// not the pinned one is refused naming the device and both keys, and the audit has it all.
func TestGatewayRealSwitch(t *testing.T) {
	needBins(t, "openssh-client sshpass", "ssh", "sftp", "sshpass")
	sw, sw2 := startVtyd(t), startVtyd(t)
	swSSH := openSSH{v: sw, knownHosts: sw.knownHosts(t)}
	// The switch's read-only account, as an operator of the network would make it.
	swSSH.exec(t, "system-view", "local-user ro class manage", "password simple ro-secret-1", "service-type ssh",
		"authorization-attribute user-role network-operator", "undo authorization-attribute user-role network-admin")
	pwFile := filepath.Join(t.TempDir(), "ro.pw")
	if err := os.WriteFile(pwFile, []byte("ro-secret-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("VTYD_TEST_REAL_PW", adminPassword)
	bobKey := newClientKey(t, t.TempDir(), "ed25519")
	n := newLoopbackNet(t)
	f := startFleet(t, realFleet(n, sw, sw2, pwFile), "--gateway", n.ip(10)+":2222", "--gateway-users", gatewayUsers(t, bobKey))
	gw := gatewayOf(t, f)
	alice := openSSH{v: gw, knownHosts: gw.knownHosts(t)}

	t.Run("exec", func(t *testing.T) {
		r := alice.password(t, "", "ssh", "alice@real1@"+gw.host, "display current-configuration | include sysname")
		if r.code != 0 || !strings.Contains(r.stdout, " sysname HPE") {
			t.Errorf("exec on real1: %s", r)
		}
		r = alice.password(t, "", "ssh", "alice@real1@"+gw.host, "display clock\ndisplay versoin")
		if r.code != 1 || !strings.Contains(r.stderr, "% Unrecognized command found at '^' position.") {
			t.Errorf("a failing line on real1: want exit 1 and Comware's error:\n%s", r)
		}
	})
	t.Run("operator account", func(t *testing.T) {
		r := bobSSH(gw, alice.knownHosts).publickey(t, bobKey, "", "bob@real1@"+gw.host, "system-view\nvlan 99")
		if r.code != 1 || !strings.Contains(r.stderr, "Permission denied.") {
			t.Errorf("bob (operator) configuring real1: want the switch's refusal:\n%s", r)
		}
	})
	t.Run("host key not the pinned one", func(t *testing.T) {
		r := alice.password(t, "", "ssh", "alice@real2@"+gw.host, "display clock")
		offered := strings.Contains(r.stderr, sw.hostKeys["ssh-ed25519"]) || strings.Contains(r.stderr, sw.hostKeys["ssh-rsa"])
		if r.code == 0 || !strings.Contains(r.stderr, "real2") || !offered ||
			!strings.Contains(r.stderr, "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU") {
			t.Errorf("real2 with a wrong pin: want a refusal naming the device and both keys:\n%s", r)
		}
	})
	t.Run("trust on first use", func(t *testing.T) {
		for i := range 2 {
			if r := alice.password(t, "", "ssh", "alice@real4@"+gw.host, "display clock"); r.code != 0 {
				t.Fatalf("exec %d on real4 (trust on first use): %s", i+1, r)
			}
		}
		b, err := os.ReadFile(filepath.Join(f.data, "devices", "real4", "known_hosts"))
		if err != nil || !strings.Contains(string(b), "[127.0.0.1]:"+sw2.port+" ") {
			t.Errorf("real4's recorded key: %q, %v", b, err)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		start := time.Now()
		r := alice.password(t, "", "ssh", "alice@real3@"+gw.host, "display clock")
		if r.code == 0 || !strings.Contains(r.stderr, "real3") || !strings.Contains(r.stderr, "connection refused") {
			t.Errorf("exec on an unreachable switch: want a non-zero exit and why:\n%s", r)
		}
		if d := time.Since(start); d > 15*time.Second {
			t.Errorf("the refusal took %v", d)
		}
		var list result
		for i := 0; i < 50; i++ { // the gateway probes each switch at start
			list = alice.password(t, "", "ssh", "alice@"+gw.host, "list")
			if strings.Contains(list.stdout, "unreachable") && regexp.MustCompile(`(?m)^real1 .* up `).MatchString(list.stdout) {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if !regexp.MustCompile(`(?m)^real3 .*unreachable: .*connection refused`).MatchString(list.stdout) ||
			!regexp.MustCompile(`(?m)^real2 .*unreachable: host key is not the pinned one`).MatchString(list.stdout) {
			t.Errorf("the device list does not say which switches are unreachable and why:\n%s", list.stdout)
		}
	})
	t.Run("sftp and scp relayed", func(t *testing.T) {
		local, data := alice.sftpPut(t, "alice@real1@"+gw.host, "relayed.cfg", 40<<10)
		sameFile(t, sw.flashFile("relayed.cfg"), data)
		if r := alice.password(t, "", "scp", "-O", local, "alice@real1@"+gw.host+":flash:/relayed-scp.cfg"); r.code != 0 {
			t.Fatalf("scp -O through the gateway to real1:\n%s", r)
		}
		sameFile(t, sw.flashFile("relayed-scp.cfg"), data)
	})
	t.Run("shell relayed", func(t *testing.T) {
		r := alice.password(t, "display clock\nquit\n", "ssh", "-T", "alice@real1@"+gw.host)
		if r.code != 0 || !strings.Contains(r.stdout, "<HPE>") {
			t.Errorf("a piped shell relayed to real1:\n%s", r)
		}
	})
	t.Run("a paste in a relayed terminal", func(t *testing.T) {
		pastedAndTyped(t, gw)
	})
	t.Run("paramiko", func(t *testing.T) {
		needPython(t, "paramiko", "python3-paramiko")
		r := pyClient{script: "paramiko_client.py", v: gw}.exec(t,
			login{user: "alice@real1", auth: "password", password: adminPassword}, "display version")
		wantExec(t, r, "Comware Software")
	})
	t.Run("netmiko", func(t *testing.T) {
		needPython(t, "netmiko", "python3-netmiko")
		got := netmikoLLDP(t, gw.host, gw.port, "alice@real1")
		if got.Prompt != "<HPE>" || !strings.Contains(got.LLDP, "Local Interface") {
			t.Errorf("netmiko through the gateway to real1: prompt %q, lldp:\n%s", got.Prompt, got.LLDP)
		}
	})
	t.Run("audit", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(gw.data, "audit", "audit.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, want := range []string{
			`"user":"alice","src":"127.0.0.1:\d+","device":"real1","device_user":"admin","prompt":"<HPE>","cmd":"display versoin","result":"error","error":"% Unrecognized command found at '\^' position."`,
			`"user":"bob",.*"device":"real1","device_user":"ro",.*"prompt":"\[HPE\]","cmd":"vlan 99","result":"error","error":"Permission denied."`,
			`"device":"real1",.*"cmd":"display lldp neighbor-information list","result":"ok",.*"kind":"cli"`,
		} {
			if !regexp.MustCompile(want).MatchString(text) {
				t.Errorf("the audit lacks %s:\n%s", want, text)
			}
		}
		// netmiko's session: its recording is named by the session id of its records.
		m := regexp.MustCompile(`"cmd":"display lldp neighbor-information list","result":"ok",.*"session":"([0-9a-f]+)","kind":"cli"`).FindStringSubmatch(text)
		if m == nil {
			t.Fatal("no session id for netmiko's session")
		}
		casts, _ := filepath.Glob(filepath.Join(gw.data, "audit", "sessions", "*", "*-"+m[1]+".cast"))
		if len(casts) != 1 {
			t.Fatalf("recordings of session %s: %v", m[1], casts)
		}
		if out := termtest.AsciinemaCat(t, casts[0]); !strings.Contains(out, "<HPE>display lldp neighbor-information list") {
			t.Errorf("the recording of netmiko's session does not show its command:\n%s", out)
		}
	})
}

// pastedAndTyped pastes three lines into a terminal relayed to real1, then types one as a person
// does (Enter once the switch echoed the line): the audit's records of the paste share one
// operation of kind paste, the typed line's is a command of its own, as on a simulated device.
func pastedAndTyped(t *testing.T, gw *vtyd) {
	p := openPTYShellAs(t, gw, "alice@real1", 200, 100)
	defer p.sess.Close()
	p.next(t) // the switch's banner and prompt
	pasted := []string{"display cpu-usage", "display device", "display users"}
	// A terminal hands a paste to the client whole, and the client sends it in one write.
	p.write(t, strings.Join(pasted, "\r")+"\r")
	p.until(t, func(out string) bool {
		return strings.Contains(out, "<HPE>display users\r\n") && anyPrompt.MatchString(out)
	})
	p.write(t, "display clock")
	p.until(t, func(out string) bool { return strings.HasSuffix(out, "display clock") })
	p.write(t, "\r")
	p.until(t, func(out string) bool { return anyPrompt.MatchString(out) })

	recs := auditRecords(t, gw)
	session := ""
	for _, r := range recs {
		if r.Device == "real1" && r.Command == pasted[0] {
			session = r.Session
		}
	}
	var got []audit.Record
	for _, r := range recs {
		if session != "" && r.Session == session {
			got = append(got, r)
		}
	}
	if len(got) != 4 {
		t.Fatalf("records of the relayed terminal: %+v; want the 3 pasted lines and the typed one", got)
	}
	for i, r := range got[:3] {
		if r.Command != pasted[i] || r.Kind != "paste" || r.Op == "" || r.Op != got[0].Op || r.Result != "ok" {
			t.Errorf("pasted line %d: %s %q kind %q op %q; want %q, kind paste, the op of the paste's first line %q",
				i+1, r.Result, r.Command, r.Kind, r.Op, pasted[i], got[0].Op)
		}
	}
	if r := got[3]; r.Command != "display clock" || r.Kind != "cli" || r.Op != "" {
		t.Errorf("typed line: %q kind %q op %q; want display clock, kind cli, no op", r.Command, r.Kind, r.Op)
	}
}

// auditRecords reads the gateway's audit log.
func auditRecords(t *testing.T, gw *vtyd) []audit.Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(gw.data, "audit", "audit.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []audit.Record
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r audit.Record
		if err := r.UnmarshalJSON([]byte(l)); err != nil {
			t.Fatalf("audit line %q: %v", l, err)
		}
		recs = append(recs, r)
	}
	return recs
}

// write sends keys to the shell in one write.
func (p *ptyShell) write(t *testing.T, keys string) {
	t.Helper()
	if _, err := io.WriteString(p.in, keys); err != nil {
		t.Fatalf("send %q: %v", keys, err)
	}
}

// until waits (up to 15 s) until the output since the last call satisfies done, and returns it.
func (p *ptyShell) until(t *testing.T, done func(out string) bool) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		p.mu.Lock()
		out, grew, eof := p.buf.String()[p.mark:], p.grew, p.eof
		if done(out) {
			p.mark += len(out)
			p.mu.Unlock()
			return out
		}
		p.mu.Unlock()
		if eof {
			t.Fatalf("the session ended; output: %q", out)
		}
		select {
		case <-grew:
		case <-deadline:
			t.Fatalf("waited 15 s; output so far: %q", out)
		}
	}
}
