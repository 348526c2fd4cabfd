package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"vtyd/sshsrv"
	"vtyd/switchctl"
)

// BenchmarkHeldSessions measures the server's memory per held interactive session: 200 shells
// with a PTY (xterm-256color) open at once against one server (--vty-lines 256), on the console's
// Dashboard or, for comparison, in the line CLI (VTYD_CONSOLE=cli). The clients run in a child
// process (this test binary, TestHeldSessionsClient), so the figures are the server's alone: the
// live heap after a GC plus goroutine stacks, before and after the sessions opened, divided by
// their number. Goal for the console: under 512 KB a session. Run with -benchtime=1x.
//
// Environment: HOLD_SESSIONS (200), HOLD_SIZE (80x24), HOLD_SETTLE (2s), HOLD_VLANS (VLANs 2..N
// configured and unsaved before the sessions open: a large configuration), HOLD_HEAPPROFILE (a
// file to write the heap profile, sampled every 4 KB, and the goroutine profile to, with the
// sessions held; .console and .cli are appended).
func BenchmarkHeldSessions(b *testing.B) {
	n := envInt("HOLD_SESSIONS", 200)
	if os.Getenv("HOLD_HEAPPROFILE") != "" {
		runtime.MemProfileRate = 4096 // per-session allocations are a few KB: the default 512 KB sampling hides them
	}
	size := envStr("HOLD_SIZE", "80x24")
	for _, mode := range []string{"console", "cli"} {
		b.Run(mode+"/"+size, func(b *testing.B) {
			var m memDelta
			for i := 0; i < b.N; i++ {
				m = holdSessions(b, mode, size, n)
			}
			b.ReportMetric(float64(m.heap)/1024/float64(n), "heap-KB/session")
			b.ReportMetric(float64(m.stacks)/1024/float64(n), "stack-KB/session")
			b.ReportMetric(float64(m.heap+m.stacks)/1024/float64(n), "KB/session")
			b.ReportMetric(float64(m.goroutines)/float64(n), "goroutines/session")
		})
	}
}

// memDelta is what held sessions added to the server process.
type memDelta struct {
	heap, stacks int64
	goroutines   int64
}

// memNow reads the live heap (after two collections), the goroutine stacks and the goroutines.
func memNow() memDelta {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/stacks:bytes"},
		{Name: "/sched/goroutines:goroutines"}}
	metrics.Read(s)
	return memDelta{heap: int64(s[0].Value.Uint64()), stacks: int64(s[1].Value.Uint64()), goroutines: int64(s[2].Value.Uint64())}
}

// holdSessions runs the client process and measures the server around it.
func holdSessions(b *testing.B, mode, size string, n int) memDelta {
	b.Helper()
	b.StopTimer()
	addr, d := startConsoleServer(b, 256)
	if n := envInt("HOLD_VLANS", 1); n > 1 {
		s := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0})
		for _, l := range []string{"system-view", fmt.Sprintf("vlan 2 to %d", n), "return"} {
			if err := s.Exec(context.Background(), l, io.Discard); err != nil {
				b.Fatalf("%s: %v", l, err)
			}
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHeldSessionsClient$", "-test.v", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), "HOLD_ADDR="+addr, "HOLD_MODE="+mode, "HOLD_SIZE="+size, "HOLD_SESSIONS="+strconv.Itoa(n))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	expect := func(word string) {
		for lines.Scan() {
			if strings.TrimSpace(lines.Text()) == word {
				return
			}
		}
		_ = cmd.Wait()
		b.Fatalf("the client process ended before %s", word)
	}
	expect("WARM") // the first sessions paged in what every later one shares
	before := memNow()
	b.StartTimer()
	fmt.Fprintln(stdin, "GO")
	expect("READY")
	b.StopTimer()
	// Let the last logins' events reach every console and their reads finish (the consoles gather
	// events for 500ms), as bench/cmd/load lets a server settle before it reads its memory.
	time.Sleep(envDuration("HOLD_SETTLE", 2*time.Second))
	after := memNow()
	if path := os.Getenv("HOLD_HEAPPROFILE"); path != "" {
		writeHeapProfile(b, path+"."+mode)
	}
	stdin.Close()
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	if err := cmd.Wait(); err != nil {
		b.Fatalf("client process: %v", err)
	}
	return memDelta{heap: after.heap - before.heap, stacks: after.stacks - before.stacks, goroutines: after.goroutines - before.goroutines}
}

// TestHeldSessionsClient is the client side of BenchmarkHeldSessions; it runs only as its child.
// It opens a few sessions and closes them (WARM), then on GO opens HOLD_SESSIONS shells and holds
// them, each having drawn its first screen (READY), until its input ends.
func TestHeldSessionsClient(t *testing.T) {
	addr := os.Getenv("HOLD_ADDR")
	if addr == "" {
		t.Skip("the client process of BenchmarkHeldSessions")
	}
	n := envInt("HOLD_SESSIONS", 200)
	var w, h int
	if _, err := fmt.Sscanf(envStr("HOLD_SIZE", "80x24"), "%dx%d", &w, &h); err != nil {
		t.Fatal(err)
	}
	env, ready := map[string]string(nil), "Release" // the dashboard has read the device
	if os.Getenv("HOLD_MODE") == "cli" {
		env, ready = map[string]string{sshsrv.EnvConsole: "cli"}, "<HPE>"
	}
	open := func() (*ssh.Client, error) {
		c, err := ssh.Dial("tcp", addr, &ssh.ClientConfig{User: "admin", Auth: []ssh.AuthMethod{ssh.Password("secret")},
			HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: 30 * time.Second}) //nolint:gosec // a test server
		if err != nil {
			return nil, err
		}
		sh := openShell(t, c, "xterm-256color", w, h, env, nil)
		sh.out.waitFor(t, ready, func(raw string) bool { return strings.Contains(raw, ready) })
		return c, nil
	}
	for i := 0; i < 3; i++ {
		c, err := open()
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	fmt.Println("WARM")
	in := bufio.NewScanner(os.Stdin)
	if !in.Scan() {
		t.Fatal("no GO")
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 8)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := open(); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	fmt.Println("READY")
	for in.Scan() {
	}
}

// writeHeapProfile writes the heap profile of the server with the sessions held.
func writeHeapProfile(b *testing.B, path string) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
	g, err := os.Create(path + ".goroutines")
	if err != nil {
		b.Fatal(err)
	}
	defer g.Close()
	if err := pprof.Lookup("goroutine").WriteTo(g, 1); err != nil {
		b.Fatal(err)
	}
}

func envStr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envDuration(name string, def time.Duration) time.Duration {
	d, err := time.ParseDuration(os.Getenv(name))
	if err != nil {
		return def
	}
	return d
}

func envInt(name string, def int) int {
	n, err := strconv.Atoi(os.Getenv(name))
	if err != nil || n <= 0 {
		return def
	}
	return n
}
