package interop

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNetmiko runs a netmiko hp_comware session (python3-netmiko 2.4.2) with only host, port,
// username and password: connect, display version, display interface brief parsed by TextFSM with
// ntc-templates, a VLAN and interface change with send_config_set, save_config, disconnect.
func TestNetmiko(t *testing.T) {
	needPython(t, "netmiko", "python3-netmiko")
	needPython(t, "textfsm", "python3-textfsm")
	// NET_TEXTFSM is ../shared/ntc-templates/templates from the repository root.
	templates, err := filepath.Abs(filepath.Join("..", "..", "shared", "ntc-templates", "templates"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(templates, "index")); err != nil {
		t.Skipf("ntc-templates are missing (../shared beside the repository): %v", err)
	}
	v := startVtyd(t)

	r := command{name: python, args: []string{filepath.Join("testdata", "netmiko_flow.py"), v.port, "admin", adminPassword},
		env: []string{"NET_TEXTFSM=" + templates}, timeout: 150 * time.Second}.run(t)
	if r.code != 0 {
		t.Fatalf("netmiko_flow.py:\n%s", r)
	}
	var got struct {
		ConnectSeconds float64         `json:"connect_seconds"`
		TotalSeconds   float64         `json:"total_seconds"`
		BasePrompt     string          `json:"base_prompt"`
		Version        string          `json:"version"`
		Interfaces     json.RawMessage `json:"interfaces"`
		Config         string          `json:"config"`
		Save           string          `json:"save"`
	}
	if err := json.Unmarshal([]byte(lastLine(r.stdout)), &got); err != nil {
		t.Fatalf("netmiko_flow.py output: %v\n%s", err, r)
	}
	t.Logf("netmiko: connected in %.1f s, whole session %.1f s", got.ConnectSeconds, got.TotalSeconds)

	if got.BasePrompt != "HPE" {
		t.Errorf("base prompt %q, want HPE", got.BasePrompt)
	}
	if !strings.HasPrefix(got.Version, "HPE Comware Software, Version 7.1.070") || strings.Contains(got.Version, "<HPE>") {
		t.Errorf("send_command('display version') = %q, want the output alone", got.Version)
	}
	checkInterfaceRecords(t, got.Interfaces)
	for _, want := range []string{"[HPE-vlan42]name netmiko", "[HPE-GigabitEthernet1/0/5]description via netmiko", "<HPE>"} {
		if !strings.Contains(got.Config, want) {
			t.Errorf("send_config_set output lacks %q:\n%s", want, got.Config)
		}
	}
	if strings.Contains(got.Config, "% ") {
		t.Errorf("send_config_set output has an error:\n%s", got.Config)
	}
	if !strings.Contains(got.Save, "successfully") {
		t.Errorf("save_config() = %q", got.Save)
	}
	v.waitLog(t, `ssh session ended session=\d+ user=admin remote=127\.0\.0\.1:\d+ mode=shell status=0$`)

	// The change is there for the next session, and saved.
	if out := v.exec(t, "display vlan 42"); !strings.Contains(out, "Name: netmiko") {
		t.Errorf("display vlan 42 after netmiko:\n%s", out)
	}
	out := v.exec(t, "display current-configuration interface GigabitEthernet1/0/5")
	for _, want := range []string{" port access vlan 42", " description via netmiko"} {
		if !strings.Contains(out, want) {
			t.Errorf("GigabitEthernet1/0/5 after netmiko lacks %q:\n%s", want, out)
		}
	}
	saved, err := os.ReadFile(v.flashFile("startup.cfg"))
	if err != nil || !strings.Contains(string(saved), "\nvlan 42\n name netmiko\n") || !strings.Contains(string(saved), " port access vlan 42\n") {
		t.Errorf("flash:/startup.cfg after save_config (%v):\n%s", err, saved)
	}
}

// checkInterfaceRecords checks what TextFSM made of display interface brief on the default
// 5130-28: a record per port, GE1/0/1-24 and XGE1/0/25-28, all access ports in VLAN 1, plus the
// route-mode interfaces.
func checkInterfaceRecords(t *testing.T, raw json.RawMessage) {
	t.Helper()
	var recs []map[string]string
	if err := json.Unmarshal(raw, &recs); err != nil {
		t.Fatalf("send_command('display interface brief', use_textfsm=True) did not return records: %s", raw)
	}
	var want, ports, routed []string
	for i := 1; i <= 28; i++ {
		name := fmt.Sprintf("GE1/0/%d", i)
		if i > 24 {
			name = "X" + name
		}
		want = append(want, name)
	}
	for _, r := range recs {
		if r["type"] == "" {
			routed = append(routed, r["interface"])
			continue
		}
		ports = append(ports, r["interface"])
		if r["type"] != "A" || r["vlan_id"] != "1" || !slices.Contains([]string{"UP", "DOWN", "ADM"}, r["link"]) {
			t.Errorf("record %v: want an access port in VLAN 1 with link UP, DOWN or ADM", r)
		}
	}
	if !slices.Equal(ports, want) {
		t.Errorf("TextFSM port records %q, want %q", ports, want)
	}
	if !slices.Equal(routed, []string{"InLoop0", "NULL0", "Vlan1"}) { // a 5130 EI has no MGE port; its factory configuration has Vlan-interface1
		t.Errorf("TextFSM route-mode records %q, want InLoop0, NULL0, Vlan1", routed)
	}
}
