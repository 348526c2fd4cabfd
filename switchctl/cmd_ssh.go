package switchctl

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"vtyd/switchctl/pki"
)

// The SSH server commands: the server switches, `ssh user`, `ssh2 algorithm` and their displays.
// switchctl only stores these settings; sshsrv reads them through SSHSettings, SSHUser, PeerKey and
// AlgoNames for every new connection.

// maxSSHUsers is how many `ssh user` entries Comware keeps.
const maxSSHUsers = 1024

const sshUserPath = "ssh user <sshuser:word:1-80> service-type {all|stelnet|sftp|scp|netconf} authentication-type " +
	"{password|keyboard-interactive|{any|password-publickey|publickey} [assign publickey <pk1:word:1-64> " +
	"[<pk2:word:1-64> [<pk3:word:1-64> [<pk4:word:1-64> [<pk5:word:1-64> [<pk6:word:1-64>]]]]]]}"

func sshRows() []Row {
	sec := func(path string, run Handler) Row {
		return Row{Views: InSystem, Path: path, Priv: PrivSecurity, Run: run}
	}
	show := func(path string, run Handler) Row {
		return Row{Views: InAll, Path: path, Priv: PrivRead, Run: run, Display: true}
	}
	return []Row{
		sec("ssh server enable", sshFlag(func(s *SSHConfig) *bool { return &s.Enabled }, true)),
		sec("undo ssh server enable", runSSHServerDisable),
		sec("ssh server port <sshport:1-65535>", runSSHPort),
		sec("undo ssh server port", runSSHPort),
		sec("ssh server authentication-retries <sshretries:1-5>",
			sshInt("sshretries", DefaultAuthRetries, func(s *SSHConfig) *int { return &s.AuthRetries })),
		sec("undo ssh server authentication-retries",
			sshInt("sshretries", DefaultAuthRetries, func(s *SSHConfig) *int { return &s.AuthRetries })),
		sec("ssh server authentication-timeout <sshtimeout:1-120>",
			sshInt("sshtimeout", DefaultAuthTimeout, func(s *SSHConfig) *int { return &s.AuthTimeout })),
		sec("undo ssh server authentication-timeout",
			sshInt("sshtimeout", DefaultAuthTimeout, func(s *SSHConfig) *int { return &s.AuthTimeout })),
		sec("ssh server acl <sshacl:2000-3999>", sshInt("sshacl", 0, func(s *SSHConfig) *int { return &s.ACL })),
		sec("undo ssh server acl", sshInt("sshacl", 0, func(s *SSHConfig) *int { return &s.ACL })),
		sec("ssh server compatible-ssh1x enable", func(*Ctx) error {
			return refuse(ErrUnsupported, "SSH1 is not supported: the SSH1 protocol is cryptographically broken "+
				"and OpenSSH removed it in 2017. Only SSH2 clients can log in.")
		}),
		sec("undo ssh server compatible-ssh1x [enable]", func(*Ctx) error { return nil }), // SSH1 is always off
		sec("sftp server enable", sshFlag(func(s *SSHConfig) *bool { return &s.SFTP }, true)),
		sec("undo sftp server enable", sshFlag(func(s *SSHConfig) *bool { return &s.SFTP }, false)),
		sec("sftp server idle-timeout <sftpidle:1-35791>",
			sshInt("sftpidle", DefaultSFTPIdle, func(s *SSHConfig) *int { return &s.SFTPIdle })),
		sec("undo sftp server idle-timeout",
			sshInt("sftpidle", DefaultSFTPIdle, func(s *SSHConfig) *int { return &s.SFTPIdle })),
		sec("scp server enable", sshFlag(func(s *SSHConfig) *bool { return &s.SCP }, true)),
		sec("undo scp server enable", sshFlag(func(s *SSHConfig) *bool { return &s.SCP }, false)),
		sec(sshUserPath, runSSHUser),
		sec("undo ssh user <sshuser:word:1-80>", runUndoSSHUser),
		sec("ssh2 algorithm cipher <ciphers:algos:cipher>", runSSHAlgos("cipher", "ciphers")),
		sec("ssh2 algorithm key-exchange <kexes:algos:key-exchange>", runSSHAlgos("key-exchange", "kexes")),
		sec("ssh2 algorithm mac <macs:algos:mac>", runSSHAlgos("mac", "macs")),
		sec("ssh2 algorithm public-key <hostkeyalgs:algos:public-key>", runSSHAlgos("public-key", "hostkeyalgs")),
		sec("undo ssh2 algorithm {cipher|key-exchange|mac|public-key}", runUndoSSHAlgos),
		show("display ssh server status", runDisplaySSHStatus),
		show("display ssh user-information [<sshuser:word:1-80>]", runDisplaySSHUsers),
		show("display ssh2 algorithm", runDisplaySSHAlgos),
	}
}

// sshFlag sets one of the server's on/off switches.
func sshFlag(field func(*SSHConfig) *bool, on bool) Handler {
	return func(c *Ctx) error {
		return c.D.update(func(cfg *Config) error { *field(&cfg.SSH) = on; return nil })
	}
}

// sshInt sets an integer setting from arg, or restores def when the undo form left arg out.
func sshInt(arg string, def int, field func(*SSHConfig) *int) Handler {
	return func(c *Ctx) error {
		v := def
		if c.A.IsSet(arg) {
			v = c.A.Int(arg)
		}
		return c.D.update(func(cfg *Config) error { *field(&cfg.SSH) = v; return nil })
	}
}

// runSSHServerDisable asks first: without the SSH server nobody can log in again, the operator
// included. A configuration being loaded has nobody to ask and is taken as written.
func runSSHServerDisable(c *Ctx) error {
	if c.D.SSHSettings().Enabled && c.S.Info().Proto != "config" {
		ok, err := confirmAction(c, "Disabling the SSH server may lock every SSH user out, you included. Continue?",
			"Disabling the SSH server")
		if err != nil || !ok {
			return err
		}
	}
	return c.D.update(func(cfg *Config) error { cfg.SSH.Enabled = false; return nil })
}

// confirmAction asks question; where nobody can answer it refuses, naming the action, since these
// commands have no force form.
func confirmAction(c *Ctx, question, action string) (bool, error) {
	ok, err := c.Confirm(question)
	if errors.Is(err, ErrNoAnswer) {
		return false, refuse(ErrNoAnswer, "%s needs a confirmation that cannot be given here; use an interactive session.", action)
	}
	return ok, err
}

func runSSHPort(c *Ctx) error {
	port := DefaultSSHPort
	if c.A.IsSet("sshport") {
		port = c.A.Int("sshport")
	}
	if err := c.D.update(func(cfg *Config) error { cfg.SSH.Port = port; return nil }); err != nil {
		return err
	}
	c.Println("The port is stored in the configuration; vtyd keeps listening on its --listen address.")
	return nil
}

// kwAfter is the keyword typed right after kw, "" when kw was not typed.
func kwAfter(a *Args, kw string) string {
	for i, k := range a.kws {
		if k == kw && i+1 < len(a.kws) {
			return a.kws[i+1]
		}
	}
	return ""
}

func runSSHUser(c *Ctx) error {
	u := &SSHUser{Name: c.A.Str("sshuser"), Service: kwAfter(c.A, "service-type"), AuthType: kwAfter(c.A, "authentication-type")}
	var keys []string
	for i := 1; i <= 6; i++ {
		arg := fmt.Sprintf("pk%d", i)
		if !c.A.IsSet(arg) {
			break
		}
		if err := checkKeyName(c, arg); err != nil {
			return err
		}
		keys = append(keys, c.A.Str(arg))
	}
	// A configuration file names its keys before or after its users (the rendering puts the users
	// first), so a file being loaded may assign a key that comes later; sshsrv refuses a missing key.
	loading := c.S.Info().Proto == "config"
	return c.D.update(func(cfg *Config) error {
		for _, name := range keys {
			if k := peerKey(cfg, name); k != nil {
				name = k.Name
			} else if !loading {
				return refuse(ErrNotFound, "The public key %s does not exist.", name)
			}
			if !slices.ContainsFunc(u.Keys, func(n string) bool { return strings.EqualFold(n, name) }) {
				u.Keys = append(u.Keys, name)
			}
		}
		if cfg.SSHUsers[u.Name] == nil && len(cfg.SSHUsers) >= maxSSHUsers {
			return refuse(ErrInUse, "The maximum number of SSH users (%d) has been reached.", maxSSHUsers)
		}
		cfg.SSHUsers[u.Name] = u
		return nil
	})
}

func runUndoSSHUser(c *Ctx) error {
	name := c.A.Str("sshuser")
	return c.D.update(func(cfg *Config) error {
		if cfg.SSHUsers[name] == nil {
			return refuse(ErrNotFound, "The SSH user %s does not exist.", name)
		}
		delete(cfg.SSHUsers, name)
		return nil
	})
}

// algoLabel names a category in messages and displays.
var algoLabel = map[string]string{
	"key-exchange": "Key exchange",
	"public-key":   "Public key",
	"cipher":       "Encryption",
	"mac":          "MAC",
}

func runSSHAlgos(kind, arg string) Handler {
	return func(c *Ctx) error {
		var names []string
		for _, n := range c.A.Strs(arg) {
			if why, bad := algoRefused[kind][n]; bad {
				return refuse(ErrUnsupported, "The %s algorithm %s is not supported: %s.", strings.ToLower(algoLabel[kind]), n, why)
			}
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		err := c.D.update(func(cfg *Config) error {
			if cfg.SSH.Algos == nil {
				cfg.SSH.Algos = map[string][]string{}
			}
			cfg.SSH.Algos[kind] = names
			return nil
		})
		if err == nil && kind == "public-key" && !anyHostKey(c.D.keys, names) {
			c.Println("Warning: no local key pair can sign with these algorithms; SSH logins will fail until one is created with public-key local create.")
		}
		return err
	}
}

// anyHostKey reports whether one of the host-key algorithms has a default-named key to sign with.
func anyHostKey(store *pki.Store, names []string) bool {
	for _, n := range names {
		var kind pki.Kind
		switch {
		case n == "ed25519":
			kind = pki.KindEd25519
		case n == "dsa":
			kind = pki.KindDSA
		case n == "ecdsa-sha2-nistp256":
			kind = pki.KindECDSA256
		case n == "ecdsa-sha2-nistp384":
			kind = pki.KindECDSA384
		case strings.HasPrefix(n, "rsa"):
			kind = pki.KindRSA
		default:
			continue
		}
		if k, err := store.Get(kind, ""); err == nil && k.Kind == kind {
			return true
		}
	}
	return false
}

func runUndoSSHAlgos(c *Ctx) error {
	kind := kwAfter(c.A, "algorithm")
	return c.D.update(func(cfg *Config) error { delete(cfg.SSH.Algos, kind); return nil })
}

func enableText(on bool) string {
	if on {
		return "Enable"
	}
	return "Disable"
}

func runDisplaySSHStatus(c *Ctx) error {
	s := c.D.SSHSettings()
	c.Printf(" Stelnet server: %s\n", enableText(s.Enabled))
	c.Printf(" SSH version : 2.0\n")
	c.Printf(" SSH authentication-timeout : %d second(s)\n", s.AuthTimeout)
	c.Printf(" SSH server key generating interval : 0 hour(s)\n")
	c.Printf(" SSH authentication retries : %d time(s)\n", s.AuthRetries)
	c.Printf(" SFTP server: %s\n", enableText(s.SFTP))
	c.Printf(" SFTP server Idle-Timeout: %d minute(s)\n", s.SFTPIdle)
	c.Printf(" NETCONF server: Disable\n")
	c.Printf(" SCP server: %s\n", enableText(s.SCP))
	c.Printf(" SSH server port: %d\n", s.Port)
	return nil
}

// serviceText is the Service-type column of display ssh user-information.
var serviceText = map[string]string{
	"all": "Stelnet|SFTP|SCP|NETCONF", "stelnet": "Stelnet", "sftp": "SFTP", "scp": "SCP", "netconf": "NETCONF",
}

func runDisplaySSHUsers(c *Ctx) error {
	var users []SSHUser
	c.D.read(func(cfg *Config) {
		for _, name := range sortedKeys(cfg.SSHUsers) {
			users = append(users, copySSHUser(cfg.SSHUsers[name]))
		}
	})
	if c.A.IsSet("sshuser") {
		name := c.A.Str("sshuser")
		i := slices.IndexFunc(users, func(u SSHUser) bool { return u.Name == name })
		if i < 0 {
			return refuse(ErrNotFound, "The SSH user %s does not exist.", name)
		}
		users = users[i : i+1]
	} else {
		c.Printf(" Total ssh users:%d\n", len(users))
		if len(users) == 0 {
			return nil
		}
	}
	col := func(s string, w int) string { return fmt.Sprintf("%-*s", max(w, len(s)+1), s) }
	c.Printf(" %s%s%s%s\n", col("Username", 20), col("Authentication-type", 21), col("User-public-key-name", 22), "Service-type")
	for _, u := range users {
		keys := u.Keys
		if len(keys) == 0 {
			keys = []string{"null"}
		}
		c.Printf(" %s%s%s%s\n", col(u.Name, 20), col(u.AuthType, 21), col(keys[0], 22), serviceText[u.Service])
		for _, k := range keys[1:] { // further keys continue the key column, as Comware lists multiple values
			c.Printf(" %s%s\n", strings.Repeat(" ", 41), k)
		}
	}
	return nil
}

func runDisplaySSHAlgos(c *Ctx) error {
	for _, kind := range algoKinds {
		c.Printf("%s algorithms: %s\n", algoLabel[kind], strings.Join(c.D.AlgoNames(kind), " "))
	}
	return nil
}

// SSHUser is a copy of the `ssh user` entry for name (case-sensitive, as Comware's user names are).
func (d *Device) SSHUser(name string) (SSHUser, bool) {
	var u SSHUser
	var ok bool
	d.read(func(c *Config) {
		if p := c.SSHUsers[name]; p != nil {
			u, ok = copySSHUser(p), true
		}
	})
	return u, ok
}

func copySSHUser(u *SSHUser) SSHUser {
	cp := *u
	cp.Keys = slices.Clone(u.Keys)
	return cp
}

// pathHelp gives every keyword of rows its `?` text under its full keyword path: the text texts has
// for the longest tail of the path ("assign publickey" before "publickey"). Words texts does not know (display, undo) belong
// to other areas and are left out. Keyed by full path, an area's help never collides with another's
// text for the same bare keyword.
func pathHelp(rows []Row, texts map[string]string) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		for _, seq := range expandSpec(r.Path) {
			path := ""
			for _, w := range seq {
				if strings.HasPrefix(w, "<") {
					continue
				}
				kw := strings.ToLower(w)
				path = strings.TrimSpace(path + " " + kw)
				for suffix := path; ; {
					if t, ok := texts[suffix]; ok {
						out[path] = t
						break
					}
					_, rest, more := strings.Cut(suffix, " ")
					if !more {
						break
					}
					suffix = rest
				}
			}
		}
	}
	return out
}

var sshHelp = pathHelp(sshRows(), map[string]string{
	"ssh":                                "Specify SSH (Secure Shell) configuration information",
	"server":                             "Configure the SSH server",
	"enable":                             "Enable the function",
	"ssh server enable":                  "Enable the Stelnet server",
	"port":                               "Specify the port number of the SSH server",
	"authentication-retries":             "Specify the maximum number of authentication attempts",
	"authentication-timeout":             "Specify the authentication timeout",
	"ssh server acl":                     "Specify an ACL to filter SSH clients",
	"compatible-ssh1x":                   "Specify compatibility with SSH1 clients (not supported)",
	"sftp":                               "Specify SFTP service configuration",
	"sftp server":                        "Configure the SFTP server",
	"sftp server enable":                 "Enable the SFTP server",
	"sftp server idle-timeout":           "Set the idle timeout of SFTP (and SCP) sessions",
	"scp":                                "Specify SCP service configuration",
	"scp server":                         "Configure the SCP server",
	"scp server enable":                  "Enable the SCP server",
	"user":                               "Specify an SSH user",
	"service-type":                       "Specify the service type",
	"all":                                "All services: Stelnet, SFTP, SCP and NETCONF",
	"stelnet":                            "Secure Telnet service",
	"service-type sftp":                  "Secure FTP service",
	"service-type scp":                   "Secure copy service",
	"service-type netconf":               "NETCONF over SSH service",
	"authentication-type":                "Specify the authentication method",
	"password":                           "Password authentication",
	"keyboard-interactive":               "Keyboard-interactive authentication",
	"any":                                "Either password or publickey authentication",
	"password-publickey":                 "Both password and publickey authentication",
	"publickey":                          "Publickey authentication",
	"assign":                             "Assign authentication credentials",
	"ssh2":                               "Specify SSH2 configuration information",
	"algorithm":                          "Specify the algorithms to offer, in order of preference",
	"cipher":                             "Encryption algorithms",
	"key-exchange":                       "Key exchange algorithms",
	"mac":                                "MAC algorithms",
	"public-key":                         "Host public key algorithms",
	"display ssh":                        "SSH server information",
	"display ssh server":                 "SSH server information",
	"status":                             "SSH server status",
	"user-information":                   "SSH user information",
	"display ssh2":                       "SSH2 information",
	"display ssh2 algorithm":             "Algorithms the SSH server offers",
	"undo ssh":                           "Specify SSH (Secure Shell) configuration information",
	"undo ssh server enable":             "Disable the Stelnet server",
	"undo sftp server enable":            "Disable the SFTP server",
	"undo scp server enable":             "Disable the SCP server",
	"undo ssh server compatible-ssh1x":   "Disable compatibility with SSH1 clients",
	"undo ssh2 algorithm":                "Restore the default algorithms",
	"assign publickey":                   "Specify the peer public keys, tried in order",
	"ssh server compatible-ssh1x enable": "Enable compatibility with SSH1 clients (refused)",
	"undo ssh server compatible-ssh1x enable": "Disable compatibility with SSH1 clients",
})

var sshArgHelp = map[string]string{
	"sshport":     "Port number",
	"sshretries":  "Maximum number of authentication attempts",
	"sshtimeout":  "Authentication timeout in seconds",
	"sftpidle":    "Idle timeout in minutes",
	"sshacl":      "ACL number",
	"sshuser":     "SSH user name",
	"pk1":         "Public key name",
	"pk2":         "Public key name",
	"pk3":         "Public key name",
	"pk4":         "Public key name",
	"pk5":         "Public key name",
	"pk6":         "Public key name",
	"ciphers":     "Encryption algorithms in order of preference",
	"kexes":       "Key exchange algorithms in order of preference",
	"macs":        "MAC algorithms in order of preference",
	"hostkeyalgs": "Host public key algorithms in order of preference",
}
