package sshsrv

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// deadRemote is a real switch the gateway cannot reach.
type deadRemote struct{ *fakeRemote }

func (deadRemote) Exec(context.Context, string, io.Writer, io.Writer, func(switchctl.Ran)) (int, error) {
	return 1, errors.New("real9: dial tcp 127.0.0.1:9: connect: connection refused")
}

// fanEnv is a gateway in front of three simulated devices (core1 tagged core; acc1 and acc2
// tagged access, acc2 with one session slot), a real switch it cannot reach (real9, tagged
// access), one that ends the session after a line (real8), one that never answers (real7) and a
// device that did not start (acc9).
type fanEnv struct {
	*gatewayEnv
	acc2 *testEnv
	au   *fakeAudit
	hang *hangRemote
}

func startFanEnv(t *testing.T) *fanEnv {
	t.Helper()
	au := &fakeAudit{}
	e := &fanEnv{gatewayEnv: &gatewayEnv{core: startServer(t, Config{}, nil), acc: startServer(t, Config{}, nil), bob: newSigner(t)},
		acc2: startServer(t, Config{MaxSessions: 1}, nil), au: au, hang: newHangRemote()}
	configure(t, e.core.d, "system-view", "sysname core1", "vlan 10")
	configure(t, e.acc.d, "system-view", "sysname acc1", "vlan 10")
	configure(t, e.acc2.d, "system-view", "sysname acc2")
	e.gw = startServer(t, Config{Audit: au, Gateway: &fakeGateway{
		devices: map[string]*Server{"core1": e.core.srv, "acc1": e.acc.srv, "acc2": e.acc2.srv},
		remotes: map[string]Remote{"real9": deadRemote{&fakeRemote{}}, "real8": lostRemote{&fakeRemote{}}, "real7": e.hang},
		down:    map[string]string{"acc9": "not started: listen tcp 127.0.0.1:2222: address already in use"},
		tags:    map[string][]string{"core1": {"core"}, "acc1": {"access"}, "acc2": {"access"}, "real9": {"access"}},
		bobKey:  e.bob.PublicKey(),
	}}, nil)
	return e
}

func (e *fanEnv) alice(t *testing.T, selector, command string) result {
	t.Helper()
	return run(t, mustDial(t, e.gw.addr, "alice@"+selector, password("alice-pw")), command, "", false)
}

// sortedLines is text's lines in order: devices run at once print in any order.
func sortedLines(text string) []string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	slices.Sort(lines)
	return lines
}

// TestFanOutExec: an exec on a selector runs on every device it names, each line after its
// device's name, with a summary on stderr and exit 0 only when all succeeded.
func TestFanOutExec(t *testing.T) {
	e := startFanEnv(t)
	r := e.alice(t, "acc1,core1", "display current-configuration | include sysname")
	if want := []string{"acc1:  sysname acc1", "core1:  sysname core1"}; r.status != 0 || !slices.Equal(sortedLines(r.stdout), want) ||
		r.stderr != "% 2 devices: 2 ok\n" {
		t.Errorf("alice@acc1,core1: status %d\nstdout %q, want lines %q\nstderr %q", r.status, r.stdout, want, r.stderr)
	}
	e.acc.waitDeviceLog(t, "Accepted gateway login for alice from 127.0.0.1 port ")
	if n := loginsOf(e.acc.d, "alice") + loginsOf(e.core.d, "alice"); n != 0 {
		t.Errorf("%d logins of alice left on the devices after the fan-out", n)
	}

	// A line that fails on one device: its error on stderr after its name; the others go on (no
	// stop within a running wave), and the summary names it.
	r = e.alice(t, "acc1,core1,acc2", "--keep-going display vlan 10 | include VLAN ID")
	if want := []string{"acc1:  VLAN ID: 10", "core1:  VLAN ID: 10"}; r.status != 1 || !slices.Equal(sortedLines(r.stdout), want) {
		t.Errorf("display vlan 10 where acc2 lacks it: status %d, stdout %q, want lines %q", r.status, r.stdout, want)
	}
	if want := "acc2:  The VLAN does not exist.\n% 3 devices: 2 ok, 1 failed; did not succeed: acc2\n"; r.stderr != want {
		t.Errorf("stderr %q\nwant   %q", r.stderr, want)
	}
}

// TestFanOutStopAndKeepGoing: one at a time, the first failure stops the devices not started yet
// ("not run", named on stderr) unless --keep-going; a switch that cannot be reached and a device
// that did not start are results with their reasons, never dropped.
func TestFanOutStopAndKeepGoing(t *testing.T) {
	e := startFanEnv(t)
	r := e.alice(t, "acc2,acc1,core1", "--parallel 1 display vlan 10 | include VLAN ID")
	want := "acc2:  The VLAN does not exist.\n" +
		"acc1: % not run: stopped after acc2 failed\n" +
		"core1: % not run: stopped after acc2 failed\n" +
		"% 3 devices: 0 ok, 1 failed, 2 not run; did not succeed: acc2, acc1, core1\n"
	if r.status != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("stop at the first failure: status %d, stdout %q\nstderr %q\nwant   %q", r.status, r.stdout, r.stderr, want)
	}

	r = e.alice(t, "tag:access,acc9", "--parallel 1\n--keep-going\ndisplay current-configuration | include sysname")
	want = "real9: % real9: dial tcp 127.0.0.1:9: connect: connection refused\n" +
		"acc9: % not started: listen tcp 127.0.0.1:2222: address already in use\n" +
		"% 4 devices: 2 ok, 2 unreachable or timed out; did not succeed: real9, acc9\n"
	if r.status != 1 || r.stdout != "acc1:  sysname acc1\nacc2:  sysname acc2\n" || r.stderr != want {
		t.Errorf("tag:access,acc9 --keep-going: status %d, stdout %q\nstderr %q\nwant   %q", r.status, r.stdout, r.stderr, want)
	}

	// The device's session limit applies to a fan-out's sessions as to any exec.
	free, _, ok := e.acc2.srv.lines.takeSlot("someone")
	if !ok {
		t.Fatal("acc2's one slot")
	}
	defer free()
	r = e.alice(t, "acc[2]", "display clock")
	if want := "acc2: % the number of sessions reached the upper limit (1); try again later\n% 1 device: 0 ok, 1 unreachable or timed out; did not succeed: acc2\n"; r.status != 1 || r.stderr != want {
		t.Errorf("acc2 without a free slot: status %d, stderr %q, want %q", r.status, r.stderr, want)
	}
}

// TestFanOutRefused: a name the account may not reach refuses the whole run up front, in the
// single-device words, and nothing runs; an empty selection, a bad selector, a bad option, and a
// shell, SFTP or SCP on a selector are refused with their own words.
func TestFanOutRefused(t *testing.T) {
	e := startFanEnv(t)
	bob := func(selector, command string) result {
		return run(t, mustDial(t, e.gw.addr, "bob@"+selector, gossh.PublicKeys(e.bob)), command, "", false)
	}
	r := bob("acc1,core1,nosuch,acc*", "display clock")
	want := "% Device core1 is not reachable for bob: no such device, or not one of yours.\n" +
		"% Device nosuch is not reachable for bob: no such device, or not one of yours.\n% Nothing was run.\n"
	if r.status != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("bob@acc1,core1,nosuch,acc*: status %d, stdout %q\nstderr %q\nwant   %q", r.status, r.stdout, r.stderr, want)
	}
	if n := loginsOf(e.acc.d, "bob"); n != 0 || len(e.au.commands) != 0 {
		t.Errorf("a refused fan-out ran: %d logins, %d audit records", n, len(e.au.commands))
	}
	// Patterns see only bob's devices: core1 is tagged core, but not his.
	if r := bob("tag:core", "display clock"); r.status != 1 || r.stderr != "% No device of yours matches tag:core: nothing was run.\n" {
		t.Errorf("bob@tag:core: %+v", r)
	}
	if r := bob("c*", "display clock"); r.status != 1 || !strings.Contains(r.stderr, "No device of yours matches c*") {
		t.Errorf("bob@c*: %+v", r)
	}
	for _, c := range []struct{ sel, cmd, stderr string }{
		{"acc[", "display clock", "% bad device selector \"acc[\": \"acc[\" is not a glob.\n% A selector is tag:GLOB"},
		{"acc*", "--paralel 2 display clock", "% bad fan-out option --paralel: no such option.\nOptions, before the first command:\n"},
		{"acc*", "--parallel 2", "% bad fan-out option: no command after the options.\nOptions"},
	} {
		if r := bob(c.sel, c.cmd); r.status != 2 || !strings.HasPrefix(r.stderr, c.stderr) || r.stdout != "" {
			t.Errorf("bob@%s %q: status %d, stderr %q; want 2 and %q", c.sel, c.cmd, r.status, r.stderr, c.stderr)
		}
	}
	oneDevice := "% tag:access names several devices: only an exec runs on them (ssh bob@tag:access@HOST 'COMMANDS').\n" +
		"% A shell, SFTP and SCP reach one device: bob@DEVICE@HOST.\n"
	if r := bob("tag:access", ""); r.status != 1 || r.stderr != oneDevice {
		t.Errorf("a shell on a selector: status %d, stderr %q", r.status, r.stderr)
	}
	if r := bob("tag:access", "scp -t flash:/x.cfg"); r.status != 1 || r.stderr != oneDevice {
		t.Errorf("scp on a selector: status %d, stderr %q", r.status, r.stderr)
	}
	sess, err := mustDial(t, e.gw.addr, "bob@tag:access", gossh.PublicKeys(e.bob)).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	stderr, _ := sess.StderrPipe()
	if err := sess.RequestSubsystem("sftp"); err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(stderr); string(got) != oneDevice {
		t.Errorf("sftp on a selector: stderr %q", got)
	}
}

// TestFanOutAudit: every device's lines are in the audit under the device's name, and the whole
// fan-out is one operation.
func TestFanOutAudit(t *testing.T) {
	e := startFanEnv(t)
	if r := e.alice(t, "acc*,core1", "display clock\ndisplay vlan 10"); r.status != 1 {
		t.Fatalf("fan-out: %+v", r)
	}
	e.au.mu.Lock()
	defer e.au.mu.Unlock()
	var got []string
	ops := map[string]bool{}
	for _, c := range e.au.commands {
		got = append(got, c.Device+" "+c.Command)
		ops[c.Op] = true
		if c.User != "alice" || c.DeviceUser != "alice" || c.Kind != AuditExec || c.ID == "" {
			t.Errorf("record %+v", c)
		}
	}
	slices.Sort(got)
	want := []string{"acc1 display clock", "acc1 display vlan 10", "acc2 display clock", "acc2 display vlan 10",
		"core1 display clock", "core1 display vlan 10"}
	if !slices.Equal(got, want) || len(ops) != 1 || ops[""] {
		t.Errorf("audit records %q under ops %v; want %q under one op", got, ops, want)
	}
}

// lostRemote is a real switch that ends the session after the first line.
type lostRemote struct{ *fakeRemote }

func (lostRemote) Exec(_ context.Context, _ string, stdout, _ io.Writer, _ func(switchctl.Ran)) (int, error) {
	_, _ = io.WriteString(stdout, "first line\r\n")
	return 1, errors.New("remote: the session with the device ended")
}

// TestFanOutDisconnected: a device that ends the session part-way is a result that says so, after
// what it printed, and the others go on with --keep-going.
func TestFanOutDisconnected(t *testing.T) {
	e := startFanEnv(t)
	r := e.alice(t, "real8,acc1", "--keep-going --parallel 1 display clock")
	want := "real8: % remote: the session with the device ended\n% 2 devices: 1 ok, 1 unreachable or timed out; did not succeed: real8\n"
	if r.status != 1 || !strings.HasPrefix(r.stdout, "real8: first line\nacc1: ") || r.stderr != want {
		t.Errorf("status %d, stdout %q\nstderr %q\nwant   %q", r.status, r.stdout, r.stderr, want)
	}
}

func TestFanReason(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{ErrEndedByDevice, "disconnected: the session was ended by the device (reboot or free); the rest of the command was not run"},
		{&SlotError{Limit: 16}, "the number of sessions reached the upper limit (16); try again later"},
		{&SlotError{Limit: 8, Mine: true}, "the number of your sessions on the device reached the upper limit (8); try again later"},
		{ErrNotStelnet, "the user is not authorized for Stelnet (ssh user ... service-type)"},
		{context.Canceled, "context canceled"},
	} {
		if got := fanReason(c.err).Error(); got != c.want {
			t.Errorf("fanReason(%v) = %q, want %q", c.err, got, c.want)
		}
	}
	if fanReason(nil) != nil {
		t.Error("fanReason(nil) is not nil")
	}
}

// hangRemote is a real switch that never answers: it says when an exec starts, and when its
// context ends.
type hangRemote struct {
	*fakeRemote
	started, ended chan struct{}
}

func newHangRemote() *hangRemote {
	return &hangRemote{fakeRemote: &fakeRemote{}, started: make(chan struct{}, 1), ended: make(chan struct{}, 1)}
}

func (h *hangRemote) Exec(ctx context.Context, _ string, _, _ io.Writer, _ func(switchctl.Ran)) (int, error) {
	h.started <- struct{}{}
	<-ctx.Done()
	h.ended <- struct{}{}
	return 1, context.Cause(ctx)
}

// TestFanOutEndsWithTheClient: a client that goes away ends the devices' runs; a device that does
// not answer is timed out after --timeout.
func TestFanOutEndsWithTheClient(t *testing.T) {
	e := startFanEnv(t)
	c := mustDial(t, e.gw.addr, "alice@real[7]", password("alice-pw"))
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start("display clock"); err != nil {
		t.Fatal(err)
	}
	<-e.hang.started
	c.Close()
	select {
	case <-e.hang.ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the device's run went on after the client went away")
	}

	r := e.alice(t, "real7,acc1", "--keep-going --timeout 50ms display clock")
	<-e.hang.started
	<-e.hang.ended
	if want := "real7: % timed out after 50ms\n"; r.status != 1 || !strings.HasPrefix(r.stderr, want) {
		t.Errorf("a device that does not answer: status %d, stderr %q, want it to begin %q", r.status, r.stderr, want)
	}
}
