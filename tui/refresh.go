package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"vtyd/tui/readers"
)

// eventsMsg is a batch of device events gathered over one refresh interval.
type eventsMsg struct {
	events []Event
	closed bool
}

// clockMsg advances the header's uptime.
type clockMsg struct{}

// listen waits for the next device event, then gathers what else arrives within the refresh
// interval, so that a burst of events (a pasted configuration, a flapping port) costs one message
// and one read of the screen's data: with the default 500ms, at most about four redraws a second,
// and none at all while the device is quiet.
func (m *Model) listen() tea.Cmd {
	ch := m.b.Events()
	if m.manual || ch == nil {
		return nil
	}
	ctx, every := m.opt.Context, m.opt.RefreshInterval
	return func() tea.Msg {
		var evs []Event
		select {
		case e, ok := <-ch:
			if !ok {
				return eventsMsg{closed: true}
			}
			evs = append(evs, e)
		case <-ctx.Done():
			return nil
		}
		t := time.NewTimer(every)
		defer t.Stop()
		for {
			select {
			case e, ok := <-ch:
				if !ok {
					return eventsMsg{events: evs, closed: true}
				}
				evs = append(evs, e)
			case <-t.C:
				return eventsMsg{events: evs}
			case <-ctx.Done():
				return nil
			}
		}
	}
}

// onEvents applies a batch of events: log lines are added at once, configuration changes mark
// what they may have changed, and what is on screen is read again.
func (m *Model) onEvents(msg eventsMsg) tea.Cmd {
	for _, e := range msg.events {
		switch e.Kind {
		case EventLog:
			if entry, ok := m.data.addLog(e.Text); ok {
				m.logs.follow = true
				m.logs.appendRows(logRows([]readers.LogEntry{entry}), maxLogs)
			}
		case EventConfig:
			m.data.stale[resIfBrief] = true
			m.data.stale[resVLANs] = true
			m.data.stale[resConfig] = true
		case EventReboot:
			m.setStatus("The device is rebooting: this session ends.", true)
			return tea.Quit
		}
	}
	m.rebuild()
	cmds := []tea.Cmd{m.fetch(m.staleNeeded()...)}
	if !msg.closed {
		cmds = append(cmds, m.listen())
	}
	return tea.Batch(cmds...)
}

// clockTick redraws the header once a minute, on the minute, for the uptime.
func (m *Model) clockTick() tea.Cmd {
	if m.manual {
		return nil
	}
	now := m.opt.Now()
	next := now.Truncate(time.Minute).Add(time.Minute).Sub(now)
	return tea.Tick(next, func(time.Time) tea.Msg { return clockMsg{} })
}
