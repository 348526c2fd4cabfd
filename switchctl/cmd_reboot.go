package switchctl

import (
	"fmt"

	"vtyd/switchctl/flash"
)

// runReboot checks the running configuration against the next-startup file, offers to save it when
// they differ, asks, then reboots. The session ends with the reboot, as its connection would.
func runReboot(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	if !c.A.Has("force") {
		if err := needAsker(c); err != nil {
			return err
		}
		c.Printf("Start to check configuration with next startup configuration file, please wait.........")
		unsaved := c.D.unsavedChanges()
		c.Println("DONE!")
		if unsaved {
			save, err := c.Confirm("Current configuration may be lost after the reboot, save current configuration?")
			if err != nil {
				return err
			}
			if save {
				if _, err := saveMainDialog(c); err != nil {
					return err
				}
			}
		}
		if w := c.D.nextStartupWarning(); w != "" {
			c.Println(w)
		}
		ok, err := c.Confirm("This command will reboot the device. Continue?")
		if err != nil || !ok {
			return err
		}
	}
	c.Println("Now rebooting, please wait...")
	next := c.D.nextStartupFile()
	rep := c.D.Reboot()
	if rep.StartupFile == "" {
		c.Println("Startup configuration file doesn't exist or is invalid.")
	}
	for _, w := range rep.Warnings {
		c.Println(sentence(w))
	}
	writeLoadErrors(c.Out, fmt.Sprintf("Warning: %s of %s could not be applied:", linesWord(len(rep.LoadErrors)), flash.Display(next)), rep.LoadErrors)
	return ErrSessionEnd
}

// nextStartupWarning is the warning to show before a reboot when the next-startup file would lock
// everybody out or is invalid (see lockoutWarning); "" when there is none to show.
func (d *Device) nextStartupWarning() string {
	next := d.nextStartupFile()
	if next == "" {
		return ""
	}
	data, err := d.flash.ReadFile(next)
	if err != nil {
		return ""
	}
	return d.lockoutWarning(next, loadChecked(d, string(data)))
}

// unsavedChanges reports whether a reboot would lose configuration: the running configuration is
// not what the next-startup file loads into. A byte-for-byte match answers quickly; otherwise the
// file is loaded on a scratch configuration and the two renderings are compared, so that a file
// written by hand with the same content does not count as a change.
func (d *Device) unsavedChanges() bool {
	next := d.nextStartupFile()
	if next == "" {
		return true
	}
	data, err := d.flash.ReadFile(next)
	if err != nil {
		return true
	}
	cur := d.CurrentConfig()
	if string(data) == cur {
		return false
	}
	cfg, _ := loadScratch(d, string(data))
	return cfg.Render() != cur
}

// Reboot restarts the simulated device: it announces EventReboot (sessions end on it), then loads
// the next-startup file into a fresh configuration — the factory configuration when there is none or
// it cannot be read — and makes it the running one, as Open does. A file that is invalid
// (loadResult.invalid) is not booted: the running configuration stays, so that an empty or garbage
// upload followed by `reboot force` cannot lock everybody out; the report's Warnings say so, as does
// the log buffer. The report's LoadErrors are the booted file's bad lines, which were skipped.
func (d *Device) Reboot() BootReport {
	d.bus.publish(Event{Kind: EventReboot, Time: d.now()})
	d.freeAll()
	next := d.nextStartupFile()
	var rep BootReport
	var cfg *Config
	d.mu.RLock()
	current := d.startup.current
	d.mu.RUnlock()
	loaded := false
	if next != "" {
		data, err := d.flash.ReadFile(next)
		if err == nil {
			r := loadChecked(d, string(data))
			if why := r.invalid(); why != "" {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("startup configuration %s %s: it is invalid; the current configuration was kept",
					flash.Display(next), why))
				d.read(func(c *Config) { cfg = c })
			} else {
				cfg, rep.LoadErrors, current, loaded = r.cfg, r.errs, next, true
			}
		} else {
			d.log.Warn("next-startup file unreadable; booting the factory configuration", "file", next, "err", err)
		}
	}
	if cfg == nil {
		current = ""
		cfg, _ = d.factoryConfig()
		// A password made up now could only be shown in a log, and passwords never go there: admin
		// keeps the password it had, so whoever rebooted can log in again.
		d.read(func(old *Config) {
			if u := old.Users["admin"]; u != nil && u.Hash != "" && d.opts.AdminPassword == "" {
				cfg.Users["admin"].Hash = u.Hash
			}
		})
	}
	if loaded || len(rep.Warnings) == 0 {
		rep.StartupFile = current
	}
	d.mu.Lock()
	d.cfg = cfg
	d.booted = d.now()
	d.startup = startupFiles{current: current, next: next}
	d.gen++
	d.mu.Unlock()
	d.bus.publish(Event{Kind: EventConfig, Time: d.now()})
	if err := d.applyAdminOverrides(current != ""); err != nil {
		d.log.Warn("admin overrides not applied after reboot", "err", err)
	}
	for _, e := range rep.LoadErrors {
		d.log.Warn("startup configuration line refused", "file", flash.Display(next), "line", e.Line, "err", Message(e.Err))
	}
	for _, w := range rep.Warnings {
		d.log.Warn(w)
		d.Logf("CFGMAN", SevWarning, "CFGMAN_STARTUP", "%s", sentence(w))
	}
	d.log.Info("device rebooted", "startup", startupName(current), "refused_lines", len(rep.LoadErrors))
	return rep
}
