package interop

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

// fleetRun is one `vtyd --fleet FILE` process, started for one test and stopped when it ends.
type fleetRun struct {
	file    string           // the fleet file
	data    string           // --data: a device without data: in the file keeps DATA/devices/NAME
	devices map[string]*vtyd // the devices that logged listening, by fleet name
	log     *logBuffer       // the process's log, every device's lines in it
}

var (
	fleetListeningRE = regexp.MustCompile(`: listening device=(\S+) addr=(\S+)\n`)
	fleetHostKeyRE   = regexp.MustCompile(`: host key device=(\S+) type=(\S+) fingerprint=(SHA256:\S+)\n`)
	fleetServingRE   = regexp.MustCompile(`: fleet serving devices=(\d+) of=(\d+)\n`)
)

// startFleet writes fleetYAML as a fleet file in a fresh directory and serves it with the binary
// TestMain built (--fleet FILE --data DIR/data, admin's password), as startVtyd does one device.
// It returns once vtyd logs that the fleet is serving, with every device that logged listening,
// its address and host keys (each makes its own: a fleet's keys are not seeded). The devices'
// data directories are the default, DIR/data/devices/NAME.
func startFleet(t *testing.T, fleetYAML string, args ...string) *fleetRun {
	t.Helper()
	dir := t.TempDir()
	f := &fleetRun{file: filepath.Join(dir, "fleet.yml"), data: filepath.Join(dir, "data"), devices: map[string]*vtyd{}}
	if err := os.WriteFile(f.file, []byte(fleetYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	f.log = startProcess(t, append([]string{"--fleet", f.file, "--data", f.data, "--admin-password", adminPassword}, args...))
	if _, ok := f.log.wait(fleetServingRE, 60*time.Second); !ok {
		t.Fatal("vtyd --fleet did not log fleet serving")
	}
	text := f.log.String()
	for _, m := range fleetListeningRE.FindAllStringSubmatch(text, -1) {
		host, port, err := net.SplitHostPort(m[2])
		if err != nil {
			t.Fatalf("device %s listening on %q: %v", m[1], m[2], err)
		}
		f.devices[m[1]] = &vtyd{host: host, port: port, data: filepath.Join(f.data, "devices", m[1]),
			hostKeys: map[string]string{}, log: f.log}
	}
	for _, m := range fleetHostKeyRE.FindAllStringSubmatch(text, -1) {
		if v := f.devices[m[1]]; v != nil {
			v.hostKeys[m[2]] = m[3]
		}
	}
	return f
}

// device is the named device of the fleet, which must be serving.
func (f *fleetRun) device(t *testing.T, name string) *vtyd {
	t.Helper()
	v := f.devices[name]
	if v == nil {
		t.Fatalf("fleet device %s is not serving", name)
	}
	return v
}

// loopbackNet is "127.R1.R2", a /24 of loopback addresses for one test's fleet, whose devices all
// listen on port 2222 there, as a fleet file says. R1 and R2 are random in 1..254: the other
// tests listen on 127.0.0.1:0 (R1 is never 0), and two fleet tests running at once pick the same
// /24 once in 64516, so a fixed port is safe enough.
type loopbackNet string

// newLoopbackNet picks one, and skips the test where only 127.0.0.1 is loopback (macOS, unless
// the addresses are added as lo0 aliases).
func newLoopbackNet(t *testing.T) loopbackNet {
	t.Helper()
	n := loopbackNet(fmt.Sprintf("127.%d.%d", 1+rand.IntN(254), 1+rand.IntN(254)))
	ln, err := net.Listen("tcp", net.JoinHostPort(n.ip(1), "0"))
	if err != nil {
		t.Skipf("%s is not a loopback address here: %v", n.ip(1), err)
	}
	ln.Close()
	return n
}

// ip is address x of the /24.
func (n loopbackNet) ip(x int) string { return fmt.Sprintf("%s.%d", n, x) }
