package switchctl

import (
	"errors"
	"fmt"
)

// The NETCONF agent's settings: `netconf ssh server enable` and `netconf ssh server port`. switchctl
// stores them; sshsrv reads them through NetconfSettings for every subsystem request, and package
// netconf serves the protocol.

// DefaultNetconfPort is Comware's NETCONF over SSH port when `netconf ssh server port` is not set
// (and ncclient's default, PORT_NETCONF_DEFAULT).
const DefaultNetconfPort = 830

// NetconfConfig is the NETCONF over SSH server's configuration. Comware ships with it off.
type NetconfConfig struct {
	Enabled bool
	Port    int
}

func netconfRows() []Row {
	sec := func(path string, run Handler) Row {
		return Row{Views: InSystem, Path: path, Priv: PrivSecurity, Run: run}
	}
	return []Row{
		sec("netconf ssh server enable", netconfEnable(true)),
		sec("undo netconf ssh server enable", netconfEnable(false)),
		sec("netconf ssh server port <ncport:1-65535>", runNetconfPort),
		sec("undo netconf ssh server port", runNetconfPort),
		// xml: a NETCONF session inside the CLI login. The engine cannot speak NETCONF (package
		// netconf imports switchctl); the adapter that owns the stream does, on ErrXMLMode.
		{Views: InUser, Path: "xml", Priv: PrivRead, Run: runXML},
	}
}

// ErrXMLMode asks the session's adapter to serve NETCONF on its stream (the `xml` command) and
// come back to the CLI after <close-session>. An adapter that cannot is left with its message.
var ErrXMLMode = errors.New("switchctl: xml mode")

func runXML(*Ctx) error {
	return refuse(ErrXMLMode, "The xml command is not available in this session.")
}

func netconfEnable(on bool) Handler {
	return func(c *Ctx) error {
		return c.D.update(func(cfg *Config) error { cfg.Netconf.Enabled = on; return nil })
	}
}

func runNetconfPort(c *Ctx) error {
	port := DefaultNetconfPort
	if c.A.IsSet("ncport") {
		port = c.A.Int("ncport")
	}
	return c.D.update(func(cfg *Config) error { cfg.Netconf.Port = port; return nil })
}

// NetconfSettings is a copy of the NETCONF over SSH settings.
func (d *Device) NetconfSettings() NetconfConfig {
	var n NetconfConfig
	d.read(func(c *Config) { n = c.Netconf })
	return n
}

func (c *Config) renderNetconf(r *renderer) {
	n := c.Netconf
	if !n.Enabled && n.Port == DefaultNetconfPort {
		return
	}
	r.sep()
	if n.Enabled {
		r.line(" netconf ssh server enable")
	}
	if n.Port != DefaultNetconfPort {
		r.line(" netconf ssh server port %d", n.Port)
	}
}

var netconfHelp = pathHelp(netconfRows(), map[string]string{
	"xml":                            "Enter XML view",
	"netconf":                        "NETCONF configuration",
	"netconf ssh":                    "NETCONF over SSH configuration",
	"netconf ssh server":             "NETCONF over SSH server configuration",
	"netconf ssh server enable":      "Enable NETCONF over SSH",
	"netconf ssh server port":        "Specify the port number of the NETCONF over SSH server",
	"undo netconf":                   "NETCONF configuration",
	"undo netconf ssh":               "NETCONF over SSH configuration",
	"undo netconf ssh server":        "NETCONF over SSH server configuration",
	"undo netconf ssh server enable": "Disable NETCONF over SSH",
	"undo netconf ssh server port":   fmt.Sprintf("Restore the default port number (%d)", DefaultNetconfPort),
})

var netconfArgHelp = map[string]string{"ncport": "Port number"}
