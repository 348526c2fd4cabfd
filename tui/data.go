package tui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// resource is a piece of device state the console reads with display commands.
type resource int

const (
	resVersion resource = iota // display version
	resIfBrief                 // display interface brief
	resVLANs                   // display vlan brief
	resLogs                    // display logbuffer
	resConfig                  // display current-configuration + display saved-configuration
	numRes
)

// commands are the display commands that read a resource.
func (r resource) commands() []string {
	switch r {
	case resVersion:
		return []string{"display version"}
	case resIfBrief:
		return []string{"display interface brief"}
	case resVLANs:
		return []string{"display vlan brief"}
	case resLogs:
		return []string{"display logbuffer"}
	}
	return []string{"display current-configuration", "display saved-configuration"}
}

// deviceData is what the console last read from the device, with per-resource bookkeeping: have
// (read at least once), stale (changed since), inflight (being read) and the last error.
type deviceData struct {
	version   readers.Version
	versionAt time.Time // when version (and its uptime) was read
	ifs       readers.IfBrief
	vlans     []readers.VLAN
	logs      []readers.LogEntry
	running   readers.Config
	saved     readers.Config
	savedNone bool // the device has no saved configuration
	added     int  // lines of the running configuration the saved one lacks
	removed   int  // lines of the saved configuration the running one lacks
	sysname   string
	err       [numRes]string
	have      [numRes]bool
	stale     [numRes]bool
	inflight  [numRes]bool
	gen       [numRes]int // bumped when a resource is read, so views rebuild only what changed
}

// unsaved reports whether the running configuration differs from the saved one.
func (d *deviceData) unsaved() bool {
	return d.have[resConfig] && (d.savedNone || !d.running.Equal(d.saved))
}

// maxLogs is how many log entries the console keeps: the size of the largest log buffer.
const maxLogs = 1024

// addLog appends a log line, dropping the oldest beyond maxLogs; it reports false for a line the
// console has already.
func (d *deviceData) addLog(line string) (readers.LogEntry, bool) {
	e, _ := readers.ParseLogLine(CleanLine(line))
	// A line read by `display logbuffer` may arrive again as an event: skip what is already there.
	for i := len(d.logs) - 1; i >= 0 && i >= len(d.logs)-64; i-- {
		if d.logs[i].Raw == e.Raw {
			return e, false
		}
	}
	d.logs = append(d.logs, e)
	if len(d.logs) > maxLogs {
		d.logs = append(d.logs[:0:0], d.logs[len(d.logs)-maxLogs:]...)
	}
	return e, true
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
	sh, ctx, now := m.b.Console(), m.opt.Context, m.opt.Now
	return func() tea.Msg {
		msg := fetchedMsg{}
		for _, r := range want {
			msg.results = append(msg.results, read(ctx, sh, r))
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

// read runs a resource's display commands and parses their output.
func read(ctx context.Context, sh Shell, r resource) fetchResult {
	cmds := r.commands()
	texts := make([]string, len(cmds))
	for i, c := range cmds {
		out, err := run(ctx, sh, c)
		if err != nil {
			return fetchResult{res: r, err: c + ": " + strings.TrimSpace(errText(err))}
		}
		texts[i] = out
	}
	var v any
	var err error
	switch r {
	case resVersion:
		v, err = readers.ParseVersion(texts[0])
	case resIfBrief:
		v, err = readers.ParseIfBrief(texts[0])
	case resVLANs:
		v, err = readers.ParseVLANBrief(texts[0])
	case resLogs:
		v, err = readers.ParseLogBuffer(texts[0])
	case resConfig:
		run, err1 := readers.ParseConfig(texts[0])
		saved, err2 := readers.ParseConfig(texts[1])
		err = err1
		v = configPair{running: run, saved: saved, none: errors.Is(err2, readers.ErrFormat)}
	}
	if err != nil {
		return fetchResult{res: r, err: cmds[0] + ": unexpected output: " + firstLine(texts[0])}
	}
	return fetchResult{res: r, value: v}
}

type configPair struct {
	running, saved readers.Config
	none           bool
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
		d.err[r.res] = r.err
		if r.err != "" {
			continue
		}
		d.have[r.res] = true
		d.gen[r.res]++
		switch v := r.value.(type) {
		case readers.Version:
			d.version, d.versionAt = v, msg.at
		case readers.IfBrief:
			d.ifs = v
		case []readers.VLAN:
			d.vlans = v
		case readers.LogBuffer:
			d.logs = v.Entries
		case configPair:
			d.running, d.saved, d.savedNone = v.running, v.saved, v.none
			d.added, d.removed = diffCounts(d.saved.Text(), d.running.Text())
		}
	}
	m.rebuild()
	return m.fetch(m.staleNeeded()...)
}

// needs lists the resources a view shows; the header always needs the version and configuration.
func (v viewID) needs() []resource {
	switch v {
	case viewDashboard:
		return []resource{resVersion, resIfBrief, resVLANs, resLogs, resConfig}
	case viewInterfaces:
		return []resource{resIfBrief}
	case viewVLANs:
		return []resource{resVLANs}
	case viewLogs:
		return []resource{resLogs}
	}
	return []resource{resConfig}
}

// staleNeeded lists the resources on screen that are stale or were never read.
func (m *Model) staleNeeded() []resource {
	var out []resource
	for _, r := range append(m.view.needs(), resVersion, resConfig) {
		if (m.data.stale[r] || !m.data.have[r] && m.data.err[r] == "") && !m.data.inflight[r] {
			out = append(out, r)
		}
	}
	return out
}
