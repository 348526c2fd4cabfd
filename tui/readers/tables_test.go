package readers

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// notDisplay is what every reader must refuse with ErrFormat: an error message, not a display.
const notDisplay = " % Unrecognized command found at '^' position."

func TestParseRoutingTable(t *testing.T) {
	rt, err := ParseRoutingTable(read(t, "vtyd-routes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if rt.Destinations != 18 || rt.Routes != 18 || len(rt.Entries) != 18 {
		t.Fatalf("counters %d/%d, %d entries", rt.Destinations, rt.Routes, len(rt.Entries))
	}
	want := Route{Destination: "10.99.0.0/16", Proto: "Static", Pre: 70, NextHop: "10.10.0.254", Interface: "Vlan10"}
	if rt.Entries[0].Proto != "Static" || rt.Entries[6] != want {
		t.Errorf("entries: %+v / %+v", rt.Entries[0], rt.Entries[6])
	}
	// A destination with two next hops, as Comware prints ECMP routes.
	ecmp := "Destinations : 1        Routes : 2\n\nDestination/Mask   Proto   Pre Cost        NextHop         Interface\n" +
		"10.1.0.0/16        OSPF    10  2           10.0.0.2        Vlan10\n" +
		"                   OSPF    10  2           10.0.1.2        Vlan11\n" +
		"                                           10.0.2.2        Vlan12\n"
	rt, err = ParseRoutingTable(ecmp)
	if err != nil || len(rt.Entries) != 3 || rt.Entries[2].Interface != "Vlan12" || rt.Entries[1].NextHop != "10.0.1.2" || rt.Entries[1].Destination != "10.1.0.0/16" || rt.Entries[1].Cost != 2 {
		t.Errorf("ECMP: %v %+v", err, rt.Entries)
	}
	if _, err := ParseRoutingTable(notDisplay); !errors.Is(err, ErrFormat) {
		t.Errorf("error text: %v", err)
	}
}

func TestParseIPIfBrief(t *testing.T) {
	got, err := ParseIPIfBrief(read(t, "vtyd-ipifbrief.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []IPIf{
		{Name: "NULL0", Physical: "up", Protocol: "up(s)", IP: "--"},
		{Name: "Vlan1", Physical: "up", Protocol: "up", IP: "192.168.1.1"},
		{Name: "Vlan10", Physical: "up", Protocol: "up", IP: "10.10.0.1", Description: "Servers gw"},
		{Name: "MGE0/0/0", Physical: "up", Protocol: "up", IP: "--"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v", got)
	}
	if !(IPIf{Physical: "*down"}).AdminDown() {
		t.Error("AdminDown")
	}
	if _, err := ParseIPIfBrief(notDisplay); !errors.Is(err, ErrFormat) {
		t.Errorf("error text: %v", err)
	}
}

func TestParseL2Tables(t *testing.T) {
	macs, err := ParseMACTable(read(t, "vtyd-mac.txt"))
	if err != nil || len(macs) != 131 {
		t.Fatalf("mac: %v, %d entries", err, len(macs))
	}
	if macs[0] != (MACEntry{MAC: "8c16-458e-7a49", VLAN: 1, State: "Learned", Port: "GE1/0/1", Aging: true}) {
		t.Errorf("mac[0] = %+v", macs[0])
	}
	static, _ := ParseMACTable("MAC Address      VLAN ID    State            Port/Nickname            Aging\n" +
		"0001-0001-0001   10         Config static    GE1/0/3                  N\n")
	if len(static) != 1 || static[0].State != "Config static" || static[0].Aging || static[0].Port != "GE1/0/3" {
		t.Errorf("static: %+v", static)
	}
	// The older format real switches print (NTC's fixture): MAC ADDR ... AGING TIME(s).
	older, err := ParseMACTable("MAC ADDR       VLAN ID  STATE          PORT INDEX               AGING TIME(s)\n" +
		"0000-1111-2222 1        Learned        Bridge-Aggregation1      AGING\n" +
		"fedc-ba09-8765 10       Learned        GigabitEthernet1/0/20    NOAGED\n")
	if err != nil || len(older) != 2 || !older[0].Aging || older[1].Aging || older[1].Port != "GigabitEthernet1/0/20" {
		t.Errorf("older format: %v, %+v", err, older)
	}
	arps, err := ParseARP(read(t, "vtyd-arp.txt"))
	if err != nil || len(arps) != 131 {
		t.Fatalf("arp: %v, %d entries", err, len(arps))
	}
	if arps[0] != (ARPEntry{IP: "10.10.0.57", MAC: "001b-2141-d0b1", VLAN: 10, Interface: "GE1/0/2", Aging: "14", Type: "D"}) {
		t.Errorf("arp[0] = %+v", arps[0])
	}
	lldp, err := ParseLLDPList(read(t, "vtyd-lldp.txt"))
	if err != nil || len(lldp) != 12 {
		t.Fatalf("lldp: %v, %d", err, len(lldp))
	}
	if lldp[5] != (LLDPNeighbor{SystemName: "core-sw-65", LocalIf: "GE1/0/17", ChassisID: "9457-a55e-aec0", PortID: "GigabitEthernet1/0/45"}) {
		t.Errorf("lldp[5] = %+v", lldp[5])
	}
	spaced, _ := ParseLLDPList("System Name          Local Interface Chassis ID      Port ID\n" +
		"Lab switch 2         GE1/0/1         0001-0002-0003  Gi0/1\n" +
		"a-very-long-system-name-x GE1/0/2    0001-0002-0004  Gi0/2\n")
	if len(spaced) != 2 || spaced[0].SystemName != "Lab switch 2" || spaced[1].SystemName != "a-very-long-system-name-x" || spaced[1].LocalIf != "GE1/0/2" {
		t.Errorf("spaced names: %+v", spaced)
	}
	for name, parse := range map[string]func(string) error{
		"mac":  func(s string) error { _, err := ParseMACTable(s); return err },
		"arp":  func(s string) error { _, err := ParseARP(s); return err },
		"lldp": func(s string) error { _, err := ParseLLDPList(s); return err },
	} {
		if err := parse(notDisplay); !errors.Is(err, ErrFormat) {
			t.Errorf("%s of an error text: %v", name, err)
		}
	}
}

// TestParseMACLarge reads a table of 10,000 entries, as a busy distribution switch holds.
func TestParseMACLarge(t *testing.T) {
	text := LargeMACTable(10000)
	macs, err := ParseMACTable(text)
	if err != nil || len(macs) != 10000 || macs[9999].VLAN != 10000%4094+1 {
		t.Fatalf("%v: %d entries, last %+v", err, len(macs), macs[len(macs)-1])
	}
}

func TestParseUsersAndSSH(t *testing.T) {
	users, err := ParseLocalUsers(read(t, "vtyd-localuser.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := []LocalUser{
		{Name: "admin", Class: "manage", State: "Active", Services: []string{"SSH", "Terminal"}, Group: "system", Roles: []string{"network-admin"}},
		{Name: "bob", Class: "manage", State: "Active", Services: []string{"SSH", "Telnet"}, Group: "system", Roles: []string{"level-3", "network-operator"}},
	}
	if !reflect.DeepEqual(users, want) {
		t.Errorf("local users: %+v", users)
	}
	wrapped, _ := ParseLocalUsers("Device management user ops:\n  State: Active\n  Authorization attributes:\n    User role list: network-admin,\n                    level-15\n  Service type: SSH\n")
	if len(wrapped) != 1 || !reflect.DeepEqual(wrapped[0].Roles, []string{"network-admin", "level-15"}) {
		t.Errorf("wrapped role list: %+v", wrapped)
	}
	ssh, err := ParseSSHUsers(read(t, "vtyd-sshusers.txt"))
	if err != nil || len(ssh) != 2 || !reflect.DeepEqual(ssh[1], SSHUser{Name: "bob", AuthType: "password", Services: []string{"Stelnet"}}) {
		t.Errorf("ssh users: %v %+v", err, ssh)
	}
	if len(ssh) == 2 && !reflect.DeepEqual(ssh[0].Services, []string{"Stelnet", "SFTP", "SCP", "NETCONF"}) {
		t.Errorf("admin services: %v", ssh[0].Services)
	}
	none, err := ParseSSHUsers(" Total ssh users:0\n")
	if err != nil || len(none) != 0 {
		t.Errorf("no ssh users: %v %+v", err, none)
	}
	st, err := ParseSettings(read(t, "vtyd-sshstatus.txt"))
	if err != nil || len(st) != 10 || st[2] != (Setting{"SSH authentication-timeout", "60 second(s)"}) {
		t.Errorf("ssh status: %v %+v", err, st)
	}
	al, err := ParseAlgorithms(read(t, "vtyd-algos.txt"))
	if err != nil || al.KeyExchange[0] != "mlkem768x25519-sha256" || len(al.Cipher) != 6 || len(al.MAC) != 4 || len(al.PublicKey) != 5 {
		t.Errorf("algorithms: %v %+v", err, al)
	}
	sess, err := ParseSSHSessions(read(t, "vtyd-sshsessions.txt"))
	if err != nil || len(sess) != 3 || sess[2] != (SSHSession{Pid: 1003, SessID: 2, Version: "2.0", State: "Established", Service: "SFTP", User: "admin"}) {
		t.Errorf("ssh sessions: %v %+v", err, sess)
	}
	if s, err := ParseSSHSessions(""); err != nil || s != nil {
		t.Errorf("no session: %v %v", err, s)
	}
	for name, parse := range map[string]func(string) error{
		"local-user": func(s string) error { _, err := ParseLocalUsers(s); return err },
		"ssh users":  func(s string) error { _, err := ParseSSHUsers(s); return err },
		"algorithms": func(s string) error { _, err := ParseAlgorithms(s); return err },
		"sessions":   func(s string) error { _, err := ParseSSHSessions(s); return err },
	} {
		if err := parse(notDisplay); !errors.Is(err, ErrFormat) {
			t.Errorf("%s of an error text: %v", name, err)
		}
	}
}

func TestParsePublicKeys(t *testing.T) {
	tests := []struct {
		file, name, typ string
		bits            int
		fingerprint     bool
	}{
		{"vtyd-pubkey-rsa.txt", "hostkey", "RSA", 3072, true},
		{"vtyd-pubkey-ed25519.txt", "ed25519key", "Ed25519", 256, true},
		{"vtyd-pubkey-dsa.txt", "dsakey", "DSA", 1024, false},
	}
	for _, tt := range tests {
		keys, err := ParsePublicKeys(read(t, tt.file))
		if err != nil || len(keys) != 1 {
			t.Fatalf("%s: %v %+v", tt.file, err, keys)
		}
		k := keys[0]
		if k.Name != tt.name || !k.Default || k.Type != tt.typ || k.Bits != tt.bits || k.Created != "15:40:48 2011/05/12" ||
			strings.HasPrefix(k.Fingerprint, "SHA256:") != tt.fingerprint {
			t.Errorf("%s: %+v", tt.file, k)
		}
	}
	two, err := ParsePublicKeys(read(t, "vtyd-pubkey-rsa.txt") + read(t, "vtyd-pubkey-ed25519.txt"))
	if err != nil || len(two) != 2 || two[1].Type != "Ed25519" || two[0].Bits != 3072 {
		t.Errorf("two blocks: %v %+v", err, two)
	}
	if _, err := ParsePublicKeys(notDisplay); !errors.Is(err, ErrFormat) {
		t.Errorf("error text: %v", err)
	}
}

func TestParseSystem(t *testing.T) {
	cpu, err := ParseCPUUsage(read(t, "vtyd-cpu.txt"))
	if err != nil || len(cpu) != 1 || cpu[0].Slot != 1 || cpu[0].Last5s == 0 || cpu[0].Last5m == 0 {
		t.Errorf("cpu: %v %+v", err, cpu)
	}
	mem, err := ParseMemory(read(t, "vtyd-memory.txt"))
	want := Memory{Slot: 1, Total: 1003520, Used: 613536, Free: 389984, Buffers: 1392, Cached: 123024, FreeRatio: 38.9, UsedLessBuffers: 489120, Avail: 514400}
	if err != nil || len(mem) != 1 || mem[0] != want {
		t.Errorf("memory: %v %+v", err, mem)
	}
	if p := mem[0].UsedPercent(); p < 48.7 || p > 48.8 {
		t.Errorf("used %.2f%%", p)
	}
	if mem, err := ParseMemory(read(t, "vtyd-memory-10508.txt")); err != nil || len(mem) != 8 || mem[7].Slot != 8 {
		t.Errorf("10508 memory: %v %d slots", err, len(mem))
	}
	st, err := ParseStartup(read(t, "vtyd-startup.txt"))
	if err != nil || st != (Startup{NextMain: "flash:/startup.cfg"}) {
		t.Errorf("startup: %v %+v", err, st)
	}
	for name, parse := range map[string]func(string) error{
		"cpu":     func(s string) error { _, err := ParseCPUUsage(s); return err },
		"memory":  func(s string) error { _, err := ParseMemory(s); return err },
		"startup": func(s string) error { _, err := ParseStartup(s); return err },
	} {
		if err := parse(notDisplay); !errors.Is(err, ErrFormat) {
			t.Errorf("%s of an error text: %v", name, err)
		}
	}
}

func TestParseInterfaces(t *testing.T) {
	ifs, err := ParseInterfaces(read(t, "vtyd-ifrates.txt"))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Interface{}
	for _, i := range ifs {
		byName[i.Name] = i
	}
	if len(ifs) != 33 {
		t.Errorf("%d interfaces", len(ifs))
	}
	ge2 := byName["GigabitEthernet1/0/2"]
	if ge2.LinkType != "Trunk" || ge2.Permitted != "1(default vlan), 10, 20-30" || ge2.Passing != "1(default vlan), 10" ||
		!ge2.Rates || ge2.InBytes == 0 || ge2.PVID != 1 || ge2.State != "UP" {
		t.Errorf("GE1/0/2 = %+v", ge2)
	}
	if ge4 := byName["GigabitEthernet1/0/4"]; ge4.State != "Administratively DOWN" {
		t.Errorf("GE1/0/4 = %+v", ge4)
	}
	if nul := byName["NULL0"]; !nul.Rates || nul.LinkType != "" {
		t.Errorf("NULL0 = %+v", nul)
	}
	one, err := ParseInterfaces(read(t, "vtyd-if-ge2.txt"))
	if err != nil || len(one) != 1 || one[0].Description == "" || one[0].Permitted == "" || !one[0].Rates {
		t.Errorf("full block: %v %+v", err, one)
	}
	if _, err := ParseInterfaces(notDisplay); !errors.Is(err, ErrFormat) {
		t.Errorf("error text: %v", err)
	}
}

func TestVLANList(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		out  string
	}{
		{"1(default vlan), 10, 20-23", []int{1, 10, 20, 21, 22, 23}, "1 10 20 to 23"},
		{"10 20 to 22 30", []int{10, 20, 21, 22, 30}, "10 20 to 22 30"},
		{"none", nil, ""},
		{"5000, x, 7", []int{7}, "7"},
	}
	for _, tt := range tests {
		got := VLANList(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("VLANList(%q) = %v", tt.in, got)
		}
		if s := FormatVLANList(got); s != tt.out {
			t.Errorf("FormatVLANList(%v) = %q", got, s)
		}
	}
}
