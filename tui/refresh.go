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

// tickMsg is the console's one timer: the header's uptime and the poll of moving data.
type tickMsg struct{}

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
			most := tailLogs
			if m.view == viewLogs {
				most = maxLogs
			}
			if entry, ok := m.data.addLog(e.Text, most); ok {
				if m.view == viewLogs {
					m.logs.follow = true
					m.logs.appendRows(logRows([]readers.LogEntry{entry}), maxLogs)
				}
				if loginLog(entry) {
					m.data.stale[resSessions] = true
				}
			}
		case EventConfig:
			for _, r := range []resource{resIfBrief, resVLANs, resConfig, resIfRates, resRouting, resUsers, resSSH, resStartup} {
				m.data.stale[r] = true
			}
		case EventReboot:
			m.setStatus("The device is rebooting: this session ends.", true)
			if m.seat != nil {
				return m.seat.ended("the device is rebooting")
			}
			return tea.Quit
		}
	}
	if msg.closed && m.seat != nil {
		// In a fleet the backend may end under the console (its login was freed, the gateway shuts
		// down); the console goes back to the dashboard. A single device's console keeps what it
		// shows: the SSH layer ends the session.
		return m.seat.ended(endMessage(m.b))
	}
	m.rebuild()
	cmds := []tea.Cmd{m.fetch(m.staleNeeded()...)}
	if !msg.closed {
		cmds = append(cmds, m.listen())
	}
	return tea.Batch(cmds...)
}

// loginLog reports whether a log line says someone logged in or out, which changes the Sessions
// view.
func loginLog(e readers.LogEntry) bool {
	switch e.Mnemonic {
	case "SHELL_LOGIN", "SHELL_LOGOUT", "SSHS_CONNECT", "SSHS_DISCONNECT":
		return true
	}
	return false
}

// tick schedules the console's one timer (one goroutine per session, not one per purpose) for the
// sooner of the next minute, when the header's uptime changes, and the next poll.
func (m *Model) tick() tea.Cmd {
	if m.manual {
		return nil
	}
	now := m.opt.Now()
	if !m.pollAt.After(now) {
		m.pollAt = now.Add(m.opt.PollInterval)
	}
	next := now.Truncate(time.Minute).Add(time.Minute)
	if m.pollAt.Before(next) {
		next = m.pollAt
	}
	return tea.Tick(next.Sub(now), func(time.Time) tea.Msg { return tickMsg{} })
}

// ticked redraws (for the uptime) and, when the poll is due, reads again the data on screen that
// moves without events (rates, tables, CPU, idle times). A console showing none of it reads
// nothing.
func (m *Model) ticked() tea.Cmd {
	if !m.opt.Now().Before(m.pollAt) {
		for _, r := range m.needs() {
			if r.moving() {
				m.data.stale[r] = true
			}
		}
	}
	return tea.Batch(m.fetch(m.staleNeeded()...), m.tick())
}
