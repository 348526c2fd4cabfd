package interop

import (
	"bufio"
	"net"
	"strings"
	"testing"
	"time"
)

// TestFleetRealSwitchNotServed: a fleet's real switch (kind ssh) is reached by the gateway, not
// served: vtyd --fleet starts the simulated device only, and counts only it.
func TestFleetRealSwitchNotServed(t *testing.T) {
	n := newLoopbackNet(t)
	f := startFleet(t, `devices:
  sim1:
    address: `+n.ip(1)+`
  edge:
    kind: ssh
    address: `+n.ip(2)+`
    host_key: trust-on-first-use
    credentials: {admin: {user: admin, password_env: EDGE_PW}}
`)
	sim := f.device(t, "sim1")
	// vtyd logs "fleet serving" just before it takes SIGTERM (serve's signal.NotifyContext); its
	// servers send their version only from inside serve, so a version read means a clean stop.
	c, err := net.DialTimeout("tcp", net.JoinHostPort(sim.host, sim.port), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if line, err := bufio.NewReader(c).ReadString('\n'); !strings.HasPrefix(line, "SSH-2.0-") {
		t.Fatalf("sim1 sent %q, %v; want its SSH version", line, err)
	}
	if v := f.devices["edge"]; v != nil {
		t.Errorf("the real switch edge was started as a simulated device on %s:%s", v.host, v.port)
	}
	if m := fleetServingRE.FindStringSubmatch(f.log.String()); m == nil || m[1] != "1" || m[2] != "1" {
		t.Errorf("fleet serving %q, want devices=1 of=1:\n%s", m, f.log.String())
	}
	if strings.Contains(f.log.String(), "device=edge") {
		t.Errorf("vtyd logged about edge as a device it runs:\n%s", f.log.String())
	}
}
