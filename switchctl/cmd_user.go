package switchctl

import (
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// serviceTypes are the services a device management user may be allowed, in display order.
var serviceTypes = []string{"ftp", "http", "https", "pad", "ssh", "telnet", "terminal"}

// serviceNames is how `display local-user` spells a service.
var serviceNames = map[string]string{"ftp": "FTP", "http": "HTTP", "https": "HTTPS", "pad": "PAD",
	"ssh": "SSH", "telnet": "Telnet", "terminal": "Terminal"}

const userPath = "local-user <luser:word:1-55> [class manage]"

func userRows() []Row {
	rows := []Row{
		{Views: InSystem, Path: userPath, Priv: PrivSecurity, Run: runLocalUser, Move: Enter, Target: localUserTarget},
		{Views: InSystem, Path: "undo " + userPath, Priv: PrivSecurity, Run: runUndoLocalUser},
		{Views: InLocalUser, Path: "password simple <pw:word:1-63>", Priv: PrivSecurity, Run: runPassword, Secret: []string{"pw"}},
		{Views: InLocalUser, Path: "password hash <hash:word:1-255>", Priv: PrivSecurity, Run: runPassword, Secret: []string{"hash"}},
		{Views: InLocalUser, Path: "undo password", Priv: PrivSecurity, Run: runPassword},
		{Views: InLocalUser, Path: "authorization-attribute user-role <role:word:1-63>", Priv: PrivSecurity, Run: runUserRole},
		{Views: InLocalUser, Path: "undo authorization-attribute user-role <role:word:1-63>", Priv: PrivSecurity, Run: runUserRole},
		{Views: InAll, Path: "display local-user [{class manage|user-name <luser:word:1-55> [class manage]}]",
			Priv: PrivRead, Run: runDisplayLocalUser, Display: true},
	}
	svc := "<services:set:" + strings.Join(serviceTypes, ",") + ">"
	rows = append(rows,
		Row{Views: InLocalUser, Path: "service-type " + svc, Priv: PrivSecurity, Run: runServiceType},
		Row{Views: InLocalUser, Path: "undo service-type " + svc, Priv: PrivSecurity, Run: runServiceType})
	return rows
}

// checkUserName applies Comware's rules for a local user name beyond its length: no \ | / : * ? < > @,
// and not a, al or all, which the device keeps for "all users".
func checkUserName(c *Ctx) error {
	name := c.A.Str("luser")
	switch strings.ToLower(name) {
	case "a", "al", "all":
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos("luser")}
	}
	if strings.ContainsAny(name, `\|/:*?<>@`) {
		return &ParseError{Kind: WrongParam, Pos: c.A.Pos("luser")}
	}
	return nil
}

func localUserTarget(c *Ctx) (View, error) {
	if err := checkUserName(c); err != nil {
		return View{}, err
	}
	return View{Kind: ViewLocalUser, Name: c.A.Str("luser")}, nil
}

// newLocalUser is a user as `local-user` creates it: role network-operator, no services, no password.
func newLocalUser(name string) *LocalUser {
	return &LocalUser{Name: name, Services: map[string]bool{}, Roles: map[string]bool{RoleOperator: true}}
}

func runLocalUser(c *Ctx) error {
	if err := checkUserName(c); err != nil {
		return err
	}
	name, added := c.A.Str("luser"), false
	err := c.D.update(func(cfg *Config) error {
		if cfg.Users[name] == nil {
			cfg.Users[name], added = newLocalUser(name), true
		}
		return nil
	})
	if added {
		c.Println("New local user added.")
	}
	return err
}

func runUndoLocalUser(c *Ctx) error {
	name := c.A.Str("luser")
	return c.D.update(func(cfg *Config) error {
		if cfg.Users[name] == nil {
			return refuse(ErrNotFound, "The local user %s does not exist.", name)
		}
		delete(cfg.Users, name)
		return nil
	})
}

// withUser changes the user of the current local-user view, which another session may have deleted.
func withUser(c *Ctx, f func(u *LocalUser) error) error {
	name := c.S.View().Name
	return c.D.update(func(cfg *Config) error {
		u := cfg.Users[name]
		if u == nil {
			return refuse(ErrNotFound, "The local user %s does not exist.", name)
		}
		return f(u)
	})
}

// runPassword stores a password as a $h$6$ hash (never the clear text), takes a hash as given, or
// removes the password.
func runPassword(c *Ctx) error {
	var hash string
	switch {
	case c.A.Has("simple"):
		h, err := c.D.hashPassword(c.A.Str("pw"))
		if err != nil {
			return refuse(ErrInvalidValue, "Failed to set the password.")
		}
		hash = h
	case c.A.Has("hash"):
		hash = c.A.Str("hash")
		if !validHash(hash) {
			return refuse(ErrInvalidValue, "Invalid password hash.")
		}
		hash = storedHash(hash)
	}
	return withUser(c, func(u *LocalUser) error { u.Hash = hash; return nil })
}

// validHash accepts a bcrypt hash, which logins check, or Comware's own $h$<n>$salt$digest form, which
// is kept so that a switch's configuration loads but matches no password.
func validHash(h string) bool {
	if _, err := bcrypt.Cost([]byte(h)); err == nil {
		return true
	}
	parts := strings.Split(h, "$")
	if len(parts) != 5 || parts[0] != "" || parts[1] != "h" || parts[2] == "" || parts[3] == "" || parts[4] == "" {
		return false
	}
	return strings.Trim(parts[2], "0123456789") == ""
}

func runServiceType(c *Ctx) error {
	on := !c.A.Has("undo")
	return withUser(c, func(u *LocalUser) error {
		for _, st := range c.A.Strs("services") {
			if on {
				u.Services[st] = true
			} else {
				delete(u.Services, st)
			}
		}
		return nil
	})
}

func runUserRole(c *Ctx) error {
	role := c.A.Str("role")
	on := !c.A.Has("undo")
	if on && !ValidRole(role) {
		return refuse(ErrNotFound, "The role %s does not exist.", role)
	}
	return withUser(c, func(u *LocalUser) error {
		if on {
			u.Roles[role] = true
		} else {
			delete(u.Roles, role)
		}
		return nil
	})
}

// LocalUsers lists the names of the local users, sorted.
func (d *Device) LocalUsers() []string {
	var names []string
	d.read(func(cfg *Config) { names = sortedKeys(cfg.Users) })
	return names
}

func runDisplayLocalUser(c *Ctx) error {
	var err error
	c.D.read(func(cfg *Config) {
		names := sortedKeys(cfg.Users)
		if c.A.IsSet("luser") {
			name := c.A.Str("luser")
			if cfg.Users[name] == nil {
				err = refuse(ErrNotFound, "The local user %s does not exist.", name)
				return
			}
			names = []string{name}
		}
		c.Printf("Total %d local users matched.\n", len(names))
		for _, name := range names {
			cfg.Users[name].display(c)
		}
	})
	return err
}

// display writes one user as `display local-user` does: labels padded to a value column.
func (u *LocalUser) display(c *Ctx) {
	field := func(indent, label, value string) {
		l := indent + label + ":"
		if value == "" {
			c.Println(l)
			return
		}
		c.Printf("%-29s%s\n", l, value)
	}
	var svcs []string
	for _, st := range serviceTypes {
		if u.Services[st] {
			svcs = append(svcs, serviceNames[st])
		}
	}
	c.Printf("\nDevice management user %s:\n", u.Name)
	field("  ", "State", "Active")
	if len(svcs) > 0 {
		field("  ", "Service type", strings.Join(svcs, "/"))
	}
	field("  ", "User group", "system")
	field("  ", "Bind attributes", "")
	field("  ", "Authorization attributes", "")
	field("    ", "Work directory", "flash:")
	if roles := sortedKeys(u.Roles); len(roles) > 0 {
		field("    ", "User role list", strings.Join(roles, ", "))
	}
}

var userHelp = func() map[string]string {
	h := map[string]string{
		"local-user":                             "Add a local user or modify a local user's settings",
		"password":                               "Specify a password",
		"password simple":                        "Specify a plaintext password",
		"password hash":                          "Specify a hashed password",
		"undo password":                          "Delete the password",
		"service-type":                           "Specify the user service types",
		"authorization-attribute":                "Specify authorization attributes",
		"authorization-attribute user-role":      "Specify a user role",
		"undo authorization-attribute user-role": "Remove a user role",
		"display local-user":                     "Local user information",
		"display local-user user-name":           "Specify a user by name",
	}
	for _, p := range []string{"local-user", "undo local-user", "display local-user", "display local-user user-name"} {
		h[p+" class"] = "Specify the user class"
		h[p+" class manage"] = "Device management user"
	}
	return h
}()

var userArgHelp = map[string]string{
	"luser":             "Local user name",
	"pw":                "Plaintext password",
	"hash":              "Hashed password",
	"role":              "User role name",
	"services":          "Service types: ftp, http, https, pad, ssh, telnet, terminal",
	"services.ftp":      "FTP service",
	"services.http":     "HTTP service",
	"services.https":    "HTTPS service",
	"services.pad":      "PAD service",
	"services.ssh":      "SSH service",
	"services.telnet":   "Telnet service",
	"services.terminal": "Terminal (console and AUX) service",
}
