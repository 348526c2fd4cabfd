package switchctl

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/netip"
	"time"
)

// ping and tracert answer from the simulation: the device's own addresses, the hosts in its ARP
// table (LLDP neighbours' management addresses among them) and the loopback range reply; anything
// else times out. Round trips are simulated, but ping keeps a switch's pace: it waits pingInterval
// between probes and pingTimeout for a probe nobody answers, on the device's timer (Options.Wait),
// and writes each line as its probe ends. tracert's output comes at once.

// pingInterval and pingTimeout are the defaults of Comware's ping -m and -t.
const (
	pingInterval = 200 * time.Millisecond
	pingTimeout  = 2 * time.Second
)

func pingRows() []Row {
	return []Row{
		{Views: InAll, Path: "ping [-c <count:1-4294967295>] <host:ip>", Priv: PrivDiag, Run: runPing},
		{Views: InAll, Path: "tracert <host:ip>", Priv: PrivDiag, Run: runTracert},
	}
}

var pingHelp = map[string]string{
	"ping":    "Ping function",
	"ping -c": "Specify the number of echo requests",
	"tracert": "Tracert function",
}

var pingArgHelp = map[string]string{
	"count": "Number of echo requests",
	"host":  "IP address of the destination",
}

// pingTarget is how an address answers: its replies' TTL and typical round trip in milliseconds.
type pingTarget struct {
	ttl  int
	rtt  float64
	seed uint64
}

// pingLookup finds out whether the simulation knows an address.
func (v *simView) pingLookup(ip netip.Addr) (pingTarget, bool) {
	t := pingTarget{ttl: 255, rtt: 0.02, seed: v.s.hash(ip.String(), 0x9199, uint64(v.now.UnixNano()))}
	if ip.IsLoopback() {
		return t, true
	}
	for _, f := range v.cfg.Ifaces {
		if !v.up(f) { // the addresses of a down interface are not reachable, even from the device
			continue
		}
		for _, a := range f.Addrs {
			if a.Addr == ip {
				return t, true
			}
		}
	}
	for _, e := range v.tables().arp {
		if e.ip == ip {
			t.ttl, t.rtt = e.ttl, 0.4+2.5*float64(v.s.hash(ip.String(), 0x277)%1000)/1000
			return t, true
		}
	}
	return t, false
}

// sample is the round trip of probe i.
func (t pingTarget) sample(i int) float64 {
	jitter := float64(mix64(t.seed^uint64(i))%1000) / 1000
	return t.rtt * (0.6 + 0.9*jitter)
}

func runPing(c *Ctx) error {
	ip := c.A.IP("host")
	count := 5
	if c.A.IsSet("count") {
		count = c.A.Int("count")
	}
	var t pingTarget
	var ok bool
	c.D.simRead(func(v *simView) { t, ok = v.pingLookup(ip) })
	w := c.Out
	wait := c.D.opts.Wait
	fmt.Fprintf(w, "Ping %s (%s): 56 data bytes, press CTRL+C to break\n", ip, ip)
	got := 0
	var sum, sumSq, lo, hi float64
	for i := 0; i < count; i++ {
		// Ctrl+C, or the session went away: the probes sent so far make the statistics.
		if err := c.Context().Err(); err != nil || (i > 0 && wait(c.Context(), pingInterval) != nil) {
			count = i
			break
		}
		if !ok {
			if wait(c.Context(), pingTimeout) != nil {
				count = i + 1 // sent, given up on
				break
			}
			io.WriteString(w, "Request time out\n")
			continue
		}
		ms := t.sample(i)
		fmt.Fprintf(w, "56 bytes from %s: icmp_seq=%d ttl=%d time=%.3f ms\n", ip, i, t.ttl, ms)
		if got == 0 || ms < lo {
			lo = ms
		}
		hi = max(hi, ms)
		got++
		sum, sumSq = sum+ms, sumSq+ms*ms
	}
	loss := 100.0
	if count > 0 {
		loss = 100 * float64(count-got) / float64(count)
	}
	fmt.Fprintf(w, "\n--- Ping statistics for %s ---\n", ip)
	fmt.Fprintf(w, "%d packet(s) transmitted, %d packet(s) received, %.1f%% packet loss\n", count, got, loss)
	if got > 0 {
		avg := sum / float64(got)
		std := math.Sqrt(max(sumSq/float64(got)-avg*avg, 0))
		fmt.Fprintf(w, "round-trip min/avg/max/std-dev = %.3f/%.3f/%.3f/%.3f ms\n", lo, avg, hi, std)
	}
	return nil
}

// tracertMaxHops is how far tracert looks, as on the switch.
const tracertMaxHops = 30

func runTracert(c *Ctx) error {
	ip := c.A.IP("host")
	var t, gw pingTarget
	var ok, viaOK bool
	var via netip.Addr
	c.D.simRead(func(v *simView) {
		if t, ok = v.pingLookup(ip); ok {
			return
		}
		if via = v.nextHopFor(ip); via.IsValid() {
			gw, viaOK = v.pingLookup(via)
		}
	})
	w := bufio.NewWriter(c.Out)
	fmt.Fprintf(w, "traceroute to %s (%s), %d hops at most, 40 bytes each packet, press CTRL+C to break\n", ip, ip, tracertMaxHops)
	hop := func(n int, addr netip.Addr, t pingTarget) {
		fmt.Fprintf(w, "%2d  %s (%s)  %.3f ms  %.3f ms  %.3f ms\n", n, addr, addr, t.sample(3*n), t.sample(3*n+1), t.sample(3*n+2))
	}
	first := 1
	switch {
	case ok:
		hop(1, ip, t)
		return w.Flush()
	case viaOK:
		hop(1, via, gw)
		first = 2
	}
	for n := first; n <= tracertMaxHops; n++ {
		if c.Context().Err() != nil {
			break
		}
		fmt.Fprintf(w, "%2d  * * *\n", n)
	}
	return w.Flush()
}

// nextHopFor is the next hop of the longest static route to ip, or the invalid address.
func (v *simView) nextHopFor(ip netip.Addr) netip.Addr {
	var best netip.Addr
	bits := -1
	for _, r := range v.routes() {
		if r.proto == "Static" && r.dest.Contains(ip) && r.dest.Bits() > bits && r.nextHop != anyAddr {
			best, bits = r.nextHop, r.dest.Bits()
		}
	}
	return best
}
