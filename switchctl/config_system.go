package switchctl

import "fmt"

// The global settings every real box's configuration carries ([5130-CFG], [HP5930CFG], FACTS §2.5):
// IRF member settings, LLDP and STP switched on, password recovery, the scheduler's log size, the
// console line and line classes, the ISP domain, the predefined roles and the user group. The
// factory configuration (factoryConfig) sets the ones a real factory file sets; newConfig holds the
// command defaults, which a loaded file starts from.

// IRFConfig is the IRF member settings of a standalone box (member 1).
type IRFConfig struct {
	MACPersistent string // timer, always; "" after `undo irf mac-address persistent`
	AutoUpdate    bool
	LinkDelay     int // ms; 0 is `undo irf link-delay`
	Priority      int // `irf member 1 priority`, 1-32
}

// Role is a user role defined by `role name`; the level-N roles are predefined with a description.
type Role struct {
	Name        string
	Description string
}

// otherLines are the lines and line classes beside the VTY lines, in Comware's rendering order.
var otherLines = []string{"class aux", "class vty", "aux 0"}

// auxDefault is the console line's default: no authentication, network-admin.
var auxDefault = LineConfig{AuthMode: "none", UserRole: RoleAdmin, IdleMin: 10, ScreenLength: 24, Protocol: "all", HistorySize: 10}

// lineDefault is the default of a line or line class by its otherLines key ("" for a VTY line).
func lineDefault(key string) LineConfig {
	if key == "class aux" || key == "aux 0" {
		return auxDefault
	}
	return defaultLine
}

// Defaults of the global settings.
const (
	DefaultSchedulerLogSize = 16 // KB
	defaultIRFPriority      = 1
)

// setSystemDefaults gives c the command defaults of the global settings.
func (c *Config) setSystemDefaults() {
	c.IRF = IRFConfig{MACPersistent: "timer", AutoUpdate: true, Priority: defaultIRFPriority}
	c.PasswordRecovery = true
	c.SchedulerLogSize = DefaultSchedulerLogSize
	c.OtherLines = map[string]LineConfig{}
	for _, k := range otherLines {
		c.OtherLines[k] = lineDefault(k)
	}
	c.Domains = map[string]bool{}
	c.Roles = map[string]*Role{}
	c.UserGroups = map[string]bool{}
}

// setFactory adds what a real factory configuration file has beyond the command defaults.
func (c *Config) setFactory() {
	c.LLDP.Enabled = true
	c.STP.Enabled = true
	c.addIface(IfName{Type: IfVlan, Num: [3]int{1}})
	c.Domains["system"] = true
	c.DefaultDomain = "system"
	for n := 0; n <= 15; n++ {
		name := fmt.Sprintf("level-%d", n)
		c.Roles[name] = &Role{Name: name, Description: fmt.Sprintf("Predefined level-%d role", n)}
	}
	c.UserGroups["system"] = true
}

func (c *Config) renderIRF(r *renderer) {
	r.sep()
	if c.IRF.MACPersistent != "" {
		r.line(" irf mac-address persistent %s", c.IRF.MACPersistent)
	} else {
		r.line(" undo irf mac-address persistent")
	}
	if c.IRF.AutoUpdate {
		r.line(" irf auto-update enable")
	} else {
		r.line(" undo irf auto-update enable")
	}
	if c.IRF.LinkDelay == 0 {
		r.line(" undo irf link-delay")
	} else {
		r.line(" irf link-delay %d", c.IRF.LinkDelay)
	}
	r.line(" irf member 1 priority %d", c.IRF.Priority)
}

// renderGlobalsTop is what follows the IRF lines: LLDP and password recovery.
func (c *Config) renderGlobalsTop(r *renderer) {
	if c.LLDP.Enabled {
		r.sep()
		r.line(" lldp global enable")
	}
	r.sep()
	if c.PasswordRecovery {
		r.line(" password-recovery enable")
	} else {
		r.line(" undo password-recovery enable")
	}
}

func (c *Config) renderScheduler(r *renderer) {
	r.sep()
	r.line(" scheduler logfile size %d", c.SchedulerLogSize)
}

// renderOtherLines writes the line classes and the console line; each shows its user role, as
// Comware does even for the default one.
func (c *Config) renderOtherLines(r *renderer) {
	for _, k := range otherLines {
		r.sep()
		r.line("line %s", k)
		c.OtherLines[k].renderFrom(r, lineDefault(k))
	}
}

// renderAAA writes the ISP domains, the default domain, the roles and the user groups.
func (c *Config) renderAAA(r *renderer) {
	for _, name := range sortedKeys(c.Domains) {
		r.sep()
		r.line("domain %s", quoteWord(name))
	}
	if c.DefaultDomain != "" || len(c.SessionLimits) > 0 {
		r.sep()
		c.renderSessionLimits(r)
	}
	if c.DefaultDomain != "" {
		r.line(" domain default enable %s", quoteWord(c.DefaultDomain))
	}
	for _, name := range sortedRoles(c.Roles) {
		r.sep()
		c.Roles[name].render(r)
	}
	for _, name := range sortedKeys(c.UserGroups) {
		r.sep()
		r.line("user-group %s", quoteWord(name))
	}
}

// sortedRoles orders roles as Comware lists them: level-0 to level-15 by number, then the others by
// name.
func sortedRoles(m map[string]*Role) []string {
	names := sortedKeys(m)
	level := func(s string) int {
		var n int
		if _, err := fmt.Sscanf(s, "level-%d", &n); err != nil || fmt.Sprintf("level-%d", n) != s {
			return 99
		}
		return n
	}
	out := make([]string, 0, len(names))
	for n := 0; n <= 15; n++ {
		if _, ok := m[fmt.Sprintf("level-%d", n)]; ok {
			out = append(out, fmt.Sprintf("level-%d", n))
		}
	}
	for _, s := range names {
		if level(s) > 15 {
			out = append(out, s)
		}
	}
	return out
}

// LLDPConfig is the global LLDP setting.
type LLDPConfig struct {
	Enabled bool // `lldp global enable`
}

func (ro *Role) render(r *renderer) {
	r.line("role name %s", quoteWord(ro.Name))
	if ro.Description != "" {
		r.line(" description %s", quoteText(ro.Description))
	}
}
