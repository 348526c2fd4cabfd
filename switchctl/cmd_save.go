package switchctl

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"vtyd/switchctl/flash"
)

// saveConfig writes the running configuration to the flash: file name, atomically: whatever happens
// during the write, the file holds either its old content or the complete new one.
func (d *Device) saveConfig(name string) error {
	return d.flash.WriteFileAtomic(name, []byte(d.CurrentConfig()))
}

// nextStartupFile is the flash:-relative next-startup file, "" for NULL. vtyd.json holds it, as NVRAM
// does on a switch.
func (d *Device) nextStartupFile() string { return d.settings.nextStartup() }

// setNextStartupFile persists the next-startup file ("" for NULL).
func (d *Device) setNextStartupFile(rel string) error {
	if err := d.settings.setNextStartup(rel); err != nil {
		d.log.Warn("cannot save the next-startup file setting", "err", err)
		return refuse(errors.Join(ErrFile, err), "Failed to set the next startup configuration file.")
	}
	d.mu.Lock()
	d.startup.next = rel
	d.mu.Unlock()
	return nil
}

// saveTarget is where save without a file name writes: the next-startup file, else startup.cfg.
func (d *Device) saveTarget() string {
	if next := d.nextStartupFile(); next != "" {
		return next
	}
	return "startup.cfg"
}

// replaceConfig makes cfg the running configuration in one step, for reboot and configuration replace.
func (d *Device) replaceConfig(cfg *Config) {
	d.mu.Lock()
	d.cfg = cfg
	d.gen++
	d.mu.Unlock()
	d.bus.publish(Event{Kind: EventConfig, Time: d.now()})
}

// scratchLoader lets handlers reach loadFresh without a static reference to it: theGrammar is built
// from the rows, whose handlers would otherwise lead back to it through loadFresh -> Load -> Exec, an
// initialization cycle. A call through an interface is not such a reference.
type scratchLoader interface {
	loadFresh(text string) loadResult
}

// loadScratch loads a configuration text into a new configuration that nothing else sees yet.
func loadScratch(d *Device, text string) (*Config, []LoadError) {
	r := loadChecked(d, text)
	return r.cfg, r.errs
}

// loadChecked is loadScratch with what it takes to judge a startup file (loadResult.invalid).
func loadChecked(d *Device, text string) loadResult {
	var l scratchLoader = d
	return l.loadFresh(text)
}

func runSave(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	if err := saveMode(c); err != nil {
		return err
	}
	if c.A.Has("force") {
		return saveMain(c, c.D.saveTarget())
	}
	if err := needAsker(c); err != nil {
		return err
	}
	ok, err := c.Confirm("The current configuration will be written to the device. Are you sure?")
	if err != nil || !ok {
		return err
	}
	_, err = saveMainDialog(c)
	return err
}

// saveMainDialog asks for the file name (Enter keeps the next-startup file) and whether to overwrite
// it, then saves; reboot and configuration replace run it when asked to save first. It reports
// whether the configuration was saved.
func saveMainDialog(c *Ctx) (bool, error) {
	rel := c.D.saveTarget()
	ans, err := c.Ask(fmt.Sprintf("Please input the file name(*.cfg)[%s]\n(To leave the existing filename unchanged, press the enter key):", flash.Display(rel)))
	if err != nil {
		return false, err
	}
	if ans = strings.TrimSpace(ans); ans != "" {
		if rel, err = cfgName(ans, true); err != nil {
			return false, err
		}
	}
	if e, err := c.D.flash.Stat(rel); err == nil {
		if e.Dir {
			return false, c.D.fileErr(rel, flash.ErrIsDir)
		}
		ok, err := c.Confirm(flash.Display(rel) + " exists, overwrite?")
		if err != nil || !ok {
			return false, err
		}
	}
	if err := saveMain(c, rel); err != nil {
		return false, err
	}
	return true, nil
}

// saveMain saves to rel, and its binary twin (startup.mdb) beside it, and makes it the next-startup
// file, as save without a file name does.
func saveMain(c *Ctx, rel string) error {
	c.Println("Validating file. Please wait...")
	cfg := c.D.CurrentConfig()
	if err := c.D.flash.WriteFileAtomic(rel, []byte(cfg)); err != nil {
		return c.D.fileErr(rel, err)
	}
	if mdb := mdbName(rel); mdb != "" {
		if err := c.D.flash.WriteFileAtomic(mdb, mdbImage(cfg)); err != nil {
			return c.D.fileErr(mdb, err)
		}
	}
	if c.D.nextStartupFile() != rel {
		if err := c.D.setNextStartupFile(rel); err != nil {
			return err
		}
	}
	c.Println("Saved the current configuration to mainboard device successfully.")
	return nil
}

// runSaveFile saves to a named file without making it the next-startup file.
func runSaveFile(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	rel, err := cfgName(c.A.Str("fileurl"), false)
	if err != nil {
		return err
	}
	e, statErr := c.D.flash.Stat(rel)
	if statErr == nil && e.Dir {
		return c.D.fileErr(rel, flash.ErrIsDir)
	}
	if err := needAsker(c); err != nil {
		return err
	}
	name := flash.Display(rel)
	ok, err := c.Confirm("The current configuration will be saved to " + name + ". Continue?")
	if err != nil || !ok {
		return err
	}
	if statErr == nil {
		if ok, err := c.Confirm(name + " exists, overwrite?"); err != nil || !ok {
			return err
		}
	}
	c.Println("Now saving current configuration to the device.")
	c.Printf("Saving configuration %s. Please wait...\n", name)
	if err := c.D.saveConfig(rel); err != nil {
		return c.D.fileErr(rel, err)
	}
	c.Println("Configuration is saved to flash successfully.")
	return nil
}

// runStartup sets the next-startup file. The file is loaded on a scratch configuration first so that
// its bad lines are reported now, with their numbers, rather than discovered after a reboot; it is
// set all the same, as a switch would.
func runStartup(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	rel, err := cfgName(c.A.Str("cfgfile"), true)
	if err != nil {
		return err
	}
	if err := c.D.regularFile(rel); err != nil {
		return err
	}
	data, err := c.D.flash.ReadFile(rel)
	if err != nil {
		return c.D.fileErr(rel, err)
	}
	c.Println("Please wait ....")
	r := loadChecked(c.D, string(data))
	if err := c.D.setNextStartupFile(rel); err != nil {
		return err
	}
	c.Println("... Done!")
	writeLoadErrors(c.Out, fmt.Sprintf("Warning: %s of %s will not be applied at the next startup:",
		linesWord(len(r.errs)), flash.Display(rel)), r.errs)
	if w := c.D.lockoutWarning(rel, r); w != "" {
		c.Println(w)
	}
	return nil
}

// runUndoStartup sets the next-startup file to NULL; the file itself is kept.
func runUndoStartup(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	return c.D.setNextStartupFile("")
}

func startupName(rel string) string {
	if rel == "" {
		return "NULL"
	}
	return flash.Display(rel)
}

func runDisplayStartup(c *Ctx) error {
	c.D.mu.RLock()
	cur := c.D.startup.current
	c.D.mu.RUnlock()
	next := c.D.nextStartupFile()
	nextName := startupName(next)
	if next != "" && c.D.regularFile(next) != nil {
		nextName += " (This file does not exist.)"
	}
	c.Printf(" Current startup saved-configuration file: %s\n", startupName(cur))
	c.Printf(" Next main startup saved-configuration file: %s\n", nextName)
	c.Printf(" Next backup startup saved-configuration file: NULL\n")
	return nil
}

// runDisplaySaved prints the next-startup file; like Comware it prints nothing when there is none.
func runDisplaySaved(c *Ctx) error {
	next := c.D.nextStartupFile()
	if next == "" {
		return nil
	}
	data, err := c.D.flash.ReadFile(next)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return c.D.fileErr(next, err)
	}
	writeFileText(c.Out, data)
	return nil
}

// runResetSaved erases the next-startup file and sets it to NULL, so the next boot runs the factory
// configuration.
func runResetSaved(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	if err := needAsker(c); err != nil {
		return err
	}
	ok, err := c.Confirm("The saved configuration file will be erased. Are you sure?")
	if err != nil || !ok {
		return err
	}
	c.Println("Configuration file in flash: is being cleared.")
	c.Println("Please wait ...")
	if next := c.D.nextStartupFile(); next != "" {
		for _, rel := range []string{next, mdbName(next)} {
			if rel == "" {
				continue
			}
			if err := c.D.flash.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return c.D.fileErr(rel, err)
			}
		}
		if err := c.D.setNextStartupFile(""); err != nil {
			return err
		}
	}
	c.Println("Configuration file is cleared.")
	return nil
}

// runReplace replaces the running configuration with a file's without a reboot: the file is loaded
// into a fresh configuration which then takes over at once; its bad lines are skipped and listed.
func runReplace(c *Ctx) error {
	if err := loadingFile(c); err != nil {
		return err
	}
	name := c.A.Str("cfgfile")
	rel, err := cfgName(name, false)
	if err != nil {
		return err
	}
	if err := c.D.regularFile(rel); err != nil {
		return err
	}
	if err := needAsker(c); err != nil {
		return err
	}
	save, err := c.Confirm("Current configuration will be lost, save current configuration?")
	if err != nil {
		return err
	}
	if save {
		if _, err := saveMainDialog(c); err != nil {
			return err
		}
	}
	data, err := c.D.flash.ReadFile(rel) // after the save, which may have written this very file
	if err != nil {
		return c.D.fileErr(rel, err)
	}
	c.Println("Now replacing the current configuration. Please wait...")
	cfg, errs := loadScratch(c.D, string(data))
	c.D.replaceConfig(cfg)
	writeLoadErrors(c.Out, fmt.Sprintf("Warning: %s of %s could not be applied:", linesWord(len(errs)), flash.Display(rel)), errs)
	c.Printf("Succeeded in replacing current configuration with the file %s.\n", name)
	return nil
}
