package interop

import (
	"strings"
	"testing"
	"time"
)

// h3cResult is what h3c_collection_flow.py prints.
type h3cResult struct {
	Error     string `json:"error"`
	NetworkOS string `json:"network_os"`
	Before    string `json:"before"`
	EditXML   string `json:"edit_xml"`
	Edit      string `json:"edit"`
	After     string `json:"after"`
	List      string `json:"list"`
	Display   string `json:"display"`
	Config    string `json:"config"`
	Save      string `json:"save"`
	Unconfig  string `json:"unconfig"`
	Remove    string `json:"remove"`
	Removed   string `json:"removed"`
}

// TestNcclientH3CCollection replays H3C's Ansible collection (h3c_open.comware) against a device
// started with --netconf-brand h3c: the collection's OS detection, its comware_vlan module's get and
// edit-config as lxml builds them, its cli_display and cli_config as its netconf plugin dispatches
// them, and save; the changes are the device's, seen by the CLI.
func TestNcclientH3CCollection(t *testing.T) {
	needPython(t, "ncclient", "python3-ncclient")
	v := startVtyd(t, "--netconf-brand", "h3c")
	v.exec(t, "system-view", "netconf ssh server enable")
	var r h3cResult
	runPython(t, 90*time.Second, &r, "h3c_collection_flow.py",
		"--host", v.host, "--port", v.port, "--user", "admin", "--password", adminPassword, "--vlan", "210")
	if r.Error != "" {
		t.Fatalf("h3c_collection_flow.py: %s\n%+v", r.Error, r)
	}
	if r.NetworkOS != "comware" {
		t.Errorf("the collection's guess_network_os = %q, want comware (a capability naming h3c)", r.NetworkOS)
	}
	const data = `<top xmlns="http://www.h3c.com/netconf/data:1.0">`
	for _, c := range []struct{ what, got, want string }{
		{"get of an absent VLAN", r.Before, `<top xmlns="http://www.h3c.com/netconf/data:1.0"/></data>`},
		{"the edit-config as lxml wrote it", r.EditXML, `<VLAN xmlns:ns0="urn:ietf:params:xml:ns:netconf:base:1.0" ns0:operation="merge">`},
		{"edit-config merge", r.Edit, "<ok/>"},
		{"get after", r.After, data + `<VLAN><VLANs><VLANID><ID>210</ID><Description>from h3c_open</Description><Name>ansible</Name></VLANID></VLANs></VLAN>`},
		{"get of every VLAN", r.List, "<ID>1</ID>"},
		{"get of every VLAN", r.List, "<ID>210</ID>"},
		{"cli_display", r.Display, "<HPE>display vlan 210\n"},
		{"cli_display", r.Display, " Name: ansible\n"},
		{"cli_display", r.Display, "<HPE>display interface brief\n"},
		{"cli_config", r.Config, "<HPE>system\nSystem View: return to User View with Ctrl+Z.\n[HPE]interface GigabitEthernet1/0/3\n[HPE-GigabitEthernet1/0/3]port access vlan 210\n"},
		{"save", r.Save, "<ok/>"},
		{"cli_config", r.Unconfig, "]undo port access vlan\n"},
		{"edit-config delete", r.Remove, "<ok/>"},
		{"get after the delete", r.Removed, `<top xmlns="http://www.h3c.com/netconf/data:1.0"/></data>`},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%s lacks %q:\n%s", c.what, c.want, c.got)
		}
	}
	// What the collection changed is the device's: the saved file and the running configuration.
	if out := v.exec(t, "more ansible.cfg"); !strings.Contains(out, "port access vlan 210") || !strings.Contains(out, "vlan 210\n name ansible\n description from h3c_open") {
		t.Errorf("flash:/ansible.cfg lacks the collection's changes:\n%s", out)
	}
	if cfg := v.exec(t, "display current-configuration"); strings.Contains(cfg, "vlan 210") {
		t.Errorf("VLAN 210 is still configured after the collection removed it:\n%s", cfg)
	}
}
