package tui

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"vtyd/switchctl"
	"vtyd/themes"
)

// fixture is a console on a real switchctl device with a frozen clock, driven message by message:
// commands run synchronously in the test goroutine and their messages are fed back to Update.
type fixture struct {
	t    testing.TB
	d    *switchctl.Device
	clk  time.Time
	m    *Model
	quit bool
	// keyClk is the clock the console times keys with; each key press moves it on by step (1s
	// unless a test types a burst), so that keys answer dialogs as a person's would.
	keyClk time.Time
	step   time.Duration
}

type fixtureOpts struct {
	model  string // switchctl model ID
	role   string
	theme  string
	w, h   int
	noSeed bool // skip the setup commands
	noInit bool // do not run the model's first reads: the console has just started
}

// bootTime is the device's frozen boot time; the console looks at it 3h07m later.
var bootTime = time.Date(2026, 11, 25, 10, 38, 12, 320e6, time.UTC)

func newFixture(t testing.TB, o fixtureOpts) *fixture {
	t.Helper()
	if o.role == "" {
		o.role = switchctl.RoleAdmin
	}
	if o.w == 0 {
		o.w, o.h = 120, 40
	}
	f := &fixture{t: t, clk: bootTime}
	now := func() time.Time { return f.clk }
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "x", Now: now, Model: o.model})
	if err != nil {
		t.Fatal(err)
	}
	f.d = d
	f.clk = f.clk.Add(3*time.Hour + 7*time.Minute)
	if !o.noSeed {
		setup := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 1, Proto: "SSH", Remote: "192.0.2.9:40000"})
		for _, l := range []string{"system-view", "vlan 10", "name Servers", "vlan 20", "quit",
			"interface GigabitEthernet1/0/3", "description Uplink core", "shutdown",
			"interface GigabitEthernet1/0/5", "port access vlan 10", "return"} {
			if err := setup.Exec(context.Background(), l, io.Discard); err != nil {
				t.Fatalf("setup %q: %v", l, err)
			}
		}
	}
	cli := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{o.role}, Line: 0, Proto: "SSH", Remote: "192.0.2.10:50000"})
	b := NewSwitchBackend(d, cli)
	t.Cleanup(func() { b.Close() })
	th := themes.Default()
	if o.theme != "" {
		th, err = themes.Get(o.theme)
		if err != nil {
			t.Fatal(err)
		}
	}
	f.setModel(New(b, Options{Theme: th, User: "admin", Role: o.role, Width: o.w, Height: o.h, Now: now}))
	if !o.noInit {
		f.run(f.m.initCmds()...)
	}
	return f
}

// setModel makes m the fixture's console: driven message by message, keys timed by keyClk.
func (f *fixture) setModel(m *Model) {
	f.m = m
	f.m.manual = true
	f.keyClk, f.step = bootTime, time.Second
	f.m.keyNow = func() time.Time { return f.keyClk }
}

// send delivers a message and everything that follows from it.
func (f *fixture) send(msgs ...tea.Msg) {
	f.t.Helper()
	pump(f.t, msgs, func(msg tea.Msg) tea.Cmd {
		next, cmd := f.m.Update(msg)
		f.m = next.(*Model)
		return cmd
	}, func() { f.keyClk = f.keyClk.Add(f.step) }, func() { f.quit = true })
}

// pump delivers msgs and everything that follows from them, as the program would: update takes
// one message, key is called before a key press is delivered, quit on a tea.QuitMsg.
func pump(t testing.TB, msgs []tea.Msg, update func(tea.Msg) tea.Cmd, key, quit func()) {
	t.Helper()
	queue := append([]tea.Msg(nil), msgs...)
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			t.Fatal("message loop does not settle")
		}
		msg := queue[0]
		queue = queue[1:]
		switch mm := msg.(type) {
		case nil:
			continue
		case tea.BatchMsg:
			for _, c := range mm {
				if c != nil {
					queue = append(queue, c())
				}
			}
			continue
		case tea.QuitMsg:
			quit()
			continue
		}
		if _, ok := msg.(tea.KeyPressMsg); ok {
			key()
		}
		if cmd := update(msg); cmd != nil {
			queue = append(queue, cmd())
		}
	}
}

// run executes commands as the program would.
func (f *fixture) run(cmds ...tea.Cmd) {
	f.t.Helper()
	for _, c := range cmds {
		if c != nil {
			f.send(c())
		}
	}
}

// key types keys: names such as "tab", "enter", "esc", "ctrl+c", "f1", or text typed as is.
func (f *fixture) key(keys ...string) {
	f.t.Helper()
	for _, k := range keys {
		f.send(keyMsg(k))
	}
}

// typeText types each rune of s.
func (f *fixture) typeText(s string) {
	f.t.Helper()
	for _, r := range s {
		f.send(keyMsg(string(r)))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]tea.Key{
		"tab": {Code: tea.KeyTab}, "shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "enter": {Code: tea.KeyEnter},
		"esc": {Code: tea.KeyEscape}, "up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "pgup": {Code: tea.KeyPgUp},
		"pgdown": {Code: tea.KeyPgDown}, "home": {Code: tea.KeyHome}, "end": {Code: tea.KeyEnd},
		"backspace": {Code: tea.KeyBackspace}, "f1": {Code: tea.KeyF1}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
		"ctrl+z": {Code: 'z', Mod: tea.ModCtrl}, "space": {Code: tea.KeySpace, Text: " "},
	}
	if s, ok := special[k]; ok {
		return tea.KeyPressMsg(s)
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg(tea.Key{Code: r, Text: k})
}

var hashRE = regexp.MustCompile(`\$h\$6\$[A-Za-z0-9+/=$]*`)

// screen is the console as text: ANSI stripped, trailing blanks removed, password hashes ($h$6$,
// salted at random) masked. It fails the test unless the frame is exactly the terminal's size.
func (f *fixture) screen() string {
	f.t.Helper()
	lines := frameLines(f.t, f.m.View().Content, f.m.w, f.m.h)
	for i, l := range lines {
		lines[i] = hashRE.ReplaceAllStringFunc(l, func(h string) string { return "$h$6$" + strings.Repeat("x", len(h)-5) })
	}
	return strings.Join(lines, "\n") + "\n"
}

// frameLines is a frame's lines, ANSI stripped and trailing blanks removed; it fails the test
// unless the frame is exactly w×h cells.
func frameLines(t testing.TB, content string, w, h int) []string {
	t.Helper()
	lines := strings.Split(ansi.Strip(content), "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, terminal %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			t.Errorf("line %d is %d cells wide, terminal %d: %q", i, lw, w, l)
		}
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// exec runs a command on the device as another admin, as if from another session.
func (f *fixture) exec(lines ...string) {
	f.t.Helper()
	s := f.d.NewSession(switchctl.SessionInfo{User: "root", Roles: []string{switchctl.RoleAdmin}, Line: 2, Proto: "SSH", Remote: "192.0.2.11:1"})
	for _, l := range lines {
		if err := s.Exec(context.Background(), l, io.Discard); err != nil {
			f.t.Fatalf("%q: %v", l, err)
		}
	}
}

func pasteMsg(s string) tea.PasteMsg { return tea.PasteMsg{Content: s} }

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// bigPaste is a configuration over the paste limit.
func bigPaste() string {
	var b strings.Builder
	b.WriteString("system-view\n")
	for i := 100; b.Len() <= PasteLimit; i++ {
		fmt.Fprintf(&b, "vlan %d\n name Users-%d\n", i, i)
	}
	return b.String()
}

// display runs a display command on the device from another session and returns its output.
func (f *fixture) display(line string) string {
	f.t.Helper()
	s := f.d.NewSession(switchctl.SessionInfo{User: "root", Roles: []string{switchctl.RoleAdmin}, Line: 3, Proto: "SSH", Remote: "192.0.2.12:1"})
	var b strings.Builder
	if err := s.Exec(context.Background(), line, &b); err != nil {
		f.t.Fatalf("%q: %v", line, err)
	}
	return b.String()
}

// dialogText is the open dialog's body as text, or "" when none is open.
func (f *fixture) dialogText() string {
	if f.m.dlg == nil {
		return ""
	}
	var b strings.Builder
	for _, l := range f.m.dlg.body.lines {
		b.WriteString(l.text + "\n")
	}
	return b.String()
}

// lastRecord is the newest command-log entry.
func (f *fixture) lastRecord() logRecord {
	f.t.Helper()
	if len(f.m.cmdlog) == 0 {
		f.t.Fatal("the command log is empty")
	}
	return f.m.cmdlog[len(f.m.cmdlog)-1]
}

// ranLines is what a command-log entry ran.
func ranLines(r logRecord) []string {
	var out []string
	for _, l := range r.results {
		out = append(out, l.line)
	}
	return out
}

// selectIf moves the Interfaces view's cursor to name.
func (f *fixture) selectIf(name string) {
	f.t.Helper()
	f.key("2")
	if !f.m.ifs.selectWhere(func(r []string) bool { return r[0] == name }) {
		f.t.Fatalf("no interface %s", name)
	}
}

// selectVLAN moves the VLANs view's cursor to id.
func (f *fixture) selectVLAN(id string) {
	f.t.Helper()
	f.key("3")
	if !f.m.vlans.selectWhere(func(r []string) bool { return r[0] == id }) {
		f.t.Fatalf("no VLAN %s", id)
	}
}

// cliText is the CLI scrollback.
func cliText(f *fixture) string {
	var b strings.Builder
	for _, l := range f.m.cli.out.lines {
		b.WriteString(l.text + "\n")
	}
	return b.String()
}

// enrich gives the device what the Routing, Sessions and Users & SSH views show: IP interfaces and
// a static route, a trunk, a second user with an SSH entry, and three logins (the console's own on
// line 0, another shell, an SFTP session). Logins are registered at the fixture's frozen time.
func (f *fixture) enrich() {
	f.t.Helper()
	f.exec("system-view", "interface Vlan-interface1", "ip address 192.168.1.1 24", "interface Vlan-interface10",
		"description Servers gateway", "ip address 10.10.0.1 255.255.255.0", "quit",
		"ip route-static 0.0.0.0 0 192.168.1.254", "ip route-static 10.99.0.0 16 10.10.0.254 preference 70",
		"interface GigabitEthernet1/0/2", "port link-type trunk", "port trunk permit vlan 10 20",
		"local-user ops class manage", "password simple Ops-pass1", "service-type ssh", "authorization-attribute user-role level-3", "quit",
		"ssh user ops service-type stelnet authentication-type password", "return")
	for _, l := range []switchctl.SessionInfo{
		{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0, Proto: "SSH", Remote: "192.0.2.10:50000"},
		{User: "ops", Roles: []string{"level-3"}, Line: 3, Proto: "SSH", Remote: "198.51.100.7:40022"},
		{User: "admin", Line: -1, Proto: "SFTP", Remote: "192.0.2.10:50001"},
	} {
		f.d.Register(l)
	}
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
}
