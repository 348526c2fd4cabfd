package tui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"vtyd/fanout"
)

// Ask many (issue 13): `:ask DISPLAY-COMMAND`, or a preset, runs on every selected device at once
// (fanout.Run, fanout.DefaultParallel at a time, every device whatever the others do). The answer
// is one table with a Device column when the console reads the output (interface brief, vlan
// brief, version), else the outputs grouped: identical ones once ("12 devices: same output"), each
// other group as its diff against the largest. Devices that failed, timed out or could not be
// opened are listed with their reason. Every line of one ask is one audit operation (OpAsk).

func askKey() Binding { return bind("a", "ask many", "a") }

// askPresets are the questions the console asks by name. "unsaved changes" is no command: a
// Comware switch has none that says so, so it is :compare saved (display saved-configuration
// against display current-configuration on each device).
var askPresets = []struct {
	name, line string
	reader     *askReader
}{
	{"down ports", "display interface brief", &downPortsReader},
	{"unsaved changes", "", nil},
	{"version", "display version", &versionReader},
}

const askUsage = "ask what? :ask DISPLAY-COMMAND, or :ask down ports | unsaved changes | version"

// askCommand is `:ask ARG` on the dashboard.
func (f *fleetModel) askCommand(arg string) tea.Cmd {
	arg = strings.Join(strings.Fields(arg), " ")
	if arg == "" {
		f.setStatus(askUsage, true)
		return nil
	}
	names := f.selection()
	if len(names) == 0 {
		f.setStatus("no device selected: mark devices with space, * or :select", true)
		return nil
	}
	name, line, reader := arg, arg, readerFor(arg)
	for _, p := range askPresets {
		if !strings.EqualFold(arg, p.name) && !strings.EqualFold(arg, strings.Fields(p.name)[0]) {
			continue
		}
		if p.line == "" {
			return f.compareSaved(names)
		}
		name, line, reader = p.name, p.line, p.reader
	}
	if !isDisplay(line) {
		f.setStatus(CleanLine(firstWord(line))+": ask runs display commands only; to change devices use :change (change many)", true)
		return nil
	}
	fl := f.fleet
	return f.openFan("Ask", name, names, func(ctx context.Context, done func(fanout.Result)) fanResult {
		id := NewOpID()
		ts := make([]fanout.Target, len(names))
		for i, n := range names {
			ts[i] = linesTarget(fl, n, []string{line}, OpAsk, id)
		}
		return askResult(fanout.Run(ctx, ts, fanout.Plan{KeepGoing: true, OnDone: done}), reader)
	})
}

// askResult is the answer of the devices: a table when reader reads every output, else groups.
func askResult(rs []fanout.Result, reader *askReader) fanResult {
	res := fanResult{summary: fanout.Summarize(rs).String()}
	if reader != nil {
		if t, ok := askTable(rs, reader); ok {
			t.summary = res.summary + fmt.Sprintf(" · %d rows", len(t.rows))
			return t
		}
	}
	res.lines = askGroups(rs)
	return res
}

// askTable reads each device's output into rows under its name; the devices that did not answer
// are rows of their own (first), with their reason. ok is false when an output does not read.
func askTable(rs []fanout.Result, reader *askReader) (fanResult, bool) {
	res := fanResult{cols: append([]column{{title: "Device", width: 12}}, reader.cols...), bad: map[string]bool{}}
	var good [][]string
	for _, r := range rs {
		name := CleanLine(r.Device)
		if r.State != fanout.OK {
			row := make([]string, len(res.cols))
			row[0], row[len(row)-1] = name, resultReason(r)
			res.rows = append(res.rows, row)
			res.bad[name] = true
			continue
		}
		rows, err := reader.rows(r.Stdout)
		if err != nil {
			return fanResult{}, false
		}
		for _, row := range rows {
			for i := range row {
				row[i] = CleanLine(row[i])
			}
			good = append(good, append([]string{name}, row...))
		}
	}
	res.rows = append(res.rows, good...)
	return res, true
}

// askGroups is the answer as text: the devices that did not answer, then the groups of identical
// output, the largest with its output, each other with its diff against the largest.
func askGroups(rs []fanout.Result) []fanLine {
	var out []fanLine
	var ok []fanout.Result
	for _, r := range rs {
		if r.State == fanout.OK {
			ok = append(ok, r)
			continue
		}
		out = append(out, failLine(r))
	}
	if len(out) > 0 {
		out = append(out, fanLine{})
	}
	groups := fanout.Groups(ok)
	if len(groups) == 0 {
		return append(out, fanLine{textLine{" no device answered", kindWarn}, true})
	}
	same := "same output"
	if len(groups) > 1 {
		same = "the output most gave"
	}
	largest := groups[0]
	out = append(out, groupHead(largest, same))
	for _, l := range strings.Split(strings.TrimRight(largest.Output, "\n"), "\n") {
		out = append(out, fanLine{textLine{"   " + l, kindText}, false})
	}
	from := groupLabel(largest)
	for _, g := range groups[1:] {
		out = append(out, fanLine{}, groupHead(g, "differs from "+from))
		out = append(out, diffLines(fanout.Diff(from, largest.Output, groupLabel(g), g.Output, 2), "   ")...)
	}
	return out
}

// groupHead is "12 devices: same output" and the devices' names.
func groupHead(g fanout.Group, what string) fanLine {
	return fanLine{textLine{fmt.Sprintf(" %s: %s — %s", plural(len(g.Devices), "device"), what, CleanLine(strings.Join(g.Devices, ", "))), kindHeader}, true}
}

// groupLabel names a group in a diff: its device, or its first and how many more.
func groupLabel(g fanout.Group) string {
	if len(g.Devices) == 1 {
		return CleanLine(g.Devices[0])
	}
	return fmt.Sprintf("%s and %d more", CleanLine(g.Devices[0]), len(g.Devices)-1)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// diffLines draws a unified diff, indented, in the colours of the configuration view's.
func diffLines(diff, indent string) []fanLine {
	var out []fanLine
	for _, l := range strings.Split(strings.TrimRight(diff, "\n"), "\n") {
		out = append(out, fanLine{textLine{indent + CleanLine(l), diffKind(l)}, false})
	}
	return out
}
