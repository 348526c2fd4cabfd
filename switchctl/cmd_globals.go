package switchctl

// The global commands of a real box's factory configuration (config_system.go): IRF member
// settings, password recovery, the scheduler log, ISP domains, roles and user groups. They are
// stored and shown as given; nothing else of the device depends on them.

func globalRows() []Row {
	w := func(views ViewSet, path string, run Handler) Row {
		return Row{Views: views, Path: path, Priv: PrivWrite, Run: run}
	}
	sec := func(views ViewSet, path string, run Handler) Row {
		return Row{Views: views, Path: path, Priv: PrivSecurity, Run: run}
	}
	return []Row{
		w(InSystem, "irf mac-address persistent {timer|always}", runIRFMACPersistent),
		w(InSystem, "undo irf mac-address persistent", runIRFMACPersistent),
		w(InSystem, "irf auto-update enable", runIRFAutoUpdate),
		w(InSystem, "undo irf auto-update enable", runIRFAutoUpdate),
		w(InSystem, "irf link-delay <delay:0-30000>", runIRFLinkDelay),
		w(InSystem, "undo irf link-delay", runIRFLinkDelay),
		w(InSystem, "irf member <member:1-1> priority <prio:1-32>", runIRFPriority),
		w(InSystem, "undo irf member <member:1-1> priority", runIRFPriority),
		sec(InSystem, "password-recovery enable", runPasswordRecovery),
		sec(InSystem, "undo password-recovery enable", runPasswordRecovery),
		w(InSystem, "lldp global enable", runLLDPGlobal),
		w(InSystem, "undo lldp global enable", runLLDPGlobal),
		w(InSystem, "scheduler logfile size <kb:16-1024>", runSchedulerLogSize),
		w(InSystem, "undo scheduler logfile size", runSchedulerLogSize),
		{Views: InSystem, Path: "domain <domain:word:1-255>", Priv: PrivSecurity, Run: runDomain, Move: Enter, Target: domainTarget},
		sec(InSystem, "undo domain <domain:word:1-255>", runDomainUndo),
		sec(InSystem, "domain default enable <domain:word:1-255>", runDomainDefault),
		sec(InSystem, "undo domain default enable", runDomainDefault),
		{Views: InSystem, Path: "role name <role:word:1-63>", Priv: PrivSecurity, Run: runRoleName, Move: Enter, Target: roleTarget},
		sec(InSystem, "undo role name <role:word:1-63>", runRoleUndo),
		sec(InRole, "description <text:text:1-128>", runRoleDescription),
		sec(InRole, "undo description", runRoleDescription),
		{Views: InSystem, Path: "user-group <group:word:1-80>", Priv: PrivSecurity, Run: runUserGroup, Move: Enter, Target: userGroupTarget},
		sec(InSystem, "undo user-group <group:word:1-80>", runUserGroupUndo),
	}
}

func runIRFMACPersistent(c *Ctx) error {
	mode := ""
	switch {
	case c.A.Has("timer"):
		mode = "timer"
	case c.A.Has("always"):
		mode = "always"
	}
	return c.D.update(func(cfg *Config) error { cfg.IRF.MACPersistent = mode; return nil })
}

func runIRFAutoUpdate(c *Ctx) error {
	on := !c.A.Has("undo")
	return c.D.update(func(cfg *Config) error { cfg.IRF.AutoUpdate = on; return nil })
}

func runIRFLinkDelay(c *Ctx) error {
	ms := 0
	if c.A.IsSet("delay") {
		ms = c.A.Int("delay")
	}
	return c.D.update(func(cfg *Config) error { cfg.IRF.LinkDelay = ms; return nil })
}

func runIRFPriority(c *Ctx) error {
	p := defaultIRFPriority
	if c.A.IsSet("prio") {
		p = c.A.Int("prio")
	}
	return c.D.update(func(cfg *Config) error { cfg.IRF.Priority = p; return nil })
}

func runLLDPGlobal(c *Ctx) error {
	on := !c.A.Has("undo")
	return c.D.update(func(cfg *Config) error { cfg.LLDP.Enabled = on; return nil })
}

func runPasswordRecovery(c *Ctx) error {
	on := !c.A.Has("undo")
	return c.D.update(func(cfg *Config) error { cfg.PasswordRecovery = on; return nil })
}

func runSchedulerLogSize(c *Ctx) error {
	kb := DefaultSchedulerLogSize
	if c.A.IsSet("kb") {
		kb = c.A.Int("kb")
	}
	return c.D.update(func(cfg *Config) error { cfg.SchedulerLogSize = kb; return nil })
}

func domainTarget(c *Ctx) (View, error) {
	return View{Kind: ViewDomain, Name: c.A.Str("domain")}, nil
}

// runDomain creates the ISP domain on first entry.
func runDomain(c *Ctx) error {
	name := c.A.Str("domain")
	return c.D.update(func(cfg *Config) error { cfg.Domains[name] = true; return nil })
}

func runDomainUndo(c *Ctx) error {
	name := c.A.Str("domain")
	return c.D.update(func(cfg *Config) error {
		switch {
		case !cfg.Domains[name]:
			return refuse(ErrNotFound, "The ISP domain %s does not exist.", name)
		case cfg.DefaultDomain == name:
			return refuse(ErrInUse, "The ISP domain %s is the default domain and cannot be deleted.", name)
		}
		delete(cfg.Domains, name)
		return nil
	})
}

func runDomainDefault(c *Ctx) error {
	name := c.A.Str("domain")
	return c.D.update(func(cfg *Config) error {
		if name != "" && !cfg.Domains[name] {
			return refuse(ErrNotFound, "The ISP domain %s does not exist.", name)
		}
		cfg.DefaultDomain = name
		return nil
	})
}

func roleTarget(c *Ctx) (View, error) {
	return View{Kind: ViewRole, Name: c.A.Str("role")}, nil
}

// runRoleName creates a user role on first entry; the system roles are not configurable.
func runRoleName(c *Ctx) error {
	name := c.A.Str("role")
	if name == RoleAdmin || name == RoleOperator {
		return refuse(ErrUnsupported, "Predefined user role %s cannot be modified.", name)
	}
	return c.D.update(func(cfg *Config) error {
		if cfg.Roles[name] == nil {
			cfg.Roles[name] = &Role{Name: name}
		}
		return nil
	})
}

func runRoleUndo(c *Ctx) error {
	name := c.A.Str("role")
	return c.D.update(func(cfg *Config) error {
		if cfg.Roles[name] == nil {
			return refuse(ErrNotFound, "The user role %s does not exist.", name)
		}
		delete(cfg.Roles, name)
		return nil
	})
}

func runRoleDescription(c *Ctx) error {
	name := c.S.View().Name
	text := c.A.Str("text")
	return c.D.update(func(cfg *Config) error {
		ro := cfg.Roles[name]
		if ro == nil {
			return refuse(ErrNotFound, "The user role %s does not exist.", name)
		}
		ro.Description = text
		return nil
	})
}

func userGroupTarget(c *Ctx) (View, error) {
	return View{Kind: ViewUserGroup, Name: c.A.Str("group")}, nil
}

func runUserGroup(c *Ctx) error {
	name := c.A.Str("group")
	return c.D.update(func(cfg *Config) error { cfg.UserGroups[name] = true; return nil })
}

func runUserGroupUndo(c *Ctx) error {
	name := c.A.Str("group")
	return c.D.update(func(cfg *Config) error {
		switch {
		case !cfg.UserGroups[name]:
			return refuse(ErrNotFound, "The user group %s does not exist.", name)
		case name == "system":
			return refuse(ErrUnsupported, "The user group system cannot be deleted.")
		}
		delete(cfg.UserGroups, name)
		return nil
	})
}

var globalHelp = pathHelp(globalRows(), map[string]string{
	"irf":                               "IRF configuration",
	"irf mac-address":                   "Bridge MAC address of the IRF fabric",
	"irf mac-address persistent":        "Keep the bridge MAC address after the master leaves",
	"irf mac-address persistent timer":  "Keep it for 6 minutes",
	"irf mac-address persistent always": "Keep it always",
	"irf auto-update":                   "Software auto-update for joining members",
	"irf auto-update enable":            "Enable software auto-update",
	"irf link-delay":                    "Delay for reporting IRF link down events",
	"irf member":                        "IRF member",
	"irf member priority":               "Member priority",
	"password-recovery":                 "Password recovery capability",
	"password-recovery enable":          "Enable password recovery capability",
	"lldp":                              "Link Layer Discovery Protocol (LLDP) module",
	"lldp global":                       "Global LLDP settings",
	"lldp global enable":                "Enable LLDP globally",
	"scheduler":                         "Job scheduler",
	"scheduler logfile":                 "Job execution log file",
	"scheduler logfile size":            "Size of the job execution log file",
	"domain":                            "Specify an ISP domain",
	"domain default":                    "Default ISP domain",
	"domain default enable":             "Specify the default ISP domain",
	"role":                              "User role",
	"role name":                         "Name of a user role",
	"user-group":                        "Specify a user group",
})

var globalArgHelp = map[string]string{
	"delay":  "Delay in milliseconds",
	"member": "IRF member ID",
	"prio":   "Priority (a greater value is a higher priority)",
	"kb":     "Size in KB",
	"domain": "ISP domain name",
	"role":   "User role name",
	"group":  "User group name",
	"aux":    "Number of the AUX line",
}
