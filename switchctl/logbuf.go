package switchctl

import (
	"fmt"
	"sync"
	"time"
)

// Information-center severities, as Comware numbers them in MODULE/severity/MNEMONIC.
const (
	SevEmergency = iota
	SevAlert
	SevCritical
	SevError
	SevWarning
	SevNotification
	SevInformational
	SevDebug
)

// Log buffer sizes. Comware 7 keeps at most 1024 entries and 512 by default (`display logbuffer`
// prints both as "Max buffer size" and "Actual buffer size"); `info-center logbuffer size` takes
// 0-1024, where 0 keeps nothing.
const (
	MaxLogBufferSize     = 1024
	DefaultLogBufferSize = 512
)

// logEntry is one line of the buffer with the severity `display logbuffer level` filters on.
type logEntry struct {
	sev  int
	at   time.Time
	text string
}

// logBuffer is the information center's log buffer: a ring whose oldest entries are overwritten.
// Its size follows the running configuration (InfoCenterConfig.BufferSize) at each add.
type logBuffer struct {
	mu          sync.Mutex
	ring        []logEntry // len(ring) is the size in force
	head, n     int        // oldest entry and how many are held
	overwritten int
	dropped     int // entries that found a buffer of size 0
}

// add stores e in a buffer of size entries, resizing first when the configured size changed.
func (b *logBuffer) add(e logEntry, size int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.resize(size)
	if size == 0 {
		b.dropped++
		return
	}
	if b.n == len(b.ring) {
		b.ring[b.head] = e
		b.head = (b.head + 1) % len(b.ring)
		b.overwritten++
		return
	}
	b.ring[(b.head+b.n)%len(b.ring)] = e
	b.n++
}

// resize keeps the newest entries that fit in size; those that do not count as overwritten.
func (b *logBuffer) resize(size int) {
	if size == len(b.ring) {
		return
	}
	old := b.snapshot()
	if len(old) > size {
		b.overwritten += len(old) - size
		old = old[len(old)-size:]
	}
	b.ring = make([]logEntry, size)
	b.head, b.n = 0, copy(b.ring, old)
}

// snapshot is the held entries, oldest first; the caller holds mu.
func (b *logBuffer) snapshot() []logEntry {
	out := make([]logEntry, b.n)
	for i := range out {
		out[i] = b.ring[(b.head+i)%len(b.ring)]
	}
	return out
}

// reset empties the buffer and its counters (`reset logbuffer`).
func (b *logBuffer) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.head, b.n, b.overwritten, b.dropped = 0, 0, 0, 0
	clear(b.ring)
}

// logStats is what `display logbuffer` prints above the entries.
type logStats struct {
	entries              []logEntry
	overwritten, dropped int
}

func (b *logBuffer) stats() logStats {
	b.mu.Lock()
	defer b.mu.Unlock()
	return logStats{entries: b.snapshot(), overwritten: b.overwritten, dropped: b.dropped}
}

// formatLog writes a log line in Comware's format: `%Nov 25 10:38:12:320 2026 Sysname MODULE/6/MNEMONIC: text`
// (the day padded with a blank, milliseconds after a colon). The device clock runs in UTC.
func formatLog(t time.Time, sysname, module string, sev int, mnemonic, text string) string {
	t = t.UTC()
	return fmt.Sprintf("%%%s:%03d %s %s %s/%d/%s: %s", t.Format("Jan _2 15:04:05"), t.Nanosecond()/int(time.Millisecond),
		t.Format("2006"), sysname, module, sev, mnemonic, text)
}

// Logf adds an entry to the device's log buffer in Comware's format
// (`%Nov 25 10:38:12:320 2026 Sysname MODULE/6/MNEMONIC: text`) and publishes it as an EventLog,
// which sessions with `terminal monitor` on print. With the information center disabled
// (`undo info-center enable`) nothing is recorded or published; with only the log buffer disabled
// (`undo info-center logbuffer`) the entry is still published. Logf takes the device's read lock, so
// it must not be called while the configuration is being updated.
func (d *Device) Logf(module string, sev int, mnemonic, format string, args ...any) {
	now := d.now()
	sysname, ic := DefaultSysname, defaultInfoCenter
	d.read(func(c *Config) {
		if c != nil {
			sysname, ic = c.Sysname, c.InfoCenter
		}
	})
	if !ic.Enabled {
		return
	}
	line := formatLog(now, sysname, module, sev, mnemonic, escapeUnsafe(fmt.Sprintf(format, args...)))
	if ic.LogBuffer {
		d.logs.add(logEntry{sev: sev, at: now, text: line}, ic.BufferSize)
	}
	d.bus.publish(Event{Kind: EventLog, Time: now, Text: line})
}

// LogEntries is a copy of the log buffer, oldest first.
func (d *Device) LogEntries() []string {
	st := d.logs.stats()
	out := make([]string, len(st.entries))
	for i, e := range st.entries {
		out[i] = e.text
	}
	return out
}

// ResetLogBuffer empties the log buffer and its counters, as `reset logbuffer` does.
func (d *Device) ResetLogBuffer() { d.logs.reset() }
