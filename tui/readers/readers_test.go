package readers

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseIfBrief(t *testing.T) {
	b, err := ParseIfBrief(read(t, "facts-ifbrief.txt"))
	if err != nil {
		t.Fatal(err)
	}
	wantRoute := []RouteIf{
		{Name: "InLoop0", Link: "UP", Protocol: "UP(s)", IP: "--"},
		{Name: "NULL0", Link: "UP", Protocol: "UP(s)", IP: "--"},
		{Name: "Vlan1", Link: "UP", Protocol: "UP", IP: "192.168.1.83"},
	}
	if !reflect.DeepEqual(b.Route, wantRoute) {
		t.Errorf("route = %+v", b.Route)
	}
	wantBridge := []BridgeIf{
		{Name: "XGE1/0/1", Link: "UP", Speed: "10G(a)", Duplex: "F(a)", Type: "A", PVID: 1},
		{Name: "GE1/0/2", Link: "DOWN", Speed: "auto", Duplex: "A", Type: "A", PVID: 1},
		{Name: "GE1/0/3", Link: "ADM", Speed: "auto", Duplex: "A", Type: "T", PVID: 1, Description: "Uplink to  core"},
		{Name: "XGE1/0/49", Link: "UP", Speed: "10G", Duplex: "F", Type: "--"},
	}
	if !reflect.DeepEqual(b.Bridge, wantBridge) {
		t.Errorf("bridge = %+v", b.Bridge)
	}
	if !b.Bridge[0].Up() || !b.Bridge[2].AdminDown() || b.Bridge[2].Mode() != "trunk" || b.Bridge[3].Mode() != "--" {
		t.Error("BridgeIf helpers")
	}
	if _, err := ParseIfBrief("% Unrecognized command found at '^' position."); !errors.Is(err, ErrFormat) {
		t.Errorf("error text: %v", err)
	}
}

func TestParseVersion(t *testing.T) {
	v, err := ParseVersion(read(t, "facts-version.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := Version{Vendor: "H3C", Software: "7.1.070", Release: "6308", Product: "S6520-30SG-SI",
		Uptime: (4*7+3)*24*time.Hour + 13*time.Hour + 40*time.Minute, LastReboot: "Cold reboot",
		Slots: []Slot{{Number: 1, Board: "S6520-30SG-SI", DRAM: "1024M bytes", Flash: "1024M bytes"}}}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got  %+v\nwant %+v", v, want)
	}
	if _, err := ParseVersion("nothing"); !errors.Is(err, ErrFormat) {
		t.Errorf("error = %v", err)
	}
}

func TestParseVLANBrief(t *testing.T) {
	v, err := ParseVLANBrief(read(t, "facts-vlanbrief.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []VLAN{
		{ID: 1, Name: "VLAN 0001", Ports: []string{"FGE1/0/1", "FGE1/0/2", "FGE1/0/3", "FGE1/0/4", "FGE1/0/5", "FGE1/0/6"}},
		{ID: 10, Name: "VLAN 0010", Ports: []string{"FGE1/0/21"}},
		{ID: 20, Name: "VLAN 0020"},
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %+v", v)
	}
}

func TestParseLogBuffer(t *testing.T) {
	b, err := ParseLogBuffer(read(t, "facts-logbuffer.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !b.Enabled || b.MaxSize != 1024 || b.ActualSize != 512 || b.Overwritten != 718 || b.Current != 512 {
		t.Errorf("counters = %+v", b)
	}
	if len(b.Entries) != 4 {
		t.Fatalf("entries = %d: %+v", len(b.Entries), b.Entries)
	}
	e := b.Entries[0]
	if e.Mark != '%' || e.Module != "SYSLOG" || e.Severity != 7 || e.Mnemonic != "SYS_RESTART" || e.Text != "System restarted --" ||
		!e.Time.Equal(time.Date(2006, 6, 17, 15, 57, 9, 578e6, time.UTC)) || e.Sysname != "Sysname" {
		t.Errorf("entry 0 = %+v", e)
	}
	if e := b.Entries[1]; e.Time.Day() != 1 || e.Text != "Accepted password for zzy from 192.168.56.1 port 50308. a continuation line" {
		t.Errorf("entry 1 = %+v", e)
	}
	if e := b.Entries[2]; e.Mark != '#' || e.Severity != 1 {
		t.Errorf("entry 2 = %+v", e)
	}
	if e := b.Entries[3]; e.Mark != '*' || e.Severity != 7 || e.Text != "kex done garbage that is not a log line" {
		t.Errorf("entry 3 = %+v", e)
	}
	if SeverityName(4) != "warning" || SeverityName(9) != "-" {
		t.Error("SeverityName")
	}
}

func TestParseLogLine(t *testing.T) {
	e, ok := ParseLogLine("%Nov 25 10:38:12:320 2026 HPE SHELL/5/SHELL_LOGIN: VTY logged in from 10.0.0.1.")
	if !ok || e.Sysname != "HPE" || e.Module != "SHELL" || e.Severity != 5 || e.Text != "VTY logged in from 10.0.0.1." {
		t.Errorf("got %+v", e)
	}
	if e, ok := ParseLogLine("free text"); ok || e.Severity != -1 || e.Text != "free text" {
		t.Errorf("free text: %+v", e)
	}
}

func TestParseUsers(t *testing.T) {
	u, err := ParseUsers(read(t, "facts-users.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []UserLine{
		{Current: true, Idx: 177, Line: "VTY 0", Idle: "00:00:00", Time: "May 29 15:45:11", Pid: 1011, Type: "SSH", User: "admin", Location: "16.117.204.17"},
		{Idx: 178, Line: "VTY 1", Idle: "old", Time: "May 28 09:01:02", Pid: 1012, Type: "TEL", User: "bob", Location: "10.1.1.2"},
	}
	if !reflect.DeepEqual(u, want) {
		t.Errorf("got  %+v\nwant %+v", u, want)
	}
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig("#\n version 7.1.070, Release 3506P06\n#\n sysname Core-1\n#\nreturn\n")
	if err != nil || c.Sysname != "Core-1" || len(c.Lines) != 6 {
		t.Fatalf("got %+v, %v", c, err)
	}
	d, _ := ParseConfig(c.Text())
	if !c.Equal(d) {
		t.Error("Text round trip")
	}
	if _, err := ParseConfig("The saved configuration file does not exist."); !errors.Is(err, ErrFormat) {
		t.Errorf("no config: %v", err)
	}
}

func TestIfNames(t *testing.T) {
	for in, want := range map[string]string{"GE1/0/3": "GigabitEthernet1/0/3", "XGE1/0/25": "Ten-GigabitEthernet1/0/25",
		"Vlan10": "Vlan-interface10", "BAGG1": "Bridge-Aggregation1", "Odd7": "Odd7"} {
		if got := FullIfName(in); got != want {
			t.Errorf("FullIfName(%s) = %s", in, got)
		}
	}
	tests := []struct {
		typed, name string
		want        bool
	}{
		{"g1/0/3", "GE1/0/3", true}, {"gig 1/0/3", "GE1/0/3", true}, {"GE1/0/3", "GE1/0/3", true},
		{"xge1/0/25", "XGE1/0/25", true}, {"ten1/0/25", "XGE1/0/25", true}, {"g1/0/3", "XGE1/0/3", false},
		{"g1/0/31", "GE1/0/3", false}, {"1/0/3", "GE1/0/3", false},
	}
	for _, tt := range tests {
		if got := MatchIfName(tt.typed, tt.name); got != tt.want {
			t.Errorf("MatchIfName(%q, %q) = %v", tt.typed, tt.name, got)
		}
	}
}

// TestDeviceSamples reads output captured from vtyd's own device (testdata/vtyd-*.txt).
func TestDeviceSamples(t *testing.T) {
	if b, err := ParseIfBrief(read(t, "vtyd-ifbrief.txt")); err != nil || len(b.Bridge) != 28 || len(b.Route) != 3 ||
		b.Bridge[2].Link != "ADM" || b.Bridge[2].Description != "Uplink to core" || b.Bridge[4].PVID != 10 {
		t.Errorf("ifbrief: %v %+v", err, b)
	}
	if v, err := ParseVLANBrief(read(t, "vtyd-vlanbrief.txt")); err != nil || len(v) != 3 || v[1].Name != "Servers" ||
		len(v[0].Ports) != 27 || v[1].Ports[0] != "GE1/0/5" || v[2].Name != "VLAN 0020" {
		t.Errorf("vlanbrief: %v %+v", err, v)
	}
	if v, err := ParseVersion(read(t, "vtyd-version.txt")); err != nil || v.Vendor != "HPE" || v.Product != "5130-24G-4SFP+-EI" ||
		v.Uptime != 3*time.Hour+7*time.Minute || len(v.Slots) != 1 {
		t.Errorf("version: %v %+v", err, v)
	}
	if b, err := ParseLogBuffer(read(t, "vtyd-logbuffer.txt")); err != nil || len(b.Entries) == 0 || b.Entries[len(b.Entries)-1].Module != "SHELL" {
		t.Errorf("logbuffer: %v %+v", err, b)
	}
	if u, err := ParseUsers(read(t, "vtyd-users.txt")); err != nil || len(u) != 2 || u[1].User != "oper" || u[0].Location != "10.0.0.1" {
		t.Errorf("users: %v %+v", err, u)
	}
}
