package switchctl

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// Syslog: log hosts (`info-center loghost`), the source interface of their packets, the per-module
// output rules (`info-center source`), and `display info-center`. vtyd sends no packets; the settings
// are kept and shown.

// SyslogConfig is the information center's log hosts and output rules (InfoCenterConfig holds its
// switches and log buffer).
type SyslogConfig struct {
	LogHosts      []LogHost // by address
	LogHostSource string    // full interface name; "" for none
	Sources       []LogSourceRule
}

// LogHost is one `info-center loghost` entry.
type LogHost struct {
	Addr     netip.Addr
	Port     int    // 514 by default
	Facility string // local0-local7; local7 by default
}

// LogSourceRule is one `info-center source` rule: a module's logs to a destination, denied or from a
// severity up.
type LogSourceRule struct {
	Module, Dest string
	Deny         bool
	Level        string // severity name when not denied
}

const (
	defaultLogHostPort     = 514
	defaultLogHostFacility = "local7"
)

var severityWords = []string{"emergency", "alert", "critical", "error", "warning", "notification", "informational", "debugging"}

func syslogRows() []Row {
	w := func(path string, run Handler) Row { return Row{Views: InSystem, Path: path, Priv: PrivWrite, Run: run} }
	return []Row{
		w("info-center loghost <loghost:ip> [port <logport:1-65535>] [facility {local0|local1|local2|local3|local4|local5|local6|local7}]", runLogHost),
		w("undo info-center loghost <loghost:ip>", runLogHost),
		w("info-center loghost source <if:ifname>", runLogHostSource),
		w("undo info-center loghost source", runLogHostSource),
		w("info-center source <module:word:1-32> {console|monitor|logbuffer|logfile|loghost} {deny|level {"+strings.Join(severityWords, "|")+"}}", runLogSource),
		w("undo info-center source <module:word:1-32> {console|monitor|logbuffer|logfile|loghost}", runLogSource),
		{Views: InAll, Path: "display info-center", Priv: PrivRead, Run: runDisplayInfoCenter, Display: true},
	}
}

// maxLogHosts is how many log hosts Comware takes.
const maxLogHosts = 20

func runLogHost(c *Ctx) error {
	h := LogHost{Addr: c.A.IP("loghost"), Port: defaultLogHostPort, Facility: defaultLogHostFacility}
	if c.A.IsSet("logport") {
		h.Port = c.A.Int("logport")
	}
	for i := 0; i < 8; i++ {
		if f := fmt.Sprintf("local%d", i); c.A.Has(f) {
			h.Facility = f
		}
	}
	undo := c.A.Has("undo")
	if !undo && (h.Addr.IsUnspecified() || h.Addr.IsMulticast() || h.Addr.IsLoopback()) {
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos("loghost")}
	}
	return c.D.update(func(cfg *Config) error {
		ic := &cfg.Syslog
		for i, o := range ic.LogHosts {
			if o.Addr == h.Addr {
				if undo {
					ic.LogHosts = append(ic.LogHosts[:i], ic.LogHosts[i+1:]...)
				} else {
					ic.LogHosts[i] = h
				}
				return nil
			}
		}
		switch {
		case undo:
			return refuse(ErrNotFound, "The log host %s does not exist.", h.Addr)
		case len(ic.LogHosts) >= maxLogHosts:
			return refuse(ErrInUse, "The number of log hosts has reached the upper limit.")
		}
		ic.LogHosts = append(ic.LogHosts, h)
		sort.Slice(ic.LogHosts, func(i, j int) bool { return ic.LogHosts[i].Addr.Less(ic.LogHosts[j].Addr) })
		return nil
	})
}

func runLogHostSource(c *Ctx) error {
	name := ""
	if c.A.IsSet("if") {
		name = c.A.If("if").Full()
	}
	return c.D.update(func(cfg *Config) error {
		if name != "" && cfg.Ifaces[name] == nil {
			return refuse(ErrNotFound, "The interface does not exist.")
		}
		cfg.Syslog.LogHostSource = name
		return nil
	})
}

func runLogSource(c *Ctx) error {
	rule := LogSourceRule{Module: strings.ToLower(c.A.Str("module")), Deny: c.A.Has("deny")}
	for _, d := range []string{"console", "monitor", "logbuffer", "logfile", "loghost"} {
		if c.A.Has(d) {
			rule.Dest = d
		}
	}
	for _, sev := range severityWords {
		if c.A.Has(sev) {
			rule.Level = sev
		}
	}
	undo := c.A.Has("undo")
	return c.D.update(func(cfg *Config) error {
		ic := &cfg.Syslog
		for i, o := range ic.Sources {
			if o.Module == rule.Module && o.Dest == rule.Dest {
				if undo {
					ic.Sources = append(ic.Sources[:i], ic.Sources[i+1:]...)
				} else {
					ic.Sources[i] = rule
				}
				return nil
			}
		}
		if undo {
			return nil
		}
		ic.Sources = append(ic.Sources, rule)
		sort.Slice(ic.Sources, func(i, j int) bool {
			a, b := ic.Sources[i], ic.Sources[j]
			if a.Module != b.Module {
				return a.Module < b.Module
			}
			return a.Dest < b.Dest
		})
		return nil
	})
}

// syslogLines are the log host and source rule lines of the configuration, in Comware's order.
func (ic SyslogConfig) lines() []string {
	var lines []string
	if ic.LogHostSource != "" {
		lines = append(lines, "info-center loghost source "+ic.LogHostSource)
	}
	for _, h := range ic.LogHosts {
		l := "info-center loghost " + h.Addr.String()
		if h.Port != defaultLogHostPort {
			l += fmt.Sprintf(" port %d", h.Port)
		}
		if h.Facility != defaultLogHostFacility {
			l += " facility " + h.Facility
		}
		lines = append(lines, l)
	}
	for _, s := range ic.Sources {
		l := fmt.Sprintf("info-center source %s %s ", s.Module, s.Dest)
		if s.Deny {
			l += "deny"
		} else {
			l += "level " + s.Level
		}
		lines = append(lines, l)
	}
	return lines
}

// runDisplayInfoCenter prints the information center's state.
func runDisplayInfoCenter(c *Ctx) error {
	ic := c.D.InfoCenter()
	var sl SyslogConfig
	c.D.read(func(cfg *Config) { sl = cfg.Syslog })
	st := c.D.logs.stats()
	on := func(b bool) string { return enabledWord(ic.Enabled && b) }
	c.Printf("Information Center: %s\n", enabledWord(ic.Enabled))
	c.Printf("Console: %s\nMonitor: %s\n", on(true), on(true))
	c.Printf("Log host: %s\n", on(len(sl.LogHosts) > 0))
	for _, h := range sl.LogHosts {
		c.Printf("    %s, port number: %d, host facility: %s\n", h.Addr, h.Port, h.Facility)
	}
	c.Printf("Log buffer: %s\n", on(ic.LogBuffer))
	c.Printf("    Max buffer size %d, current buffer size %d,\n", MaxLogBufferSize, ic.BufferSize)
	c.Printf("    Current messages %d, dropped messages %d, overwritten messages %d\n", len(st.entries), st.dropped, st.overwritten)
	c.Printf("Log file: %s\nSecurity log file: Disabled\n", on(true))
	c.Printf("Information timestamp format:\n    Log host: Date\n    Other output destination: Date\n")
	return nil
}

var syslogHelp = pathHelp(syslogRows(), map[string]string{
	"info-center loghost":        "Specify a log host",
	"undo info-center loghost":   "Remove a log host",
	"info-center loghost source": "Specify the source interface of the logs sent to log hosts",
	"port":                       "Specify the UDP port of the log host",
	"facility":                   "Specify the logging facility",
	"local0":                     "Facility local0",
	"local1":                     "Facility local1",
	"local2":                     "Facility local2",
	"local3":                     "Facility local3",
	"local4":                     "Facility local4",
	"local5":                     "Facility local5",
	"local6":                     "Facility local6",
	"local7":                     "Facility local7",
	"info-center source":         "Specify an output rule for a module's logs",
	"console":                    "Output to the console",
	"monitor":                    "Output to monitoring terminals",
	"logbuffer":                  "Output to the log buffer",
	"logfile":                    "Output to the log file",
	"loghost":                    "Output to log hosts",
	"deny":                       "Output nothing",
	"level":                      "Output logs of this severity and higher",
	"emergency":                  "Severity 0: the system is unusable",
	"alert":                      "Severity 1: action must be taken immediately",
	"critical":                   "Severity 2: critical conditions",
	"error":                      "Severity 3: error conditions",
	"warning":                    "Severity 4: warning conditions",
	"notification":               "Severity 5: normal but significant conditions",
	"informational":              "Severity 6: informational messages",
	"debugging":                  "Severity 7: debug-level messages",
	"display info-center":        "Information center state",
})

var syslogArgHelp = map[string]string{
	"loghost": "IPv4 address of the log host",
	"logport": "UDP port",
	"module":  "Module name, or default for all modules",
}
