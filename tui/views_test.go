package tui

import (
	"strings"
	"testing"

	"vtyd/switchctl"
)

// TestTabs walks the tabbed views with ←/→ and the : commands that jump to a tab.
func TestTabs(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.enrich()
	f.key("4")
	if s := f.screen(); f.currentTitle() != "Routes" || !strings.Contains(s, "0.0.0.0/0          Static 60") {
		t.Errorf("Routing opens on the routes:\n%s", s)
	}
	f.key("right")
	if s := f.screen(); f.currentTitle() != "IP interfaces" || !strings.Contains(s, "Servers gateway") {
		t.Errorf("→ shows the IP interfaces:\n%s", s)
	}
	f.key("right")
	if f.currentTitle() != "Routes" {
		t.Errorf("→ wraps around: %s", f.currentTitle())
	}
	for cmd, want := range map[string]string{"arp": "ARP", "lldp": "LLDP", "mac": "MAC", "keys": "Host keys", "ssh": "SSH server", "users": "Users", "route": "Routes"} {
		f.key(":")
		f.typeText(cmd)
		f.key("enter")
		if got := f.currentTitle(); got != want {
			t.Errorf(":%s shows %s", cmd, got)
		}
	}
	f.key(":")
	f.typeText("sessions")
	f.key("enter")
	if f.m.view != viewSessions || !strings.Contains(f.screen(), "198.51.100.7") {
		t.Errorf(":sessions:\n%s", f.screen())
	}
	f.send(sizeMsg(80, 24))
	f.key(":")
	f.typeText("ssh")
	f.key("enter", "down")
	if f.m.sshinfo.off != 1 {
		t.Errorf("↓ does not scroll the SSH server tab: offset %d", f.m.sshinfo.off)
	}
	var b strings.Builder
	for _, l := range f.m.sshinfo.lines {
		b.WriteString(l.text + "\n")
	}
	if s := b.String(); !strings.Contains(s, "Encryption") || !strings.Contains(s, "chacha20-poly1305") {
		t.Errorf("SSH server tab:\n%s", s)
	}
}

// currentTitle is the title of the tab shown.
func (f *fixture) currentTitle() string {
	tabs := f.m.view.tabs()
	if tabs == nil {
		return f.m.view.String()
	}
	return tabs[f.m.tab[f.m.view]]
}

// TestInterfaceDetail opens an interface from the Interfaces and LLDP tables: the detail starts
// with the state, trunk VLANs and rates, then the display in full.
func TestInterfaceDetail(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.enrich()
	f.selectIf("GE1/0/2")
	if r, _ := f.m.ifs.selected(); r[6] == "" || r[7] == "" {
		t.Errorf("no rates in the row: %v", r)
	}
	f.key("enter")
	var b strings.Builder
	for _, l := range f.m.detail.lines {
		b.WriteString(l.text + "\n")
	}
	s := b.String()
	for _, want := range []string{"State UP · trunk port, PVID 1", "Trunk VLANs permitted: 1(default vlan), 10, 20", "Rate (last 300 s): in ", "Port link-type: Trunk"} {
		if !strings.Contains(s, want) {
			t.Errorf("detail lacks %q:\n%s", want, s)
		}
	}
	f.key("esc", ":")
	f.typeText("lldp")
	f.key("enter")
	if !f.m.lldp.selectWhere(func(r []string) bool { return r[0] == "XGE1/0/25" }) {
		t.Fatal("no LLDP neighbour on XGE1/0/25")
	}
	f.key("enter")
	if s := f.screen(); !strings.Contains(s, "display interface Ten-GigabitEthernet1/0/25") || !strings.Contains(s, "State UP · access port") {
		t.Errorf("detail from LLDP:\n%s", s)
	}
}

// TestLargeMACTable scrolls and filters 10,000 MAC entries; only the rows on screen are drawn.
func TestLargeMACTable(t *testing.T) {
	f := newFixture(t, fixtureOpts{w: 120, h: 40})
	largeMAC(t, f, 10000)
	f.key("end")
	if s := f.screen(); f.m.macs.cur != 9999 || !strings.Contains(s, "▸0200-0002-070f") || !strings.Contains(s, "MAC (10000)") {
		t.Errorf("end: cursor %d\n%s", f.m.macs.cur, s)
	}
	if n := strings.Count(f.screen(), "Learned"); n != f.m.macs.height {
		t.Errorf("%d rows drawn, %d on screen", n, f.m.macs.height)
	}
	f.key("/")
	f.typeText("ge1/0/48 ")
	f.key("enter")
	if n := len(f.m.macs.idx); n != 208 {
		t.Errorf("/ge1/0/48: %d rows, want 208", n)
	}
}

// TestLogsTail checks that a console away from the Logs view keeps only the latest log lines, and
// that the Logs view reads the whole buffer.
func TestLogsTail(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	for i := 0; i < 100; i++ {
		f.exec("system-view", "vlan 2", "return")
	}
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
	f.m.data.stale[resLogs] = true
	f.key("1")
	if n := len(f.m.data.logs); n != tailLogs || f.m.data.logsFull {
		t.Errorf("dashboard keeps %d log lines (full %v), want %d", n, f.m.data.logsFull, tailLogs)
	}
	f.key("6")
	if n := len(f.m.data.logs); n <= tailLogs || !f.m.data.logsFull || len(f.m.logs.rows) != n {
		t.Errorf("Logs view: %d lines, %d rows (full %v)", n, len(f.m.logs.rows), f.m.data.logsFull)
	}
	f.key("1")
	if n := len(f.m.data.logs); n != tailLogs || len(f.m.logs.rows) != 0 {
		t.Errorf("after leaving Logs: %d lines, %d rows", n, len(f.m.logs.rows))
	}
}

// TestDashboardHoldsLittle: a console left on the dashboard builds no interface or VLAN table and
// keeps no VLAN list and no copy of the configurations, yet counts the VLANs and says the
// configurations differ; the VLANs and Configuration views read them again and let go of them
// when left.
func TestDashboardHoldsLittle(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	if len(f.m.ifs.rows) != 0 || len(f.m.vlans.rows) != 0 || len(f.m.data.vlans) != 0 ||
		len(f.m.data.running.Lines) != 0 || len(f.m.conf.lines) != 0 {
		t.Errorf("dashboard holds %d interface rows, %d VLAN rows, %d VLANs, %d configuration lines, %d diff lines",
			len(f.m.ifs.rows), len(f.m.vlans.rows), len(f.m.data.vlans), len(f.m.data.running.Lines), len(f.m.conf.lines))
	}
	if s := f.screen(); !strings.Contains(s, "unsaved changes") || !strings.Contains(s, "Unsaved: +") ||
		!strings.Contains(s, "3 VLANs") {
		t.Errorf("the dashboard does not say the configuration is unsaved, or the VLAN count:\n%s", s)
	}
	f.key("3")
	if len(f.m.vlans.rows) != 3 {
		t.Errorf("the VLANs view has %d rows", len(f.m.vlans.rows))
	}
	f.key("9")
	if s := f.screen(); !strings.Contains(s, "+vlan 10") || !f.m.data.configFull {
		t.Errorf("the Configuration view does not show the diff:\n%s", s)
	}
	f.key("2")
	if len(f.m.ifs.rows) == 0 || len(f.m.data.running.Lines) != 0 || len(f.m.conf.lines) != 0 || len(f.m.data.vlans) != 0 {
		t.Errorf("Interfaces: %d rows; %d configuration lines, %d diff lines and %d VLANs kept",
			len(f.m.ifs.rows), len(f.m.data.running.Lines), len(f.m.conf.lines), len(f.m.data.vlans))
	}
}

// TestSidebarCounts: the sidebar's port and VLAN counts follow a change made elsewhere; a view that
// does not read them again drops them rather than show a stale count.
func TestSidebarCounts(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	if s := f.screen(); !strings.Contains(s, "│ VLANs    3") {
		t.Fatalf("sidebar:\n%s", s)
	}
	f.key("4") // Routing reads neither ports nor VLANs
	f.exec("system-view", "vlan 55", "return")
	f.send(eventsMsg{events: []Event{{Kind: EventConfig}}})
	if s := f.screen(); strings.Contains(s, "│ VLANs    ") || strings.Contains(s, "│  up  ") {
		t.Errorf("stale counts in the sidebar:\n%s", s)
	}
	f.key("1")
	if s := f.screen(); !strings.Contains(s, "│ VLANs    4") || !strings.Contains(s, "│  up  ") {
		t.Errorf("the dashboard's sidebar does not count the new VLAN:\n%s", s)
	}
}

// TestPoll checks that the timer reads again what moves without events, and only what is shown.
func TestPoll(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.key("7")
	gen := f.m.data.gen
	f.send(tickMsg{}) // the poll is due: pollAt is zero in manual mode
	if f.m.data.gen[resSessions] != gen[resSessions]+1 || f.m.data.gen[resSystem] != gen[resSystem] {
		t.Errorf("poll on Sessions: generations %v -> %v", gen, f.m.data.gen)
	}
	f.d.Register(switchctl.SessionInfo{User: "eve", Line: 9, Proto: "SSH", Remote: "203.0.113.9:2"})
	ch, stop := f.d.Subscribe(8)
	defer stop()
	f.d.Register(switchctl.SessionInfo{User: "mallory", Line: 10, Proto: "SSH", Remote: "203.0.113.10:2"})
	var evs []Event
	for len(ch) > 0 {
		evs = append(evs, <-ch)
	}
	f.send(eventsMsg{events: evs})
	if s := f.screen(); !strings.Contains(s, "mallory") || !strings.Contains(s, "eve") {
		t.Errorf("a login does not refresh the Sessions view:\n%s", s)
	}
}
