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
		ok, err := c.Confirm("This command will reboot the device. Continue?")
		if err != nil || !ok {
			return err
		}
	}
	c.Println("Now rebooting, please wait...")
	next := c.D.nextStartupFile()
	errs := c.D.Reboot()
	c.D.mu.RLock()
	booted := c.D.startup.current
	c.D.mu.RUnlock()
	if booted == "" {
		c.Println("Startup configuration file doesn't exist or is invalid.")
	}
	writeLoadErrors(c.Out, fmt.Sprintf("Warning: %s of %s could not be applied:", linesWord(len(errs)), flash.Display(next)), errs)
	return ErrSessionEnd
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
// it cannot be read — and makes it the running one, as Open does. It returns the file's bad lines,
// which were skipped.
func (d *Device) Reboot() []LoadError {
	d.bus.publish(Event{Kind: EventReboot, Time: d.now()})
	d.freeAll()
	next := d.nextStartupFile()
	var cfg *Config
	var errs []LoadError
	current := ""
	if next != "" {
		data, err := d.flash.ReadFile(next)
		if err == nil {
			cfg, errs = loadScratch(d, string(data))
			current = next
		} else {
			d.log.Warn("next-startup file unreadable; booting the factory configuration", "file", next, "err", err)
		}
	}
	if cfg == nil {
		cfg, _ = d.factoryConfig()
		// A password made up now could only be shown in a log, and passwords never go there: admin
		// keeps the password it had, so whoever rebooted can log in again.
		d.read(func(old *Config) {
			if u := old.Users["admin"]; u != nil && u.Hash != "" && d.opts.AdminPassword == "" {
				cfg.Users["admin"].Hash = u.Hash
			}
		})
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
	for _, e := range errs {
		d.log.Warn("startup configuration line refused", "file", flash.Display(next), "line", e.Line, "err", Message(e.Err))
	}
	d.log.Info("device rebooted", "startup", startupName(current), "refused_lines", len(errs))
	return errs
}
