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

// DefaultLogBufferSize is how many entries the log buffer keeps before it overwrites the oldest.
const DefaultLogBufferSize = 1024

// logBuffer is the information center's log buffer: bounded, oldest entries overwritten.
type logBuffer struct {
	mu          sync.Mutex
	entries     []string
	size        int
	overwritten int
}

// Logf adds an entry to the device's log buffer in Comware's format
// (`%Nov 25 10:38:12:320 2026 Sysname MODULE/6/MNEMONIC: text`) and publishes it as an EventLog.
func (d *Device) Logf(module string, sev int, mnemonic, format string, args ...any) {
	now := d.now()
	line := fmt.Sprintf("%%%s:%03d %s %s %s/%d/%s: %s", now.Format("Jan _2 15:04:05"), now.Nanosecond()/int(time.Millisecond),
		now.Format("2006"), d.Sysname(), module, sev, mnemonic, fmt.Sprintf(format, args...))
	b := &d.logs
	b.mu.Lock()
	if b.size == 0 {
		b.size = DefaultLogBufferSize
	}
	if len(b.entries) >= b.size {
		n := len(b.entries) - b.size + 1
		b.entries = append(b.entries[:0], b.entries[n:]...)
		b.overwritten += n
	}
	b.entries = append(b.entries, line)
	b.mu.Unlock()
	d.bus.publish(Event{Kind: EventLog, Time: now, Text: line})
}

// LogEntries is a copy of the log buffer, oldest first.
func (d *Device) LogEntries() []string {
	d.logs.mu.Lock()
	defer d.logs.mu.Unlock()
	return append([]string(nil), d.logs.entries...)
}
