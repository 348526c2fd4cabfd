package fanout

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// Group is devices whose runs printed the same.
type Group struct {
	Devices []string // in the results' order
	Output  string   // what each printed: stdout, then stderr
}

// Output is what a result printed, as Group compares it: stdout, then stderr, with line ends made
// "\n" and trailing blanks dropped (a real switch pads lines a simulated one does not).
func Output(r Result) string {
	var b strings.Builder
	for _, s := range []string{r.Stdout, r.Stderr} {
		for line := range strings.Lines(strings.ReplaceAll(s, "\r\n", "\n")) {
			b.WriteString(strings.TrimRight(line, " \t\r\n"))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Groups puts the devices that ran (OK or Failed) into groups of identical output, largest first
// (ties in the results' order). Devices that did not run (Error, Skipped) are in no group: they
// have no output to compare, and Summary lists them with their reasons.
func Groups(results []Result) []Group {
	var groups []Group
	at := map[string]int{}
	for _, r := range results {
		if r.State != OK && r.State != Failed {
			continue
		}
		out := Output(r)
		i, ok := at[out]
		if !ok {
			i = len(groups)
			at[out] = i
			groups = append(groups, Group{Output: out})
		}
		groups[i].Devices = append(groups[i].Devices, r.Device)
	}
	slices.SortStableFunc(groups, func(a, b Group) int { return cmp.Compare(len(b.Devices), len(a.Devices)) })
	return groups
}

// Diff is a unified diff from one output to another, with context lines; "" when they are the
// same. The names label the two sides (`--- core1`, `+++ acc2`).
func Diff(fromName, from, toName, to string, context int) string {
	if from == to {
		return ""
	}
	d, err := udiff.ToUnified(fromName, toName, from, udiff.Lines(from, to), context)
	if err != nil { // udiff fails only on edits that do not fit from, which Lines never makes
		return fmt.Sprintf("--- %s\n+++ %s\n(cannot compare: %v)\n", fromName, toName, err)
	}
	return d
}

// Summary counts results by state.
type Summary struct {
	Devices                     int
	OK, Failed, Errors, Skipped int
}

// Summarize counts the results.
func Summarize(results []Result) Summary {
	s := Summary{Devices: len(results)}
	for _, r := range results {
		switch r.State {
		case OK:
			s.OK++
		case Failed:
			s.Failed++
		case Error:
			s.Errors++
		case Skipped:
			s.Skipped++
		}
	}
	return s
}

// Success reports whether every device succeeded.
func (s Summary) Success() bool { return s.OK == s.Devices }

// String is the summary in one line: "12 devices: 10 ok, 1 failed, 1 error".
func (s Summary) String() string {
	parts := []string{fmt.Sprintf("%d ok", s.OK)}
	for _, c := range []struct {
		n    int
		what string
	}{{s.Failed, "failed"}, {s.Errors, "unreachable or timed out"}, {s.Skipped, "not run"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	noun := "devices"
	if s.Devices == 1 {
		noun = "device"
	}
	return fmt.Sprintf("%d %s: %s", s.Devices, noun, strings.Join(parts, ", "))
}
