package switchctl

import (
	"bytes"
	"context"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/ssh"

	"vtyd/switchctl/flash"
	"vtyd/switchctl/pki"
)

// LoadError is a configuration line the engine refused, with its 1-based line number.
type LoadError struct {
	Line int
	Text string
	Err  error
}

func (e LoadError) Error() string {
	return fmt.Sprintf("line %d: %q: %s", e.Line, e.Text, strings.TrimSpace(Message(e.Err)))
}

// defaultStartup is the next-startup file of a new vtyd, and the one booted when the settings that
// name the next-startup file are gone.
const defaultStartup = "startup.cfg"

// boot builds the running configuration: the next-startup file when there is one, else the factory
// configuration (saved as startup.cfg on the very first start so that the admin password made up
// for it is shown once); then the --admin-password and --admin-key overrides.
//
// A first start is one with neither vtyd.json nor flash:/startup.cfg. Without vtyd.json but with
// startup.cfg (the settings file deleted or lost), startup.cfg is booted, never overwritten, and the
// settings are made anew with a warning. A startup file that is invalid (loadResult.invalid: empty,
// garbage, or nearly all refused and locking everybody out) is left as it is and the factory
// configuration boots instead, as a switch does with a file that "doesn't exist or is invalid".
func (d *Device) boot() (BootReport, error) {
	var rep BootReport
	d.booted = d.now()
	next := d.settings.nextStartup()
	recreate := false
	if !d.settings.exists() {
		if d.fileExists(defaultStartup) {
			next, recreate = defaultStartup, true
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("settings file vtyd.json is missing: booting %s and creating the settings anew (console preferences are reset)",
				flash.Display(defaultStartup)))
		} else {
			rep.FirstStart = true
		}
	}
	var cfg *Config
	if next != "" {
		data, err := d.flash.ReadFile(next)
		switch {
		case err != nil:
			d.log.Warn("next-startup file unreadable; booting the factory configuration", "file", next, "err", err)
		default:
			r := d.loadFresh(string(data))
			if why := r.invalid(); why != "" { // its refused lines are not listed: they are most of it
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("startup configuration %s %s: it is invalid; booting the factory configuration and leaving the file as it is",
					flash.Display(next), why))
				break
			}
			cfg, rep.LoadErrors = r.cfg, r.errs
			rep.StartupFile = next
			d.startup.current = next
		}
	}
	if cfg == nil {
		var pw string
		cfg, pw = d.factoryConfig()
		if d.opts.AdminPassword == "" && d.opts.FactoryAdminHash == "" {
			rep.GeneratedPassword = pw
		}
	}
	d.startup.next = next
	d.mu.Lock()
	d.cfg = cfg
	d.mu.Unlock()
	if err := d.applyAdminOverrides(rep.StartupFile != ""); err != nil {
		return rep, err
	}
	if recreate {
		if err := d.settings.setNextStartup(next); err != nil {
			return rep, fmt.Errorf("save settings: %w", err)
		}
	}
	if rep.FirstStart {
		if err := d.saveConfig(defaultStartup); err != nil {
			return rep, fmt.Errorf("save the factory configuration: %w", err)
		}
		if err := d.stockFlash(d.CurrentConfig()); err != nil {
			return rep, fmt.Errorf("stock flash: %w", err)
		}
		if err := d.settings.setNextStartup(defaultStartup); err != nil {
			return rep, fmt.Errorf("save settings: %w", err)
		}
		d.startup.next = defaultStartup
	}
	for _, w := range rep.Warnings {
		d.Logf("CFGMAN", SevWarning, "CFGMAN_STARTUP", "%s", sentence(w))
	}
	return rep, nil
}

// sentence makes a warning a log buffer entry: a capital first letter and a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// factoryConfig is what a new vtyd runs: SSH, SFTP and SCP on, VTY lines authenticated by scheme, and
// an admin whose password comes from the options or is made up here (never a fixed default).
func (d *Device) factoryConfig() (*Config, string) {
	cfg := newConfig(d.model, d.opts.VTYLines)
	cfg.setFactory()
	// A fleet device is first called what its fleet file calls it.
	for _, name := range []string{d.opts.Sysname, d.opts.Name} {
		if sysnameOK(name) {
			cfg.Sysname = name
			break
		}
	}
	cfg.SSH.Enabled, cfg.SSH.SFTP, cfg.SSH.SCP = true, true, true
	for i := range cfg.Lines {
		cfg.Lines[i].AuthMode = "scheme"
	}
	pw, h := d.opts.AdminPassword, d.opts.AdminPasswordHash
	switch {
	case pw == "" && d.opts.FactoryAdminHash != "": // a fleet's one password for its new devices
		h = storedHash(d.opts.FactoryAdminHash)
	case pw == "":
		b := make([]byte, 10)
		io.ReadFull(d.opts.Rand, b)
		pw = strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
		h, _ = d.hashPassword(pw)
	case h == "":
		h, _ = d.hashPassword(pw)
	default:
		h = storedHash(h)
	}
	cfg.Users["admin"] = &LocalUser{Name: "admin", Hash: h,
		Services: map[string]bool{"ssh": true, "terminal": true}, Roles: map[string]bool{RoleAdmin: true}}
	return cfg, pw
}

// applyAdminOverrides is the documented way back in: --admin-password resets admin's password and
// SSH access on an existing configuration; --admin-key assigns keys to admin.
func (d *Device) applyAdminOverrides(existing bool) error {
	pw := d.opts.AdminPassword
	keys, err := parseAuthorizedKeys(d.opts.AdminKeys)
	if err != nil {
		return err
	}
	if pw == "" && len(keys) == 0 {
		return nil
	}
	// A password admin already has is left alone: hashing it anew (another salt) would make every
	// start with --admin-password an unsaved change.
	var hash string
	switch {
	case pw == "":
	case d.opts.AdminPasswordHash != "":
		if want := storedHash(d.opts.AdminPasswordHash); d.AdminHash() != want {
			hash = want
		}
	case !d.adminPasswordIs(pw):
		if hash, err = d.hashPassword(pw); err != nil {
			return err
		}
	}
	return d.update(func(c *Config) error {
		u := c.Users["admin"]
		if u == nil {
			u = &LocalUser{Name: "admin", Services: map[string]bool{}, Roles: map[string]bool{}}
			c.Users["admin"] = u
		}
		reset := hash != "" || !u.Services["ssh"] || !u.Roles[RoleAdmin] || !c.SSH.Enabled
		u.Services["ssh"], u.Roles[RoleAdmin] = true, true
		c.SSH.Enabled = true
		if hash != "" {
			u.Hash = hash
		}
		if reset && pw != "" && existing {
			d.log.Warn("admin password and SSH access reset by --admin-password")
		}
		if len(keys) == 0 {
			return nil
		}
		su := &SSHUser{Name: "admin", Service: "all", AuthType: "any"}
		for i, k := range keys {
			der, err := publicDER(k)
			if err != nil {
				return err
			}
			name := fmt.Sprintf("admin-key%d", i+1)
			c.PeerKeys[name] = &PeerKey{Name: name, DER: der}
			su.Keys = append(su.Keys, name)
		}
		c.SSHUsers["admin"] = su
		return nil
	})
}

// adminPasswordIs reports whether admin's stored hash is of pw.
func (d *Device) adminPasswordIs(pw string) bool {
	hash := d.AdminHash()
	return hashMatches(hash, pw)
}

// AdminHash is the password hash the local user admin has now ("" for none): what a fleet hands
// its other devices as Options.AdminPasswordHash.
func (d *Device) AdminHash() string {
	var hash string
	d.read(func(c *Config) {
		if u := c.Users["admin"]; u != nil {
			hash = u.Hash
		}
	})
	return hash
}

// parseAuthorizedKeys reads authorized_keys lines; at most six, as `assign publickey` takes.
func parseAuthorizedKeys(data []byte) ([]ssh.PublicKey, error) {
	var keys []ssh.PublicKey
	for len(bytes.TrimSpace(data)) > 0 {
		k, _, _, rest, err := ssh.ParseAuthorizedKey(data)
		if err != nil {
			return nil, fmt.Errorf("admin key: %w", err)
		}
		keys = append(keys, k)
		data = rest
	}
	if len(keys) > 6 {
		return nil, errors.New("admin key: at most 6 keys can be assigned to a user")
	}
	return keys, nil
}

// loadFresh loads a configuration text into a new, unpublished configuration, so that a reboot or a
// replace swaps the whole configuration at once.
func (d *Device) loadFresh(text string) loadResult {
	tmp := &Device{cfg: newConfig(d.model, d.opts.VTYLines), model: d.model, opts: d.opts, now: d.now,
		log: d.log, flash: d.flash, keys: d.keys, settings: d.settings, booted: d.booted}
	r := loadResult{errs: tmp.Load(strings.NewReader(text))}
	r.cfg, r.changed = tmp.cfg, tmp.gen > 0
	for line := range strings.Lines(text) {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			r.commands++
		}
	}
	return r
}

// Load runs a configuration file's lines through the engine in system view as an administrator, as
// a switch does at boot; good lines take effect and each bad one is reported with its line number.
func (d *Device) Load(r io.Reader) []LoadError {
	s := d.NewSession(SessionInfo{User: "config", Roles: []string{RoleAdmin}, Line: -1, Proto: "config"})
	s.views = append(s.views, View{Kind: ViewSystem})
	var errs []LoadError
	lr := newLineReader(r)
	for n := 1; ; n++ {
		line, tooLong, err := lr.next()
		if errors.Is(err, io.EOF) {
			return errs
		}
		if err != nil { // what was read is loaded; the file was not read to its end, and says so
			return append(errs, LoadError{Line: n, Err: fmt.Errorf("read: %w", err)})
		}
		if tooLong {
			errs = append(errs, LoadError{Line: n, Text: line + "...", Err: ErrLineTooLong})
			continue
		}
		err = s.Exec(context.Background(), line, io.Discard)
		if errors.Is(err, ErrSessionEnd) {
			s.views = append(s.views[:1], View{Kind: ViewSystem})
			continue
		}
		if err != nil {
			errs = append(errs, LoadError{Line: n, Text: line, Err: err})
		}
		if len(s.views) == 1 && s.collect == nil { // after `return`: a file goes on in system view
			s.views = append(s.views, View{Kind: ViewSystem})
		}
	}
}

// publicDER is the SubjectPublicKeyInfo of an SSH public key, as peer keys store it.
func publicDER(k ssh.PublicKey) ([]byte, error) {
	h, err := pki.HexDER(k)
	if err != nil {
		return nil, err
	}
	return hex.DecodeString(strings.ReplaceAll(h, "\n", ""))
}

// sysnameOK reports whether name can be a sysname as `sysname` takes it: 1-64 printable characters
// and no blank.
func sysnameOK(name string) bool {
	if len(name) == 0 || len(name) > 64 {
		return false
	}
	for _, r := range name {
		if r <= ' ' || r == 0x7f || r == '?' || r == '"' {
			return false
		}
	}
	return true
}
