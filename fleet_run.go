package main

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/crypto/bcrypt"

	"vtyd/fleet"
	"vtyd/gateway"
	"vtyd/netconf"
	"vtyd/remote"
	"vtyd/switchctl"
	"vtyd/themes"
)

// runFleet serves the devices of the fleet file o.fleet (the share --shard gives this process),
// each a switch of its own on its own address. A fleet file with any problem is refused whole,
// before anything starts; a device that cannot start (its address in use, a broken data directory)
// is reported by name and the others serve.
func runFleet(o options, users *gateway.Users, adminKeys []byte, cat *themes.Catalog, stdout io.Writer, log *slog.Logger) error {
	f, err := fleet.Load(o.fleet, fleet.Options{DataDir: o.data})
	if err != nil {
		return err
	}
	for _, n := range f.Notes {
		log.Info("fleet: " + n)
	}
	devs := f.Simulated() // real switches (kind ssh) are reached, not served
	if o.shard != "" {
		k, n, err := fleet.ParseShard(o.shard)
		if err != nil {
			return fmt.Errorf("--shard: %w", err)
		}
		devs = f.Shard(k, n)
		log.Info("fleet shard", "shard", o.shard, "devices", len(devs), "of", len(f.Simulated()))
	}
	reals := f.Real()
	if o.gateway == "" {
		reals = nil // real switches are reached through a gateway alone (every shard's, when several run one)
	}
	if len(devs) == 0 && len(reals) == 0 {
		return errors.New("the fleet (or this shard of it) has no device to serve")
	}
	// Without --admin-password, the fleet's new devices share one made-up password, hashed once:
	// a password each would cost a bcrypt each and a thousand lines no one could use.
	var factoryPassword, factoryHash string
	if o.adminPassword == "" {
		if factoryPassword, factoryHash, err = newAdminPassword(); err != nil {
			return err
		}
	}
	run := &openDevices{m: map[string]*switchctl.Device{}}
	specs := make([]deviceSpec, len(devs))
	for i, fd := range devs {
		specs[i] = deviceSpec{name: fd.Name, listen: fd.Listen, flaps: o.simFlaps, brand: netconf.Brand(fd.NetconfBrand), opts: switchctl.Options{
			Dir: fd.Data, Model: fd.Model, Name: fd.Name, Sysname: fd.Sysname, SimSeed: fd.Seed, NoRSA: !fd.RSA, VTYLines: o.vtyLines,
			AdminPassword: o.adminPassword, AdminKeys: adminKeys, SimFlaps: o.simFlaps, Wiring: f.Wiring(fd.Name, run.get),
			FactoryAdminHash: factoryHash}}
	}
	started, failed := startAll(specs, cat, o.theme, stdout, log, run, o.adminPassword != "")
	if len(started) == 0 && len(reals) == 0 {
		return errors.New("no device of the fleet started")
	}
	var fresh []string
	for _, dv := range started {
		if dv.firstStart {
			fresh = append(fresh, dv.name)
		}
	}
	if len(fresh) > 0 && factoryPassword != "" {
		fmt.Fprintf(stdout, "admin password of the %d new devices: %s (shown once; change it with local-user admin / password simple ...)\n",
			len(fresh), factoryPassword)
	}
	serving := len(started)
	if o.gateway != "" {
		behind := append(fleetBehind(devs, started, failed), realBehind(reals, remote.NewPool(remote.PoolOptions{PerDevice: gatewayPerDevice}))...)
		gw, err := startGateway(o, users, behind, cat, stdout, log)
		if err != nil {
			closeListeners(started)
			return err
		}
		started = append(started, gw)
	}
	return serve(started, log, func() { log.Info("fleet serving", "devices", serving, "of", len(specs)) })
}

// openDevices are the devices this process runs, by fleet name, as they open: the wiring reads a
// far device through it (nil until it has opened).
type openDevices struct {
	mu sync.RWMutex
	m  map[string]*switchctl.Device
}

func (o *openDevices) get(name string) *switchctl.Device {
	o.mu.RLock()
	defer o.mu.RUnlock()
	return o.m[name]
}

func (o *openDevices) add(name string, d *switchctl.Device) {
	o.mu.Lock()
	o.m[name] = d
	o.mu.Unlock()
}

// startAll starts the devices a few at a time and returns those that started, in spec order, and
// why each of the others did not (by spec index; nil for those that started). With
// --admin-password, the first device to start hashes it (or checks the hash it has) and the others
// take that hash: bcrypt costs some 75 ms of a core, a minute for a thousand devices.
func startAll(specs []deviceSpec, cat *themes.Catalog, theme string, stdout io.Writer, log *slog.Logger, run *openDevices,
	sharePassword bool) (started []*device, failed []error) {
	devs := make([]*device, len(specs))
	failed = make([]error, len(specs))
	start := func(i int) bool {
		dv, err := startDevice(specs[i], cat, theme, stdout, log)
		if err != nil {
			log.Error("device not started", "device", specs[i].name, "err", err)
			failed[i] = err
			return false
		}
		run.add(specs[i].name, dv.d)
		devs[i] = dv
		return true
	}
	next := 0
	for sharePassword && next < len(specs) {
		next++
		if start(next - 1) {
			for i := next; i < len(specs); i++ {
				specs[i].opts.AdminPasswordHash = devs[next-1].d.AdminHash()
			}
			break
		}
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				start(i)
			}
		}()
	}
	for i := next; i < len(specs); i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, dv := range devs {
		if dv != nil {
			started = append(started, dv)
		}
	}
	return started, failed
}

// inventory is `vtyd inventory --fleet FILE --format F`: what automation needs to reach every
// device of the fleet, printed in a tool's own format (fleet.WriteInventory).
func inventory(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("vtyd inventory", flag.ContinueOnError)
	fs.SetOutput(stderr)
	file := fs.String("fleet", os.Getenv("VTYD_FLEET"), "the fleet file (YAML, or a containerlab *.clab.yml) [VTYD_FLEET]")
	format := fs.String("format", "ansible", "output format: "+strings.Join(fleet.Formats(), ", "))
	data := fs.String("data", envOr("VTYD_DATA", "./vtyd-data"), "data directory the fleet's devices default to [VTYD_DATA]")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: vtyd inventory --fleet FILE [--format F]\n\nPrints an inventory of the fleet's devices for automation tools.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("inventory: unexpected argument %q (see -h)", fs.Arg(0))
	}
	if *file == "" {
		return errors.New("inventory: --fleet FILE is required")
	}
	f, err := fleet.Load(*file, fleet.Options{DataDir: *data})
	if err != nil {
		return err
	}
	return fleet.WriteInventory(stdout, f, *format)
}

// newAdminPassword makes up an admin password and its bcrypt hash.
func newAdminPassword() (pw, hash string, err error) {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	pw = strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	return pw, string(h), err
}
