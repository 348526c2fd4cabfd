package readers

import (
	"regexp"
	"strconv"
	"strings"
)

// Counters are the totals and error counters of one `display interface` block, and when its link
// last changed: what the port detail's trend and the wide Interfaces table show.
type Counters struct {
	// HasCounters is true when the block printed its totals (a `| include` may keep only rates).
	HasCounters          bool
	InPackets, InTotal   int64 // since the counters were cleared: packets, bytes
	OutPackets, OutTotal int64
	// InErrors, OutErrors and CRC are -1 where the device prints "-" (the management port).
	InErrors, OutErrors, CRC int64
	HasErrors                bool   // an error counter's line was read
	LastFlap                 string // "6 hours 39 minutes", "Never"; "" when not printed
}

var (
	reTotals    = regexp.MustCompile(`^(?i:input|output)(?: \(total\))?:\s+(\d+) packets, (\d+) bytes`)
	reInErrors  = regexp.MustCompile(`(\d+|-) input errors`)
	reOutErrors = regexp.MustCompile(`(\d+|-) output errors`)
	reCRC       = regexp.MustCompile(`(\d+|-) CRC`)
)

// counters reads line t (trimmed) into the block's counters and reports whether it was one of
// theirs. Ethernet ports print "Input (total): N packets, N bytes" and "Input: 0 input errors, ...",
// the management port "input:   N packets, N bytes" and "input:   - input errors,...", routed
// interfaces "Input: N packets, N bytes, 0 drops".
func (i *Interface) counters(t string) bool {
	if strings.HasPrefix(t, "Description:") { // a description may say anything
		return false
	}
	if v, ok := strings.CutPrefix(t, "Last link flapping:"); ok {
		i.LastFlap = strings.TrimSpace(v)
		return true
	}
	c := &i.Counters
	if m := reTotals.FindStringSubmatch(t); m != nil {
		p, _ := strconv.ParseInt(m[1], 10, 64)
		b, _ := strconv.ParseInt(m[2], 10, 64)
		if strings.HasPrefix(strings.ToLower(t), "input") {
			c.InPackets, c.InTotal = p, b
		} else {
			c.OutPackets, c.OutTotal = p, b
		}
		c.HasCounters = true
		return true
	}
	found := false
	for _, x := range []struct {
		re  *regexp.Regexp
		dst *int64
		key string
	}{{reInErrors, &c.InErrors, "input errors"}, {reOutErrors, &c.OutErrors, "output errors"}, {reCRC, &c.CRC, "CRC"}} {
		if !strings.Contains(t, x.key) {
			continue
		}
		if m := x.re.FindStringSubmatch(t); m != nil {
			*x.dst = count(m[1])
			found, c.HasErrors = true, true
		}
	}
	return found
}

// count is a counter as printed: a number, or -1 for "-".
func count(s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return -1
	}
	return n
}
