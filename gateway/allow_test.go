package gateway

import "testing"

// TestAllows: names, globs and tags, and what no pattern reaches.
func TestAllows(t *testing.T) {
	cases := []struct {
		name    string
		devices []string
		device  string
		tags    []string
		want    bool
	}{
		{"star reaches every device", []string{"*"}, "core1", nil, true},
		{"star reaches a name with dots", []string{"*"}, "sw.lab-1", nil, true},
		{"no devices reach nothing", nil, "core1", []string{"lab"}, false},
		{"an exact name", []string{"core1"}, "core1", nil, true},
		{"an exact name is not a prefix", []string{"core1"}, "core10", nil, false},
		{"names are case-sensitive", []string{"core1"}, "CORE1", nil, false},
		{"a glob", []string{"acc*"}, "acc12", nil, true},
		{"a glob anchors at both ends", []string{"acc*"}, "pacc1", nil, false},
		{"a class", []string{"core[12]"}, "core2", nil, true},
		{"a class, outside", []string{"core[12]"}, "core3", nil, false},
		{"a question mark", []string{"pod?"}, "pod7", nil, true},
		{"a tag", []string{"tag:lab"}, "pe1", []string{"core", "lab"}, true},
		{"a tag the device lacks", []string{"tag:lab"}, "pe1", []string{"core"}, false},
		{"a tag is not a name", []string{"tag:lab"}, "lab", nil, false},
		{"a name is not a tag", []string{"lab"}, "pe1", []string{"lab"}, false},
		{"a tag glob", []string{"tag:pod*"}, "pe1", []string{"pod3"}, true},
		{"a tag, exactly", []string{"tag:lab"}, "pe1", []string{"labs"}, false},
		{"any of several", []string{"acc*", "tag:lab"}, "pe1", []string{"lab"}, true},
		{"none of several", []string{"acc*", "tag:lab"}, "core1", []string{"core"}, false},
		{"a device without a name", []string{"*"}, "", nil, false},
		{"an empty tag matches no pattern", []string{"tag:*"}, "pe1", []string{""}, false},
		{"a bad pattern matches nothing", []string{"acc["}, "acc[", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := &User{Name: "u", Role: RoleOperator, Devices: c.devices}
			if got := u.Allows(c.device, c.tags); got != c.want {
				t.Errorf("devices %q: Allows(%q, %q) = %v, want %v", c.devices, c.device, c.tags, got, c.want)
			}
		})
	}
	var nobody *User
	if nobody.Allows("core1", nil) {
		t.Error("a nil user reaches core1")
	}
}
