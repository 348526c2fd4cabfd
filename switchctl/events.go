package switchctl

import (
	"sync"
	"time"
)

// EventKind says what changed on the device.
type EventKind int

// Event kinds.
const (
	EventConfig EventKind = iota // the running configuration changed
	EventReboot                  // the device is rebooting: sessions end
	EventLog                     // a log line was added (Text)
)

// Event is a change on the device that sessions may subscribe to.
type Event struct {
	Kind EventKind
	Time time.Time
	Text string
}

// bus fans events out to subscribers without ever blocking the device: a subscriber that does not
// keep up loses events (its channel is full), it does not slow the switch.
type bus struct {
	mu   sync.Mutex
	subs map[chan Event]struct{}
}

// Subscribe returns a channel of device events with room for n and a function that ends the
// subscription.
func (d *Device) Subscribe(n int) (<-chan Event, func()) {
	ch := make(chan Event, n)
	d.bus.mu.Lock()
	if d.bus.subs == nil {
		d.bus.subs = map[chan Event]struct{}{}
	}
	d.bus.subs[ch] = struct{}{}
	d.bus.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			d.bus.mu.Lock()
			delete(d.bus.subs, ch)
			d.bus.mu.Unlock()
		})
	}
}

func (b *bus) publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
		}
	}
}
