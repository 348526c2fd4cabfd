package switchctl

import (
	"net"
	"strconv"
	"sync"
	"time"
)

// allHistoryMax is the size of the history of all lines: fixed at 1024 on Comware [CLI-EN].
const allHistoryMax = 1024

// histEntry is one command of the history of all lines.
type histEntry struct {
	at       time.Time
	terminal string // vty0; "-" for a session without a line (exec)
	ip       string
	user     string
	cmd      string
}

// allHistory is the device's history of the commands run on every line, oldest first, for display
// history-command all; each session keeps its own as well (Session.history).
type allHistory struct {
	mu      sync.Mutex
	entries []histEntry
}

func (h *allHistory) add(e histEntry) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.entries = append(h.entries, e)
	if len(h.entries) > 2*allHistoryMax { // trimmed now and then, so that a long run copies little
		h.entries = append(h.entries[:0:0], h.entries[len(h.entries)-allHistoryMax:]...)
	}
}

// list returns the last allHistoryMax entries, oldest first.
func (h *allHistory) list() []histEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]histEntry(nil), h.entries[max(0, len(h.entries)-allHistoryMax):]...)
}

// rememberAll records a command a session kept in its history in the device's history of all lines.
func (s *Session) rememberAll(line string) {
	if s.info.Proto == "config" { // the lines of a configuration file being loaded were typed by nobody
		return
	}
	term := "-"
	if s.info.Line >= 0 {
		term = "vty" + strconv.Itoa(s.info.Line)
	}
	ip := s.info.Remote
	if h, _, err := net.SplitHostPort(ip); err == nil {
		ip = h
	}
	if ip == "" {
		ip = "-"
	}
	s.d.histAll.add(histEntry{at: s.d.now(), terminal: term, ip: ip, user: s.info.User, cmd: line})
}

// runDisplayHistoryAll lists the history of all lines, newest first, in Comware's layout:
//
//	Date      Time     Terminal  Ip              User
//	03/16/17  20:03:33 vty0      192.168.1.26    admin
//	  Cmd:dis his all
func runDisplayHistoryAll(c *Ctx) error {
	entries := c.D.histAll.list()
	var offset int
	c.D.read(func(cfg *Config) { offset = cfg.Clock.Offset })
	c.Println(" Date      Time     Terminal  Ip              User")
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		at := e.at.UTC().Add(time.Duration(offset) * time.Second) // the switch's clock timezone
		c.Printf(" %-9s %-8s %-9s %-15s %s\n", at.Format("01/02/06"), at.Format("15:04:05"), e.terminal, e.ip, escapeUnsafe(e.user))
		c.Printf("   Cmd:%s\n", escapeUnsafe(e.cmd))
	}
	return nil
}
