// Command vtyd is an SSH server that simulates an HPE Comware 7 switch: see README.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"vtyd/gateway"
	"vtyd/netconf"
	"vtyd/sshsrv"
	"vtyd/switchctl"
	"vtyd/themes"
)

// shutdownGrace is how long open sessions get to end after SIGINT or SIGTERM.
const shutdownGrace = 10 * time.Second

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "vtyd:", err)
		os.Exit(1)
	}
}

// options are the command line, each flag falling back to an environment variable.
type options struct {
	listen, data, adminPassword, adminKey, model string
	netconfBrand                                 netconf.Brand // "" for the model's
	vtyLines                                     int
	simSeed                                      int64
	simFlaps                                     bool
	theme                                        string
	fleet, shard                                 string
	gateway, gatewayUsers                        string
	set                                          map[string]bool // the flags given on the command line
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("vtyd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.listen, "listen", envOr("VTYD_LISTEN", "127.0.0.1:2222"), "address to listen on, host:port (port 0 picks a free one) [VTYD_LISTEN]")
	fs.StringVar(&o.data, "data", envOr("VTYD_DATA", "./vtyd-data"), "data directory: flash/, keys/, vtyd.json [VTYD_DATA]")
	fs.StringVar(&o.adminPassword, "admin-password", os.Getenv("VTYD_ADMIN_PASSWORD"), "set admin's password and SSH access at start (default: generated on first start) [VTYD_ADMIN_PASSWORD]")
	fs.StringVar(&o.adminKey, "admin-key", os.Getenv("VTYD_ADMIN_KEY"), "authorized_keys file whose keys are assigned to admin [VTYD_ADMIN_KEY]")
	fs.StringVar(&o.model, "model", switchctl.DefaultModel, "device model: "+strings.Join(switchctl.Models(), ", "))
	brand := fs.String("netconf-brand", "", "whose Comware the device's NETCONF speaks as: hp, hpe or h3c (the hello's extension capability and its tables' namespaces; default: the model's, hpe)")
	fs.IntVar(&o.vtyLines, "vty-lines", switchctl.DefaultVTYLines, "VTY lines, the number of concurrent shells")
	fs.Int64Var(&o.simSeed, "sim-seed", switchctl.DefaultSimSeed, "seed of the simulated network: the same seed gives the same neighbours, tables and counters")
	fs.StringVar(&o.theme, "theme", envOr("VTYD_THEME", themes.DefaultName), "the console's default theme: "+strings.Join(themes.Names(), ", ")+", or a user theme in DATA/themes [VTYD_THEME]")
	fs.BoolVar(&o.simFlaps, "sim-flaps", false, "let links flap at random (off: a stable device for tests and scripts)")
	fs.StringVar(&o.fleet, "fleet", os.Getenv("VTYD_FLEET"), "serve the devices of a fleet file (YAML, or a containerlab *.clab.yml) instead of one device [VTYD_FLEET]")
	fs.StringVar(&o.shard, "shard", "", "with --fleet: serve only shard K of N (K/N, K from 0), a deterministic share of the devices")
	fs.StringVar(&o.gateway, "gateway", os.Getenv("VTYD_GATEWAY"), "also listen here (host:port) as the gateway: one address for people in front of every device, as user@device [VTYD_GATEWAY]")
	fs.StringVar(&o.gatewayUsers, "gateway-users", os.Getenv("VTYD_GATEWAY_USERS"), "the gateway's users: a YAML file of names, roles, devices and credentials (see examples/gateway-users.yml) [VTYD_GATEWAY_USERS]")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: vtyd [flags]\n\nvtyd serves a simulated HPE Comware 7 switch over SSH.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q (see -h)", fs.Arg(0))
	}
	if o.vtyLines <= 0 {
		return o, fmt.Errorf("--vty-lines %d: must be at least 1", o.vtyLines)
	}
	if *brand != "" {
		b, err := netconf.ParseBrand(*brand)
		if err != nil {
			return o, fmt.Errorf("--netconf-brand %q: want hp, hpe or h3c", *brand)
		}
		o.netconfBrand = b
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if o.gateway != "" && o.gatewayUsers == "" {
		return o, errors.New("--gateway needs --gateway-users FILE: the gateway has users of its own")
	}
	if o.gateway == "" && o.gatewayUsers != "" {
		return o, errors.New("--gateway-users goes with --gateway ADDR")
	}
	if o.fleet == "" && o.shard != "" {
		return o, errors.New("--shard needs --fleet")
	}
	if o.fleet != "" {
		// What a fleet file says per device is not also a flag: one source of truth.
		for _, name := range []string{"listen", "model", "sim-seed", "netconf-brand"} {
			if o.set[name] {
				return o, fmt.Errorf("--%s does not go with --fleet: set it in the fleet file (defaults or per device)", name)
			}
		}
	}
	return o, nil
}

func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "inventory" {
		return inventory(args[1:], stdout, stderr)
	}
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	// Authentication events are written in sshd's words so that fail2ban's sshd filter reads them.
	log := slog.New(sshsrv.NewLogHandler(stderr, nil))

	var adminKeys []byte
	if o.adminKey != "" {
		if adminKeys, err = os.ReadFile(o.adminKey); err != nil {
			return fmt.Errorf("--admin-key: %w", err)
		}
	}
	// User themes are files in DATA/themes; a bad one is reported with its file and line and skipped.
	cat, err := themes.LoadDir(filepath.Join(o.data, "themes"))
	if err != nil {
		log.Warn("user themes skipped", "err", err)
	}
	if _, err := cat.Get(o.theme); err != nil {
		return fmt.Errorf("--theme: %w", err)
	}
	// A bad users file is refused before any device starts.
	var users *gateway.Users
	if o.gateway != "" {
		if users, err = gateway.LoadUsers(o.gatewayUsers); err != nil {
			return fmt.Errorf("--gateway-users: %w", err)
		}
	}
	if o.fleet != "" {
		return runFleet(o, users, adminKeys, cat, stdout, log)
	}
	dev, err := startDevice(deviceSpec{listen: o.listen, flaps: o.simFlaps, brand: o.netconfBrand, opts: switchctl.Options{Dir: o.data,
		Model: o.model, VTYLines: o.vtyLines, AdminPassword: o.adminPassword, AdminKeys: adminKeys, Logger: log,
		SimSeed: o.simSeed, SimFlaps: o.simFlaps}}, cat, o.theme, stdout, log)
	if err != nil {
		return err
	}
	devs := []*device{dev}
	if o.gateway != "" {
		gw, err := startGateway(o, users, singleBehind(dev), cat, stdout, log)
		if err != nil {
			closeListeners(devs)
			return err
		}
		devs = append(devs, gw)
	}
	return serve(devs, log, func() {})
}

// syncSimulation lets the simulated network move on its own (link flaps and their log lines) even
// when nobody runs a display command; the simulation is otherwise computed when asked.
func syncSimulation(d *switchctl.Device) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for range t.C {
		d.SimSync()
	}
}
