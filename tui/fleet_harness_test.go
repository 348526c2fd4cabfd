package tui

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/switchctl"
	"vtyd/themes"
)

// fakeFleet is a fleet of embedded switchctl devices, as the gateway will offer one: some devices
// open, one listed but down, one that exists but is not the session's (secret). It counts the
// backends it opened and closed per device.
type fakeFleet struct {
	mu      sync.Mutex
	devs    map[string]*switchctl.Device
	extra   []DeviceSummary // listed, never opened: a device that did not start
	tags    map[string][]string
	logLvl  map[string]int
	opened  map[string]int
	closed  map[string]int
	ownEv   bool              // backends get an events channel of their own, which the test closes
	backs   []*fakeBackend    // every backend opened, in order
	endText string            // what a backend's EndMessage says ("" : it has none)
	saved   map[string]uint64 // the configuration generation the fake calls saved
	addr    map[string]string
	observe ObserveFunc // when set, every backend opened reports its lines here (the audit)
}

// errNoDevice is the fleet's one wording for a device that does not exist and one the session may
// not open.
var errNoDevice = errors.New("no such device, or not one you may open")

func newFakeFleet(t testing.TB, now func() time.Time, names ...string) *fakeFleet {
	t.Helper()
	fl := &fakeFleet{devs: map[string]*switchctl.Device{}, opened: map[string]int{}, closed: map[string]int{},
		saved: map[string]uint64{}, tags: map[string][]string{}, logLvl: map[string]int{}, addr: map[string]string{}}
	for i, n := range append(names, "secret") {
		fl.addr[n] = fmt.Sprintf("127.0.0.1:%d", 2201+i)
		d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, NoRSA: true, BcryptCost: 4,
			AdminPassword: "x", Now: now, Model: "5130-28", Name: n})
		if err != nil {
			t.Fatal(err)
		}
		fl.devs[n] = d
		fl.saved[n] = d.Generation()
	}
	return fl
}

func (fl *fakeFleet) Devices() []DeviceSummary {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	var out []DeviceSummary
	for n, d := range fl.devs {
		if n == "secret" {
			continue
		}
		lvl, ok := fl.logLvl[n]
		if !ok {
			lvl = -1
		}
		out = append(out, DeviceSummary{Name: n, Model: d.Model().Product, Address: fl.addr[n],
			Tags: fl.tags[n], State: "up", Uptime: d.Uptime(), PortsUp: 12, PortsDown: 16, Unsaved: d.Generation() != fl.saved[n], LogLevel: lvl})
	}
	out = append(out, fl.extra...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (fl *fakeFleet) Open(name string) (Backend, error) {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	d, ok := fl.devs[name]
	if !ok || name == "secret" {
		return nil, errNoDevice
	}
	fl.opened[name]++
	cli := d.NewSession(switchctl.SessionInfo{User: "alice", Roles: []string{switchctl.RoleAdmin}, Line: fl.opened[name], Proto: "SSH", Remote: "192.0.2.20:1"})
	b := &fakeBackend{SwitchBackend: NewSwitchBackend(d, cli), fl: fl, name: name, end: fl.endText}
	if fl.observe != nil {
		b.Observe(fl.observe)
	}
	if fl.ownEv {
		b.ev = make(chan Event)
	}
	fl.backs = append(fl.backs, b)
	if b.end != "" {
		return endedBackend{b}, nil
	}
	return b, nil
}

// counts are the backends of a device opened and closed so far.
func (fl *fakeFleet) counts(name string) (opened, closed int) {
	fl.mu.Lock()
	defer fl.mu.Unlock()
	return fl.opened[name], fl.closed[name]
}

// fakeBackend is a fleet device's backend: the embedded switch's, counted, with an events channel
// the test may close and an EndMessage when the fleet gives one.
type fakeBackend struct {
	*SwitchBackend
	fl   *fakeFleet
	name string
	ev   chan Event
	end  string
}

func (b *fakeBackend) Events() <-chan Event {
	if b.ev != nil {
		return b.ev
	}
	return b.SwitchBackend.Events()
}

func (b *fakeBackend) Close() error {
	b.fl.mu.Lock()
	b.fl.closed[b.name]++
	b.fl.mu.Unlock()
	return b.SwitchBackend.Close()
}

// endedBackend is a fakeBackend that says why it ended.
type endedBackend struct{ *fakeBackend }

func (b endedBackend) EndMessage() string { return b.end }

// fleetFixture drives a fleet console message by message, as fixture does a device's.
type fleetFixture struct {
	t      testing.TB
	fl     *fakeFleet
	f      *fleetModel
	quit   bool
	keyClk time.Time
	clk    time.Time
}

type fleetOpts struct {
	role   string
	device string // opened first
	w, h   int
	names  []string
}

func newFleetFixture(t testing.TB, o fleetOpts) *fleetFixture {
	t.Helper()
	if o.role == "" {
		o.role = switchctl.RoleAdmin
	}
	if o.w == 0 {
		o.w, o.h = 80, 24
	}
	if o.names == nil {
		o.names = []string{"core1", "core2", "edge1"}
	}
	ff := &fleetFixture{t: t, clk: bootTime, keyClk: bootTime}
	now := func() time.Time { return ff.clk }
	ff.fl = newFakeFleet(t, now, o.names...)
	ff.clk = ff.clk.Add(3*time.Hour + 7*time.Minute)
	ff.f = newFleetModel(ff.fl, o.device, Options{Theme: themes.Default(), User: "alice", Role: o.role, Width: o.w, Height: o.h, Now: now})
	ff.f.manual = true
	ff.f.keyNow = func() time.Time { return ff.keyClk }
	t.Cleanup(ff.f.close)
	ff.send(ff.f.Init()())
	return ff
}

// send delivers messages and everything that follows from them, as the program would.
func (ff *fleetFixture) send(msgs ...tea.Msg) {
	ff.t.Helper()
	pump(ff.t, msgs, func(msg tea.Msg) tea.Cmd {
		_, cmd := ff.f.Update(msg)
		return cmd
	}, func() { ff.keyClk = ff.keyClk.Add(time.Second) }, func() { ff.quit = true })
}

func (ff *fleetFixture) key(keys ...string) {
	ff.t.Helper()
	for _, k := range keys {
		if k == "f2" {
			ff.send(tea.KeyPressMsg(tea.Key{Code: tea.KeyF2}))
			continue
		}
		ff.send(keyMsg(k))
	}
}

func (ff *fleetFixture) typeText(s string) {
	ff.t.Helper()
	for _, r := range s {
		ff.send(keyMsg(string(r)))
	}
}

// command types a ":" command and runs it.
func (ff *fleetFixture) command(text string) {
	ff.t.Helper()
	ff.key(":")
	ff.typeText(text)
	ff.key("enter")
}

// screen is the console as text (ANSI stripped, trailing blanks removed); it fails the test unless
// the frame is exactly the terminal's size.
func (ff *fleetFixture) screen() string {
	ff.t.Helper()
	return strings.Join(frameLines(ff.t, ff.f.View().Content, ff.f.w, ff.f.h), "\n") + "\n"
}

// header is the screen's first line.
func (ff *fleetFixture) header() string {
	ff.t.Helper()
	return strings.SplitN(ff.screen(), "\n", 2)[0]
}

// row is the dashboard line of device name, "" when it is not shown.
func (ff *fleetFixture) row(name string) string {
	ff.t.Helper()
	for _, l := range strings.Split(ff.screen(), "\n") {
		if f := strings.Fields(strings.Trim(l, "│|▸>✓+ ")); len(f) > 0 && f[0] == name {
			return l
		}
	}
	return ""
}
