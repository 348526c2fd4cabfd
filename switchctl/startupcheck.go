package switchctl

import (
	"fmt"

	"vtyd/switchctl/flash"
)

// loadResult is a configuration file loaded on a scratch configuration, with what it takes to judge
// whether the file can be booted.
type loadResult struct {
	cfg      *Config
	errs     []LoadError
	commands int  // lines that were neither blank nor comments
	changed  bool // some line changed the configuration
}

// invalidStartupShare is the share of refused command lines at and above which a file that also
// locks everybody out is invalid (see invalid).
const invalidStartupShare = 0.9

// invalid says why a startup file cannot be booted, or "" when it can. A switch boots its factory
// defaults when the startup file "doesn't exist or is invalid"; vtyd calls a file invalid when
//
//   - none of its lines changed anything: it is empty, holds only comments and `return`, or is
//     garbage (an uploaded binary, the wrong file); or
//   - at least 90% of its command lines were refused and what the rest configure lets nobody log in
//     over SSH.
//
// The second rule needs both halves: a real switch's configuration, full of commands vtyd does not
// simulate, stays bootable as long as it still lets someone in, and a short file whose few lines all
// took effect is the operator's choice, which reboot warns about (lockoutWarning) but honours.
func (r loadResult) invalid() string {
	switch {
	case !r.changed && len(r.errs) == 0:
		return "configures nothing"
	case !r.changed:
		return fmt.Sprintf("configures nothing (%s of %d refused)", linesWord(len(r.errs)), r.commands)
	case float64(len(r.errs)) >= invalidStartupShare*float64(r.commands) && r.cfg.sshLoginBlocked() != "":
		return fmt.Sprintf("has %s of %d refused and %s", linesWord(len(r.errs)), r.commands, r.cfg.sshLoginBlocked())
	}
	return ""
}

// sshLoginBlocked says why nobody could log in over SSH with c, or "" when somebody can: a local
// user with service-type ssh and a usable password (not a publickey-only `ssh user`), or an `ssh
// user` with assigned keys that accepts them.
func (c *Config) sshLoginBlocked() string {
	if !c.SSH.Enabled {
		return "leaves the SSH server disabled"
	}
	for name, u := range c.Users {
		if !u.Services["ssh"] {
			continue
		}
		su := c.SSHUsers[name]
		if hashUsable(u.Hash) && (su == nil || su.AuthType != "publickey") {
			return ""
		}
		if su != nil && len(su.Keys) > 0 && (su.AuthType == "publickey" || su.AuthType == "any") {
			return ""
		}
	}
	return "has no user who can log in through SSH"
}

// lockoutWarning is the warning line reboot and `startup saved-configuration` show before going on
// when booting rel would leave nobody able to log in over SSH; "" when somebody can, or when
// --admin-password or --admin-key will restore admin's access after the reboot anyway.
func (d *Device) lockoutWarning(rel string, r loadResult) string {
	if d.opts.AdminPassword != "" || len(d.opts.AdminKeys) > 0 {
		return ""
	}
	if why := r.invalid(); why != "" {
		return fmt.Sprintf("Warning: The configuration file %s %s: it is invalid and will not be booted.", flash.Display(rel), why)
	}
	if why := r.cfg.sshLoginBlocked(); why != "" {
		return fmt.Sprintf("Warning: The configuration file %s %s: after the reboot nobody can log in to the device through SSH.", flash.Display(rel), why)
	}
	return ""
}
