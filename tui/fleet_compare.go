package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"vtyd/fanout"
	"vtyd/tui/readers"
)

// Compare (issue 13): the running configuration of each selected device against a reference, as
// a unified diff per device under a line that says "same" or "+3 −1" (− lines only the reference
// has, + lines only the device has):
//
//	:compare DEVICE      against DEVICE's running configuration; the sysname lines are masked,
//	                     since they differ by design
//	:compare flash:FILE  against a template read with `more` from the flash: of the first device
//	                     selected (`... on DEVICE`: of DEVICE), its placeholders {{sysname}},
//	                     {{name}}, {{address}} and {{mask}} filled in per device
//	:compare saved       each device's saved configuration against its running one: which
//	                     switches have unsaved changes, and what
//
// Password hashes are masked everywhere (they differ by salt between devices, and they are
// secrets); in :compare saved a device whose only change is a password says so.

const compareUsage = "compare with what? :compare DEVICE, :compare flash:FILE [on DEVICE] or :compare saved"

// maxConfigBytes bounds one configuration the compare reads from a device.
const maxConfigBytes = 8 << 20

// placeholders the templates take, filled in from each device's running configuration.
var placeholders = []string{"{{sysname}}", "{{name}}", "{{address}}", "{{mask}}"}

// compareCommand is `:compare ARG` on the dashboard.
func (f *fleetModel) compareCommand(arg string) tea.Cmd {
	arg = strings.TrimSpace(arg)
	names := f.selection()
	switch {
	case arg == "":
		f.setStatus(compareUsage, true)
		return nil
	case len(names) == 0:
		f.setStatus("no device selected: mark devices with space, * or :select", true)
		return nil
	case strings.EqualFold(arg, "saved"):
		return f.compareSaved(names)
	}
	if ref, ok := f.deviceNamed(arg); ok {
		return f.compareDevice(ref, names)
	}
	file, on, hasOn := strings.Cut(arg, " on ")
	file = strings.TrimSpace(file)
	if strings.Contains(file, "flash:") || strings.Contains(file, ".") && !strings.Contains(file, " ") {
		from := names[0]
		if hasOn {
			var ok bool
			if from, ok = f.deviceNamed(strings.TrimSpace(on)); !ok {
				f.setStatus(CleanLine(strings.TrimSpace(on))+": no such device", true)
				return nil
			}
		}
		return f.compareTemplate(file, from, names)
	}
	f.setStatus(CleanLine(arg)+": no such device ("+compareUsage[len("compare with what? "):]+")", true)
	return nil
}

// deviceNamed is the fleet's device of that name, ignoring case.
func (f *fleetModel) deviceNamed(name string) (string, bool) {
	for _, d := range f.devs {
		if strings.EqualFold(d.Name, name) {
			return d.Name, true
		}
	}
	return "", false
}

// compared is one device's compare.
type compared struct {
	device string
	res    fanout.Result // how reading it went
	diff   string        // "" when the same
	add    int
	del    int
	note   string // a word on the result: "no saved configuration", "a password differs (hidden)"
	err    string // why it could not be compared, "" when it was
}

// compareDevice compares the running configuration of names with ref's.
func (f *fleetModel) compareDevice(ref string, names []string) tea.Cmd {
	var others []string
	for _, n := range names {
		if n != ref {
			others = append(others, n)
		}
	}
	if len(others) == 0 {
		f.setStatus("select the devices to compare with "+CleanLine(ref)+" (space, * or :select)", true)
		return nil
	}
	fl := f.fleet
	what := "running configuration against " + ref
	return f.openFan("Compare", what, others, func(ctx context.Context, done func(fanout.Result)) fanResult {
		id := NewOpID()
		got := &captures{}
		refR := fanout.Run(ctx, []fanout.Target{captureTarget(fl, ref, []string{"display current-configuration"}, id, got)}, fanout.Plan{})[0]
		if refR.State != fanout.OK {
			return compareFailed(fmt.Sprintf("cannot read %s's configuration: %s", ref, resultReason(refR)))
		}
		refText, err := configText(got.get(ref)[0], true)
		if err != nil {
			return compareFailed(fmt.Sprintf("%s: %v", ref, err))
		}
		rs := captureAll(ctx, fl, others, []string{"display current-configuration"}, id, got, done)
		var cs []compared
		for _, r := range rs {
			c := compared{device: r.Device, res: r}
			if r.State == fanout.OK {
				text, err := configText(got.get(r.Device)[0], true)
				if err != nil {
					c.err = err.Error()
				} else {
					c.diffOf(ref, refText, r.Device, text)
				}
			}
			cs = append(cs, c)
		}
		return compareResult(cs, fmt.Sprintf(" The running configuration of %s against %s's (sysname and password hashes masked; − only on %s, + only on the device)",
			plural(len(others), "device"), CleanLine(ref), CleanLine(ref)), "same", "differ")
	})
}

// compareSaved compares each device's saved configuration with its running one.
func (f *fleetModel) compareSaved(names []string) tea.Cmd {
	fl := f.fleet
	return f.openFan("Compare", "unsaved changes", names, func(ctx context.Context, done func(fanout.Result)) fanResult {
		got := &captures{}
		rs := captureAll(ctx, fl, names, []string{"display saved-configuration", "display current-configuration"}, NewOpID(), got, done)
		var cs []compared
		for _, r := range rs {
			c := compared{device: r.Device, res: r}
			if r.State == fanout.OK {
				outs := got.get(r.Device)
				running, err := configText(outs[1], false)
				saved, err2 := configText(outs[0], false)
				switch {
				case err != nil:
					c.err = err.Error()
				case err2 != nil:
					c.note = "no saved configuration"
				default:
					c.diffOf("saved-configuration", saved, "current-configuration", running)
					if c.diff == "" && saved != running {
						c.note = "a password differs (hidden)"
					}
				}
			}
			cs = append(cs, c)
		}
		return compareResult(cs, " The saved configuration of each device against its running one (− only saved, + only running; password hashes masked)",
			"saved", "with unsaved changes")
	})
}

// compareTemplate compares the running configuration of names with a template read from device
// from's flash:, filled in per device.
func (f *fleetModel) compareTemplate(file, from string, names []string) tea.Cmd {
	fl := f.fleet
	file = CleanLine(file)
	what := "running configuration against " + file
	return f.openFan("Compare", what, names, func(ctx context.Context, done func(fanout.Result)) fanResult {
		id := NewOpID()
		got := &captures{}
		tr := fanout.Run(ctx, []fanout.Target{captureTarget(fl, from, []string{"more " + file}, id, got)}, fanout.Plan{})[0]
		if tr.State != fanout.OK {
			return compareFailed(fmt.Sprintf("cannot read %s on %s: %s", file, from, resultReason(tr)))
		}
		tmpl := normalize(got.get(from)[0])
		if bad := unknownPlaceholder(tmpl); bad != "" {
			return compareFailed(fmt.Sprintf("%s: unknown placeholder %s (the template takes %s)", file, bad, strings.Join(placeholders, ", ")))
		}
		rs := captureAll(ctx, fl, names, []string{"display current-configuration"}, id, got, done)
		var cs []compared
		for _, r := range rs {
			c := compared{device: r.Device, res: r}
			if r.State == fanout.OK {
				raw := got.get(r.Device)[0]
				text, err := configText(raw, false)
				if err == nil {
					var want string
					if want, err = expand(tmpl, r.Device, raw); err == nil {
						c.diffOf(file, maskConfig(want, false), r.Device, text)
					}
				}
				if err != nil {
					c.err = err.Error()
				}
			}
			cs = append(cs, c)
		}
		return compareResult(cs, fmt.Sprintf(" The running configuration of %s against %s from %s's flash: (%s filled in per device; − only in the template, + only on the device)",
			plural(len(names), "device"), file, CleanLine(from), strings.Join(placeholders, " ")), "same", "differ")
	})
}

// diffOf fills in c's diff of from against to.
func (c *compared) diffOf(fromName, from, toName, to string) {
	c.diff = fanout.Diff(CleanLine(fromName), from, CleanLine(toName), to, 3)
	for _, l := range strings.Split(c.diff, "\n") {
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
		case strings.HasPrefix(l, "+"):
			c.add++
		case strings.HasPrefix(l, "-"):
			c.del++
		}
	}
}

// compareResult draws the compares: a line per device ("same", "+3 −1", or why not), then each
// device's diff.
func compareResult(cs []compared, head, sameWord, differWord string) fanResult {
	out := []fanLine{{textLine{head, kindMuted}, true}, {}}
	wide := 0
	for _, c := range cs {
		wide = max(wide, width(CleanLine(c.device)))
	}
	same, differ, bad := 0, 0, 0
	for _, c := range cs {
		name := " " + fit(CleanLine(c.device), wide) + "  "
		switch {
		case c.res.State != fanout.OK:
			bad++
			out = append(out, fanLine{textLine{name + "✗ " + resultReason(c.res), kindError}, true})
		case c.err != "":
			bad++
			out = append(out, fanLine{textLine{name + "✗ " + CleanLine(c.err), kindError}, true})
		case c.diff == "" && c.note == "":
			same++
			out = append(out, fanLine{textLine{name + "same", kindOK}, false})
		default:
			differ++
			s := fmt.Sprintf("+%d −%d", c.add, c.del)
			if c.note != "" {
				s = c.note
				if c.diff != "" {
					s = fmt.Sprintf("+%d −%d, %s", c.add, c.del, c.note)
				}
			}
			out = append(out, fanLine{textLine{name + s, kindWarn}, false})
		}
	}
	for _, c := range cs {
		if c.diff == "" || c.res.State != fanout.OK {
			continue
		}
		out = append(out, fanLine{}, fanLine{textLine{fmt.Sprintf(" %s: +%d −%d", CleanLine(c.device), c.add, c.del), kindHeader}, false})
		out = append(out, diffLines(c.diff, "   ")...)
	}
	summary := fmt.Sprintf("%s: %d %s, %d %s", plural(len(cs), "device"), same, sameWord, differ, differWord)
	if bad > 0 {
		summary += fmt.Sprintf(", %d not compared", bad)
	}
	return fanResult{summary: summary, lines: out}
}

// compareFailed is a compare that could not start: the reference could not be read.
func compareFailed(why string) fanResult {
	return fanResult{summary: "not compared", lines: []fanLine{{textLine{" ✗ " + CleanLine(why), kindError}, true}}}
}

// configText is a configuration as the compare sees it: lines without trailing blanks, password
// hashes masked, and the sysname too when maskName. A text that holds no configuration is an error.
func configText(out string, maskName bool) (string, error) {
	if _, err := readers.ParseConfig(out); err != nil {
		first := strings.TrimSpace(firstLineOf(out))
		if first == "" {
			return "", errors.New("printed no configuration")
		}
		return "", fmt.Errorf("not a configuration: %s", CleanLine(first))
	}
	return maskConfig(normalize(out), maskName), nil
}

// normalize ends each line with "\n" and drops trailing blanks (a real switch pads lines).
func normalize(s string) string {
	var b strings.Builder
	for line := range strings.Lines(strings.ReplaceAll(s, "\r\n", "\n")) {
		b.WriteString(strings.TrimRight(line, " \t\r\n"))
		b.WriteByte('\n')
	}
	return b.String()
}

func maskConfig(text string, maskName bool) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		line = strings.TrimSuffix(line, "\n")
		if maskName && strings.HasPrefix(line, " sysname ") {
			line = " sysname ******"
		}
		b.WriteString(maskLine(line) + "\n")
	}
	return b.String()
}

func firstLineOf(s string) string {
	for line := range strings.Lines(s) {
		if strings.TrimSpace(line) != "" {
			return line
		}
	}
	return ""
}

// unknownPlaceholder is the first {{...}} of a template that is not a placeholder, "" if none.
func unknownPlaceholder(tmpl string) string {
	rest := tmpl
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			return ""
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			return CleanLine(rest[i:min(len(rest), i+20)])
		}
		p := rest[i : i+j+2]
		known := false
		for _, k := range placeholders {
			known = known || p == k
		}
		if !known {
			return CleanLine(p)
		}
		rest = rest[i+j+2:]
	}
}

// expand fills in a template's placeholders for device name from its running configuration.
func expand(tmpl, name, running string) (string, error) {
	cfg, _ := readers.ParseConfig(running)
	addr, mask := mgmtAddress(cfg.Lines)
	vals := map[string]string{"{{sysname}}": cfg.Sysname, "{{name}}": name, "{{address}}": addr, "{{mask}}": mask}
	for _, p := range placeholders {
		if !strings.Contains(tmpl, p) {
			continue
		}
		if vals[p] == "" {
			return "", fmt.Errorf("no value for %s: %s", p, missingWhy(p))
		}
		tmpl = strings.ReplaceAll(tmpl, p, vals[p])
	}
	return tmpl, nil
}

func missingWhy(p string) string {
	if p == "{{sysname}}" {
		return "the configuration has no sysname"
	}
	return "no ip address on Vlan-interface1 or M-GigabitEthernet0/0/0"
}

// mgmtAddress is the device's management address and mask: Vlan-interface1's, else
// M-GigabitEthernet0/0/0's (its first ip address line).
func mgmtAddress(lines []string) (addr, mask string) {
	for _, ifname := range []string{"interface Vlan-interface1", "interface M-GigabitEthernet0/0/0"} {
		in := false
		for _, l := range lines {
			switch {
			case strings.TrimRight(l, " ") == ifname:
				in = true
			case in && !strings.HasPrefix(l, " "):
				in = false
			case in:
				if f := strings.Fields(l); len(f) >= 4 && f[0] == "ip" && f[1] == "address" {
					return f[2], f[3]
				}
			}
		}
	}
	return "", ""
}

// captures keeps what each device printed for each line of a compare. A target abandoned after
// its timeout may still write, so it is locked.
type captures struct {
	mu  sync.Mutex
	out map[string][]string
}

func (c *captures) set(name string, outs []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.out == nil {
		c.out = map[string][]string{}
	}
	c.out[name] = outs
}

func (c *captures) get(name string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out[name]
}

// captureAll runs lines on every device of names, keeping going past failures.
func captureAll(ctx context.Context, fl Fleet, names, lines []string, id string, got *captures, done func(fanout.Result)) []fanout.Result {
	ts := make([]fanout.Target, len(names))
	for i, n := range names {
		ts[i] = captureTarget(fl, n, lines, id, got)
	}
	return fanout.Run(ctx, ts, fanout.Plan{KeepGoing: true, OnDone: done})
}

// captureTarget runs display lines on a device as part of ask operation id and keeps each line's
// whole output (up to maxConfigBytes): runLinesIn keeps the tail of a long output only, and a
// configuration cut short would compare as changed.
func captureTarget(fl Fleet, name string, lines []string, id string, got *captures) fanout.Target {
	return deviceTarget(fl, name, func(ctx context.Context, b Backend, stdout, stderr io.Writer) (int, error) {
		sh := b.Console()
		if ops, ok := sh.(operations); ok {
			defer ops.JoinOperation(OpAsk, id)()
		}
		outs := make([]string, len(lines))
		for i, l := range lines {
			var buf cappedBuffer
			err := sh.Exec(ctx, l, &buf)
			text, over := buf.text()
			if over && err == nil {
				err = fmt.Errorf("%s printed more than %d MiB", l, maxConfigBytes>>20)
			}
			outs[i] = Clean(text)
			fmt.Fprint(stdout, outs[i])
			switch {
			case isSessionEnd(err):
				return 1, errors.New("the device ended the session")
			case ctx.Err() != nil:
				return 1, context.Cause(ctx)
			case err != nil:
				fmt.Fprintln(stderr, CleanLine(strings.TrimSpace(errText(err))))
				return 1, nil
			}
		}
		sh.Reset()
		got.set(name, outs)
		return 0, nil
	})
}

// cappedBuffer keeps up to maxConfigBytes and says whether more came. A backend may write from a
// goroutine of its own, so it is locked.
type cappedBuffer struct {
	mu   sync.Mutex
	b    strings.Builder
	over bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.b.Len()+len(p) > maxConfigBytes {
		c.over = true
		return len(p), nil
	}
	return c.b.Write(p)
}

// text is what was kept, and whether more came.
func (c *cappedBuffer) text() (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.b.String(), c.over
}
