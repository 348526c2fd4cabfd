package sshsrv

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"vtyd/fanout"
)

func TestIsSelector(t *testing.T) {
	for dev, want := range map[string]bool{
		"core1": false, "acc-1.lab_2": false, "": false,
		"tag:access": true, "acc*": true, "acc?": true, "acc[12]": true, "core1,acc1": true,
	} {
		if got := IsSelector(dev); got != want {
			t.Errorf("IsSelector(%q) = %v, want %v", dev, got, want)
		}
	}
}

func TestParseSelector(t *testing.T) {
	for _, c := range []struct {
		sel  string
		want string // the terms, as kind:pattern
		bad  string // part of the error, for a selector that does not parse
	}{
		{sel: "tag:access", want: "tag:access"},
		{sel: "acc*", want: "glob:acc*"},
		{sel: "core1,acc[12],tag:lab-*", want: "name:core1 glob:acc[12] tag:lab-*"},
		{sel: "core1,core1", want: "name:core1 name:core1"}, // the gateway selects each device once
		{sel: "core1,", bad: "an empty name or tag"},
		{sel: ",acc*", bad: "an empty name or tag"},
		{sel: "tag:", bad: "an empty name or tag"},
		{sel: "acc[", bad: `"acc[" is not a glob`},
		{sel: "group:access", bad: `"group:access" is neither a device name, a glob nor tag:GLOB`},
		{sel: "tag:a:b", bad: "neither"},
	} {
		terms, err := ParseSelector(c.sel)
		if c.bad != "" {
			if !errors.Is(err, ErrBadSelector) || !strings.Contains(err.Error(), c.bad) {
				t.Errorf("ParseSelector(%q) = %v, %v; want an ErrBadSelector saying %q", c.sel, terms, err, c.bad)
			}
			continue
		}
		var got []string
		for _, tm := range terms {
			got = append(got, []string{"name", "glob", "tag"}[tm.Kind]+":"+tm.Pattern)
		}
		if err != nil || strings.Join(got, " ") != c.want {
			t.Errorf("ParseSelector(%q) = %v, %v; want %s", c.sel, got, err, c.want)
		}
	}
}

func TestParseFanOptions(t *testing.T) {
	for _, c := range []struct {
		command string
		plan    fanout.Plan
		rest    string
		bad     string
	}{
		{command: "display clock", rest: "display clock"},
		{command: " display clock\ndisplay version", rest: " display clock\ndisplay version"}, // unchanged without options
		{command: "--parallel 4 --canary 1 --wave 10 --keep-going --timeout 30s display clock",
			plan: fanout.Plan{Parallel: 4, Canary: 1, Wave: 10, KeepGoing: true, Timeout: 30 * time.Second}, rest: "display clock"},
		{command: "--parallel=2\n--timeout=1m\nsystem-view\nvlan 10", plan: fanout.Plan{Parallel: 2, Timeout: time.Minute},
			rest: "system-view\nvlan 10"},
		{command: "--keep-going -- display clock", plan: fanout.Plan{KeepGoing: true}, rest: "display clock"},
		{command: "--wave 0 --canary 0 display clock", rest: "display clock"},
		{command: "--parallel 64 x", plan: fanout.Plan{Parallel: 64}, rest: "x"},
		{command: "--paralel 4 display clock", bad: "bad fan-out option --paralel: no such option"},
		{command: "--parallel display clock", bad: `--parallel: "display" is not a whole number`},
		{command: "--parallel", bad: "--parallel: it needs a value"},
		{command: "--parallel --keep-going x", bad: "--parallel: it needs a value"},
		{command: "--parallel 0 x", bad: "--parallel: 0 is less than 1"},
		{command: "--parallel 65 x", bad: "--parallel: 65 is more than 64"},
		{command: "--canary -1 x", bad: "--canary: -1 is less than 0"},
		{command: "--wave ten x", bad: `--wave: "ten" is not a whole number`},
		{command: "--timeout 30 x", bad: `--timeout: "30" is not a duration such as 30s or 2m`},
		{command: "--timeout -5s x", bad: `--timeout: "-5s" is not a duration`},
		{command: "--keep-going=yes x", bad: "--keep-going: it takes no value"},
	} {
		plan, rest, err := ParseFanOptions(c.command)
		if c.bad != "" {
			if !errors.Is(err, ErrBadOption) || !strings.Contains(err.Error(), c.bad) {
				t.Errorf("ParseFanOptions(%q): error %v, want an ErrBadOption saying %q", c.command, err, c.bad)
			}
			continue
		}
		if err != nil || fmt.Sprintf("%+v", plan) != fmt.Sprintf("%+v", c.plan) || rest != c.rest {
			t.Errorf("ParseFanOptions(%q) = %+v, %q, %v\nwant %+v, %q", c.command, plan, rest, err, c.plan, c.rest)
		}
	}
}

// TestDeviceLinesWholeLines: devices that print parts of lines in turns show whole lines, each
// after its device's name; a line without an end shows when its device ends, and nothing after.
func TestDeviceLinesWholeLines(t *testing.T) {
	var b bytes.Buffer
	out := &prefixedOut{w: &b}
	a, c := &deviceLines{out: out, device: "acc1"}, &deviceLines{out: out, device: "core1"}
	_, _ = a.Write([]byte("GE1/0/1   UP"))
	_, _ = c.Write([]byte("VLAN 1\r\nVLAN "))
	_, _ = a.Write([]byte("  1G\r\nGE1/0/2"))
	_, _ = c.Write([]byte("10\n\n"))
	a.close()
	_, _ = a.Write([]byte(" late\n"))
	c.close()
	want := "core1: VLAN 1\nacc1: GE1/0/1   UP  1G\ncore1: VLAN 10\ncore1: \nacc1: GE1/0/2\n"
	if b.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestDeviceLinesConcurrent: devices writing at once, in pieces of every size, never share a line.
func TestDeviceLinesConcurrent(t *testing.T) {
	var b bytes.Buffer
	out := &prefixedOut{w: &b}
	const devices, lines = 8, 200
	var wg sync.WaitGroup
	for d := range devices {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dl := &deviceLines{out: out, device: fmt.Sprintf("d%d", d)}
			var text strings.Builder
			for i := range lines {
				fmt.Fprintf(&text, "line %d of d%d\n", i, d)
			}
			s := text.String()
			for i, n := 0, 1; i < len(s); i, n = i+n, n%7+1 {
				_, _ = dl.Write([]byte(s[i:min(i+n, len(s))]))
			}
			dl.close()
		}()
	}
	wg.Wait()
	got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(got) != devices*lines {
		t.Fatalf("%d lines, want %d", len(got), devices*lines)
	}
	next := map[string]int{}
	for _, l := range got {
		dev, text, _ := strings.Cut(l, ": ")
		if want := fmt.Sprintf("line %d of %s", next[dev], dev); text != want {
			t.Fatalf("line %q: want %q (whole, in its device's order)", l, dev+": "+want)
		}
		next[dev]++
	}
}

// TestDeviceLinesEndlessLine: a device that never ends a line shows it in pieces of
// maxPendingLine, not all in memory.
func TestDeviceLinesEndlessLine(t *testing.T) {
	var b bytes.Buffer
	dl := &deviceLines{out: &prefixedOut{w: &b}, device: "x"}
	chunk := bytes.Repeat([]byte("a"), 1000)
	for range 3 * maxPendingLine / 1000 {
		_, _ = dl.Write(chunk)
	}
	if n := strings.Count(b.String(), "\n"); n < 2 || len(dl.held) >= maxPendingLine {
		t.Errorf("%d lines shown, %d bytes held", n, len(dl.held))
	}
}
