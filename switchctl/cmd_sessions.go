package switchctl

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

// Who is logged in: `display users`, `display line`, `display ssh server session` read the login
// registry; `free line` ends a login.
//
// Line numbering follows a Comware box with one console port: absolute index (Idx) 0 is the console
// line AUX 0 (the line `line aux 0` configures on these models), and VTY n is Idx n+1. vtyd serves no
// console, so AUX 0 is never active.

func sessionRows() []Row {
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		show("display users [all]", runDisplayUsers),
		show("display line [{<lineidx:0-4095>|vty <linevty:0-4095>}] [summary]", runDisplayLine),
		show("display ssh server session", runDisplaySSHSessions),
		{Views: InUser, Path: "free {line|user-interface} {<freeidx:0-4095>|vty <freevty:0-4095>}",
			Priv: PrivWrite, Run: runFreeLine},
		{Views: InUser, Path: "free ssh {user-ip <freeip:ip> [port <freeport:1-65535>]|user-pid <freepid:1-2147483647>|username <freeuser:word:1-80>}",
			Priv: PrivWrite, Run: runFreeSSH},
	}
}

// idleText is an idle time as `display users` shows it: hh:mm:ss, or "old" from a day on.
func idleText(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	if d >= 24*time.Hour {
		return "old"
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// lineMark is the first column of `display users` and `display line`.
func lineMark(on bool) string {
	if on {
		return "+"
	}
	return ""
}

// runDisplayUsers lists the logins on lines (all lines with `all`), marking the session's own line
// with +, then each login's user and location.
func runDisplayUsers(c *Ctx) error {
	held := c.D.lineLogins()
	own := c.S.Info().Line
	now := c.D.now()
	c.Println("  Idx  Line     Idle       Time              Pid     Type")
	var details []*Login
	if c.A.Has("all") {
		c.Printf("%-2s%-5d%s\n", "", 0, "AUX 0")
	}
	for n, lines := 0, c.D.VTYCount(); n < lines; n++ {
		l := held[n]
		if l == nil {
			if c.A.Has("all") {
				c.Printf("%-2s%-5d%s\n", "", n+1, fmt.Sprintf("VTY %d", n))
			}
			continue
		}
		details = append(details, l)
		c.Printf("%-2s%-5d%-9s%-11s%-18s%-8d%s\n", lineMark(n == own), n+1, fmt.Sprintf("VTY %d", n),
			idleText(now.Sub(l.LastActive())), l.Started.UTC().Format("Jan 02 15:04:05"), l.Pid(), "SSH")
	}
	c.Println("")
	c.Println("Following are more details.")
	for _, l := range details {
		c.Printf("%-8s:\n", fmt.Sprintf("VTY %d", l.Info.Line))
		c.Printf("        User name: %s@system\n", l.Info.User)
		c.Printf("        Location: %s\n", remoteHost(l.Info.Remote))
	}
	c.Println(" +    : Current operation user.")
	c.Println(" F    : Current operation user works in async mode.")
	return nil
}

// lineRow is one line of `display line`: its absolute index, type and authentication letter.
type lineRow struct {
	idx    int
	typ    string // AUX or VTY
	rel    int
	auth   string
	active bool
}

// deviceLines lists the console line and every VTY line with its state.
func deviceLines(d *Device) []lineRow {
	held := d.lineLogins()
	rows := []lineRow{{idx: 0, typ: "AUX", auth: "N"}}
	d.read(func(cfg *Config) {
		for n, lc := range cfg.Lines {
			auth := map[string]string{"scheme": "A", "password": "P"}[lc.AuthMode]
			if auth == "" {
				auth = "N"
			}
			rows = append(rows, lineRow{idx: n + 1, typ: "VTY", rel: n, auth: auth, active: held[n] != nil})
		}
	})
	return rows
}

func runDisplayLine(c *Ctx) error {
	rows := deviceLines(c.D)
	switch {
	case c.A.IsSet("lineidx"):
		i := c.A.Int("lineidx")
		if i >= len(rows) {
			return &ParseError{Kind: WrongParam, Pos: c.A.Pos("lineidx")}
		}
		rows = rows[i : i+1]
	case c.A.IsSet("linevty"):
		i := c.A.Int("linevty") + 1
		if i >= len(rows) {
			return &ParseError{Kind: WrongParam, Pos: c.A.Pos("linevty")}
		}
		rows = rows[i : i+1]
	}
	if c.A.Has("summary") {
		printLineSummary(c, rows)
		return nil
	}
	c.Println("  Idx  Type     Tx/Rx      Modem Auth  Int         Location")
	for _, r := range rows {
		speed := ""
		if r.typ == "AUX" {
			speed = "9600"
		}
		c.Printf("%-2s%-5d%-9s%-11s%-6s%-6s%-12s%s\n", lineMark(r.active), r.idx, fmt.Sprintf("%s %d", r.typ, r.rel),
			speed, "-", r.auth, "-", "0/0")
	}
	for _, l := range []string{
		"  +    : Line is active.",
		"  F    : Line is active and in async mode.",
		"  Idx  : Absolute index of line.",
		"  Type : Type and relative index of line.",
		"  Auth : Login authentication mode.",
		"  Int  : Physical port of the line.",
		"  A    : Authentication use AAA.",
		"  N    : No authentication is required.",
		"  P    : Password authentication.",
	} {
		c.Println(l)
	}
	return nil
}

// printLineSummary shows each line type's lines as U (used) or X (not used), 16 to a row in groups
// of four, each row headed by the absolute index of its first line.
func printLineSummary(c *Ctx, rows []lineRow) {
	used := 0
	for i := 0; i < len(rows); {
		typ := rows[i].typ
		c.Printf("  Line type : [%s]\n", typ)
		for i < len(rows) && rows[i].typ == typ {
			var b strings.Builder
			first := rows[i].idx
			for k := 0; k < 16 && i < len(rows) && rows[i].typ == typ; k, i = k+1, i+1 {
				if k > 0 && k%4 == 0 {
					b.WriteByte(' ')
				}
				if rows[i].active {
					b.WriteByte('U')
					used++
				} else {
					b.WriteByte('X')
				}
			}
			c.Printf("%12d:%s\n", first, b.String())
		}
	}
	c.Printf("%4d lines used.      (U)\n", used)
	c.Printf("%4d lines not used.  (X)\n", len(rows)-used)
}

// runDisplaySSHSessions lists the SSH logins; every registered login has passed authentication.
func runDisplaySSHSessions(c *Ctx) error {
	logins := c.D.Logins()
	if len(logins) == 0 {
		return nil
	}
	c.Println("UserPid   SessID Ver   Encrypt    State          Retries  Serv     Username")
	for _, l := range logins {
		ver, cipher := l.Info.SSHVersion, l.Info.Cipher
		if ver == "" {
			ver = "2.0"
		}
		if cipher == "" {
			cipher = "-"
		}
		c.Printf(" %-9d %-6d%-6s%-10s %-15s%-9d%-9s%s\n", l.Pid(), l.ID-1, ver, cipher, "Established",
			l.Info.Retries, l.Info.service(), l.Info.User)
	}
	return nil
}

// runFreeLine ends the login on a VTY line after a confirmation; the session's own line cannot be
// freed.
func runFreeLine(c *Ctx) error {
	n, pos := c.A.Int("freevty"), c.A.Pos("freevty")
	if c.A.IsSet("freeidx") {
		n, pos = c.A.Int("freeidx")-1, c.A.Pos("freeidx")
		if n < 0 {
			return refuse(ErrUnsupported, "The console line cannot be freed.")
		}
	}
	if n >= c.D.VTYCount() {
		return &ParseError{Kind: WrongParam, Pos: pos}
	}
	if n == c.S.Info().Line {
		return refuse(ErrInUse, "You cannot free the line you are using.")
	}
	if c.D.lineLogins()[n] == nil {
		return refuse(ErrNotFound, "Line vty%d is not in use.", n)
	}
	ok, err := c.Confirm(fmt.Sprintf("Are you sure to free line vty%d?", n))
	if err != nil || !ok {
		return err
	}
	if err := c.D.FreeLine(n); err != nil {
		return refuse(ErrNotFound, "Line vty%d is not in use.", n)
	}
	c.Println(" OK")
	return nil
}

// runFreeSSH ends the SSH sessions of a client address (and port), a process ID or a user name —
// every service, SFTP and SCP included, which hold no line `free line` could name. The session's
// own connection is spared.
func runFreeSSH(c *Ctx) error {
	own := c.S.Info().Remote
	var match func(l *Login) bool
	switch {
	case c.A.IsSet("freeip"):
		ip, port := c.A.IP("freeip").String(), c.A.Int("freeport")
		match = func(l *Login) bool {
			h, p, err := net.SplitHostPort(l.Info.Remote)
			return err == nil && h == ip && (port == 0 || p == strconv.Itoa(port))
		}
	case c.A.IsSet("freepid"):
		pid := c.A.Int("freepid")
		match = func(l *Login) bool { return l.Pid() == pid }
	default:
		user := c.A.Str("freeuser")
		match = func(l *Login) bool { return l.Info.User == user }
	}
	n := 0
	for _, l := range c.D.Logins() {
		if match(l) && l.Info.Remote != own {
			l.free()
			n++
		}
	}
	if n == 0 {
		return refuse(ErrNotFound, "No SSH session matches.")
	}
	return nil
}

var sessionHelp = pathHelp(sessionRows(), map[string]string{
	"display users":              "User information",
	"display users all":          "Information about all lines",
	"display line":               "Line information",
	"display line vty":           "VTY line",
	"summary":                    "Summary information",
	"display ssh server session": "SSH server session information",
	"free":                       "Release a connection",
	"free line":                  "Release a user line",
	"free user-interface":        "Release a user line (alias of line)",
	"free line vty":              "VTY line",
	"free user-interface vty":    "VTY line",
	"free ssh":                   "Release SSH connections",
	"user-ip":                    "Specify the IP address of an SSH user",
	"free ssh user-ip port":      "Specify the port number of an SSH user",
	"user-pid":                   "Specify the process ID of an SSH user",
	"username":                   "Specify the name of an SSH user",
})

var sessionArgHelp = map[string]string{
	"lineidx":  "Absolute index of a line",
	"linevty":  "Number of a VTY line",
	"freeidx":  "Absolute index of a line",
	"freevty":  "Number of a VTY line",
	"freeip":   "IPv4 address",
	"freeport": "Port number",
	"freepid":  "Process ID",
	"freeuser": "Username",
}
