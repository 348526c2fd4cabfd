package switchctl

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"vtyd/switchctl/flash"
	"vtyd/switchctl/pki"
)

// Options configure a Device. The zero value of every field has a working default.
type Options struct {
	Dir           string           // data directory: flash/, keys/, vtyd.json (default ./vtyd-data)
	Model         string           // model ID (default DefaultModel)
	VTYLines      int              // VTY lines (default 64, lines 0-63)
	FlashCapacity int64            // bytes (default 1 GiB)
	Now           func() time.Time // the clock (default time.Now)
	// Wait waits d or until ctx ends, returning ctx's error then; commands that take time on a switch
	// (ping's interval and timeout) wait with it. Default: a real timer. Tests pass one that moves
	// their clock instead.
	Wait          func(ctx context.Context, d time.Duration) error
	Rand          io.Reader    // randomness for keys and passwords (default crypto/rand)
	BcryptCost    int          // password hash cost (default bcrypt.DefaultCost; tests use MinCost)
	Logger        *slog.Logger // process log (default: discard)
	AdminPassword string       // sets admin's password and SSH access at boot (--admin-password)
	// AdminPasswordHash, with AdminPassword, is its bcrypt hash made once by the caller: a fleet's
	// devices share the hash of their first device (AdminHash) instead of each spending some 75 ms
	// of a core hashing and checking the same password. Admin gets this hash unless it has it.
	AdminPasswordHash string
	// FactoryAdminHash, without AdminPassword, is the password hash admin gets in the factory
	// configuration instead of a new random password's (then not in BootReport): a fleet makes up
	// one password for all its new devices and hashes it once.
	FactoryAdminHash string
	AdminKeys        []byte // authorized_keys lines assigned to admin at boot (--admin-key)
	// SeedKeys fills an empty key store with pre-generated host keys instead of generating them,
	// which keeps tests fast; never for a real device.
	SeedKeys bool
	// SimSeed chooses the simulated neighbourhood: which ports are up, the LLDP neighbours, MAC and
	// ARP entries and traffic (default DefaultSimSeed). The same seed always builds the same world.
	SimSeed int64
	// SimFlaps lets up ports flap now and then; off, links change only on shutdown/undo shutdown.
	SimFlaps bool
	// Wiring wires ports to other simulated devices of a fleet (nil: none; see Wiring).
	Wiring Wiring
	// Name is the device's name in a fleet: the fleet file's, which stays when a user changes the
	// sysname. With it, the chassis (bridge) MAC is ChassisMAC(Name, SimSeed), what wired neighbours
	// learn and what the fleet puts in their FarEnd.Chassis, and the factory configuration's sysname
	// is Name (when `sysname` would take it and Sysname is not set). Empty (a single device): the chassis MAC derives from
	// the model, as it always has, and the sysname is HPE.
	Name string
	// Sysname is the factory configuration's sysname when set (a fleet file's `sysname:`); else
	// Name's, as above.
	Sysname string
	// NoRSA makes only the Ed25519 host key on first start, not the RSA one (a fleet of a thousand
	// devices would spend minutes making RSA keys); `public-key local create rsa` still makes one.
	NoRSA bool
}

// Device is the simulated switch: its running configuration, flash:, host keys and sessions. It is
// safe for concurrent use; every change is visible to every session at once.
type Device struct {
	histAll allHistory // display history-command all
	mu      sync.RWMutex
	cfg     *Config
	model   Model
	opts    Options
	now     func() time.Time
	log     *slog.Logger
	flash   *flash.FS
	keys    *pki.Store
	bus     bus
	logs    logBuffer
	reg     registry
	sim     *simulation

	booted   time.Time
	startup  startupFiles
	settings *settingsFile
	gen      uint64      // bumped by every configuration change
	unsaved  unsavedMemo // the last unsaved check (Summary)
	runLock  runningLock // NETCONF's <lock> of the running configuration
}

// startupFiles are what `display startup` shows: the file booted from and the next one.
type startupFiles struct {
	current, next string // flash-relative paths, "" for NULL
}

// BootReport tells main what happened at boot.
type BootReport struct {
	FirstStart        bool
	StartupFile       string      // the file loaded, "" for the factory configuration
	GeneratedPassword string      // admin's password when vtyd made one up (print it once)
	LoadErrors        []LoadError // bad lines of the startup file
	// Warnings are what the operator must hear about the boot (main logs them): a settings file made
	// anew, a startup file that was invalid and not booted.
	Warnings []string
}

// Open opens (or creates) the device in opts.Dir and boots it from its next-startup file.
func Open(opts Options) (*Device, BootReport, error) {
	if opts.Dir == "" {
		opts.Dir = "vtyd-data"
	}
	if opts.Model == "" {
		opts.Model = DefaultModel
	}
	if opts.VTYLines <= 0 {
		opts.VTYLines = DefaultVTYLines
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Wait == nil {
		opts.Wait = waitTimer
	}
	if opts.Rand == nil {
		opts.Rand = rand.Reader
	}
	if opts.BcryptCost == 0 {
		opts.BcryptCost = bcrypt.DefaultCost
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	m, err := LookupModel(opts.Model)
	if err != nil {
		return nil, BootReport{}, err
	}
	d := &Device{model: m, opts: opts, now: opts.Now, log: opts.Logger}
	if d.flash, err = flash.Open(filepath.Join(opts.Dir, "flash"), opts.FlashCapacity); err != nil {
		return nil, BootReport{}, fmt.Errorf("open flash: %w", err)
	}
	keyDir := filepath.Join(opts.Dir, "keys")
	if opts.SeedKeys {
		if err := pki.SeedForTests(keyDir); err != nil {
			return nil, BootReport{}, fmt.Errorf("seed keys: %w", err)
		}
	}
	if d.keys, err = pki.OpenStore(keyDir, pki.WithRand(opts.Rand)); err != nil {
		return nil, BootReport{}, fmt.Errorf("open key store: %w", err)
	}
	hostKinds := []pki.Kind{pki.KindEd25519, pki.KindRSA}
	if opts.NoRSA {
		hostKinds = hostKinds[:1]
	}
	createdKeys, err := d.keys.EnsureDefaults(hostKinds...)
	if err != nil {
		return nil, BootReport{}, fmt.Errorf("create host keys: %w", err)
	}
	if d.settings, err = openSettings(filepath.Join(opts.Dir, "vtyd.json")); err != nil {
		return nil, BootReport{}, err
	}
	rep, err := d.boot()
	if err != nil {
		return nil, rep, err
	}
	rep.Warnings = append(rep.Warnings, keyWarnings(d.keys, createdKeys, rep.FirstStart)...)
	d.sim = newSimulation(m, simSeed(opts.SimSeed, opts.Name), opts.SimFlaps, opts.Wiring, d.ChassisMAC())
	d.SimSync() // the links as they came up at boot, silently
	return d, rep, nil
}

// simSeed is the seed of a device's simulated neighbourhood: the fleet device's name mixed in, so
// that the devices of a fleet sharing one seed do not all see the same phones and servers on the
// same ports; a single device (no name) keeps the seed as given.
func simSeed(seed int64, name string) int64 {
	if name == "" {
		return seed
	}
	h := uint64(seed)
	for i := 0; i < len(name); i++ {
		h = mix64(h ^ uint64(name[i]))
	}
	return int64(h)
}

// keyWarnings tells the operator of host key files that could not be read (skipped, as sshd skips
// them) and of host keys made anew after the first start, which clients will see as a changed
// host key.
func keyWarnings(keys *pki.Store, created []pki.Kind, firstStart bool) []string {
	var out []string
	for _, err := range keys.Skipped() {
		out = append(out, err.Error())
	}
	if len(created) > 0 && !firstStart {
		names := make([]string, len(created))
		for i, k := range created {
			names[i] = k.String()
		}
		out = append(out, fmt.Sprintf("host keys were missing and were created anew (%s) in %s: clients will see a new host key",
			strings.Join(names, ", "), keys.Dir()))
	}
	return out
}

// waitTimer waits d on a real timer, or until ctx ends.
func waitTimer(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Model is the device's hardware model.
func (d *Device) Model() Model { return d.model }

// Flash is the device's flash: file system.
func (d *Device) Flash() *flash.FS { return d.flash }

// Keys is the device's local key store (host keys).
func (d *Device) Keys() *pki.Store { return d.keys }

// Sysname is the device's name, as prompts show it.
func (d *Device) Sysname() string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.cfg.Sysname
}

// Uptime is the time since the last boot.
func (d *Device) Uptime() time.Duration {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.now().Sub(d.booted)
}

// Generation counts configuration changes; a console compares it to know when to redraw.
func (d *Device) Generation() uint64 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.gen
}

// update runs f on the running configuration under the write lock; a successful change is
// announced to subscribers once the lock is released.
func (d *Device) update(f func(c *Config) error) error {
	d.mu.Lock()
	err := f(d.cfg)
	if err == nil {
		d.gen++
	}
	d.mu.Unlock()
	if err == nil {
		d.bus.publish(Event{Kind: EventConfig, Time: d.now()})
		d.tellWired()
	}
	return err
}

// read runs f on the running configuration under the read lock.
func (d *Device) read(f func(c *Config)) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	f(d.cfg)
}

// commandRan is called after a configuration command succeeded. The device log buffer records it as
// Comware does (SHELL/6/SHELL_CMD) with the row's Secret arguments masked; the process log gets the
// command's grammar path only, never what was typed. Lines of a configuration file being loaded are
// not typed commands and are not logged.
func (d *Device) commandRan(s *Session, r *Row, a *Args, line string) {
	d.log.Debug("command", "user", s.info.User, "command", r.Path)
	if s.info.Proto == "config" {
		return
	}
	d.Logf("SHELL", SevInformational, "SHELL_CMD", "%s", commandLog(s.info, r, a, line))
}

// hashPassword hashes a password with the device's bcrypt cost, in the $h$6$ form (hash.go).
func (d *Device) hashPassword(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), d.opts.BcryptCost)
	if err != nil {
		return "", err
	}
	return storedHash(string(h)), nil
}
