package tui

import "testing"

// TestDisruptive: the lines that take something away are marked, abbreviated or not; the ones that
// add, describe or turn back on are not.
func TestDisruptive(t *testing.T) {
	for _, c := range []struct {
		line string
		want string // "" : harmless
	}{
		{"shutdown", "shuts the interface down"},
		{" shut", "shuts the interface down"},
		{"undo shutdown", ""},
		{"reboot", "reboots the device"},
		{"reboot force", "reboots the device"},
		{"reset saved-configuration", "resets (clears) state or a file"},
		{"reset counters interface", "resets (clears) state or a file"},
		{"undo vlan 20", "deletes a VLAN"},
		{"undo vl 20", "deletes a VLAN"},
		{"vlan 20", ""},
		{"undo interface Vlan-interface30", "deletes an interface"},
		{"interface GigabitEthernet1/0/1", ""},
		{"undo ip address", "removes an IP address"},
		{"undo ip add 10.0.0.1 24", "removes an IP address"},
		{"ip address 10.0.0.1 24", ""},
		{"stp disable", "disables spanning tree"},
		{"stp global disable", "disables spanning tree"},
		{"undo stp global enable", "disables spanning tree"},
		{"stp edged-port", ""},
		{"undo stp edged-port", ""},
		{"port link-type trunk", "changes the port's link type"},
		{"port link-t access", "changes the port's link type"},
		{"undo port link-type", "changes the port's link type"},
		{"port access vlan 30", ""},
		{"undo port trunk permit vlan 20", "removes VLANs from a trunk"},
		{"port trunk permit vlan 20", ""},
		{"delete flash:/old.cfg", "deletes a file"},
		{"delete /unreserved flash:/x", "deletes a file"},
		{"format flash:", "formats a file system"},
		{"configuration replace file flash:/new.cfg", "replaces the running configuration"},
		{"description shut down by ops", ""},
		{"display interface brief", ""},
		{"", ""},
		{"undo", ""},
		{"save force", ""},
		{"sysname core1", ""},
	} {
		if got := disruptive(c.line); got != c.want {
			t.Errorf("disruptive(%q) = %q, want %q", c.line, got, c.want)
		}
	}
	marks, n := disruptiveLines([]string{"system-view", "vlan 20", "undo vlan 10", "interface GE1/0/1", "shutdown"})
	if n != 2 || marks[2] == "" || marks[4] == "" || marks[1] != "" {
		t.Errorf("disruptiveLines: %q, %d", marks, n)
	}
}
