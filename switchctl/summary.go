package switchctl

import (
	"sync"
	"time"
)

// Summary is a device at a glance, as a fleet dashboard lists it.
type Summary struct {
	Model     string
	Uptime    time.Duration
	PortsUp   int  // Ethernet ports (GE, XGE; not the management port) whose link is up
	PortsDown int  // the other Ethernet ports, shut down ones included
	Unsaved   bool // a reboot would lose configuration (what `reboot` asks about)
	// LogLevel is the most severe log buffer entry of the last hour: 0 (emergency) to 7 (debug),
	// -1 for none.
	LogLevel int
}

// recentLogs is how far back Summary.LogLevel looks.
const recentLogs = time.Hour

// Summary reads the device at a glance. It is cheap enough to call every second for every device
// of a fleet: the unsaved check, which renders and compares the configuration, runs again only
// after the configuration or the next-startup file changed.
func (d *Device) Summary() Summary {
	s := Summary{Model: d.model.ID, Uptime: d.Uptime(), Unsaved: d.unsavedCached(), LogLevel: -1}
	d.simRead(func(v *simView) {
		for _, f := range v.cfg.sortedIfaces() {
			if t := f.Name.Type; t != IfGE && t != IfXGE { // the bridge ports, as the console counts them
				continue
			}
			if link, _ := v.linkState(f); link == "UP" {
				s.PortsUp++
			} else {
				s.PortsDown++
			}
		}
	})
	since := d.now().Add(-recentLogs)
	for _, e := range d.logs.stats().entries {
		if e.at.After(since) && (s.LogLevel < 0 || e.sev < s.LogLevel) {
			s.LogLevel = e.sev
		}
	}
	return s
}

// unsavedMemo remembers the last unsaved check and what it depended on.
type unsavedMemo struct {
	mu      sync.Mutex
	valid   bool
	gen     uint64
	next    string
	mod     time.Time
	size    int64
	unsaved bool
}

// unsavedCached is unsavedChanges, recomputed only when the configuration generation, the
// next-startup file's name, or that file's size or time changed.
func (d *Device) unsavedCached() bool {
	gen, next := d.Generation(), d.nextStartupFile()
	var mod time.Time
	var size int64
	if next != "" {
		if fi, err := d.flash.Root().Stat(next); err == nil {
			mod, size = fi.ModTime(), fi.Size()
		}
	}
	m := &d.unsaved
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.valid && m.gen == gen && m.next == next && m.mod.Equal(mod) && m.size == size {
		return m.unsaved
	}
	m.unsaved = d.unsavedChanges()
	m.valid, m.gen, m.next, m.mod, m.size = true, gen, next, mod, size
	return m.unsaved
}
