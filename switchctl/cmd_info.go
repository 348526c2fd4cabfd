package switchctl

import (
	"fmt"
	"sort"
	"strings"
)

// The information center: its switches and log buffer size, `display logbuffer` and `reset
// logbuffer`, and the logging of executed configuration commands with their secrets masked.

// InfoCenterConfig is the information center's part of the running configuration.
type InfoCenterConfig struct {
	Enabled    bool // info-center enable (the default); off, nothing is logged anywhere
	LogBuffer  bool // info-center logbuffer (the default); off, logs still reach monitoring terminals
	BufferSize int  // info-center logbuffer size, 0-MaxLogBufferSize
}

// defaultInfoCenter is Comware's factory setting, which the configuration does not render.
var defaultInfoCenter = InfoCenterConfig{Enabled: true, LogBuffer: true, BufferSize: DefaultLogBufferSize}

func infoRows() []Row {
	set := func(path string, run Handler) Row { return Row{Views: InSystem, Path: path, Priv: PrivWrite, Run: run} }
	return []Row{
		{Views: InAll, Path: "display logbuffer [reverse] [level <logsev:0-7>] [size <logcount:1-1024>]",
			Priv: PrivRead, Run: runDisplayLogbuffer, Display: true},
		{Views: InAll, Path: "display logbuffer summary", Priv: PrivRead, Run: runDisplayLogSummary, Display: true},
		{Views: InUser, Path: "reset logbuffer", Priv: PrivWrite, Run: func(c *Ctx) error { c.D.ResetLogBuffer(); return nil }},
		set("info-center enable", infoCenter(func(ic *InfoCenterConfig, _ *Ctx) { ic.Enabled = true })),
		set("undo info-center enable", infoCenter(func(ic *InfoCenterConfig, _ *Ctx) { ic.Enabled = false })),
		set("info-center logbuffer [size <logsize:0-1024>]", infoCenter(func(ic *InfoCenterConfig, c *Ctx) {
			ic.LogBuffer = true
			if c.A.IsSet("logsize") {
				ic.BufferSize = c.A.Int("logsize")
			}
		})),
		set("undo info-center logbuffer", infoCenter(func(ic *InfoCenterConfig, _ *Ctx) { ic.LogBuffer = false })),
		set("undo info-center logbuffer size", infoCenter(func(ic *InfoCenterConfig, _ *Ctx) {
			ic.BufferSize = DefaultLogBufferSize
		})),
	}
}

// infoCenter changes the information center settings.
func infoCenter(f func(ic *InfoCenterConfig, c *Ctx)) Handler {
	return func(c *Ctx) error {
		return c.D.update(func(cfg *Config) error { f(&cfg.InfoCenter, c); return nil })
	}
}

// InfoCenter is a copy of the information center settings.
func (d *Device) InfoCenter() InfoCenterConfig {
	var ic InfoCenterConfig
	d.read(func(c *Config) { ic = c.InfoCenter })
	return ic
}

func enabledWord(on bool) string {
	if on {
		return "Enabled"
	}
	return "Disabled"
}

// runDisplayLogbuffer prints the buffer's state, then its entries oldest first (`reverse`: newest
// first), keeping those of severity `level` or more severe and at most the newest `size`.
func runDisplayLogbuffer(c *Ctx) error {
	c.D.SimSync() // link changes that are due (a flap, a wired far end shut down) are logged first
	ic := c.D.InfoCenter()
	st := c.D.logs.stats()
	c.Printf("Log buffer: %s\n", enabledWord(ic.Enabled && ic.LogBuffer))
	c.Printf("Max buffer size: %d\n", MaxLogBufferSize)
	c.Printf("Actual buffer size: %d\n", ic.BufferSize)
	c.Printf("Dropped messages: %d\n", st.dropped)
	c.Printf("Overwritten messages: %d\n", st.overwritten)
	c.Printf("Current messages: %d\n", len(st.entries))
	var shown []string
	for _, e := range st.entries {
		if !c.A.IsSet("logsev") || e.sev <= c.A.Int("logsev") {
			shown = append(shown, e.text)
		}
	}
	if n := c.A.Int("logcount"); n > 0 && len(shown) > n {
		shown = shown[len(shown)-n:]
	}
	for i := range shown {
		if c.A.Has("reverse") {
			c.Println(shown[len(shown)-1-i])
		} else {
			c.Println(shown[i])
		}
	}
	return nil
}

var severityNames = [...]string{"EMERG", "ALERT", "CRIT", "ERROR", "WARN", "NOTIF", "INFO", "DEBUG"}

// runDisplayLogSummary counts the buffer's entries by severity, per slot; every entry is logged by
// the master, slot 1.
func runDisplayLogSummary(c *Ctx) error {
	var counts [len(severityNames)]int
	for _, e := range c.D.logs.stats().entries {
		if e.sev >= 0 && e.sev < len(counts) {
			counts[e.sev]++
		}
	}
	c.Printf("  Slot")
	for _, n := range severityNames {
		c.Printf("%6s", n)
	}
	c.Printf("\n%6d", 1)
	for _, n := range counts {
		c.Printf("%6d", n)
	}
	c.Println("")
	return nil
}

// renderInfoCenter writes the information center settings that differ from the defaults.
func (c *Config) renderInfoCenter(r *renderer) {
	ic, d := c.InfoCenter, defaultInfoCenter
	var lines []string
	if ic.BufferSize != d.BufferSize {
		lines = append(lines, fmt.Sprintf("info-center logbuffer size %d", ic.BufferSize))
	}
	if !ic.LogBuffer {
		lines = append(lines, "undo info-center logbuffer")
	}
	if !ic.Enabled {
		lines = append(lines, "undo info-center enable")
	}
	lines = append(lines, c.Syslog.lines()...)
	if len(lines) == 0 {
		return
	}
	r.sep()
	for _, l := range lines {
		r.line(" %s", l)
	}
}

// commandLog is the text of a SHELL_CMD entry for a command a session ran, as Comware words it:
// `-Line=vty0-IPAddr=127.0.0.1-User=admin; Command is vlan 10`. What Comware does not know is `**`.
func commandLog(info SessionInfo, r *Row, a *Args, line string) string {
	lineName, ip, user := "**", "**", "**"
	if info.Line >= 0 {
		lineName = fmt.Sprintf("vty%d", info.Line)
	}
	if h := remoteHost(info.Remote); h != "" {
		ip = h
	}
	if info.User != "" {
		user = info.User
	}
	return fmt.Sprintf("-Line=%s-IPAddr=%s-User=%s; Command is %s", lineName, ip, user, maskSecrets(r, a, line))
}

// maskSecrets replaces the row's Secret arguments in line (as typed: argument positions are byte
// offsets in it) with ******: a word argument where it was
// typed (quotes included), a rest-of-line text to the end. A secret it cannot place masks the
// whole rest of the line from the first secret on, so that nothing typed as a secret is ever logged.
func maskSecrets(r *Row, a *Args, line string) string {
	if len(r.Secret) == 0 {
		return strings.TrimSpace(line)
	}
	toks, err := tokenize(line)
	if err != nil || len(toks) == 0 {
		return "******"
	}
	type span struct{ from, to int }
	var spans []span
	for _, name := range r.Secret {
		if !a.IsSet(name) {
			continue
		}
		pos, found := a.Pos(name), false
		for _, t := range toks {
			if t.Pos == pos {
				end := t.End
				if argIsText(r.Path, name) {
					end = len(line)
				}
				spans, found = append(spans, span{pos, end}), true
				break
			}
		}
		if !found {
			return maskFrom(line, toks, a, r.Secret)
		}
	}
	// Mask from the right so that earlier offsets stay valid.
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	for i := len(spans) - 1; i >= 0; i-- {
		line = line[:spans[i].from] + "******" + line[spans[i].to:]
	}
	return strings.TrimSpace(line)
}

// maskFrom keeps the line up to the first secret's position, or only its first word.
func maskFrom(line string, toks []token, a *Args, secrets []string) string {
	cut := len(line)
	for _, name := range secrets {
		if p := a.Pos(name); a.IsSet(name) && p < cut {
			cut = p
		}
	}
	if cut <= 0 || cut > len(line) {
		cut = toks[0].End
	}
	return strings.TrimSpace(line[:cut]) + " ******"
}

// argIsText reports whether the placeholder name in path takes the rest of the line.
func argIsText(path, name string) bool {
	for _, w := range specWords(path) {
		if strings.HasPrefix(w, "<"+name+":") {
			return parseArgSpec(w).typ.kind == argText
		}
	}
	return false
}

var infoHelp = pathHelp(infoRows(), map[string]string{
	"display logbuffer":               "Log buffer information",
	"reverse":                         "Display the log information in reverse chronological order",
	"level":                           "Display the log information of a severity level or higher",
	"size":                            "Display the latest log information",
	"display logbuffer summary":       "Display the number of log entries of each severity level",
	"reset logbuffer":                 "Clear the log buffer",
	"info-center":                     "Specify information center configuration information",
	"undo info-center":                "Specify information center configuration information",
	"info-center enable":              "Enable the information center",
	"undo info-center enable":         "Disable the information center",
	"info-center logbuffer":           "Enable log output to the log buffer",
	"undo info-center logbuffer":      "Disable log output to the log buffer",
	"info-center logbuffer size":      "Specify the maximum number of log entries in the log buffer",
	"undo info-center logbuffer size": "Restore the default size of the log buffer",
})

var infoArgHelp = map[string]string{
	"logsev":   "Severity level (0 emergency to 7 debugging)",
	"logcount": "Number of the latest log entries to display",
	"logsize":  "Maximum number of log entries (0: keep none)",
}
