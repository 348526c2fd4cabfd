package switchctl

// BPDU protection (`stp bpdu-protection`): an edge port is for hosts, so a BPDU arriving on one
// means a switch was plugged in where none should be, and the device closes the port, logging
// STP/4/STP_BPDU_PROTECTION ([unverified] text, from Comware 7's log message reference, not a
// capture). The port shows as `Current state: STP DOWN` ([FACTS] display interface) and stays
// closed, even once the BPDUs stop, until `undo shutdown` opens it; if BPDUs still come then, it
// closes again at once. Comware reopens a closed port by itself after `shutdown-interval` (30 s by
// default); the simulation does not, so that what a test sees does not depend on the clock.
//
// In a fleet, BPDUs arrive on a wired port whose far device runs STP on its far port (the far
// device's STPNode lists the port). Simulated neighbours send none.

// bpduCloses reports whether BPDU protection closes port f now. Called with s.mu held and the
// device read-locked.
func (s *simulation) bpduCloses(cfg *Config, f *Iface) bool {
	if !cfg.STP.Enabled || !cfg.STP.BPDUProtection || !f.STP.Edged || f.STP.Off || f.Shutdown {
		return false
	}
	name := f.Name.Full()
	st, ok := s.far[name]
	return s.wired[name] != nil && ok && st.up && st.bpdu
}

// bpduLog is the log line of a port BPDU protection closes.
func bpduLog(name string) simLog {
	return simLog{module: "STP", sev: SevWarning, mnemonic: "STP_BPDU_PROTECTION",
		text: "BPDU-Protection port " + name + " received BPDUs."}
}

// bpduClosed reports whether BPDU protection has closed a port. Called with s.mu held.
func (s *simulation) bpduClosed(n IfName) bool { return s.closed[n.Full()] }

// portClosed reports whether BPDU protection has closed a port of d; it takes the simulation's
// lock only, so it may be called with the device read-locked.
func (d *Device) portClosed(n IfName) bool {
	if d.sim == nil {
		return false
	}
	d.sim.mu.Lock()
	defer d.sim.mu.Unlock()
	return d.sim.bpduClosed(n)
}

// reopen opens the named ports BPDU protection closed (undo shutdown); the next sync brings their
// links up, or closes them again.
func (d *Device) reopen(names []string) {
	if d.sim == nil {
		return
	}
	d.sim.mu.Lock()
	for _, n := range names {
		delete(d.sim.closed, n)
	}
	d.sim.mu.Unlock()
}

// hasPort reports whether STP runs on a port of the node (a BPDU leaves it).
func (n STPNode) hasPort(p IfName) bool {
	for _, l := range n.Links {
		if l.Port == p {
			return true
		}
	}
	return false
}
