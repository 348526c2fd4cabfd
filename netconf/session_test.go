package netconf

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"vtyd/switchctl"
)

func TestHelloByBrand(t *testing.T) {
	for _, b := range []Brand{BrandHP, BrandHPE, BrandH3C} {
		t.Run(string(b), func(t *testing.T) {
			c := start(t, newDevice(t), Config{Brand: b})
			h := c.readEOM()
			mustContain(t, h, `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">`,
				"<capability>urn:ietf:params:netconf:base:1.0</capability>",
				"<capability>urn:ietf:params:netconf:base:1.1</capability>",
				"<capability>urn:"+string(b)+":params:netconf:capability:"+string(b)+"-netconf-ext:1.0</capability>",
				fmt.Sprintf("<session-id>%d</session-id>", c.login.ID))
		})
	}
}

// Both framings carry the same RPC; the message-id comes back verbatim, urn:uuid: and all.
func TestFramingsEchoMessageID(t *testing.T) {
	for _, v11 := range []bool{false, true} {
		t.Run(fmt.Sprintf("base1.1=%v", v11), func(t *testing.T) {
			c := open(t, newDevice(t), v11)
			got := c.rpc("urn:uuid:e557-1", `<get><filter type="subtree"><top xmlns="http://www.hp.com/netconf/data:1.0"><Device><Base><HostName/></Base></Device></top></filter></get>`)
			mustContain(t, got, `message-id="urn:uuid:e557-1"`, "<HostName>HPE</HostName>")
			if strings.Contains(got, "<Uptime>") {
				t.Errorf("the filter selected HostName only:\n%s", got)
			}
		})
	}
}

func TestBadHelloEndsTheSession(t *testing.T) {
	for name, hello := range map[string]string{
		"not xml":      "<hello",
		"no base":      `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:x</capability></capabilities></hello>`,
		"a session-id": `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities><session-id>4</session-id></hello>`,
		"not a hello":  `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><get/></rpc>`,
	} {
		t.Run(name, func(t *testing.T) {
			c := start(t, newDevice(t), Config{})
			c.readEOM()
			c.send(hello)
			var he *errHello
			if err := c.closed(); !errors.As(err, &he) {
				t.Errorf("Serve = %v, want the hello refused", err)
			}
		})
	}
}

func TestMalformedAndUnknown(t *testing.T) {
	c := open(t, newDevice(t), false)
	tests := []struct {
		name, msg string
		wants     []string
	}{
		{"not well-formed", `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><get></rpc>`,
			[]string{"<error-tag>malformed-message</error-tag>", "<error-type>rpc</error-type>"}},
		{"unknown operation", `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="2"><get-sessionss/></rpc>`,
			[]string{`message-id="2"`, "<error-tag>unknown-element</error-tag>",
				"Unexpected element &#39;urn:ietf:params:xml:ns:netconf:base:1.0&#39;:&#39;get-sessionss&#39; under element &#39;/rpc</error-message>",
				"<bad-element>get-sessionss</bad-element>"}},
		{"no message-id", `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><get/></rpc>`,
			[]string{"<error-tag>missing-attribute</error-tag>", "<bad-attribute>message-id</bad-attribute>"}},
		{"unknown namespace", `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="3"><get><filter><top xmlns="urn:nobody"/></filter></get></rpc>`,
			[]string{"<error-tag>unknown-namespace</error-tag>", "<bad-namespace>urn:nobody</bad-namespace>"}},
		{"unknown table", `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="4"><get><filter><top xmlns="http://www.hp.com/netconf/data:1.0"><BGP/></top></filter></get></rpc>`,
			[]string{"<error-tag>unknown-element</error-tag>", "<bad-element>BGP</bad-element>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.send(tt.msg)
			mustContain(t, c.read(), tt.wants...)
		})
	}
	// The session is still there after all that.
	mustContain(t, c.rpc("5", `<get><filter><top xmlns="http://www.hp.com/netconf/data:1.0"><Device/></top></filter></get>`), "<HostName>HPE</HostName>")
}

func TestCloseSession(t *testing.T) {
	c := open(t, newDevice(t), true)
	mustContain(t, c.rpc("9", "<close-session/>"), `message-id="9"`, "<ok/>")
	if err := c.closed(); err != nil {
		t.Errorf("Serve = %v after close-session, want nil", err)
	}
}

func TestLockUnlockKill(t *testing.T) {
	d := newDevice(t)
	a, b := open(t, d, false), open(t, d, true)
	lock := "<lock><target><running/></target></lock>"
	unlock := "<unlock><target><running/></target></unlock>"
	mustContain(t, a.rpc("1", lock), "<ok/>")
	mustContain(t, b.rpc("2", lock), "<error-tag>lock-denied</error-tag>", fmt.Sprintf("<session-id>%d</session-id>", a.login.ID))
	mustContain(t, b.rpc("3", `<CLI><Configuration>vlan 5</Configuration></CLI>`), "<error-tag>in-use</error-tag>")
	mustContain(t, b.rpc("4", unlock), "<error-tag>operation-failed</error-tag>", "Unlock Failed")
	mustContain(t, a.rpc("5", `<CLI><Configuration>vlan 6</Configuration></CLI>`), "[HPE]vlan 6\n")
	mustContain(t, b.rpc("6", fmt.Sprintf("<kill-session><session-id>%d</session-id></kill-session>", a.login.ID)), "<ok/>")
	if err := a.closed(); err != nil {
		t.Errorf("the killed session's Serve = %v", err)
	}
	// The killed session's lock went with it.
	mustContain(t, b.rpc("7", lock), "<ok/>")
	mustContain(t, b.rpc("8", unlock), "<ok/>")
	mustContain(t, b.rpc("9", "<kill-session><session-id>999</session-id></kill-session>"), "<error-tag>invalid-value</error-tag>")
}

func TestOperatorMayReadOnly(t *testing.T) {
	c := open(t, newDevice(t), false, switchctl.RoleOperator)
	mustContain(t, c.rpc("1", `<get-bulk><filter><top xmlns="http://www.hp.com/netconf/data:1.0"><VLAN/></top></filter></get-bulk>`), "<ID>1</ID>")
	for _, op := range []string{
		`<edit-config><target><running/></target><config><top xmlns="http://www.hp.com/netconf/config:1.0"><VLAN><VLANs><VLANID><ID>7</ID></VLANID></VLANs></VLAN></top></config></edit-config>`,
		`<CLI><Execution>display version</Execution></CLI>`,
		"<lock><target><running/></target></lock>",
		"<save/>",
	} {
		mustContain(t, c.rpc("2", op), "<error-tag>access-denied</error-tag>")
	}
}

// TestLockHoldsOffNetconfOnly: Comware's lock of running covers "the configuration data made
// through NETCONF sessions ... This lock operation does not lock configuration data made through
// other protocols" (H3C S6300 configuration guide, supported NETCONF operations): another NETCONF
// session's change is refused with in-use, a terminal's goes through, and the holder sees it.
func TestLockHoldsOffNetconfOnly(t *testing.T) {
	d := newDevice(t)
	holder, other := open(t, d, false), open(t, d, true)
	mustContain(t, holder.rpc("1", "<lock><target><running/></target></lock>"), "<ok/>")
	mustContain(t, other.rpc("2", `<CLI><Configuration>vlan 8</Configuration></CLI>`), "<error-tag>in-use</error-tag>",
		fmt.Sprintf("<session-id>%d</session-id>", holder.login.ID))
	cli := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0, Proto: "SSH"})
	var out strings.Builder
	for _, line := range []string{"system-view", "vlan 9"} {
		if err := cli.Exec(context.Background(), line, &out); err != nil {
			t.Fatalf("%s while NETCONF holds the lock: %v\n%s", line, err, out.String())
		}
	}
	cfg := d.CurrentConfig()
	if !strings.Contains(cfg, "vlan 9\n") || strings.Contains(cfg, "vlan 8\n") {
		t.Errorf("want the terminal's VLAN 9 and not the other session's VLAN 8:\n%s", cfg)
	}
	mustContain(t, holder.rpc("3", `<get><filter><top xmlns="http://www.hp.com/netconf/data:1.0"><VLAN><VLANs><VLANID><ID>9</ID></VLANID></VLANs></VLAN></top></filter></get>`), "<ID>9</ID>")
}
