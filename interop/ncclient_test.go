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
	Base11    bool     `json:"base11"`
	Edit      bool     `json:"edit"`
	CLI       string   `json:"cli"`
	CLIConfig string   `json:"cli_config"`
	Ifaces    string   `json:"ifaces"`
	VLANs     string   `json:"vlans"`
	Save      bool     `json:"save"`
	SaveReply string   `json:"save_reply"`
}

// TestNcclient drives vtyd's NETCONF with Debian's ncclient through both Comware handlers, in the
// shapes pyhpecw7 (hpcomware) and H3C's collection (h3c) send, over base:1.1 (chunks) and base:1.0.
func TestNcclient(t *testing.T) {
	needPython(t, "ncclient", "python3-ncclient")
	v := startVtyd(t)
	v.exec(t, "system-view", "netconf ssh server enable")
	tests := []struct {
		handler, brand, vlan string
		base10               bool
	}{
		{"hpcomware", "hp", "101", false},
		{"h3c", "h3c", "102", false},
		{"hpcomware", "hpe", "103", true},
		{"h3c", "h3c", "104", true},
	}
	for _, tt := range tests {
		name := tt.handler + "-" + tt.brand
		if tt.base10 {
			name += "-base1.0"
		}
		t.Run(name, func(t *testing.T) {
			args := []string{"--host", v.host, "--port", v.port, "--user", "admin", "--password", adminPassword,
				"--handler", tt.handler, "--brand", tt.brand, "--vlan", tt.vlan}
			if tt.base10 {
				args = append(args, "--base10")
			}
			var r ncResult
			runPython(t, 90*time.Second, &r, "ncclient_flow.py", args...)
			if r.Error != "" {
				t.Fatalf("ncclient: %s\n%+v", r.Error, r)
			}
			if r.Base11 == tt.base10 {
				t.Errorf("base:1.1 in use = %v with base10=%v", r.Base11, tt.base10)
			}
			if len(r.Caps) != 1 || !strings.Contains(r.Caps[0], "hpe-netconf-ext") {
				t.Errorf("extension capabilities = %v, want the HPE model's", r.Caps)
			}
			if !r.Edit || !r.Save {
				t.Errorf("edit-config ok = %v, save ok = %v", r.Edit, r.Save)
			}
			for _, c := range []struct{ got, want string }{
				{r.CLI, "display vlan " + tt.vlan},
				{r.CLI, "Name: nc-" + tt.handler},
				{r.CLIConfig, "[HPE-vlan" + tt.vlan + "]description from-cli"},
				{r.Ifaces, "<IfIndex>5</IfIndex>"},
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
	cfg := v.exec(t, "display current-configuration")
	for _, want := range []string{"vlan 101\n name nc-hpcomware\n description from-cli", "netconf ssh server enable"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("display current-configuration lacks %q:\n%s", want, cfg)
		}
	}
}
