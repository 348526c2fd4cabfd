package netconf

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"vtyd/switchctl"
)

// rpcErrorShape is one <rpc-error> as a client reads it.
type rpcErrorShape struct {
	Type     string `xml:"error-type"`
	Tag      string `xml:"error-tag"`
	Severity string `xml:"error-severity"`
	Path     string `xml:"error-path"`
	Message  struct {
		Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Text string `xml:",chardata"`
	} `xml:"error-message"`
	Info struct {
		BadElement string `xml:"bad-element"`
		SessionID  string `xml:"session-id"`
	} `xml:"error-info"`
}

// replyError parses a reply that must carry exactly one rpc-error in NETCONF's namespace.
func replyError(t *testing.T, reply string) rpcErrorShape {
	t.Helper()
	var r struct {
		XMLName xml.Name        `xml:"urn:ietf:params:xml:ns:netconf:base:1.0 rpc-reply"`
		Errors  []rpcErrorShape `xml:"urn:ietf:params:xml:ns:netconf:base:1.0 rpc-error"`
	}
	if err := xml.Unmarshal([]byte(reply), &r); err != nil || len(r.Errors) != 1 {
		t.Fatalf("want one rpc-error (%v):\n%s", err, reply)
	}
	return r.Errors[0]
}

// TestErrorShapes holds the rpc-errors automation tells apart by their fields, each whole: type,
// tag and severity as RFC 6241 Appendix A allows them, error-path where the error has a node
// (RFC 6241 §4.3, the path in the datastore as its example writes it), and the message in English
// as the HPE 5940's errors carry it (xml:lang="en", NETCONF.md §1.5).
func TestErrorShapes(t *testing.T) {
	d := newDevice(t)
	admin := open(t, d, false)
	operator := open(t, d, true, switchctl.RoleOperator)
	other := open(t, d, false)
	editVLAN := func(op, entry string) string {
		return `<edit-config><target><running/></target><config><top xmlns="http://www.hp.com/netconf/config:1.0"><VLAN><VLANs><VLANID xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0" nc:operation="` +
			op + `">` + entry + `</VLANID></VLANs></VLAN></top></config></edit-config>`
	}
	tests := []struct {
		name string
		c    *client
		op   string
		want rpcErrorShape
		info string // error-info's bad-element, or session-id for lock-denied
	}{
		{"invalid-value", admin, editVLAN("merge", "<ID>4095</ID>"),
			shape("application", "invalid-value", "/top/VLAN/VLANs/VLANID/ID", "Invalid value '4095' for ID: VLAN IDs are 1 to 4094."), ""},
		{"data-missing", admin, editVLAN("delete", "<ID>77</ID>"),
			shape("application", "data-missing", "/top/VLAN/VLANs/VLANID", "VLAN 77 does not exist."), ""},
		{"access-denied", operator, editVLAN("merge", "<ID>7</ID>"),
			shape("protocol", "access-denied", "", "Permission denied: the user role does not allow edit-config."), ""},
		// The HPE 5940's and 5510 HI's lock-denied, word for word (NETCONF configuration guides:
		// "Example for locking the configuration").
		{"lock-denied", other, "<lock><target><running/></target></lock>",
			shape("protocol", "lock-denied", "", "Lock failed because the NETCONF lock is held by another session."),
			fmt.Sprint(admin.login.ID)},
	}
	mustContain(t, admin.rpc("0", "<lock><target><running/></target></lock>"), "<ok/>")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := replyError(t, tt.c.rpc("1", tt.op))
			want := tt.want
			want.Info.SessionID = tt.info
			if got != want {
				t.Errorf("rpc-error\n got %+v\nwant %+v", got, want)
			}
		})
	}
	// Nothing of the refused requests was applied.
	if cfg := d.CurrentConfig(); containsAny(cfg, "vlan 7\n", "vlan 4095", "vlan 77") {
		t.Errorf("a refused request changed the configuration:\n%s", cfg)
	}
}

func shape(typ, tag, path, msg string) rpcErrorShape {
	s := rpcErrorShape{Type: typ, Tag: tag, Severity: "error", Path: path}
	s.Message.Lang, s.Message.Text = "en", msg
	return s
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
