package tui

import (
	"bytes"
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// deviceData is what the console last read from the device, with per-resource bookkeeping: have
// (read at least once), stale (changed since), inflight (being read) and the last error.
type deviceData struct {
	version    readers.Version
	versionAt  time.Time // when version (and its uptime) was read
	ifs        readers.IfBrief
	vlans      []readers.VLAN
	vlanCount  int
	logs       []readers.LogEntry
	running    readers.Config
	saved      readers.Config
	differs    bool // the running configuration differs from the saved one
	runningN   int  // lines of the running configuration
	savedNone  bool // the device has no saved configuration
	logsFull   bool // logs is the whole log buffer, not its tail (keep.go says what is kept where)
	vlansFull  bool // vlans is the list, not empty beside vlanCount
	configFull bool // running and saved hold the configurations, not nothing beside differs and runningN
	added      int  // lines of the running configuration the saved one lacks
	removed    int  // lines of the saved configuration the running one lacks
	sysname    string
	rates      map[string]readers.Interface // by full interface name
	routes     readers.RoutingTable
	ipifs      []readers.IPIf
	macs       []readers.MACEntry
	arps       []readers.ARPEntry
	lldp       []readers.LLDPNeighbor
	sessions   sessionsPair
	users      usersPair
	ssh        sshInfo
	startup    readers.Startup
	system     systemPair
	err        [numRes]string
	have       [numRes]bool
	stale      [numRes]bool
	readAt     [numRes]time.Time // when each was last read well
	inflight   [numRes]bool
	gen        [numRes]int // bumped when a resource is read, so views rebuild only what changed
}

// unsaved reports whether the running configuration differs from the saved one.
func (d *deviceData) unsaved() bool {
	return d.have[resConfig] && d.differs
}

// How many log entries the console keeps: in the Logs view, as many as the largest log buffer
// holds; elsewhere only the latest, which is all the dashboard shows, so that a console left on
// the dashboard does not hold a copy of the whole buffer.
const (
	maxLogs  = 1024
	tailLogs = 64
)

// addLog appends a log line, dropping the oldest beyond most; it reports false for a line the
// console has already.
func (d *deviceData) addLog(line string, most int) (readers.LogEntry, bool) {
	e, _ := readers.ParseLogLine(CleanLine(line))
	// A line read by `display logbuffer` may arrive again as an event: skip what is already there.
	for i := len(d.logs) - 1; i >= 0 && i >= len(d.logs)-64; i-- {
		if d.logs[i].Raw == e.Raw {
			return e, false
		}
	}
	d.logs = append(d.logs, e)
	d.trimLogs(most)
	return e, true
}

// trimLogs keeps the latest most log entries.
func (d *deviceData) trimLogs(most int) {
	if len(d.logs) > most {
		d.logs = append(d.logs[:0:0], d.logs[len(d.logs)-most:]...)
		d.logsFull = false
	}
}

// fetchedMsg carries what one fetch read.
type fetchedMsg struct {
	results []fetchResult
	prompt  string
	at      time.Time
}

type fetchResult struct {
	res   resource
	value any
	err   string
	full  bool // the whole log buffer was read
}

// fetch reads the resources that are not being read already, in one command (one message, one
// redraw). It clears their stale marks: a change seen while they are read marks them again.
func (m *Model) fetch(rs ...resource) tea.Cmd {
	var want []resource
	for _, r := range rs {
		if !m.data.inflight[r] {
			m.data.inflight[r], m.data.stale[r] = true, false
			want = append(want, r)
		}
	}
	if len(want) == 0 {
		return nil
	}
	sh, ctx, now, full := m.b.Console(), m.opt.Context, m.opt.Now, m.view == viewLogs
	return func() tea.Msg {
		msg := fetchedMsg{}
		for _, r := range want {
			msg.results = append(msg.results, read(ctx, sh, r, full))
		}
		msg.prompt, msg.at = sh.Prompt(), now()
		return msg
	}
}

// run executes one display command and returns its output made safe to draw.
func run(ctx context.Context, sh Shell, line string) (string, error) {
	var b bytes.Buffer
	err := sh.Exec(ctx, line, &b)
	return Clean(b.String()), err
}

// read runs a resource's display commands and parses their output; full reads the whole log
// buffer rather than its tail.
func read(ctx context.Context, sh Shell, r resource, full bool) fetchResult {
	sp := r.spec(full)
	texts := make([]string, len(sp.cmds))
	var notes []string
	for i, c := range sp.cmds {
		out, err := run(ctx, sh, c)
		switch {
		case err != nil && i < sp.required:
			return fetchResult{res: r, err: c + ": " + strings.TrimSpace(errText(err))}
		case err != nil && sp.noteRefused:
			notes = append(notes, c+": "+strings.TrimSpace(errText(err)))
		case err == nil:
			texts[i] = out
		}
	}
	v, err := sp.parse(texts)
	if err != nil {
		return fetchResult{res: r, err: sp.cmds[0] + ": unexpected output: " + firstLine(texts[0])}
	}
	return fetchResult{res: r, value: v, full: full, err: strings.Join(notes, "; ")}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// apply stores a fetch's results and returns the reads still wanted: a resource that changed while
// it was read, and that the screen shows, is read again.
func (m *Model) apply(msg fetchedMsg) tea.Cmd {
	d := &m.data
	if p := strings.Trim(msg.prompt, "<>[]"); p != "" {
		d.sysname = CleanLine(p)
	}
	for _, r := range msg.results {
		d.inflight[r.res] = false
		d.err[r.res] = r.err // with a value: what could not be read, shown above the rest
		if r.value == nil {
			continue
		}
		d.have[r.res] = true
		d.readAt[r.res] = msg.at
		d.gen[r.res]++
		switch v := r.value.(type) {
		case readers.Version:
			d.version, d.versionAt = v, msg.at
		case readers.IfBrief:
			d.ifs = v
		case []readers.VLAN:
			d.vlans, d.vlanCount, d.vlansFull = v, len(v), true
		case readers.LogBuffer:
			d.logs, d.logsFull = v.Entries, r.full
		case configPair:
			d.running, d.saved, d.savedNone, d.configFull = v.running, v.saved, v.none, true
			d.added, d.removed = diffCounts(d.saved.Text(), d.running.Text())
			d.differs, d.runningN = v.none || !v.running.Equal(v.saved), len(v.running.Lines)
		case []readers.Interface:
			d.rates = make(map[string]readers.Interface, len(v))
			for _, i := range v {
				d.rates[i.Name] = i
			}
		case routingPair:
			d.routes, d.ipifs = v.table, v.ifs
		case []readers.MACEntry:
			d.macs = v
		case []readers.ARPEntry:
			d.arps = v
		case []readers.LLDPNeighbor:
			d.lldp = v
		case sessionsPair:
			d.sessions = v
		case usersPair:
			d.users = v
		case sshInfo:
			d.ssh = v
		case readers.Startup:
			d.startup = v
		case systemPair:
			d.system = v
		}
	}
	m.rebuild()
	m.lean()
	return tea.Batch(m.fetch(m.staleNeeded()...), m.jumpNow())
}

// needs lists the resources the screen shows: the view's (for a view with tabs, the tab's) and,
// always, the version and configuration the header shows.
func (m *Model) needs() []resource {
	var rs []resource
	switch m.view {
	case viewDashboard:
		rs = []resource{resIfBrief, resVLANs, resLogs, resSystem}
		if m.dashTalkers() { // the top talkers, on a tall enough dashboard (dash_faceplate.go)
			rs = append(rs, resIfRates)
		}
	case viewInterfaces:
		rs = []resource{resIfBrief, resIfRates}
		if m.ifsShowLLDP() { // the wide table's neighbour column (ifwide.go)
			rs = append(rs, resLLDP)
		}
	case viewVLANs:
		rs = []resource{resVLANs}
	case viewRouting:
		rs = []resource{resRouting}
	case viewNeighbors:
		rs = []resource{[...]resource{resMAC, resARP, resLLDP}[m.tab[viewNeighbors]]}
	case viewLogs:
		rs = []resource{resLogs}
	case viewSessions:
		rs = []resource{resSessions}
	case viewUsers:
		rs = []resource{resUsers, resSSH}
	case viewConfig:
		rs = []resource{resStartup}
	}
	return append(rs, resVersion, resConfig)
}

// staleNeeded lists the resources on screen that are stale or were never read.
func (m *Model) staleNeeded() []resource {
	var out []resource
	for _, r := range m.needs() {
		if (m.data.stale[r] || !m.data.have[r] && m.data.err[r] == "") && !m.data.inflight[r] {
			out = append(out, r)
		}
	}
	return out
}
