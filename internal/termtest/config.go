package termtest

import (
	"fmt"
	"strings"

	"vtyd/switchctl"
)

// VLANLines is configuration text of about size bytes, `vlan N` / `description` lines from first
// on, each ended by eol; it also returns how many VLANs it names. Tests paste it.
func VLANLines(first, size int, eol string) (string, int) {
	var b strings.Builder
	n := first
	for b.Len() < size {
		fmt.Fprintf(&b, "vlan %d%sdescription pasted vlan number %d%s", n, eol, n, eol)
		n++
	}
	return b.String(), n - first
}

// HasVLAN reports whether d's running configuration has VLAN id.
func HasVLAN(d *switchctl.Device, id int) bool {
	return strings.Contains(d.CurrentConfig(), fmt.Sprintf("\nvlan %d\n", id))
}
