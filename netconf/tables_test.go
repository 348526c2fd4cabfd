package netconf

import (
	"strings"
	"testing"
)

const hpConfig = `<top xmlns="http://www.hp.com/netconf/config:1.0">`

// editRPC is an edit-config of running with body under <top> in the hp config namespace.
func editRPC(body string) string {
	return `<edit-config><target><running/></target><config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">` + hpConfig + body + `</top></config></edit-config>`
}

func getRPC(filter string) string {
	return `<get><filter type="subtree">` + hpData + filter + `</top></filter></get>`
}

// pyhpecw7's switchport feature: convert the port (Ifmgr LinkType), then its VLAN/TrunkInterfaces
// row, then read VLAN/Interfaces; and the same for access and hybrid, each step seen by the CLI.
func TestSwitchportFlow(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, true)
	mustContain(t, c.rpc("v", "<CLI><Configuration>vlan 2 to 5</Configuration></CLI>"), "vlan 2 to 5")
	tests := []struct {
		name, edit string
		get        []string // in VLAN/Interfaces of IfIndex 9
		config     string   // in display current-configuration interface GigabitEthernet1/0/9
	}{
		{"trunk", `<Ifmgr><Interfaces><Interface><IfIndex>9</IfIndex><LinkType>2</LinkType></Interface></Interfaces></Ifmgr>` +
			`<VLAN><TrunkInterfaces><Interface><IfIndex>9</IfIndex><PermitVlanList>1-3,5</PermitVlanList><PVID>2</PVID></Interface></TrunkInterfaces></VLAN>`,
			[]string{"<LinkType>2</LinkType><PVID>2</PVID><PermitVlanList>1-3,5</PermitVlanList>"},
			" port link-type trunk\n port trunk permit vlan 2 to 3 5\n port trunk pvid vlan 2\n"},
		{"trunk-merge-replaces-the-list", `<VLAN><TrunkInterfaces><Interface><IfIndex>9</IfIndex><PermitVlanList>4</PermitVlanList></Interface></TrunkInterfaces></VLAN>`,
			[]string{"<PermitVlanList>4</PermitVlanList>"}, " port trunk permit vlan 4\n"},
		{"hybrid-from-trunk", `<Ifmgr><Interfaces><Interface><IfIndex>9</IfIndex><LinkType>3</LinkType></Interface></Interfaces></Ifmgr>` +
			`<VLAN><HybridInterfaces><Interface><IfIndex>9</IfIndex><UntaggedVlanList>2</UntaggedVlanList><TaggedVlanList>3-4</TaggedVlanList><PVID>2</PVID></Interface></HybridInterfaces></VLAN>`,
			[]string{"<LinkType>3</LinkType><PVID>2</PVID><UntaggedVlanList>2</UntaggedVlanList><TaggedVlanList>3-4</TaggedVlanList>"},
			" port link-type hybrid\n"},
		{"access", `<Ifmgr><Interfaces><Interface><IfIndex>9</IfIndex><LinkType>1</LinkType><Description>to printer</Description><AdminStatus>2</AdminStatus></Interface></Interfaces></Ifmgr>` +
			`<VLAN><AccessInterfaces><Interface><IfIndex>9</IfIndex><PVID>5</PVID></Interface></AccessInterfaces></VLAN>`,
			[]string{"<LinkType>1</LinkType><PVID>5</PVID>"}, " description to printer\n shutdown\n port access vlan 5\n"},
		{"access-remove", `<VLAN><AccessInterfaces xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="remove"><Interface><IfIndex>9</IfIndex></Interface></AccessInterfaces></VLAN>`,
			[]string{"<LinkType>1</LinkType><PVID>1</PVID>"}, " shutdown\n#"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustContain(t, c.rpc("e", editRPC(tt.edit)), "<ok/>")
			got := c.rpc("g", getRPC(`<VLAN><Interfaces><Interface><IfIndex>9</IfIndex></Interface></Interfaces></VLAN>`))
			mustContain(t, got, tt.get...)
			if n := strings.Count(got, "<Interface>"); n != 1 {
				t.Errorf("%d interfaces for IfIndex 9:\n%s", n, got)
			}
			out := c.rpc("d", "<CLI><Execution>display current-configuration interface GigabitEthernet1/0/9</Execution></CLI>")
			mustContain(t, out, tt.config)
		})
	}
}

// A failed edit-config changes nothing, also when the engine refuses a line after others ran: the
// VLAN is created, then the port cannot take a VLAN that does not exist.
func TestEditConfigRuntimeFailureChangesNothing(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	before := d.CurrentConfig()
	got := c.rpc("1", editRPC(`<VLAN><VLANs><VLANID><ID>20</ID></VLANID></VLANs><AccessInterfaces><Interface><IfIndex>3</IfIndex><PVID>99</PVID></Interface></AccessInterfaces></VLAN>`))
	mustContain(t, got, "<rpc-error>", "VLAN 99 does not exist.")
	if after := d.CurrentConfig(); after != before {
		t.Errorf("a failed edit-config changed the configuration:\n%s", after)
	}
	bad := []struct{ name, body, want string }{
		{"no such ifindex", `<VLAN><AccessInterfaces><Interface><IfIndex>9999</IfIndex><PVID>1</PVID></Interface></AccessInterfaces></VLAN>`, "data-missing"},
		{"bad list", `<VLAN><TrunkInterfaces><Interface><IfIndex>9</IfIndex><PermitVlanList>5-2</PermitVlanList></Interface></TrunkInterfaces></VLAN>`, "invalid-value"},
		{"bad linktype", `<Ifmgr><Interfaces><Interface><IfIndex>9</IfIndex><LinkType>7</LinkType></Interface></Interfaces></Ifmgr>`, "invalid-value"},
		{"unknown column", `<Ifmgr><Interfaces><Interface><IfIndex>9</IfIndex><Frobs>1</Frobs></Interface></Interfaces></Ifmgr>`, "unknown-element"},
		{"no index", `<VLAN><TrunkInterfaces><Interface><PVID>2</PVID></Interface></TrunkInterfaces></VLAN>`, "missing-element"},
		{"bad address", `<IPV4ADDRESS><Ipv4Addresses><Ipv4Address><IfIndex>` + vlanIfIndex1 + `</IfIndex><Ipv4Address>10.0.0.300</Ipv4Address><Ipv4Mask>255.255.255.0</Ipv4Mask></Ipv4Address></Ipv4Addresses></IPV4ADDRESS>`, "invalid-value"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			mustContain(t, c.rpc("b", editRPC(tt.body)), "<error-tag>"+tt.want+"</error-tag>")
			if after := d.CurrentConfig(); after != before {
				t.Errorf("a refused edit-config changed the configuration:\n%s", after)
			}
		})
	}
}

// vlanIfIndex1 is Vlan-interface1's IfIndex on the 28-port model: 28 ports, then M-GE, NULL,
// LoopBacks (1024), then Vlan-interfaces from ports+1027.
const vlanIfIndex1 = "1056"

// pyhpecw7's ipinterface feature: IPV4ADDRESS/Ipv4Addresses entries merged and deleted.
func TestIPv4Addresses(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	mustContain(t, c.rpc("1", "<CLI><Configuration>interface vlan-interface 1</Configuration></CLI>"), "interface vlan-interface 1")
	entry := func(addr, mask string) string {
		return `<Ipv4Address><IfIndex>` + vlanIfIndex1 + `</IfIndex><Ipv4Address>` + addr + `</Ipv4Address><Ipv4Mask>` + mask + `</Ipv4Mask></Ipv4Address>`
	}
	mustContain(t, c.rpc("2", editRPC(`<IPV4ADDRESS xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="merge"><Ipv4Addresses>`+entry("192.0.2.1", "255.255.255.0")+`</Ipv4Addresses></IPV4ADDRESS>`)), "<ok/>")
	if !strings.Contains(d.CurrentConfig(), "interface Vlan-interface1\n ip address 192.0.2.1 255.255.255.0\n") {
		t.Errorf("the address is not in the configuration:\n%s", d.CurrentConfig())
	}
	got := c.rpc("3", getRPC(`<IPV4ADDRESS><Ipv4Addresses><Ipv4Address><IfIndex>`+vlanIfIndex1+`</IfIndex><Ipv4Address/><Ipv4Mask/></Ipv4Address></Ipv4Addresses></IPV4ADDRESS>`))
	mustContain(t, got, "<Ipv4Address><IfIndex>"+vlanIfIndex1+"</IfIndex><Ipv4Address>192.0.2.1</Ipv4Address><Ipv4Mask>255.255.255.0</Ipv4Mask></Ipv4Address>")
	mustContain(t, c.rpc("4", editRPC(`<IPV4ADDRESS xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="delete"><Ipv4Addresses>`+entry("192.0.2.1", "24")+`</Ipv4Addresses></IPV4ADDRESS>`)), "<ok/>")
	if strings.Contains(d.CurrentConfig(), "192.0.2.1") {
		t.Errorf("the address is still configured:\n%s", d.CurrentConfig())
	}
	mustContain(t, c.rpc("5", editRPC(`<IPV4ADDRESS xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="delete"><Ipv4Addresses>`+entry("192.0.2.1", "24")+`</Ipv4Addresses></IPV4ADDRESS>`)), "<error-tag>data-missing</error-tag>")
}

// The read-only tables agree with the CLI's displays.
func TestMACAndLLDPTablesMatchTheCLI(t *testing.T) {
	d := newDevice(t)
	c := open(t, d, false)
	d.SimSync()
	macs := d.MACTable()
	nbrs := d.LLDPNeighbors()
	if len(macs) == 0 || len(nbrs) == 0 {
		t.Fatalf("the simulation has %d MAC addresses and %d neighbours; the test needs some", len(macs), len(nbrs))
	}
	got := c.rpc("m", getRPC(`<MAC><MacUnicastTable/></MAC>`))
	if n := strings.Count(got, "<Unicast>"); n != len(macs) {
		t.Errorf("%d Unicast entries, display mac-address has %d", n, len(macs))
	}
	mustContain(t, got, "<MacAddress>"+macs[0].MAC+"</MacAddress>")
	got = c.rpc("l", getRPC(`<LLDP><LLDPNeighbors><LLDPNeighbor/></LLDPNeighbors></LLDP>`))
	if n := strings.Count(got, "<LLDPNeighbor>"); n != len(nbrs) {
		t.Errorf("%d LLDPNeighbor entries, the CLI has %d", n, len(nbrs))
	}
	mustContain(t, got, "<SystemName>"+nbrs[0].SystemName+"</SystemName>", "<PortId>"+nbrs[0].PortID+"</PortId>")
	list := c.rpc("cli", "<CLI><Execution>display lldp neighbor-information list</Execution></CLI>")
	mustContain(t, list, nbrs[0].SystemName)
	inv := c.rpc("i", getRPC(`<LLDP><Inventory><SoftwareRev/><SerialNum/><ModelName/><HardwareRev/></Inventory></LLDP>`))
	mustContain(t, inv, "<ModelName>HPE 5130 24G 4SFP+ EI Switch JG932A</ModelName>", "<SerialNum>CN")
	manu := c.rpc("manu", "<CLI><Execution>display device manuinfo</Execution></CLI>")
	serial := inv[strings.Index(inv, "<SerialNum>")+len("<SerialNum>"):]
	serial = serial[:strings.Index(serial, "<")]
	mustContain(t, manu, "DEVICE_SERIAL_NUMBER : "+serial)
}
