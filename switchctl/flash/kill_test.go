//go:build unix

package flash_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vtyd/switchctl/flash"
)

// killChildEnv, when set to a directory, turns this test binary into the writer TestKillLoop kills.
const killChildEnv = "VTYD_FLASH_KILL_CHILD"

// killVersion is one of the complete contents the file may hold: 256 KB in which every line names
// the version, so a torn mix of two versions cannot pass for either.
func killVersion(v byte) []byte {
	line := fmt.Sprintf("version %c %s\n", v, strings.Repeat(string(v), 53))
	return bytes.Repeat([]byte(line), 256*1024/len(line))
}

// TestKillLoop runs a child process that saves two configurations alternately, kills it with
// SIGKILL at random moments and checks after each kill that the file is one complete version.
func TestKillLoop(t *testing.T) {
	if dir := os.Getenv(killChildEnv); dir != "" {
		runKillChild(dir)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	versions := [][]byte{killVersion('S'), killVersion('A'), killVersion('B')}
	f, err := flash.Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, f, "startup.cfg", versions[0])
	f.Close()

	deadline := time.Now().Add(5 * time.Second)
	kills, torn := 0, 0
	for ; kills < 20 && time.Now().Before(deadline); kills++ {
		if killChild(t, dir) {
			torn++
		}
		g, err := flash.Open(dir, 0) // a restart: clears the dead child's temp file
		if err != nil {
			t.Fatal(err)
		}
		got, err := g.ReadFile("startup.cfg")
		if err != nil {
			t.Fatalf("kill %d: %v", kills, err)
		}
		if !slices.ContainsFunc(versions, func(v []byte) bool { return bytes.Equal(v, got) }) {
			t.Fatalf("kill %d: startup.cfg is not a complete version (%d bytes, starts %q)", kills, len(got), got[:min(len(got), 12)])
		}
		if names := hostNames(t, dir); !slices.Equal(names, []string{"startup.cfg"}) {
			t.Fatalf("kill %d: flash holds %v after restart", kills, names)
		}
		g.Close()
	}
	t.Logf("%d kills, %d of them left a temp file behind", kills, torn)
}

// killChild starts the writer, lets it run for a random moment after its first save, kills it and
// reports whether it died with a temp file on disk, that is in the middle of a write.
func killChild(t *testing.T, dir string) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillLoop$")
	cmd.Env = append(os.Environ(), killChildEnv+"="+dir)
	ready := &lineSignal{line: "ready", ch: make(chan struct{})}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = ready, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-ready.ch:
	case err := <-exited:
		t.Fatalf("writer exited before its first save: %v\n%s", err, &stderr)
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatal("writer never made its first save")
	}
	// The delay is the experiment, not synchronisation: it picks where in the write loop the kill lands.
	<-time.After(rand.N(15 * time.Millisecond))
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	return slices.ContainsFunc(hostNames(t, dir), func(n string) bool { return strings.HasPrefix(n, ".tmp-") })
}

// runKillChild is the writer: it saves versions A and B alternately until killed, saying "ready"
// after the first save. It gives up on its own after a while in case its parent died.
func runKillChild(dir string) {
	f, err := flash.Open(dir, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	versions := [][]byte{killVersion('A'), killVersion('B')}
	for i, stop := 0, time.Now().Add(30*time.Second); time.Now().Before(stop); i++ {
		if err := f.WriteFileAtomic("startup.cfg", versions[i%2]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if i == 0 {
			fmt.Println("ready")
		}
	}
	os.Exit(0)
}

// lineSignal is an io.Writer that closes ch once line has been written to it as a whole line.
type lineSignal struct {
	line string
	ch   chan struct{}
	mu   sync.Mutex
	buf  bytes.Buffer
	once sync.Once
}

func (s *lineSignal) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.Write(p)
	if strings.Contains("\n"+s.buf.String(), "\n"+s.line+"\n") {
		s.once.Do(func() { close(s.ch) })
	}
	return len(p), nil
}
