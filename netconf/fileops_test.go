package netconf

import (
	"strings"
	"testing"
)

// pyhpecw7's Config.build: save a safety file, change things, roll back to the file; h3c's load
// merges a file into what runs.
func TestRollbackAndLoad(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, true)
	mustContain(t, c.rpc("1", "<CLI><Configuration>vlan 40</Configuration></CLI>"), "vlan 40")
	mustContain(t, c.rpc("2", "<save><file>flash:/safety_file.cfg</file></save>"), "<ok/>")
	mustContain(t, c.rpc("3", "<CLI><Configuration>vlan 41\nquit\nundo vlan 40</Configuration></CLI>"), "undo vlan 40")
	mustContain(t, c.rpc("4", "<rollback><file>flash:/safety_file.cfg</file></rollback>"), "<ok/>")
	cfg := d.CurrentConfig()
	if !strings.Contains(cfg, "vlan 40\n") || strings.Contains(cfg, "vlan 41") {
		t.Errorf("after the rollback:\n%s", cfg)
	}
	// load merges: VLAN 41 of the file joins VLAN 40 that runs.
	if err := d.Flash().WriteFileAtomic("extra.cfg", []byte("#\nvlan 41\n name loaded\n#\nreturn\n")); err != nil {
		t.Fatal(err)
	}
	mustContain(t, c.rpc("5", "<load><file>flash:/extra.cfg</file></load>"), "<ok/>")
	cfg = d.CurrentConfig()
	if !strings.Contains(cfg, "vlan 40\n") || !strings.Contains(cfg, "vlan 41\n name loaded\n") {
		t.Errorf("after the load:\n%s", cfg)
	}
	bad := []struct{ name, rpc, want string }{
		{"rollback of a missing file", "<rollback><file>flash:/nope.cfg</file></rollback>", "<error-tag>operation-failed</error-tag>"},
		{"load of a missing file", "<load><file>flash:/nope.cfg</file></load>", "<error-tag>operation-failed</error-tag>"},
		{"rollback without a file", "<rollback/>", "<error-tag>missing-element</error-tag>"},
		{"not a .cfg", "<load><file>flash:/x.txt</file></load>", "<error-tag>invalid-value</error-tag>"},
		{"save point", "<rollback><commit-id>2</commit-id></rollback>", "<error-tag>operation-not-supported</error-tag>"},
	}
	before := d.CurrentConfig()
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			mustContain(t, c.rpc("b", tt.rpc), tt.want)
			if d.CurrentConfig() != before {
				t.Errorf("a refused %s changed the configuration", tt.name)
			}
		})
	}
	// A file with lines vtyd refuses: the others are merged, and the reply names the refused ones.
	if err := d.Flash().WriteFileAtomic("partial.cfg", []byte("vlan 42\nfrobnicate now\n")); err != nil {
		t.Fatal(err)
	}
	mustContain(t, c.rpc("6", "<load><file>partial.cfg</file></load>"), "<error-tag>operation-failed</error-tag>", "frobnicate now")
	if !strings.Contains(d.CurrentConfig(), "vlan 42") {
		t.Errorf("the good line of the file was not merged")
	}
	// A network-operator may not roll back.
	op := open(t, d, false, "network-operator")
	mustContain(t, op.rpc("o", "<rollback><file>flash:/safety_file.cfg</file></rollback>"), "<error-tag>access-denied</error-tag>")
}

// get-config answers only what is configured (Comware's appendix: "non-default configuration"),
// in the config namespace; state tables (MAC, LLDP neighbours) are not configuration.
func TestGetConfigIsNonDefault(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	mustContain(t, c.rpc("1", "<CLI><Configuration>vlan 50\nname users\nquit\ninterface GigabitEthernet1/0/3\ndescription desk\nport access vlan 50\nquit\ninterface GigabitEthernet1/0/4\nport link-type trunk\nport trunk permit vlan 50</Configuration></CLI>"), "vlan 50")
	got := c.rpc("2", `<get-config><source><running/></source></get-config>`)
	mustContain(t, got, `<data><top xmlns="http://www.hp.com/netconf/config:1.0">`,
		"<VLANID><ID>50</ID><Name>users</Name></VLANID>",
		"<Interface><IfIndex>3</IfIndex><Description>desk</Description></Interface>",
		"<AccessInterfaces><Interface><IfIndex>3</IfIndex><PVID>50</PVID></Interface></AccessInterfaces>",
		"<TrunkInterfaces><Interface><IfIndex>4</IfIndex><PermitVlanList>1,50</PermitVlanList></Interface></TrunkInterfaces>")
	for _, absent := range []string{"<IfIndex>5</IfIndex>", "<MAC>", "<LLDPNeighbors>", "<OperStatus>", "<ID>1</ID>"} {
		if strings.Contains(got, absent) {
			t.Errorf("get-config holds %s:\n%s", absent, got)
		}
	}
	one := c.rpc("3", `<get-config><source><running/></source><filter>`+hpConfig+`<VLAN><VLANs/></VLAN></top></filter></get-config>`)
	mustContain(t, one, `<VLAN><VLANs><VLANID><ID>50</ID><Name>users</Name></VLANID></VLANs></VLAN>`)
	mustContain(t, c.rpc("4", `<get-bulk-config><source><running/></source><filter>`+hpConfig+`<MAC/></top></filter></get-bulk-config>`), `<data><top xmlns="http://www.hp.com/netconf/config:1.0"></top></data>`)
}

func TestGetSessions(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	other := open(t, d, false)
	mustContain(t, other.rpc("l", "<lock><target><running/></target></lock>"), "<ok/>")
	got := c.rpc("1", "<get-sessions/>")
	mustContain(t, got, "<get-sessions><Session><SessionID>", "<UserName>admin</UserName>", "<LockHeld>true</LockHeld>", "<LockHeld>false</LockHeld>")
	if n := strings.Count(got, "<Session>"); n != 2 {
		t.Errorf("%d sessions, want the 2 NETCONF sessions:\n%s", n, got)
	}
}
