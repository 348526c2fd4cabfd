package readers

import (
	"fmt"
	"strings"
)

// LargeMACTable is the text of `display mac-address` with n entries on 48 ports, for tests and
// benchmarks of tables larger than the simulated device's.
func LargeMACTable(n int) string {
	var b strings.Builder
	b.Grow(80 * (n + 1))
	b.WriteString("MAC Address      VLAN ID    State            Port/Nickname            Aging\n")
	for i := 0; i < n; i++ {
		mac := fmt.Sprintf("%04x-%04x-%04x", 0x0200|i>>24&0xff, i>>12&0xfff, i&0xfff)
		fmt.Fprintf(&b, "%-17s%-11d%-17s%-25s%s\n", mac, (i+1)%4094+1, "Learned", fmt.Sprintf("GE1/0/%d", i%48+1), "Y")
	}
	return b.String()
}
