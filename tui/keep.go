package tui

import "vtyd/tui/readers"

// What a console keeps of the device depends on its view. Hundreds of consoles may sit on the
// dashboard for hours: each keeping the whole log buffer, a 4094-VLAN list or two large
// configurations would cost more than the rest of the console. So the log buffer's whole copy,
// the VLAN list and the configurations' texts (and the rows, panes and diffs built from them) are
// kept only while the view that shows them is on screen; elsewhere the console keeps what the
// header, the sidebar and the dashboard draw: the latest log lines, counts, whether the
// configuration is saved. Entering the view reads them again.

// lean drops, after a read, what the view on screen does not show.
func (m *Model) lean() {
	if m.view != viewVLANs {
		m.data.drop(resVLANs)
	}
	if m.view != viewConfig {
		m.data.drop(resConfig)
	}
}

// leave lets go of what only view v showed, as the console leaves it.
func (m *Model) leave(v viewID) {
	switch v {
	case viewLogs:
		m.data.trimLogs(tailLogs)
		m.data.logsFull = false
		m.logs.setRows(nil)
		m.built[resLogs] = -1
	case viewVLANs:
		m.data.drop(resVLANs)
		m.vlans.setRows(nil)
		m.built[resVLANs] = -1
	case viewConfig:
		m.data.drop(resConfig)
		m.conf.set(nil)
		m.built[resConfig] = -1
	}
}

// drop forgets the VLAN list or the configurations' texts, keeping their counts.
func (d *deviceData) drop(r resource) {
	switch r {
	case resVLANs:
		d.vlans, d.vlansFull = nil, false
	case resConfig:
		d.running, d.saved, d.configFull = readers.Config{}, readers.Config{}, false
	}
}

// enter marks for reading what view v shows in full and the console keeps only in part. Until it
// arrives the view shows what it had (nothing), not rows built from the part.
func (m *Model) enter(v viewID) {
	again := func(r resource, full bool) {
		if !full {
			m.data.stale[r] = true
			m.built[r] = m.data.gen[r]
		}
	}
	switch v {
	case viewLogs:
		if !m.data.logsFull {
			m.data.stale[resLogs] = true
		}
	case viewVLANs:
		again(resVLANs, m.data.vlansFull)
	case viewConfig:
		again(resConfig, m.data.configFull)
	}
}

// ready reports whether r has been read in full, as its own view shows it.
func (d *deviceData) ready(r resource) bool {
	switch r {
	case resVLANs:
		return d.vlansFull
	case resConfig:
		return d.configFull
	}
	return d.have[r]
}
