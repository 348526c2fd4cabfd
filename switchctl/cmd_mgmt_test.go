package switchctl

import (
	"strings"
	"testing"
	"time"
)

// TestNTPSynchronisesWhenAServerIsRoutable: the clock follows the first server the routing table
// reaches, priority first, once a poll interval has passed; a server behind a black hole never
// answers.
func TestNTPSynchronisesWhenAServerIsRoutable(t *testing.T) {
	for _, tc := range []struct {
		name    string
		config  []string
		wait    time.Duration
		status  string
		peer    string
		session string
	}{
		{"no route", []string{"ntp-service unicast-server 10.1.1.1"}, 2 * ntpPoll, "unsynchronized", "0.0.0.0", "[5]    10.1.1.1 "},
		{"too early", []string{"interface Vlan-interface1", "ip address 10.1.1.9 24", "quit", "ntp-service unicast-server 10.1.1.1"},
			ntpPoll / 2, "unsynchronized", "0.0.0.0", "[2345] 10.1.1.1 "},
		{"connected", []string{"interface Vlan-interface1", "ip address 10.1.1.9 24", "quit", "ntp-service unicast-server 10.1.1.1"},
			ntpPoll, "synchronized", "10.1.1.1", "[12345]10.1.1.1 "},
		{"priority first", []string{"interface Vlan-interface1", "ip address 10.1.1.9 24", "quit", "ip route-static 0.0.0.0 0 10.1.1.254",
			"ntp-service unicast-server 10.1.1.1", "ntp-service unicast-server 192.0.2.1 priority"}, ntpPoll, "synchronized", "192.0.2.1", "[12345]192.0.2.1 "},
		{"black hole", []string{"ip route-static 192.0.2.0 24 NULL0", "ntp-service unicast-server 192.0.2.1"}, ntpPoll, "unsynchronized", "0.0.0.0", "[5]    192.0.2.1 "},
		{"clock protocol none", []string{"interface Vlan-interface1", "ip address 10.1.1.9 24", "quit", "ntp-service unicast-server 10.1.1.1",
			"clock protocol none"}, ntpPoll, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newSimRig(t, Options{})
			r.run(append(append([]string{"system-view", "ntp-service enable"}, tc.config...), "return")...)
			r.clock.Advance(tc.wait)
			status := r.run("display ntp-service status")
			if tc.status == "" {
				if status != " NTP service is not enabled.\n" {
					t.Errorf("status:\n%s", status)
				}
				return
			}
			if !strings.Contains(status, " Clock status: "+tc.status+"\n") || !strings.Contains(status, " System peer: "+tc.peer+"\n") {
				t.Errorf("status, want %s to %s:\n%s", tc.status, tc.peer, status)
			}
			if s := r.run("display ntp-service sessions"); !strings.Contains(s, "\n"+tc.session) {
				t.Errorf("sessions lack %q:\n%s", tc.session, s)
			}
		})
	}
}

// TestClockTimezone: display clock shows local time and the zone.
func TestClockTimezone(t *testing.T) {
	r := newSimRig(t, Options{})
	if got := r.run("display clock"); got != "10:00:00 UTC Wed 11/25/2026\n" {
		t.Errorf("display clock = %q", got)
	}
	r.run("system-view", "clock timezone BJ add 08:00:00")
	if got := r.run("display clock"); got != "18:00:00 BJ Wed 11/25/2026\nTime Zone : BJ add 08:00:00\n" {
		t.Errorf("display clock = %q", got)
	}
	r.run("clock timezone PST minus 08:30:00")
	if got := r.run("display clock"); got != "01:30:00 PST Wed 11/25/2026\nTime Zone : PST minus 08:30:00\n" {
		t.Errorf("display clock = %q", got)
	}
	if !strings.Contains(r.d.CurrentConfig(), "\n sysname HPE\n#\n clock timezone PST minus 08:30:00\n#\n") {
		t.Errorf("configuration:\n%s", r.d.CurrentConfig())
	}
}

// TestLLDPFollowsItsSwitches: a port learns its neighbour only while LLDP runs globally and on the
// port, and receives.
func TestLLDPFollowsItsSwitches(t *testing.T) {
	r := newSimRig(t, Options{})
	r.run(labConfig(r.d.model)...)
	list := r.run("display lldp neighbor-information list")
	var port string
	for _, l := range strings.Split(list, "\n")[4:] {
		if f := strings.Fields(l); len(f) == 4 && strings.HasPrefix(f[1], "GE") {
			port = f[1]
			break
		}
	}
	if port == "" {
		t.Fatalf("no GE neighbour in the lab:\n%s", list)
	}
	full := "GigabitEthernet" + strings.TrimPrefix(port, "GE")
	has := func() bool {
		return strings.Contains(r.run("display lldp neighbor-information interface "+full+" verbose"), "LLDP neighbor-information of port")
	}
	if !has() {
		t.Fatalf("%s has no neighbour block", full)
	}
	for _, tc := range []struct {
		lines []string
		want  bool
	}{
		{[]string{"lldp admin-status tx"}, false},
		{[]string{"lldp admin-status rx"}, true},
		{[]string{"lldp admin-status disable"}, false},
		{[]string{"undo lldp admin-status", "undo lldp enable"}, false},
		{[]string{"lldp enable"}, true},
	} {
		r.run(append([]string{"system-view", "interface " + full}, append(tc.lines, "return")...)...)
		if got := has(); got != tc.want {
			t.Errorf("after %q: neighbour shown %v, want %v", tc.lines, got, tc.want)
		}
	}
	r.run("system-view", "undo lldp global enable", "return")
	if got := r.run("display lldp neighbor-information verbose"); got != lldpNotRunning+"\n" {
		t.Errorf("with LLDP off: %q", got)
	}
}

// TestSNMPCommunityIsMaskedInTheLog: a community is a password; the log buffer masks it.
func TestSNMPCommunityIsMaskedInTheLog(t *testing.T) {
	d := newTestDevice(t)
	mustExec(t, adminSession(d), "system-view", "snmp-agent community read s3cretCommunity")
	for _, e := range d.LogEntries() {
		if strings.Contains(e, "s3cretCommunity") {
			t.Fatalf("the community is logged: %s", e)
		}
	}
	if !strings.Contains(d.CurrentConfig(), " snmp-agent community read s3cretCommunity\n") {
		t.Errorf("configuration:\n%s", d.CurrentConfig())
	}
}
