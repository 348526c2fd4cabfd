package switchctl

// The grammar's line numbers are checked against the device's own VTY count (Options.VTYLines) when
// the command runs; the static range only bounds what can be typed.
const linePath = "vty <lo:0-4095> [<hi:0-4095>]"

func lineRows() []Row {
	return []Row{
		{Views: InSystem, Path: "{line|user-interface} " + linePath, Priv: PrivWrite, Move: Enter, Target: lineTarget},
		{Views: InSystem, Path: "{line|user-interface} class {aux|vty}", Priv: PrivWrite, Move: Enter, Target: lineOtherTarget},
		{Views: InSystem, Path: "{line|user-interface} aux <aux:0-0>", Priv: PrivWrite, Move: Enter, Target: lineOtherTarget},
		// Authentication mode and role decide who gets in and with what rights, so they need the
		// security privilege: a level-9 user could otherwise open the lines as network-admin.
		{Views: InLine, Path: "authentication-mode {none|password|scheme}", Priv: PrivSecurity, Run: runAuthMode},
		{Views: InLine, Path: "undo authentication-mode", Priv: PrivSecurity, Run: runAuthMode},
		{Views: InLine, Path: "user-role <role:word:1-63>", Priv: PrivSecurity, Run: runLineRole},
		{Views: InLine, Path: "undo user-role [<role:word:1-63>]", Priv: PrivSecurity, Run: runLineRole},
		{Views: InLine, Path: "idle-timeout <min:0-35791> [<sec:0-59>]", Priv: PrivWrite, Run: runIdleTimeout},
		{Views: InLine, Path: "undo idle-timeout", Priv: PrivWrite, Run: runIdleTimeout},
		{Views: InLine, Path: "screen-length <scrlen:0-512>", Priv: PrivWrite, Run: runLineScreenLength},
		{Views: InLine, Path: "undo screen-length", Priv: PrivWrite, Run: runLineScreenLength},
		{Views: InLine, Path: "protocol inbound {all|pad|ssh|telnet}", Priv: PrivWrite, Run: runProtocolInbound},
		{Views: InLine, Path: "undo protocol inbound", Priv: PrivWrite, Run: runProtocolInbound},
		{Views: InLine, Path: "history-command max-size <histsize:0-256>", Priv: PrivWrite, Run: runHistorySize},
		{Views: InLine, Path: "undo history-command max-size", Priv: PrivWrite, Run: runHistorySize},
	}
}

// lineTarget is the view of lines lo..hi; a number beyond the device's lines, or a last line before
// the first, is a wrong parameter at that number.
func lineTarget(c *Ctx) (View, error) {
	n := c.D.VTYCount()
	lo, hi := c.A.Int("lo"), c.A.Int("lo")
	if lo >= n {
		return View{}, &ParseError{Kind: WrongParam, Pos: c.A.Pos("lo")}
	}
	if c.A.IsSet("hi") {
		hi = c.A.Int("hi")
		if hi >= n || hi < lo {
			return View{}, &ParseError{Kind: WrongParam, Pos: c.A.Pos("hi")}
		}
	}
	return View{Kind: ViewLine, Lo: lo, Hi: hi}, nil
}

// lineOtherTarget is the view of a line class or the console line.
func lineOtherTarget(c *Ctx) (View, error) {
	switch {
	case c.A.Has("class") && c.A.Has("aux"):
		return View{Kind: ViewLine, Name: "class aux"}, nil
	case c.A.Has("class"):
		return View{Kind: ViewLine, Name: "class vty"}, nil
	}
	return View{Kind: ViewLine, Name: "aux 0"}, nil
}

// eachLine applies f to every line of the view; the range changes all at once or not at all. The
// console line and the line classes are one "line" numbered -1.
func eachLine(c *Ctx, f func(n int, lc *LineConfig) error) error {
	v := c.S.View()
	if v.Name != "" {
		return c.D.update(func(cfg *Config) error {
			lc := cfg.OtherLines[v.Name]
			if err := f(-1, &lc); err != nil {
				return err
			}
			cfg.OtherLines[v.Name] = lc
			return nil
		})
	}
	return c.D.update(func(cfg *Config) error {
		if v.Hi >= len(cfg.Lines) {
			return refuse(ErrNotFound, "The line does not exist.")
		}
		next := make([]LineConfig, v.Hi-v.Lo+1)
		for i := range next {
			next[i] = cfg.Lines[v.Lo+i]
			if err := f(v.Lo+i, &next[i]); err != nil {
				return err
			}
		}
		copy(cfg.Lines[v.Lo:], next)
		return nil
	})
}

func runAuthMode(c *Ctx) error {
	mode := lineDefault(c.S.View().Name).AuthMode
	for _, m := range []string{"none", "password", "scheme"} {
		if c.A.Has(m) {
			mode = m
		}
	}
	return eachLine(c, func(n int, lc *LineConfig) error {
		// SSH logins authenticate by scheme; a line kept for SSH only cannot use anything else.
		if mode != "scheme" && lc.Protocol == "ssh" {
			return refuse(ErrInUse, "Line vty%d accepts only SSH, which requires authentication mode scheme.", n)
		}
		lc.AuthMode = mode
		return nil
	})
}

func runLineRole(c *Ctx) error {
	role := c.A.Str("role")
	undo := c.A.Has("undo")
	if !undo && !ValidRole(role) {
		return refuse(ErrNotFound, "The role %s does not exist.", role)
	}
	return eachLine(c, func(_ int, lc *LineConfig) error {
		switch {
		case !undo:
			lc.UserRole = role
		case role == "" || role == lc.UserRole:
			lc.UserRole = lineDefault(c.S.View().Name).UserRole
		}
		return nil
	})
}

func runIdleTimeout(c *Ctx) error {
	mins, secs := lineDefault(c.S.View().Name).IdleMin, lineDefault(c.S.View().Name).IdleSec
	if c.A.IsSet("min") {
		mins, secs = c.A.Int("min"), c.A.Int("sec")
	}
	return eachLine(c, func(_ int, lc *LineConfig) error { lc.IdleMin, lc.IdleSec = mins, secs; return nil })
}

func runLineScreenLength(c *Ctx) error {
	n := lineDefault(c.S.View().Name).ScreenLength
	if c.A.IsSet("scrlen") {
		n = c.A.Int("scrlen")
	}
	return eachLine(c, func(_ int, lc *LineConfig) error { lc.ScreenLength = n; return nil })
}

func runProtocolInbound(c *Ctx) error {
	proto := lineDefault(c.S.View().Name).Protocol
	for _, p := range []string{"all", "pad", "ssh", "telnet"} {
		if c.A.Has(p) {
			proto = p
		}
	}
	return eachLine(c, func(n int, lc *LineConfig) error {
		if proto == "ssh" && lc.AuthMode != "scheme" {
			return refuse(ErrInUse, "Line vty%d must use authentication mode scheme before it can accept only SSH.", n)
		}
		lc.Protocol = proto
		return nil
	})
}

func runHistorySize(c *Ctx) error {
	n := lineDefault(c.S.View().Name).HistorySize
	if c.A.IsSet("histsize") {
		n = c.A.Int("histsize")
	}
	return eachLine(c, func(_ int, lc *LineConfig) error { lc.HistorySize = n; return nil })
}

// VTYCount is the number of VTY lines: logins beyond it are refused.
func (d *Device) VTYCount() int {
	var n int
	d.read(func(cfg *Config) { n = len(cfg.Lines) })
	return n
}

// Line is VTY line n's settings; false when the device has no such line.
func (d *Device) Line(n int) (LineConfig, bool) {
	var lc LineConfig
	ok := false
	d.read(func(cfg *Config) {
		if n >= 0 && n < len(cfg.Lines) {
			lc, ok = cfg.Lines[n], true
		}
	})
	return lc, ok
}

var lineHelp = map[string]string{
	"line":                          "Specify the line view",
	"user-interface":                "Specify the user interface view (alias of line)",
	"line vty":                      "VTY line",
	"user-interface vty":            "VTY line",
	"class":                         "Line class",
	"line class aux":                "AUX line class",
	"line class vty":                "VTY line class",
	"user-interface class aux":      "AUX line class",
	"user-interface class vty":      "VTY line class",
	"line aux":                      "AUX line",
	"user-interface aux":            "AUX line",
	"authentication-mode":           "Specify the login authentication mode",
	"authentication-mode none":      "Login without authentication",
	"authentication-mode password":  "Password authentication",
	"authentication-mode scheme":    "Authentication by AAA scheme (local users)",
	"user-role":                     "Specify the user role",
	"idle-timeout":                  "Specify the idle timeout",
	"protocol":                      "Specify the protocols the line accepts",
	"protocol inbound":              "Specify the login protocols",
	"undo protocol inbound":         "Restore the default login protocols",
	"protocol inbound all":          "All protocols",
	"protocol inbound pad":          "PAD (X.25) only",
	"protocol inbound ssh":          "SSH only",
	"protocol inbound telnet":       "Telnet only",
	"history-command max-size":      "Specify the size of the history buffer",
	"undo history-command max-size": "Restore the default history buffer size",
}

var lineArgHelp = map[string]string{
	"lo":       "Number of the first line",
	"hi":       "Number of the last line",
	"min":      "Idle timeout in minutes (0: never)",
	"sec":      "Seconds",
	"scrlen":   "Lines per screen (0: no paging)",
	"histsize": "Number of history commands",
}
