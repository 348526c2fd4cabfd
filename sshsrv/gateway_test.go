package sshsrv

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// fakeGateway has two accounts: alice (password "alice-pw", admin of every device) and bob (key
// only, operator of the devices whose names start with "acc"). Devices are simulated (devices),
// real (remotes) or listed but not serving (down: why); tags are by device.
type fakeGateway struct {
	devices map[string]*Server
	remotes map[string]Remote
	down    map[string]string
	tags    map[string][]string
	bobKey  gossh.PublicKey
}

func (g *fakeGateway) CheckPassword(account, pw string) bool {
	return account == "alice" && pw == "alice-pw"
}

func (g *fakeGateway) CheckPublicKey(account string, key gossh.PublicKey) bool {
	return account == "bob" && bytes.Equal(key.Marshal(), g.bobKey.Marshal())
}

func (g *fakeGateway) Known(account string) bool { return account == "alice" || account == "bob" }

func (g *fakeGateway) allows(account, device string) bool {
	return account == "alice" || account == "bob" && strings.HasPrefix(device, "acc")
}

func (g *fakeGateway) Reach(account, device string) (Route, bool) {
	if !g.allows(account, device) {
		return Route{}, false
	}
	roles := []string{switchctl.RoleAdmin}
	if account == "bob" {
		roles = []string{switchctl.RoleOperator}
	}
	switch {
	case g.devices[device] != nil:
		return Route{Server: g.devices[device], Roles: roles}, true
	case g.remotes[device] != nil:
		return Route{Remote: g.remotes[device], Roles: roles}, true
	}
	return Route{}, false
}

// Select is gateway.Front's, on the fake's devices, sorted by name.
func (g *fakeGateway) Select(account string, terms []Term) ([]Selected, error) {
	var names []string
	for _, m := range []map[string]bool{keys(g.devices), keys(g.remotes), keys(g.down)} {
		for n := range m {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var out []Selected
	var bad []string
	seen := map[string]bool{}
	add := func(n string) {
		if seen[n] {
			return
		}
		seen[n] = true
		r, _ := g.Reach(account, n)
		out = append(out, Selected{Name: n, Route: r, Down: g.down[n]})
	}
	for _, t := range terms {
		if t.Kind == TermName {
			if !slices.Contains(names, t.Pattern) || !g.allows(account, t.Pattern) {
				bad = append(bad, t.Pattern)
				continue
			}
			add(t.Pattern)
			continue
		}
		for _, n := range names {
			match, _ := path.Match(t.Pattern, n)
			if t.Kind == TermTag {
				match = slices.ContainsFunc(g.tags[n], func(tag string) bool { m, _ := path.Match(t.Pattern, tag); return m })
			}
			if match && g.allows(account, n) {
				add(n)
			}
		}
	}
	if bad != nil {
		return nil, &UnreachableError{Devices: bad}
	}
	return out, nil
}

func keys[V any](m map[string]V) map[string]bool {
	k := map[string]bool{}
	for n := range m {
		k[n] = true
	}
	return k
}

func (g *fakeGateway) Roles(string) []string { return []string{switchctl.RoleOperator} }

func (g *fakeGateway) List(account string, w io.Writer) error {
	_, err := fmt.Fprintf(w, "devices of %s\n", account)
	return err
}

// gatewayEnv is two devices with servers of their own, and a gateway in front of them.
type gatewayEnv struct {
	gw        *testEnv
	core, acc *testEnv
	bob       gossh.Signer
}

func startGatewayEnv(t *testing.T, cfg Config) *gatewayEnv {
	t.Helper()
	e := &gatewayEnv{core: startServer(t, Config{}, nil), acc: startServer(t, Config{}, nil), bob: newSigner(t)}
	configure(t, e.core.d, "system-view", "sysname core1")
	configure(t, e.acc.d, "system-view", "sysname acc1")
	cfg.Gateway = &fakeGateway{devices: map[string]*Server{"core1": e.core.srv, "acc1": e.acc.srv}, bobKey: e.bob.PublicKey()}
	e.gw = startServer(t, cfg, nil)
	return e
}

// TestGatewayHandsSessionsToDevices: alice@core1 runs on core1 as alice with the gateway's roles;
// a device outside the allowance and one that does not exist get the same words; an account
// alone lists its devices.
func TestGatewayHandsSessionsToDevices(t *testing.T) {
	e := startGatewayEnv(t, Config{})
	alice := mustDial(t, e.gw.addr, "alice@core1", password("alice-pw"))
	if r := run(t, alice, "display current-configuration | include sysname", "", false); r.status != 0 || r.stdout != " sysname core1\n" {
		t.Errorf("alice@core1 exec: status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
	e.core.waitDeviceLog(t, "Accepted gateway login for alice from 127.0.0.1 port ")
	if r := run(t, alice, "", "display clock\nquit\n", false); r.status != 0 || !strings.Contains(r.stdout, "<core1>") {
		t.Errorf("alice@core1 shell: want core1's line CLI, status %d:\n%s", r.status, r.stdout)
	}

	bob := mustDial(t, e.gw.addr, "bob@acc1", gossh.PublicKeys(e.bob))
	r := run(t, bob, "system-view\nvlan 99", "", false)
	if r.status == 0 || !strings.Contains(r.stderr, "Permission denied.") {
		t.Errorf("bob (operator) configuring acc1: want the device's refusal, status %d, stderr %q", r.status, r.stderr)
	}
	for _, dev := range []string{"core1", "nosuch"} {
		c := mustDial(t, e.gw.addr, "bob@"+dev, gossh.PublicKeys(e.bob))
		r := run(t, c, "display clock", "", false)
		want := "% Device " + dev + " is not reachable for bob: no such device, or not one of yours.\n"
		if r.status != 1 || r.stderr != want || r.stdout != "" {
			t.Errorf("bob@%s: status %d, stdout %q, stderr %q; want 1 and %q", dev, r.status, r.stdout, r.stderr, want)
		}
	}
	if l := loginsOf(e.core.d, "bob"); l != 0 {
		t.Errorf("bob has %d logins on core1", l)
	}
	if r := run(t, mustDial(t, e.gw.addr, "alice", password("alice-pw")), "", "", false); r.stdout != "devices of alice\n" ||
		!strings.Contains(r.stderr, "Log in as alice@DEVICE") {
		t.Errorf("alice alone, a shell without a terminal: stdout %q, stderr %q", r.stdout, r.stderr)
	}
}

// loginsOf counts user's logins on d.
func loginsOf(d *switchctl.Device, user string) int {
	n := 0
	for _, l := range d.Logins() {
		if l.Info.User == user {
			n++
		}
	}
	return n
}

// TestGatewayAuthentication: the gateway's accounts log in, the devices' do not; a key alice does
// not hold cannot be offered for her; failures are logged in sshd's words and penalise the
// source, as on a device.
func TestGatewayAuthentication(t *testing.T) {
	e := startGatewayEnv(t, Config{Penalty: Penalty{After: 2, Base: time.Minute}})
	if c, err := dial(e.gw.addr, "admin@core1", password("secret")); err == nil {
		c.Close()
		t.Fatal("the device's admin logged in at the gateway")
	}
	e.gw.waitLog(t, `: Invalid user admin@core1 from 127\.0\.0\.1 port \d+$`)
	impostor := offerOnly{e.bob.PublicKey(), newSigner(t)}
	if c, err := dial(e.gw.addr, "bob@acc1", gossh.PublicKeys(impostor)); err == nil {
		c.Close()
		t.Fatal("a signature by another key was accepted for bob's key")
	}
	if c, err := dial(e.gw.addr, "alice@core1", password("guess")); err == nil {
		c.Close()
		t.Fatal("a guessed password worked")
	}
	e.gw.waitLog(t, `: Failed password for alice@core1 from 127\.0\.0\.1 port \d+ ssh2$`)
	e.gw.waitLog(t, `srclimit_penalise: ipv4: new 127\.0\.0\.1/32 deny for 1m0s: penalty: failed authentication$`)
	if c, err := dial(e.gw.addr, "alice@core1", password("alice-pw")); err == nil {
		c.Close()
		t.Fatal("a penalised source logged in")
	}
}

// fakeAudit keeps what the gateway records.
type fakeAudit struct {
	mu       sync.Mutex
	commands []AuditedCommand
	recs     []*fakeRecording
	begun    []string // Begin's ids
	ended    []string
}

func (f *fakeAudit) Begin(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.begun = append(f.begun, id)
}

func (f *fakeAudit) Ended(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ended = append(f.ended, id)
}

func (f *fakeAudit) Command(c AuditedCommand) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.commands = append(f.commands, c)
}

func (f *fakeAudit) Recording(s AuditedSession, term string, w, h int) Recorder {
	f.mu.Lock()
	defer f.mu.Unlock()
	r := &fakeRecording{header: fmt.Sprintf("%s@%s %s %dx%d", s.User, s.Device, term, w, h)}
	f.recs = append(f.recs, r)
	return r
}

type fakeRecording struct {
	mu     sync.Mutex
	header string
	events strings.Builder
	closed bool
}

func (r *fakeRecording) Output(p []byte) { r.mu.Lock(); r.events.Write(p); r.mu.Unlock() }
func (r *fakeRecording) Resize(w, h int) {
	r.mu.Lock()
	fmt.Fprintf(&r.events, "[resize %dx%d]", w, h)
	r.mu.Unlock()
}
func (r *fakeRecording) Close() error { r.mu.Lock(); r.closed = true; r.mu.Unlock(); return nil }

// TestGatewayAudit: every line run through the gateway on a simulated device is recorded with who,
// where, the prompt, the outcome and masked secrets (the lines of one exec share an operation id, as
// do the lines of one paste into the CLI), and an interactive session's screen and window changes
// are recorded.
func TestGatewayAudit(t *testing.T) {
	au := &fakeAudit{}
	e := startGatewayEnv(t, Config{Audit: au})
	alice := mustDial(t, e.gw.addr, "alice@core1", password("alice-pw"))
	if r := run(t, alice, "display clock\ndisplay versoin", "", false); r.status != 1 {
		t.Fatalf("exec: %+v", r)
	}
	sh := openProgram(t, alice, "vt100")
	sh.out.WaitFor(t, "<core1>")
	sh.send(t, "system-view\rlocal-user carol class manage\rpassword simple Very-Secret-1\r")
	sh.out.WaitFor(t, "[core1-luser-manage-carol]")
	if err := sh.sess.WindowChange(40, 100); err != nil {
		t.Fatal(err)
	}
	sh.send(t, "return\r") // typed, a line at a time
	sh.out.WaitFor(t, "<core1>")
	sh.send(t, "quit\r")
	sh.wait(t)

	au.mu.Lock()
	defer au.mu.Unlock()
	type line struct{ kind, prompt, cmd string }
	var got []line
	for _, c := range au.commands {
		got = append(got, line{c.Kind, c.Prompt, c.Command})
		if c.User != "alice" || c.Device != "core1" || !strings.HasPrefix(c.Source, "127.0.0.1:") || c.ID == "" {
			t.Errorf("record without its who and where: %+v", c)
		}
	}
	want := []line{
		{AuditExec, "<core1>", "display clock"}, {AuditExec, "<core1>", "display versoin"},
		{AuditPaste, "<core1>", "system-view"}, {AuditPaste, "[core1]", "local-user carol class manage"},
		{AuditPaste, "[core1-luser-manage-carol]", "password simple ******"},
		{AuditCLI, "[core1-luser-manage-carol]", "return"}, {AuditCLI, "<core1>", "quit"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("audit records:\n%v\nwant:\n%v", got, want)
	}
	if c := au.commands; c[0].Op == "" || c[0].Op != c[1].Op || c[0].Err != nil || c[1].Err == nil {
		t.Errorf("the exec's lines: op %q/%q, errors %v/%v; want one op, the second failed", c[0].Op, c[1].Op, c[0].Err, c[1].Err)
	}
	if c := au.commands; c[2].Op == "" || c[2].Op != c[3].Op || c[3].Op != c[4].Op || c[2].Op == c[0].Op || c[5].Op != "" || c[6].Op != "" {
		t.Errorf("ops %q %q %q, then %q %q: want the paste's one op, then none for the typed lines", c[2].Op, c[3].Op, c[4].Op, c[5].Op, c[6].Op)
	}
	if c := au.commands; fmt.Sprint(au.ended) != fmt.Sprint([]string{c[0].ID, c[2].ID}) || c[0].ID == c[2].ID {
		t.Errorf("sessions ended %q; want the exec's %q, then the shell's %q", au.ended, c[0].ID, c[2].ID)
	}
	if fmt.Sprint(au.begun) != fmt.Sprint([]string{au.commands[0].ID}) {
		t.Errorf("commands begun %q; want the exec's %q", au.begun, au.commands[0].ID)
	}
	if len(au.recs) != 1 {
		t.Fatalf("%d recordings, want the shell's alone", len(au.recs))
	}
	r := au.recs[0]
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.header != "alice@core1 vt100 80x24" || !r.closed || !strings.Contains(r.events.String(), "[core1-luser-manage-carol]") ||
		!strings.Contains(r.events.String(), "[resize 100x40]") {
		t.Errorf("recording %q closed=%v:\n%s", r.header, r.closed, r.events.String())
	}
}

// TestGatewaySFTPNamesADevice: sftp to the gateway without a device is refused with the command
// that names one.
func TestGatewaySFTPNamesADevice(t *testing.T) {
	e := startGatewayEnv(t, Config{})
	c := mustDial(t, e.gw.addr, "alice", password("alice-pw"))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	stderr, err := sess.StderrPipe() // a subsystem session is never "started": no Wait
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(stderr)
	_, port, _ := strings.Cut(e.gw.addr, ":")
	if want := "Name a device: sftp -P " + port + " alice@DEVICE@127.0.0.1\n"; string(got) != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}
