package interop

import (
	"strings"
	"testing"
	"time"
)

// ncResult is what ncclient_flow.py prints.
type ncResult struct {
	Error     string   `json:"error"`
	SessionID string   `json:"session_id"`
	Caps      []string `json:"caps"`
	Offered11 bool     `json:"offered11"` // the client listed base:1.1 in its hello
	Base11    bool     `json:"base11"`    // the session's framing is chunked (base:1.1)
	Edit      bool     `json:"edit"`
	CLI       string   `json:"cli"`
	CLIConfig string   `json:"cli_config"`
	Ifaces    string   `json:"ifaces"`
	VLANs     string   `json:"vlans"`
	Save      bool     `json:"save"`
	SaveReply string   `json:"save_reply"`
}

// TestNcclient drives vtyd's NETCONF with Debian's ncclient through both Comware handlers, in the
// shapes pyhpecw7 (hpcomware) and H3C's collection (h3c) send, each against a device of its brand
// (the model's HPE, and one started with --netconf-brand h3c), with a client that offers base:1.1
// (chunked framing) and one that offers base:1.0 only (end-of-message framing).
func TestNcclient(t *testing.T) {
	needPython(t, "ncclient", "python3-ncclient")
	devices := map[string]*vtyd{"hpe": startVtyd(t), "h3c": startVtyd(t, "--netconf-brand", "h3c")}
	for _, v := range devices {
		v.exec(t, "system-view", "netconf ssh server enable")
	}
	tests := []struct {
		handler, device, ns, vlan string // ns: the brand of the namespaces the client writes
		base10                    bool
	}{
		{"hpcomware", "hpe", "hp", "101", false},
		{"hpcomware", "hpe", "hpe", "103", true},
		{"h3c", "h3c", "h3c", "102", false},
		{"h3c", "h3c", "h3c", "104", true},
	}
	for _, tt := range tests {
		name := tt.handler + "-" + tt.ns + "-on-" + tt.device
		if tt.base10 {
			name += "-base1.0"
		}
		t.Run(name, func(t *testing.T) {
			v := devices[tt.device]
			args := []string{"--host", v.host, "--port", v.port, "--user", "admin", "--password", adminPassword,
				"--handler", tt.handler, "--brand", tt.ns, "--vlan", tt.vlan}
			if tt.base10 {
				args = append(args, "--base10")
			}
			var r ncResult
			runPython(t, 90*time.Second, &r, "ncclient_flow.py", args...)
			if r.Error != "" {
				t.Fatalf("ncclient: %s\n%+v", r.Error, r)
			}
			if r.Offered11 == tt.base10 || r.Base11 == tt.base10 {
				t.Errorf("client offered base:1.1 = %v, session in base:1.1 = %v; want both %v", r.Offered11, r.Base11, !tt.base10)
			}
			ext := "urn:" + tt.device + ":params:netconf:capability:" + tt.device + "-netconf-ext:1.0"
			if len(r.Caps) != 1 || r.Caps[0] != ext {
				t.Errorf("extension capabilities = %v, want the %s device's %s", r.Caps, tt.device, ext)
			}
			if !r.Edit || !r.Save {
				t.Errorf("edit-config ok = %v, save ok = %v", r.Edit, r.Save)
			}
			for _, c := range []struct{ got, want string }{
				{r.CLI, "display vlan " + tt.vlan},
				{r.CLI, "Name: nc-" + tt.handler},
				{r.CLIConfig, "[HPE-vlan" + tt.vlan + "]description from-cli"},
				{r.Ifaces, "<IfIndex>5</IfIndex>"},
				{r.Ifaces, `<top xmlns="http://www.` + tt.ns + `.com/netconf/data:1.0">`},
				{r.VLANs, "<Description>from-cli</Description><Name>nc-" + tt.handler + "</Name>"},
			} {
				if !strings.Contains(c.got, c.want) {
					t.Errorf("lacks %q:\n%s", c.want, c.got)
				}
			}
			if strings.Contains(r.Ifaces, "<IfIndex>6</IfIndex>") {
				t.Errorf("xc:count=5 returned more than 5 interfaces:\n%s", r.Ifaces)
			}
		})
	}
	cfg := devices["hpe"].exec(t, "display current-configuration")
	for _, want := range []string{"vlan 101\n name nc-hpcomware\n description from-cli", "netconf ssh server enable"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("display current-configuration lacks %q:\n%s", want, cfg)
		}
	}
}
