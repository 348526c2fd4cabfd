package readers

import (
	"regexp"
	"strconv"
	"strings"
)

// CPUUsage is one "Slot N CPU M CPU usage:" block of `display cpu-usage`, in percent.
type CPUUsage struct {
	Slot, CPU              int
	Last5s, Last1m, Last5m int
}

var (
	reCPUHead = regexp.MustCompile(`^Slot (\d+)(?: CPU (\d+))? CPU usage:`)
	reCPULine = regexp.MustCompile(`^\s*(\d+)% in last (5 seconds|1 minute|5 minutes)`)
)

// ParseCPUUsage reads `display cpu-usage`.
func ParseCPUUsage(text string) ([]CPUUsage, error) {
	var out []CPUUsage
	for _, line := range lines(text) {
		if m := reCPUHead.FindStringSubmatch(line); m != nil {
			slot, _ := strconv.Atoi(m[1])
			cpu, _ := strconv.Atoi(m[2])
			out = append(out, CPUUsage{Slot: slot, CPU: cpu})
			continue
		}
		m := reCPULine.FindStringSubmatch(line)
		if m == nil || len(out) == 0 {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		c := &out[len(out)-1]
		switch m[2] {
		case "5 seconds":
			c.Last5s = n
		case "1 minute":
			c.Last1m = n
		case "5 minutes":
			c.Last5m = n
		}
	}
	if len(out) == 0 {
		return nil, ErrFormat
	}
	return out, nil
}

// Memory is one slot of `display memory`, in KB; FreeRatio is the percentage printed.
type Memory struct {
	Slot                   int
	Total, Used, Free      int64
	Buffers, Cached        int64
	FreeRatio              float64
	UsedLessBuffers, Avail int64 // the -/+ Buffers/Cache line: used and free without them
}

// UsedPercent is the share of memory in use, buffers and cache not counted when the display gave
// them.
func (m Memory) UsedPercent() float64 {
	if m.Total <= 0 {
		return 0
	}
	used := m.Used
	if m.UsedLessBuffers > 0 {
		used = m.UsedLessBuffers
	}
	return float64(used) * 100 / float64(m.Total)
}

var reSlot1 = regexp.MustCompile(`^Slot (\d+):`)

// ParseMemory reads `display memory`; a display without "Slot N:" lines is one slot, 0.
func ParseMemory(text string) ([]Memory, error) {
	var out []Memory
	slot := 0
	for _, line := range lines(text) {
		if m := reSlot1.FindStringSubmatch(line); m != nil {
			slot, _ = strconv.Atoi(m[1])
			continue
		}
		f := strings.Fields(line)
		switch {
		case len(f) >= 8 && f[0] == "Mem:":
			out = append(out, Memory{Slot: slot, Total: atoi64(f[1]), Used: atoi64(f[2]), Free: atoi64(f[3]),
				Buffers: atoi64(f[5]), Cached: atoi64(f[6]), FreeRatio: percent(f[7])})
		case len(f) >= 4 && f[0] == "-/+" && len(out) > 0:
			out[len(out)-1].UsedLessBuffers, out[len(out)-1].Avail = atoi64(f[2]), atoi64(f[3])
		}
	}
	if len(out) == 0 {
		return nil, ErrFormat
	}
	return out, nil
}

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func percent(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	return v
}

// Startup is `display startup`: the configuration files the device booted from and will boot
// from, "" for NULL.
type Startup struct {
	Current, NextMain, NextBackup string
}

// ParseStartup reads `display startup`.
func ParseStartup(text string) (Startup, error) {
	var s Startup
	seen := false
	for _, line := range lines(text) {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		// "flash:/startup.cfg" holds a colon too: the value is everything after the first one.
		v = strings.TrimSpace(v)
		if v == "NULL" {
			v = ""
		}
		switch k = strings.ToLower(strings.TrimSpace(k)); {
		case strings.HasPrefix(k, "current startup"):
			s.Current = v
		case strings.HasPrefix(k, "next main startup"):
			s.NextMain = v
		case strings.HasPrefix(k, "next backup startup"):
			s.NextBackup = v
		default:
			continue
		}
		seen = true
	}
	if !seen {
		return s, ErrFormat
	}
	return s, nil
}
