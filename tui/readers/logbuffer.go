package readers

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// LogBuffer is `display logbuffer`: the buffer's counters and its entries, oldest first.
type LogBuffer struct {
	Enabled                                            bool
	MaxSize, ActualSize, Dropped, Overwritten, Current int
	Entries                                            []LogEntry
}

// LogEntry is one log line: `%Nov 25 10:38:12:320 2026 Sysname MODULE/5/MNEMONIC: text`. Mark is
// '%' for a log, '*' for debugging output, '#' for a trap or alarm. A line that does not have this
// form is kept with only Raw and Text set and Severity -1.
type LogEntry struct {
	Raw      string
	Mark     byte
	Time     time.Time
	Sysname  string
	Module   string
	Severity int
	Mnemonic string
	Text     string
}

var reLog = regexp.MustCompile(`^([%*#])([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2})(?::(\d{3}))? (\d{4}) (\S+) ([A-Za-z0-9_-]+)/(\d)/([A-Za-z0-9_-]+): ?(.*)$`)

// ParseLogLine reads one log line.
func ParseLogLine(line string) (LogEntry, bool) {
	m := reLog.FindStringSubmatch(line)
	if m == nil {
		return LogEntry{Raw: line, Text: line, Severity: -1}, false
	}
	t, err := time.Parse("Jan _2 15:04:05 2006", m[2]+" "+m[4])
	if err == nil && m[3] != "" {
		ms, _ := strconv.Atoi(m[3])
		t = t.Add(time.Duration(ms) * time.Millisecond)
	}
	sev, _ := strconv.Atoi(m[7])
	return LogEntry{Raw: line, Mark: m[1][0], Time: t, Sysname: m[5], Module: m[6], Severity: sev, Mnemonic: m[8], Text: m[9]}, true
}

// ParseLogBuffer reads `display logbuffer`. Header lines it does not know are skipped; a line
// that is not a log line and comes after one is taken as that entry's continuation.
func ParseLogBuffer(text string) (LogBuffer, error) {
	var b LogBuffer
	seen := false
	for _, line := range lines(text) {
		if line == "" {
			continue
		}
		if e, ok := ParseLogLine(line); ok {
			b.Entries = append(b.Entries, e)
			seen = true
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if ok && !strings.HasPrefix(line, " ") {
			v = strings.TrimSpace(v)
			n, _ := strconv.Atoi(v)
			found := true
			switch strings.TrimSpace(k) {
			case "Log buffer":
				b.Enabled = strings.EqualFold(v, "enabled")
			case "Max buffer size":
				b.MaxSize = n
			case "Actual buffer size":
				b.ActualSize = n
			case "Dropped messages":
				b.Dropped = n
			case "Overwritten messages":
				b.Overwritten = n
			case "Current messages":
				b.Current = n
			default:
				found = false
			}
			if found {
				seen = true
				continue
			}
		}
		if len(b.Entries) > 0 {
			last := &b.Entries[len(b.Entries)-1]
			last.Raw += "\n" + line
			last.Text += " " + strings.TrimSpace(line)
		}
	}
	if !seen {
		return b, ErrFormat
	}
	return b, nil
}

// SeverityName is the information center's name for a severity 0-7.
func SeverityName(sev int) string {
	names := [...]string{"emergency", "alert", "critical", "error", "warning", "notification", "informational", "debugging"}
	if sev < 0 || sev >= len(names) {
		return "-"
	}
	return names[sev]
}
