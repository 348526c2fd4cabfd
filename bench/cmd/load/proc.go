package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTick is USER_HZ, the unit of the times in /proc/PID/stat: 100 on every Linux port Go runs on.
const clockTick = 10 * time.Millisecond

// cpuTime is the CPU a server has used: user and system time of the process plus that of its reaped
// children, which is where a forking server's (sshd's) per-connection processes end up. pid 0
// measures nothing.
func cpuTime(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, nil
	}
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	// After "(comm)": state is field 3; utime, stime, cutime, cstime are fields 14-17.
	var ticks int64
	for _, i := range []int{14, 15, 16, 17} {
		v, err := strconv.ParseInt(f[i-3], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/%d/stat field %d: %w", pid, i, err)
		}
		ticks += v
	}
	return time.Duration(ticks) * clockTick, nil
}

// statFields are the fields of /proc/PID/stat after the command name (which may hold spaces).
func statFields(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 15 {
		return nil, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	return f, nil
}

// treePSS is the proportional set size, in KiB, of pid and all its descendants: a forking server's
// sessions live in child processes, and PSS shares their common pages fairly among them.
func treePSS(pid int) (int64, int, error) {
	pids := append([]int{pid}, descendants(pid)...)
	var total int64
	counted := 0
	for _, p := range pids {
		kb, err := pss(p)
		if err != nil {
			if p == pid {
				return 0, 0, err
			}
			continue // exited meanwhile
		}
		total += kb
		counted++
	}
	return total, counted, nil
}

// pss reads Pss from /proc/PID/smaps_rollup.
func pss(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Pss:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("/proc/%d/smaps_rollup: no Pss line", pid)
}

// descendants lists the processes below pid, from their parent links in /proc.
func descendants(pid int) []int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	children := map[int][]int{}
	for _, d := range dirs {
		p, err := strconv.Atoi(filepath.Base(d))
		if err != nil {
			continue
		}
		f, err := statFields(p)
		if err != nil {
			continue
		}
		ppid, _ := strconv.Atoi(f[1]) // field 4
		children[ppid] = append(children[ppid], p)
	}
	var out []int
	queue := []int{pid}
	for len(queue) > 0 && len(out) < 100000 {
		p := queue[0]
		queue = queue[1:]
		out = append(out, children[p]...)
		queue = append(queue, children[p]...)
	}
	return out
}
