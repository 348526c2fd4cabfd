package tui

import (
	"fmt"
	"strings"

	"vtyd/tui/readers"
)

// The port detail's trend: each read of `display interface NAME` adds a sample of its rates, drawn
// as sparklines, and its counters are shown as what changed since the detail opened.

// portRead records a read of the port detail and returns the lines it draws above the output: the
// summary, then the trend.
func (m *Model) portRead(text, errText string) []textLine {
	l := m.liveShown()
	if l != nil && !l.watch {
		l.runs++
		l.lastAt, l.lastOK = m.opt.Now(), errText == ""
	}
	sum := ifSummary(text)
	ifs, err := readers.ParseInterfaces(text)
	if l == nil || l.watch || err != nil || len(ifs) != 1 {
		return sum
	}
	i := ifs[0]
	if i.Rates {
		l.in = appendSample(l.in, i.InBytes)
		l.out = appendSample(l.out, i.OutBytes)
	}
	if i.HasCounters {
		if !l.haveBase {
			l.first, l.haveBase = i.Counters, true
		}
		l.last = i.Counters
	}
	trend := m.trendLines(l)
	if len(sum) > 0 { // before the summary's blank line
		return append(append(sum[:len(sum)-1:len(sum)-1], trend...), sum[len(sum)-1])
	}
	return trend
}

func appendSample(s []int64, v int64) []int64 {
	if len(s) == trendSamples {
		s = append(s[:0], s[1:]...)
	}
	return append(s, v)
}

// trendLines are the sparklines of the rates read since the detail opened and the counters' deltas.
func (m *Model) trendLines(l *livePane) []textLine {
	// The sparkline takes what the pane leaves after its label and the figures.
	w := max(min(m.geometry().mainW-2-36, trendSamples), 8)
	var out []textLine
	if len(l.in) > 0 {
		out = append(out,
			textLine{" In  " + m.sparkline(l.in, w) + " " + rateRange(l.in), kindAccent},
			textLine{" Out " + m.sparkline(l.out, w) + " " + rateRange(l.out), kindAccent})
	}
	if l.haveBase {
		a, b := l.first, l.last
		out = append(out, textLine{fmt.Sprintf(" Since %s: in +%d packets +%s · out +%d packets +%s",
			l.opened.Format("15:04:05"), b.InPackets-a.InPackets, byteSize(b.InTotal-a.InTotal),
			b.OutPackets-a.OutPackets, byteSize(b.OutTotal-a.OutTotal)), kindText})
		errs := fmt.Sprintf(" Errors since then: input %s · CRC %s · output %s",
			delta(a.InErrors, b.InErrors), delta(a.CRC, b.CRC), delta(a.OutErrors, b.OutErrors))
		k := kindOK
		if b.InErrors > a.InErrors || b.CRC > a.CRC || b.OutErrors > a.OutErrors {
			k = kindWarn
		}
		out = append(out, textLine{errs, k})
	}
	return out
}

// delta is a counter's change, or "-" where the device does not count it.
func delta(a, b int64) string {
	if a < 0 || b < 0 {
		return "-"
	}
	return fmt.Sprintf("+%d", b-a)
}

// rateRange is the last rate read and the range of those shown, in bits per second.
func rateRange(s []int64) string {
	lo, hi := s[0], s[0]
	for _, v := range s {
		lo, hi = min(lo, v), max(hi, v)
	}
	return fmt.Sprintf("%sbit/s (%s-%s)", bitRate(s[len(s)-1]), bitRate(lo), bitRate(hi))
}

// byteSize is a byte count with a binary prefix: 512 B, 14.2 KB, 3.1 MB.
func byteSize(n int64) string {
	f := float64(n)
	for _, u := range []string{"B", "KB", "MB", "GB"} {
		if f < 1024 || u == "GB" {
			if u == "B" {
				return fmt.Sprintf("%d B", n)
			}
			return fmt.Sprintf("%.1f %s", f, u)
		}
		f /= 1024
	}
	return ""
}

// sparkline draws the last w samples, scaled from zero to the largest of them, one cell each.
func (m *Model) sparkline(s []int64, w int) string {
	levels := []rune("▁▂▃▄▅▆▇█")
	if m.st.ASCII {
		levels = []rune("_.-:=+*#")
	}
	if len(s) > w {
		s = s[len(s)-w:]
	}
	var hi int64
	for _, v := range s {
		hi = max(hi, v)
	}
	var b strings.Builder
	for _, v := range s {
		i := 0
		if hi > 0 {
			i = int(v * int64(len(levels)-1) / hi)
		}
		b.WriteRune(levels[i])
	}
	return b.String()
}
