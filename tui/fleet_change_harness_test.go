package tui

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"vtyd/switchctl"
)

// The change-many fixture: a fleet whose devices differ as a real fleet's do. acc1, acc2, flaky and
// real1 are 48-port switches, core1 a 28-port one (a batch for port 40 fails its check), real1 cannot check
// (a real switch), flaky drops the connection at its third line, and lab9 is listed but cannot be
// opened.

// trick is how a device of the trick fleet misbehaves.
type trick struct {
	noDryRun bool  // Check returns ErrNoDryRun, as a real switch's does
	failAt   int   // the Exec that fails (1 is the first), 0 for none
	failErr  error // what it returns
	hang     bool  // Exec waits for its context to end
	opens    int   // when > 0, Open fails after this many opens (the device went down)
}

// trickFleet is a fakeFleet whose devices misbehave as told.
type trickFleet struct {
	*fakeFleet
	tricks map[string]trick
	mu     sync.Mutex
	opens  map[string]int
}

// errDown is the fleet's word for a device that stopped answering.
var errDown = errors.New("unreachable: connection refused")

func (tf *trickFleet) Open(name string) (Backend, error) {
	tf.mu.Lock()
	tf.opens[name]++
	n := tf.opens[name]
	tf.mu.Unlock()
	if t := tf.tricks[name]; t.opens > 0 && n > t.opens {
		return nil, errDown
	}
	b, err := tf.fakeFleet.Open(name)
	if err != nil {
		return nil, err
	}
	t, ok := tf.tricks[name]
	if !ok {
		return b, nil
	}
	return trickBackend{Backend: b, console: &trickShell{Shell: b.Console(), t: t}}, nil
}

type trickBackend struct {
	Backend
	console Shell
}

func (b trickBackend) Console() Shell { return b.console }

type trickShell struct {
	Shell
	t  trick
	mu sync.Mutex
	n  int
}

func (s *trickShell) Check(lines []string) (int, error) {
	if s.t.noDryRun {
		return -1, ErrNoDryRun
	}
	return s.Shell.Check(lines)
}

func (s *trickShell) Exec(ctx context.Context, line string, w io.Writer) error {
	s.mu.Lock()
	s.n++
	n := s.n
	s.mu.Unlock()
	if s.t.hang {
		<-ctx.Done()
		return ctx.Err()
	}
	if n == s.t.failAt {
		return s.t.failErr
	}
	return s.Shell.Exec(ctx, line, w)
}

func (s *trickShell) BeginOperation(kind string) func() {
	return s.Shell.(operations).BeginOperation(kind)
}

func (s *trickShell) JoinOperation(kind, id string) func() {
	return s.Shell.(operations).JoinOperation(kind, id)
}

// errDropped is a connection lost under a line, as the remote driver words it.
var errDropped = errors.New("remote: flaky: the session with the device ended")

// changeFixture is a fleet console over the trick fleet, everything marked, with a fixed operation
// id; seen collects what the audit would record.
type changeFixture struct {
	*fleetFixture
	tf   *trickFleet
	mu   sync.Mutex
	seen []Observed
}

func newChangeFixture(t *testing.T, w, h int) *changeFixture {
	t.Helper()
	ff := newFleetFixture(t, fleetOpts{w: w, h: h, names: []string{"acc1", "acc2", "core1", "flaky", "real1"}})
	cf := &changeFixture{fleetFixture: ff}
	fl := ff.fl
	fl.mu.Lock()
	for _, n := range []string{"acc1", "acc2", "flaky", "real1"} {
		d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, NoRSA: true, BcryptCost: 4,
			AdminPassword: "x", Now: func() time.Time { return ff.clk }, Model: "5130-52", Name: n})
		if err != nil {
			t.Fatal(err)
		}
		fl.devs[n], fl.saved[n] = d, d.Generation()
	}
	fl.extra = append(fl.extra, DeviceSummary{Name: "lab9", Model: "5130-24G-4SFP+-EI", State: "not started: address in use", LogLevel: -1})
	fl.tags["acc1"], fl.tags["acc2"] = []string{"access"}, []string{"access"}
	fl.observe = func(o Observed) { cf.mu.Lock(); cf.seen = append(cf.seen, o); cf.mu.Unlock() }
	fl.mu.Unlock()
	cf.tf = &trickFleet{fakeFleet: fl, opens: map[string]int{}, tricks: map[string]trick{
		"real1": {noDryRun: true},
		"flaky": {failAt: 3, failErr: errDropped},
	}}
	ff.f.fleet = cf.tf
	ff.f.opID = func() string { return "0123456789ab" }
	ff.send(fleetTickMsg{gen: ff.f.tickGen})
	return cf
}

// batch48 configures a port only a 48-port switch has: core1's check rejects line 5.
const batch48 = "system-view\nvlan 30\n name Users\nquit\ninterface GigabitEthernet1/0/40\n port access vlan 30\nreturn\n"

// display runs a command on a device, as another session would, and returns its output.
func (cf *changeFixture) display(name, cmd string) string {
	cf.t.Helper()
	cf.fl.mu.Lock()
	d := cf.fl.devs[name]
	cf.fl.mu.Unlock()
	s := d.NewSession(switchctl.SessionInfo{User: "check", Roles: []string{switchctl.RoleAdmin}, Line: -1, Proto: "SSH", Remote: "192.0.2.9:1"})
	var b strings.Builder
	if err := s.Exec(context.Background(), cmd, &b); err != nil {
		cf.t.Fatalf("%s: %s: %v", name, cmd, err)
	}
	return b.String()
}
