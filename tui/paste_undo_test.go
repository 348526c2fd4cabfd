package tui

import (
	"reflect"
	"strings"
	"testing"

	"vtyd/tui/readers"
)

// A paste that stops partway offers the inverse of the lines that ran; i previews it as a paste,
// and running it puts the device back as it was.
func TestStoppedPasteUndo(t *testing.T) {
	f := newFixture(t, fixtureOpts{})
	f.enrich()
	before := f.display("display current-configuration")
	f.send(pasteMsg(strings.Join([]string{"system-view", "interface GigabitEthernet1/0/7", "shutdown", "port access vlan 10",
		"interface GigabitEthernet1/0/3", "undo shutdown", "description Temp", "vlan 40", "name Tmp", "quit",
		"ip route-static 10.50.0.0 16 192.168.1.254", "interface GigabitEthernet1/0/8", "port access vlan 999", "return"}, "\n") + "\n"))
	f.key("y")
	if f.m.dlg == nil || f.m.dlg.undo == nil {
		t.Fatalf("no undo offered:\n%s", f.screen())
	}
	want := []string{"system-view", "undo ip route-static 10.50.0.0 16 192.168.1.254", "undo vlan 40",
		"interface GigabitEthernet1/0/3", " description Uplink core", " shutdown", "quit",
		"interface GigabitEthernet1/0/7", " undo port access vlan", " undo shutdown", "return"}
	if !reflect.DeepEqual(f.m.dlg.undo, want) {
		t.Errorf("undo %q\nwant %q", f.m.dlg.undo, want)
	}
	if !strings.Contains(f.dialogText(), "These lines undo what ran (i: check and run them as a paste):") {
		t.Errorf("the results do not offer the undo:\n%s", f.dialogText())
	}
	f.key("i")
	if f.m.dlg == nil || f.m.dlg.paste == nil || f.m.dlg.paste.bad >= 0 {
		t.Fatalf("i does not preview the undo as a paste:\n%s", f.screen())
	}
	f.key("y")
	if r := f.lastRecord(); r.failed {
		t.Fatalf("the undo failed:\n%s", recordText(r))
	}
	if after := f.display("display current-configuration"); after != before {
		t.Errorf("the undo did not restore the configuration:\n--- after\n%s\n--- before\n%s", after, before)
	}
}

func TestInversePasteUnknown(t *testing.T) {
	_, unknown := inversePaste(configOf(t, "#\n sysname HPE\n#\nreturn\n"), []string{"system-view", "stp global enable", "return"})
	if !reflect.DeepEqual(unknown, []string{"stp global enable"}) {
		t.Errorf("unknown %q", unknown)
	}
}

func configOf(t *testing.T, text string) readers.Config {
	t.Helper()
	c, err := readers.ParseConfig(text)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
