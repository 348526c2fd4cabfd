package netconf

import (
	"fmt"
	"strings"
	"testing"
)

const hpData = `<top xmlns="http://www.hp.com/netconf/data:1.0">`

func TestCLIExecution(t *testing.T) {
	c := open(t, newDevice(t), true)
	// As pyhpecw7's cli_display sends a list: lines joined by \n.
	got := c.rpc("urn:uuid:2d13", "<CLI><Execution>display vlan\ndisplay bogus</Execution></CLI>")
	mustContain(t, got, "<CLI><Execution><![CDATA[<HPE>display vlan\n Total VLANs: 1\n",
		"<HPE>display bogus\n", "% Unrecognized command found at '^' position.", "]]></Execution></CLI>")
	if !strings.Contains(got, "\n             ^\n") {
		t.Errorf("the caret should stand under 'bogus' (prompt included):\n%s", got)
	}
}

func TestCLIConfigurationIsTheDevicesChange(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	got := c.rpc("1", "<CLI><Configuration>vlan 10\nname test</Configuration></CLI>")
	mustContain(t, got, "<![CDATA[<HPE>system\nSystem View: return to User View with Ctrl+Z.\n[HPE]vlan 10\n[HPE-vlan10]name test\n]]>")
	if !strings.Contains(d.CurrentConfig(), "vlan 10\n name test\n") {
		t.Errorf("display current-configuration lacks VLAN 10:\n%s", d.CurrentConfig())
	}
	bad := c.rpc("2", "<CLI><Configuration>vlan 11\nbogus command</Configuration></CLI>")
	mustContain(t, bad, "<error-tag>operation-failed</error-tag>", "Unrecognized command", "<bad-element>bogus command</bad-element>")
}

func TestGetBulkPaging(t *testing.T) {
	c := open(t, newDevice(t), false)
	page := func(after string) string {
		idx := ""
		if after != "" {
			idx = "<IfIndex>" + after + "</IfIndex>"
		}
		return c.rpc("p", `<get-bulk><filter type="subtree">`+hpData+`<Ifmgr><Interfaces xc:count="5" xmlns:xc="http://www.hp.com/netconf/base:1.0"><Interface>`+idx+`<Name/></Interface></Interfaces></Ifmgr></top></filter></get-bulk>`)
	}
	first := page("")
	if n := strings.Count(first, "<Interface>"); n != 5 {
		t.Fatalf("first page has %d interfaces, want 5:\n%s", n, first)
	}
	mustContain(t, first, "<IfIndex>1</IfIndex><Name>GigabitEthernet1/0/1</Name>", "<IfIndex>5</IfIndex>")
	next := page("5")
	mustContain(t, next, "<IfIndex>6</IfIndex><Name>GigabitEthernet1/0/6</Name>", "<IfIndex>10</IfIndex>")
	if strings.Contains(next, "<IfIndex>5</IfIndex>") {
		t.Errorf("the next page starts after index 5:\n%s", next)
	}
	// get (not bulk): the index is a match, not a start.
	one := c.rpc("g", `<get><filter>`+hpData+`<Ifmgr><Interfaces><Interface><Name>Ten-GigabitEthernet1/0/25</Name></Interface></Interfaces></Ifmgr></top></filter></get>`)
	mustContain(t, one, "<IfIndex>25</IfIndex>", "<ifType>6</ifType>", "<PortLayer>1</PortLayer>", "<LinkType>1</LinkType>", "<PVID>1</PVID>")
	if strings.Count(one, "<Interface>") != 1 {
		t.Errorf("one interface matched by name:\n%s", one)
	}
}

func TestGetAnswersInTheRequestsNamespace(t *testing.T) {
	c := open(t, newDevice(t), false)
	got := c.rpc("1", `<get-bulk><filter type="subtree"><top xmlns="http://www.h3c.com/netconf/data:1.0"><VLAN><VLANs/></VLAN></top></filter></get-bulk>`)
	mustContain(t, got, `<data><top xmlns="http://www.h3c.com/netconf/data:1.0"><VLAN><VLANs><VLANID><ID>1</ID><Description>VLAN 0001</Description><Name>VLAN 0001</Name></VLANID></VLANs></VLAN></top></data>`)
}

// The shapes of pyhpecw7's vlan feature (test fixtures edit_config/vlan.xml, vlan_absent.xml).
func TestEditConfigVLANs(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, true)
	edit := func(op, entry string) string {
		return c.rpc("e", `<edit-config><target><running/></target><config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><top xmlns="http://www.hp.com/netconf/config:1.0"><VLAN xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="`+op+`"><VLANs><VLANID>`+entry+`</VLANID></VLANs></VLAN></top></config></edit-config>`)
	}
	vlan77 := func() string {
		return c.rpc("g", `<get><filter>`+hpData+`<VLAN><VLANs><VLANID><ID>77</ID></VLANID></VLANs></VLAN></top></filter></get>`)
	}
	tests := []struct {
		op, entry string
		wants     []string
		config    string // in display current-configuration; "" to skip
		absent    string
	}{
		{"merge", "<ID>77</ID><Name>hello</Name><Description>goodbye</Description>", []string{"<ok/>"}, "vlan 77\n name hello\n description goodbye\n", ""},
		{"create", "<ID>77</ID>", []string{"<error-tag>data-exists</error-tag>"}, "", ""},
		{"merge", "<ID>77</ID><Name>renamed</Name>", []string{"<ok/>"}, " name renamed\n description goodbye\n", ""},
		{"replace", "<ID>77</ID><Name>only</Name>", []string{"<ok/>"}, " name only\n", "description goodbye"},
		{"merge", "<ID>4095</ID>", []string{"<error-tag>invalid-value</error-tag>"}, "", ""},
		{"merge", "<ID>78</ID><Name>" + strings.Repeat("n", 33) + "</Name>", []string{"<error-tag>invalid-value</error-tag>"}, "", "vlan 78"},
		{"delete", "<ID>1</ID>", []string{"<error-tag>invalid-value</error-tag>", "default VLAN"}, "", ""},
		{"delete", "<ID>77</ID>", []string{"<ok/>"}, "", "vlan 77"},
		{"delete", "<ID>77</ID>", []string{"<error-tag>data-missing</error-tag>"}, "", ""},
		{"remove", "<ID>77</ID>", []string{"<ok/>"}, "", ""},
		{"frobnicate", "<ID>77</ID>", []string{"<error-tag>invalid-value</error-tag>"}, "", ""},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s", i, tt.op), func(t *testing.T) {
			mustContain(t, edit(tt.op, tt.entry), tt.wants...)
			cfg := d.CurrentConfig()
			if tt.config != "" && !strings.Contains(cfg, tt.config) {
				t.Errorf("configuration lacks %q:\n%s", tt.config, cfg)
			}
			if tt.absent != "" && strings.Contains(cfg, tt.absent) {
				t.Errorf("configuration has %q:\n%s", tt.absent, cfg)
			}
		})
	}
	// The CLI's change is NETCONF's too.
	mustContain(t, c.rpc("c", "<CLI><Configuration>vlan 77\nname fromcli</Configuration></CLI>"), "fromcli")
	mustContain(t, vlan77(), "<ID>77</ID><Description>VLAN 0077</Description><Name>fromcli</Name>")
}

// A failed edit-config changes nothing: the first entry is valid, the second is not.
func TestEditConfigAllOrNothing(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	before := d.CurrentConfig()
	got := c.rpc("1", `<edit-config><target><running/></target><config><top xmlns="http://www.hpe.com/netconf/config:1.0"><VLAN><VLANs><VLANID><ID>20</ID></VLANID><VLANID><ID>21</ID><Name>`+strings.Repeat("x", 40)+`</Name></VLANID></VLANs></VLAN></top></config></edit-config>`)
	mustContain(t, got, "<rpc-error>")
	if after := d.CurrentConfig(); after != before {
		t.Errorf("a failed edit-config changed the configuration:\n%s", after)
	}
}

func TestSave(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	mustContain(t, c.rpc("1", "<CLI><Configuration>vlan 30</Configuration></CLI>"), "vlan 30")
	// ncclient's hpcomware save(None) sends an empty file element: the next-startup file.
	mustContain(t, c.rpc("2", "<save><file/></save>"), "<ok/>")
	data, err := d.Flash().ReadFile("startup.cfg")
	if err != nil || !strings.Contains(string(data), "vlan 30") {
		t.Fatalf("startup.cfg = %q, %v", data, err)
	}
	mustContain(t, c.rpc("3", "<save><file>flash:/backup.cfg</file></save>"), "<ok/>")
	out := c.rpc("4", "<CLI><Execution>display startup</Execution></CLI>")
	mustContain(t, out, "flash:/backup.cfg")
	mustContain(t, c.rpc("5", "<save><file>flash:/x.txt</file></save>"), "<error-tag>invalid-value</error-tag>")
}
