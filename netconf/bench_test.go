package netconf

import (
	"strings"
	"testing"

	"vtyd/switchctl"
)

// BenchmarkGetBulkAllInterfaces is one get-bulk of every interface of the 416-port chassis
// (10508: 8 slots of 48 GE and 4 XGE), the way pyhpecw7's facts and interface features read them,
// over a pipe with chunked framing: the reply is built, framed and read whole.
func BenchmarkGetBulkAllInterfaces(b *testing.B) {
	d, _, err := switchctl.Open(switchctl.Options{Dir: b.TempDir(), SeedKeys: true, BcryptCost: 4, NoRSA: true, Model: "10508"})
	if err != nil {
		b.Fatal(err)
	}
	c := open(b, d, true)
	req := `<get-bulk><filter type="subtree">` + hpData + `<Ifmgr><Interfaces><Interface/></Interfaces></Ifmgr></top></filter></get-bulk>`
	if got := c.rpc("0", req); strings.Count(got, "<Interface>") < 416 {
		b.Fatalf("%d interfaces, want all 416 ports and more", strings.Count(got, "<Interface>"))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c.rpc("1", req)
	}
}
