package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"

	"vtyd/fleet"
	"vtyd/gateway"
	"vtyd/sshsrv"
	"vtyd/switchctl"
	"vtyd/themes"
)

// gatewayName is the name of the gateway's own device, which holds its SSH settings and host keys
// (DATA/gateway) and on which nobody logs in: the gateway's users log in to devices behind it.
const gatewayName = "gateway"

// startGateway has the gateway listen on o.gateway in front of behind, for the users of the
// --gateway-users file. Its host keys are made once in DATA/gateway and kept.
func startGateway(o options, users *gateway.Users, behind []*gateway.Device, cat *themes.Catalog, stdout io.Writer,
	log *slog.Logger) (*device, error) {
	authLog := log
	log = log.With("device", gatewayName)
	// Nobody logs in to the gateway's own device: its admin gets a hash that matches no password,
	// and no password is made up and shown.
	d, rep, err := switchctl.Open(switchctl.Options{Dir: filepath.Join(o.data, gatewayName), Name: gatewayName,
		FactoryAdminHash: "!", VTYLines: o.vtyLines, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	report(d, rep, gatewayName, stdout, log)
	if err := logHostKeys(d, log); err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	front := gateway.New(users, behind)
	au, err := openGatewayAudit(filepath.Join(o.data, gatewayName), log)
	if err != nil {
		return nil, fmt.Errorf("gateway audit: %w", err)
	}
	srv, err := sshsrv.New(sshsrv.Config{Gateway: front, Audit: au, Console: newGatewayConsole(front, au, cat, o.theme, log),
		AuthLog: authLog}, d, log)
	if err != nil {
		return nil, fmt.Errorf("gateway: %w", err)
	}
	ln, err := net.Listen("tcp", o.gateway)
	if err != nil {
		return nil, fmt.Errorf("--gateway: %w", err)
	}
	log.Info("gateway listening", "addr", ln.Addr().String(), "users", len(users.Names()), "devices", len(behind))
	return &device{name: gatewayName, d: d, srv: srv, ln: ln, log: log}, nil
}

// fleetBehind is the fleet's devices as the gateway sees them: those that started with their
// servers, the others with why they did not (failed is by index of devs).
func fleetBehind(devs []fleet.Device, started []*device, failed []error) []*gateway.Device {
	byName := make(map[string]*device, len(started))
	for _, dv := range started {
		byName[dv.name] = dv
	}
	out := make([]*gateway.Device, len(devs))
	for i, fd := range devs {
		g := &gateway.Device{Name: fd.Name, Model: fd.Model, Address: fd.Listen, Tags: fd.Tags}
		if dv := byName[fd.Name]; dv != nil {
			g.Server, g.Address = dv.srv, dv.ln.Addr().String()
		} else if failed[i] != nil {
			g.State = "not started: " + failed[i].Error()
		} else {
			g.State = "not started"
		}
		out[i] = g
	}
	return out
}

// singleBehind is the one device of a vtyd without a fleet, as the gateway sees it: by its sysname.
func singleBehind(dv *device) []*gateway.Device {
	return []*gateway.Device{{Name: dv.d.Sysname(), Model: dv.d.Model().ID, Address: dv.ln.Addr().String(), Server: dv.srv}}
}

// closeListeners undoes the start of devices that will not serve: nothing half-started stays.
func closeListeners(devs []*device) {
	for _, dv := range devs {
		_ = dv.ln.Close()
	}
}
