package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/aymanbagabas/go-udiff"
)

// dashboardView is the overview: the device, its ports and VLANs, the configuration state and the
// latest log lines, as many as fit.
func (m *Model) dashboardView(w, h int) []string {
	d := &m.data
	st := &m.st
	var out []string
	section := func(title string) { out = append(out, st.Header.Render(fit(" "+title, w))) }
	line := func(s string) { out = append(out, st.Text.Render(fit("   "+s, w))) }

	section("Device")
	if v := d.version; d.have[resVersion] {
		line(fmt.Sprintf("%s %s · Comware %s, Release %s", v.Vendor, v.Product, v.Software, v.Release))
		line(fmt.Sprintf("Up %s · %s · %d slot(s)", longDuration(v.Uptime+m.opt.Now().Sub(d.versionAt)), orDash(v.LastReboot), len(v.Slots)))
	} else {
		line(orDash(d.err[resVersion]))
	}
	section("System")
	if d.have[resSystem] {
		out = append(out, m.systemLines(w)...)
	} else {
		line(orDash(d.err[resSystem]))
	}
	section("Ports")
	if d.have[resIfBrief] {
		up, down, adm := portCounts(d)
		g := m.panelGlyphs() // the faceplate's and the bar's glyphs, a legend for a monochrome terminal
		out = append(out, fit("   "+st.OK.Render(fmt.Sprintf("%s %d up", g[0], up))+"  "+st.Muted.Render(fmt.Sprintf("%s %d down", g[1], down))+
			"  "+st.Warn.Render(fmt.Sprintf("%s %d shut", g[2], adm))+st.Text.Render(fmt.Sprintf("  · %d bridge ports, %d routed interfaces", len(d.ifs.Bridge), len(d.ifs.Route))), w))
		out = append(out, m.dashPorts(w, h, len(out))...) // the faceplate and top talkers (dash_faceplate.go)
	} else {
		line(orDash(d.err[resIfBrief]))
	}
	section("Configuration")
	switch {
	case !d.have[resConfig]:
		line(orDash(d.err[resConfig]))
	case d.savedNone:
		out = append(out, st.Warn.Render(fit("   No saved configuration: w saves the running one (save force).", w)))
	case d.unsaved():
		add, del := d.added, d.removed
		out = append(out, st.Warn.Render(fit(fmt.Sprintf("   Unsaved: +%d −%d lines since the last save · w: save · 9: diff", add, del), w)))
	default:
		out = append(out, st.OK.Render(fit(fmt.Sprintf("   Saved: the running configuration (%d lines) is the saved one.", d.runningN), w)))
	}
	if d.have[resVLANs] {
		line(fmt.Sprintf("%d VLANs", d.vlanCount))
	}
	section("Latest log")
	room := h - len(out)
	logs := d.logs
	if len(logs) > room {
		logs = logs[len(logs)-max(room, 0):]
	}
	for _, e := range logs {
		text := e.Text
		if e.Severity >= 0 {
			text = e.Time.Format("Jan _2 15:04:05") + "  " + e.Module + "/" + e.Mnemonic + ": " + e.Text
		}
		s := st.Text
		if e.Severity >= 0 && e.Severity <= 4 {
			s = st.Warn
		}
		out = append(out, s.Render(fit("   "+text, w)))
	}
	if len(d.logs) == 0 {
		line("(the log buffer is empty)")
	}
	return padLines(out, w, h)
}

// systemLines are the CPU and memory lines of the dashboard: the busiest slot of a chassis, with a
// bar of its load.
func (m *Model) systemLines(w int) []string {
	st := &m.st
	sys := &m.data.system
	var out []string
	bw := min(20, max(w-50, 5))
	if len(sys.cpu) > 0 {
		c := sys.cpu[0]
		for _, x := range sys.cpu {
			if x.Last1m > c.Last1m {
				c = x
			}
		}
		where := ""
		if len(sys.cpu) > 1 {
			where = fmt.Sprintf(" (busiest of %d: slot %d)", len(sys.cpu), c.Slot)
		}
		out = append(out, fit("   "+st.Text.Render(fmt.Sprintf("CPU    %3d%% ", c.Last5s))+m.loadBar(float64(c.Last5s), bw)+
			st.Text.Render(fmt.Sprintf(" 5 s · %d%% 1 min · %d%% 5 min%s", c.Last1m, c.Last5m, where)), w))
	}
	if len(sys.mem) > 0 {
		mm := sys.mem[0]
		for _, x := range sys.mem {
			if x.UsedPercent() > mm.UsedPercent() {
				mm = x
			}
		}
		p := mm.UsedPercent()
		used := mm.UsedLessBuffers
		if used == 0 {
			used = mm.Used
		}
		out = append(out, fit("   "+st.Text.Render(fmt.Sprintf("Memory %3.0f%% ", p))+m.loadBar(p, bw)+
			st.Text.Render(fmt.Sprintf(" %d MB used of %d MB", used/1024, mm.Total/1024)), w))
	}
	return out
}

// loadBar is a bar of w cells filled to pct percent, in the warning colour from 80%.
func (m *Model) loadBar(pct float64, w int) string {
	n := min(max(int(pct*float64(w)/100+0.5), 0), w)
	full, empty := "█", "░"
	if m.st.ASCII {
		full, empty = "#", "."
	}
	s := m.st.OK
	if pct >= 80 {
		s = m.st.Warn
	}
	return s.Render(strings.Repeat(full, n)) + m.st.Muted.Render(strings.Repeat(empty, w-n))
}

// portBar is a bar of w cells split between up, down and shut ports.
func (m *Model) portBar(w int) string {
	up, down, adm := portCounts(&m.data)
	total := up + down + adm
	if total == 0 || w <= 0 {
		return ""
	}
	cu, ca := up*w/total, adm*w/total
	if up > 0 && cu == 0 {
		cu = 1
	}
	if adm > 0 && ca == 0 {
		ca = 1
	}
	cd := max(w-cu-ca, 0)
	full, empty, shut := "█", "░", "▒"
	if m.st.ASCII {
		full, empty, shut = "#", ".", "x"
	}
	return m.st.OK.Render(strings.Repeat(full, cu)) + m.st.Muted.Render(strings.Repeat(empty, cd)) + m.st.Warn.Render(strings.Repeat(shut, ca))
}

// longDuration is an uptime as Comware words it.
func longDuration(d time.Duration) string {
	mins := int(d.Minutes())
	return fmt.Sprintf("%d weeks, %d days, %d hours, %d minutes", mins/(7*24*60), mins/(24*60)%7, mins/60%24, mins%60)
}

// diffCounts counts the lines added to and removed from the saved configuration.
func diffCounts(saved, running string) (add, del int) {
	for _, e := range udiff.Lines(saved, running) {
		add += strings.Count(e.New, "\n")
		del += strings.Count(saved[e.Start:e.End], "\n")
	}
	return add, del
}

// configInfo is the line above the configuration diff.
func (m *Model) configInfo() string {
	d := &m.data
	switch {
	case !d.configFull:
		return "reading the configuration ..."
	case d.savedNone:
		return "no saved configuration · w: save force"
	case d.unsaved():
		add, del := d.added, d.removed
		what := "f: full configuration"
		if m.fullConfig {
			what = "f: changes only"
		}
		return fmt.Sprintf("running vs saved: +%d −%d lines · w: save force · %s", add, del, what)
	}
	return fmt.Sprintf("the running configuration is saved (%d lines)", d.runningN)
}

// configLines is the configuration pane: the unified diff of the saved configuration against the
// running one (with all lines when full), or the running configuration when they are equal.
func configLines(d *deviceData, full bool) []textLine {
	var out []textLine
	if !d.unsaved() || d.savedNone {
		for _, l := range d.running.Lines {
			out = append(out, textLine{" " + l, kindText})
		}
		return out
	}
	before, after := d.saved.Text(), d.running.Text()
	ctx := 3
	if full {
		ctx = len(d.running.Lines) + len(d.saved.Lines)
	}
	diff, err := udiff.ToUnified("saved-configuration", "current-configuration", before, udiff.Lines(before, after), ctx)
	if err != nil {
		return []textLine{{err.Error(), kindError}}
	}
	for _, l := range strings.Split(strings.TrimRight(diff, "\n"), "\n") {
		out = append(out, textLine{l, diffKind(l)})
	}
	return out
}

// diffKind is how a line of a unified diff is drawn: headings in the accent colour, added and
// removed lines in theirs.
func diffKind(l string) lineKind {
	switch {
	case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"), strings.HasPrefix(l, "@@"):
		return kindAccent
	case strings.HasPrefix(l, "+"):
		return kindAdded
	case strings.HasPrefix(l, "-"):
		return kindRemoved
	}
	return kindMuted
}
