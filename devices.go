package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/crypto/ssh"

	"vtyd/netconf"
	"vtyd/sshsrv"
	"vtyd/switchctl"
	"vtyd/themes"
)

// deviceSpec is one device to serve: how to open it and where its SSH server listens.
type deviceSpec struct {
	name   string // the fleet's name for it; "" for the single device of a vtyd without a fleet
	listen string
	flaps  bool          // let the simulation move on its own (--sim-flaps)
	brand  netconf.Brand // its NETCONF brand (--netconf-brand, netconf_brand); "" for the model's
	opts   switchctl.Options
}

// device is a device and its SSH server, listening.
type device struct {
	name       string
	firstStart bool // it booted the factory configuration of a new device
	d          *switchctl.Device
	srv        *sshsrv.Server
	ln         net.Listener
	log        *slog.Logger
}

// startDevice opens a device, tells the operator what its boot did, and has its SSH server listen.
// Nothing of it runs when it fails: the simulation's own goroutine starts only once it listens.
func startDevice(spec deviceSpec, cat *themes.Catalog, theme string, stdout io.Writer, log *slog.Logger) (*device, error) {
	authLog := log // sshd-format lines stay whole for fail2ban: no device= after them
	if spec.name != "" {
		log = log.With("device", spec.name)
		spec.opts.Logger = log
	}
	d, rep, err := switchctl.Open(spec.opts)
	if err != nil {
		return nil, err
	}
	report(d, rep, spec.name, stdout, log)
	if err := logHostKeys(d, log); err != nil {
		return nil, err
	}
	// Shells with a capable terminal get the console; the rest (and automation) the line CLI.
	srv, err := sshsrv.New(sshsrv.Config{Console: newConsole(d, cat, theme, log), AuthLog: authLog,
		NetconfBrand: spec.brand}, d, log)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", spec.listen)
	if err != nil {
		return nil, err
	}
	log.Info("listening", "addr", ln.Addr().String())
	if spec.flaps {
		go syncSimulation(d)
	}
	return &device{name: spec.name, firstStart: rep.FirstStart, d: d, srv: srv, ln: ln, log: log}, nil
}

// report tells the operator what the boot did: the one-time admin password and refused lines.
func report(d *switchctl.Device, rep switchctl.BootReport, name string, stdout io.Writer, log *slog.Logger) {
	startup := rep.StartupFile
	if startup == "" {
		startup = "factory configuration"
	}
	log.Info("device booted", "model", d.Model().ID, "sysname", d.Sysname(), "startup", startup, "first_start", rep.FirstStart)
	if rep.GeneratedPassword != "" {
		of := ""
		if name != "" {
			of = " of " + name
		}
		fmt.Fprintf(stdout, "admin password%s: %s (shown once; change it with local-user admin / password simple ...)\n",
			of, rep.GeneratedPassword)
	}
	for _, w := range rep.Warnings {
		log.Warn(w)
	}
	// The line itself is not logged: it may hold a secret (password simple ...).
	for _, e := range rep.LoadErrors {
		log.Warn("startup configuration line refused", "file", rep.StartupFile, "line", e.Line,
			"err", strings.TrimSpace(switchctl.Message(e.Err)))
	}
}

func logHostKeys(d *switchctl.Device, log *slog.Logger) error {
	signers, err := d.Keys().Signers(false)
	if err != nil {
		return err
	}
	for _, s := range signers {
		pub := s.PublicKey()
		log.Info("host key", "type", pub.Type(), "fingerprint", ssh.FingerprintSHA256(pub))
	}
	return nil
}

// serve runs the devices' servers until SIGINT or SIGTERM asks them to stop, or every one of them
// has failed; a device whose server fails is reported and the others go on. On a signal, sessions
// get shutdownGrace to end before they are closed, on every device at once. ready is called once
// the signals are caught: a script that stops vtyd as soon as it says it serves stops it cleanly.
func serve(devs []*device, log *slog.Logger, ready func()) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ready()
	failed := make(chan error, len(devs))
	var wg sync.WaitGroup
	for _, dv := range devs {
		wg.Add(2)
		go func() {
			defer wg.Done()
			// NETCONF's own port, on the address the device's SSH server listens on, while
			// `netconf ssh server enable` is set.
			host, _, _ := net.SplitHostPort(dv.ln.Addr().String())
			dv.srv.ServeNetconfPort(ctx, host)
		}()
		go func() {
			defer wg.Done()
			if err := dv.srv.Serve(dv.ln); !errors.Is(err, sshsrv.ErrServerClosed) {
				dv.log.Error("serve failed", "err", err)
				failed <- fmt.Errorf("serve %s: %w", dv.ln.Addr(), err)
			}
		}()
	}
	var errs []error
wait:
	for len(errs) < len(devs) {
		select {
		case err := <-failed:
			errs = append(errs, err)
		case <-ctx.Done():
			break wait
		}
	}
	if len(errs) == len(devs) {
		stop() // ends the NETCONF ports' watchers too
		wg.Wait()
		return errors.Join(errs...)
	}
	stop()
	log.Info("shutting down", "grace", shutdownGrace.String(), "devices", len(devs))
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	var mu sync.Mutex
	var sdErr error
	var sw sync.WaitGroup
	for _, dv := range devs {
		sw.Add(1)
		go func() {
			defer sw.Done()
			err := dv.srv.Shutdown(sctx)
			if errors.Is(err, context.DeadlineExceeded) {
				dv.log.Warn("sessions still open after the grace period were closed")
				err = nil
			}
			mu.Lock()
			sdErr = errors.Join(sdErr, err)
			mu.Unlock()
		}()
	}
	sw.Wait()
	wg.Wait()
	if sdErr != nil {
		return fmt.Errorf("shutdown: %w", sdErr)
	}
	log.Info("stopped")
	return nil
}
