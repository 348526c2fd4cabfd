package switchctl

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPingAnswersForWhatTheSimulationKnows(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 7})
	r.run(labConfig(r.d.Model())...)
	var host, neighbour string
	r.view(func(v *simView) {
		host = v.tables().arp[0].ip.String()
		for _, e := range v.tables().lldp {
			if e.ip.IsValid() {
				neighbour = e.ip.String()
			}
		}
	})
	if neighbour == "" {
		t.Fatal("no LLDP neighbour has a management address")
	}
	reply := regexp.MustCompile(`^56 bytes from \S+: icmp_seq=\d+ ttl=\d+ time=\d+\.\d{3} ms$`)
	for _, ip := range []string{"10.10.0.1", "1.1.1.1", "127.0.0.1", host, neighbour, "192.168.1.254"} {
		out := r.run("ping -c 3 " + ip)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if lines[0] != "Ping "+ip+" ("+ip+"): 56 data bytes, press CTRL+C to break" || len(lines) != 8 {
			t.Fatalf("ping %s:\n%s", ip, out)
		}
		for _, l := range lines[1:4] {
			if !reply.MatchString(l) {
				t.Errorf("ping %s: reply line %q", ip, l)
			}
		}
		if lines[5] != "--- Ping statistics for "+ip+" ---" || lines[6] != "3 packet(s) transmitted, 3 packet(s) received, 0.0% packet loss" ||
			!strings.HasPrefix(lines[7], "round-trip min/avg/max/std-dev = ") {
			t.Errorf("ping %s statistics:\n%s", ip, out)
		}
	}
}

func TestPingTimesOutForStrangers(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 7})
	r.run(labConfig(r.d.Model())...)
	want := "Ping 10.20.0.99 (10.20.0.99): 56 data bytes, press CTRL+C to break\n" + strings.Repeat("Request time out\n", 5) +
		"\n--- Ping statistics for 10.20.0.99 ---\n5 packet(s) transmitted, 0 packet(s) received, 100.0% packet loss\n"
	if got := r.run("ping 10.20.0.99"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// An address of a Vlan-interface that is down does not answer either.
	if got := r.run("ping -c 1 10.12.0.1"); !strings.Contains(got, "Request time out") {
		t.Errorf("a shut Vlan-interface answered:\n%s", got)
	}
}

func TestPingStopsWhenTheContextEnds(t *testing.T) {
	r := newSimRig(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b strings.Builder
	if err := r.s.Exec(ctx, "ping -c 4294967295 127.0.0.1", &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0 packet(s) transmitted") {
		t.Errorf("a cancelled ping went on:\n%s", b.String())
	}
}

func TestTracert(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 7})
	r.run(labConfig(r.d.Model())...)
	head := "traceroute to %s (%s), 30 hops at most, 40 bytes each packet, press CTRL+C to break\n"
	hop := regexp.MustCompile(`^ 1  (\S+) \(\S+\)  \d+\.\d{3} ms  \d+\.\d{3} ms  \d+\.\d{3} ms$`)

	out := r.run("tracert 192.168.1.254")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.HasPrefix(out, strings.ReplaceAll(head, "%s", "192.168.1.254")) || len(lines) != 2 || !hop.MatchString(lines[1]) {
		t.Errorf("tracert to a neighbour:\n%s", out)
	}
	// Beyond the default gateway nothing answers: the gateway, then stars to the 30th hop.
	out = r.run("tracert 8.8.4.4")
	lines = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if m := hop.FindStringSubmatch(lines[1]); m == nil || m[1] != "192.168.1.254" || len(lines) != 31 || lines[30] != "30  * * *" {
		t.Errorf("tracert through the gateway:\n%s", out)
	}
}

func TestDisplaysMoveWithTheClock(t *testing.T) {
	r := newSimRig(t, Options{SimSeed: 7})
	r.run(labConfig(r.d.Model())...)
	port := upPortWithMACs(t, r).Full()
	a := r.run("display interface " + port)
	r.clock.Advance(10 * time.Minute)
	b := r.run("display interface " + port)
	if a == b {
		t.Error("display interface did not change in ten minutes")
	}
	for _, want := range []string{"Current system time:2026-11-25 10:10:00 UTC+00:00:00\n",
		"Last time when physical state changed to up:2026-11-25 10:00:00 UTC+00:00:00\n"} {
		if !strings.Contains(b, want) {
			t.Errorf("display interface lacks %q:\n%s", want, b)
		}
	}
}

// TestPingPacesItsProbes: as on a switch, ping waits the interval (ping -m, 200 ms by default)
// between probes and a lost probe its timeout (ping -t, 2000 ms), on the device's timer; an endless
// ping is not a flood.
func TestPingPacesItsProbes(t *testing.T) {
	var waits []time.Duration
	r := newSimRig(t, Options{SimSeed: 7, Wait: func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		return ctx.Err()
	}})
	r.run(labConfig(r.d.Model())...)
	r.run("ping -c 3 127.0.0.1")
	if want := []time.Duration{200 * time.Millisecond, 200 * time.Millisecond}; !slices.Equal(waits, want) {
		t.Errorf("waits %v for three answered probes, want %v", waits, want)
	}
	waits = nil
	r.run("ping -c 2 10.20.0.99")
	if want := []time.Duration{2 * time.Second, 200 * time.Millisecond, 2 * time.Second}; !slices.Equal(waits, want) {
		t.Errorf("waits %v for two lost probes, want %v", waits, want)
	}
}

// TestPingWaitsOnTheRealTimerByDefault: without an injected timer a probe really waits, and a
// cancelled context ends the wait at once.
func TestPingWaitsOnTheRealTimerByDefault(t *testing.T) {
	d := newTestDevice(t)
	s := d.NewSession(SessionInfo{User: "admin", Roles: []string{RoleAdmin}, Line: -1})
	start := time.Now()
	var b strings.Builder
	if err := s.Exec(context.Background(), "ping -c 2 127.0.0.1", &b); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 200*time.Millisecond {
		t.Errorf("two probes took %v, want at least the 200 ms interval", el)
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &cancelAfter{n: 2, cancel: cancel}
	done := make(chan error, 1)
	go func() { done <- s.Exec(ctx, "ping -c 4294967295 127.0.0.1", w) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled ping went on for 10 s")
	}
	if !strings.Contains(w.b.String(), "1 packet(s) transmitted, 1 packet(s) received") {
		t.Errorf("statistics of a ping cancelled during its first interval:\n%s", w.b.String())
	}
}

// cancelAfter cancels a context once n writes arrived, as Ctrl+C after the first reply does.
type cancelAfter struct {
	b      strings.Builder
	n      int
	cancel context.CancelFunc
}

func (w *cancelAfter) Write(p []byte) (int, error) {
	if w.n--; w.n == 0 {
		w.cancel()
	}
	return w.b.Write(p)
}
