package switchctl

// aaaServices are the login services `aaa session-limit` bounds, in the order a configuration lists
// them.
var aaaServices = []string{"ftp", "http", "https", "ssh", "telnet"}

// maxAAASessions is the default and the largest limit: a limit at it is the default and not shown.
const maxAAASessions = 32

// aaaRows store `aaa session-limit SERVICE N`, a line of real switches' configurations ([HP5930CFG]:
// aaa session-limit ssh 16). vtyd keeps and shows it; the VTY lines and MaxSessions bound its logins.
func aaaRows() []Row {
	return []Row{
		{Views: InSystem, Path: "aaa session-limit {ftp|http|https|ssh|telnet} <max:1-32>", Priv: PrivSecurity, Run: runAAALimit},
		{Views: InSystem, Path: "undo aaa session-limit {ftp|http|https|ssh|telnet}", Priv: PrivSecurity, Run: runAAALimit},
	}
}

var aaaHelp = map[string]string{
	"aaa":                    "AAA configuration",
	"aaa session-limit":      "Set the maximum number of concurrent users of a login service",
	"undo aaa":               "AAA configuration",
	"undo aaa session-limit": "Restore the default maximum number of concurrent users",
	"ftp":                    "FTP users",
	"http":                   "HTTP users",
	"https":                  "HTTPS users",
	"telnet":                 "Telnet users",
}

var aaaArgHelp = map[string]string{
	"max": "Maximum number of concurrent users",
}

func runAAALimit(c *Ctx) error {
	svc := ""
	for _, s := range aaaServices {
		if c.A.Has(s) {
			svc = s
		}
	}
	n := maxAAASessions
	if c.A.IsSet("max") {
		n = c.A.Int("max")
	}
	return c.D.update(func(cfg *Config) error {
		if n == maxAAASessions {
			delete(cfg.SessionLimits, svc)
			return nil
		}
		if cfg.SessionLimits == nil {
			cfg.SessionLimits = map[string]int{}
		}
		cfg.SessionLimits[svc] = n
		return nil
	})
}

// renderSessionLimits writes the limits set, in aaaServices order.
func (c *Config) renderSessionLimits(r *renderer) {
	for _, s := range aaaServices {
		if n, ok := c.SessionLimits[s]; ok {
			r.line(" aaa session-limit %s %d", s, n)
		}
	}
}
