package switchctl

import "strings"

func basicRows() []Row {
	return []Row{
		{Views: InUser, Path: "system-view", Priv: PrivAny, Run: runSystemView, Move: Enter,
			Target: func(*Ctx) (View, error) { return View{Kind: ViewSystem}, nil }},
		{Views: InAll &^ InPeerKey, Path: "quit", Priv: PrivAny, Move: Leave},
		{Views: InAll &^ InUser &^ InPeerKey, Path: "return", Priv: PrivAny, Move: Top},
		{Views: InSystem, Path: "version <rest:text:1-255>", Priv: PrivAny, Hidden: true, Run: func(*Ctx) error { return nil }},
		{Views: InSystem, Path: "sysname <name:word:1-64>", Priv: PrivWrite, Run: runSysname},
		{Views: InSystem, Path: "undo sysname", Priv: PrivWrite, Run: runSysname},
		{Views: InSystem, Path: headerPath, Priv: PrivWrite, Run: runHeader, Multiline: true},
		{Views: InSystem, Path: "undo header {motd|login|shell}", Priv: PrivWrite, Run: runUndoHeader},
		{Views: InUser, Path: "screen-length disable", Priv: PrivAny, Run: func(c *Ctx) error { c.S.screenLen = 0; return nil }},
		{Views: InUser, Path: "undo screen-length disable", Priv: PrivAny, Run: runScreenLengthEnable},
		{Views: InUser, Path: "terminal monitor", Priv: PrivAny, Run: func(c *Ctx) error { c.S.monitor = true; return nil }},
		{Views: InUser, Path: "undo terminal monitor", Priv: PrivAny, Run: func(c *Ctx) error { c.S.monitor = false; return nil }},
	}
}

const headerPath = "header {motd|login|shell} <text:text:1-2000>"

func runSystemView(c *Ctx) error {
	c.Println("System View: return to User View with Ctrl+Z.")
	return nil
}

func runSysname(c *Ctx) error {
	name := c.A.Str("name")
	if name == "" {
		name = DefaultSysname
	}
	return c.D.update(func(cfg *Config) error { cfg.Sysname = name; return nil })
}

func headerKind(a *Args) string {
	for _, k := range []string{"motd", "login", "shell"} {
		if a.Has(k) {
			return k
		}
	}
	return ""
}

// runHeader takes a banner delimited by its first character; when the closing delimiter is not on
// this line, the following lines are part of the text until it appears.
func runHeader(c *Ctx) error {
	kind, text := headerKind(c.A), c.A.Str("text")
	set := func(t string) error {
		if c.checking {
			return nil
		}
		return c.D.update(func(cfg *Config) error { cfg.Headers[kind] = t; return nil })
	}
	delim := text[0]
	rest := text[1:]
	if i := strings.IndexByte(rest, delim); i >= 0 {
		return set(rest[:i])
	}
	if !c.checking {
		c.Printf("Please input banner content, and quit with the character '%c'.\n", delim)
	}
	coll := &collector{delim: delim, done: set}
	if rest != "" {
		coll.buf.WriteString(rest)
		coll.buf.WriteByte('\n')
	}
	c.S.collect = coll
	return nil
}

func runUndoHeader(c *Ctx) error {
	kind := headerKind(c.A)
	return c.D.update(func(cfg *Config) error { delete(cfg.Headers, kind); return nil })
}

func runScreenLengthEnable(c *Ctx) error {
	c.S.screenLen = defaultLine.ScreenLength
	if l := c.S.info.Line; l >= 0 {
		c.D.read(func(cfg *Config) {
			if l < len(cfg.Lines) {
				c.S.screenLen = cfg.Lines[l].ScreenLength
			}
		})
	}
	return nil
}

// Header is a banner text ("" when unset): motd, login or shell.
func (d *Device) Header(kind string) string {
	var t string
	d.read(func(c *Config) { t = c.Headers[kind] })
	return t
}
