package main

import (
	"bytes"
	"flag"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
)

// runExec measures exec round trips: each is a new connection (TCP, key exchange, public-key auth),
// one exec of -cmd, its whole output and exit status, and the close — what a monitoring script or an
// automation run does. Workers stop at -n round trips or after -max, whichever comes first.
func runExec(args []string) error {
	fs := flag.NewFlagSet("exec", flag.ContinueOnError)
	var t target
	t.flags(fs)
	cmd := fs.String("cmd", "display clock", "command to run")
	conc := fs.Int("c", 16, "concurrent connections")
	n := fs.Int("n", 3000, "round trips at most")
	maxDur := fs.Duration("max", 20*time.Second, "time at most")
	warm := fs.Int("warmup", 20, "round trips before measuring")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := t.clientConfig()
	if err != nil {
		return err
	}
	addrs := strings.Split(t.addr, ",") // several: round trips go to each in turn (a fleet's devices)
	kex := negotiatedKex(addrs[0], cfg)
	for i := 0; i < *warm; i++ {
		if _, err := roundTrip(addrs[i%len(addrs)], cfg, *cmd); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
	}
	settle() // let sshd reap the warm-up's processes before the CPU reading
	cpu0, err := cpuTime(t.pid)
	if err != nil {
		return err
	}
	lat, errs, elapsed := hammer(addrs, cfg, *cmd, *conc, *n, *maxDur)
	settle()
	cpu1, err := cpuTime(t.pid)
	if err != nil {
		return err
	}
	if len(lat) == 0 {
		return fmt.Errorf("no round trip succeeded (%d errors)", errs)
	}
	slices.Sort(lat)
	cpuPerConn := float64((cpu1 - cpu0).Microseconds()) / 1000 / float64(len(lat)+errs)
	fmt.Printf("mode=exec conns=%d errors=%d seconds=%.2f exec_per_s=%.1f p50_ms=%.2f p99_ms=%.2f cpu_ms_per_conn=%.2f kex=%s\n",
		len(lat), errs, elapsed.Seconds(), float64(len(lat))/elapsed.Seconds(),
		ms(percentile(lat, 50)), ms(percentile(lat, 99)), cpuPerConn, kex)
	return nil
}

// hammer runs round trips from conc workers until n are done or maxDur has passed, and returns the
// latencies of the ones that worked, the number that failed, and the time taken.
func hammer(addrs []string, cfg *ssh.ClientConfig, cmd string, conc, n int, maxDur time.Duration) ([]time.Duration, int, time.Duration) {
	var (
		mu     sync.Mutex
		lat    = make([]time.Duration, 0, n)
		errs   int
		issued atomic.Int64
		wg     sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(maxDur)
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := issued.Add(1)
				if i > int64(n) || time.Now().After(deadline) {
					break
				}
				d, err := roundTrip(addrs[int(i)%len(addrs)], cfg, cmd)
				mu.Lock()
				if err != nil {
					errs++
				} else {
					lat = append(lat, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return lat, errs, time.Since(start)
}

// roundTrip is one connection with one exec.
func roundTrip(addr string, cfg *ssh.ClientConfig, cmd string) (time.Duration, error) {
	start := time.Now()
	c, err := dial(addr, cfg)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		return 0, err
	}
	defer sess.Close()
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	if err := sess.Run(cmd); err != nil {
		return 0, fmt.Errorf("%s: %w (%q)", cmd, err, errOut.String())
	}
	if out.Len() == 0 {
		return 0, fmt.Errorf("%s: no output (stderr %q)", cmd, errOut.String())
	}
	return time.Since(start), nil
}

func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p+99)/100 - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// settle gives a forking server a moment to reap finished children, whose CPU time reaches the
// parent's counters only then.
func settle() { time.Sleep(500 * time.Millisecond) }
