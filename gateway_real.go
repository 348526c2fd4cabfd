package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/fleet"
	"vtyd/gateway"
	"vtyd/remote"
	"vtyd/sshsrv"
)

// gatewayPerDevice is how many sessions the gateway has open at once on one real switch: operators'
// shells, consoles (two each) and execs, all on one pooled connection. SSH servers bound the
// sessions of one connection (OpenSSH's MaxSessions and vtyd's are 10), and Comware has 64 VTY lines
// (16 on older releases): 8 stays under both, and more wait their turn.
const gatewayPerDevice = 8

// realBehind is the fleet's real switches (kind ssh) as the gateway reaches them: a remoteSwitch
// per gateway role that has an account on the switch, over pool. A switch whose pinning cannot be
// read (a known_hosts file that does not parse) is listed with why and reached by nobody.
func realBehind(devs []fleet.Device, pool *remote.Pool) []*gateway.Device {
	out := make([]*gateway.Device, 0, len(devs))
	for _, fd := range devs {
		g := &gateway.Device{Name: fd.Name, Model: fd.Model, Address: fd.Addr(), Tags: fd.Tags,
			Remotes: map[gateway.Role]sshsrv.Remote{}}
		hostKey, err := pinning(fd)
		if err != nil {
			g.State = "host key: " + err.Error()
			out = append(out, g)
			continue
		}
		health := &switchHealth{}
		g.Health = health.String
		for _, role := range []string{"operator", "admin"} { // the prober logs in with the least
			cred, ok := fd.SSH.Credentials[role]
			if !ok {
				continue
			}
			rs := &remoteSwitch{pool: pool, target: remote.Target{Name: fd.Name, Addr: fd.Addr(), User: cred.User,
				Auth: []gossh.AuthMethod{authMethod(cred)}, HostKey: hostKey}, poll: fd.SSH.Poll, health: health}
			if len(g.Remotes) == 0 {
				go probeSwitch(context.Background(), rs, health, min(max(fd.SSH.Poll, 30*time.Second), 5*time.Minute))
			}
			g.Remotes[gateway.Role(role)] = rs
		}
		out = append(out, g)
	}
	return out
}

// pinning is how the switch's host key is checked: the fleet file says which way.
func pinning(fd fleet.Device) (gossh.HostKeyCallback, error) {
	t := fd.SSH
	switch {
	case len(t.Fingerprints) > 0:
		return remote.HostKeyPinned(fd.Name, t.Fingerprints), nil
	case t.TOFU:
		return remote.HostKeyTOFU(fd.Name, t.KnownHosts), nil
	case t.KnownHosts != "":
		return remote.HostKeyKnownHosts(fd.Name, t.KnownHosts)
	}
	return nil, fmt.Errorf("%s: no host key pinning", fd.Name)
}

// authMethod is the credential as SSH sends it, read when the connection is made: a password or
// a key changed on disk applies to the next connection without a restart.
func authMethod(c fleet.Credential) gossh.AuthMethod {
	if c.KeyFile != "" {
		return gossh.PublicKeysCallback(func() ([]gossh.Signer, error) {
			pem, err := c.Key()
			if err != nil {
				return nil, err
			}
			s, err := gossh.ParsePrivateKey(pem)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Base(c.KeyFile), err)
			}
			return []gossh.Signer{s}, nil
		})
	}
	return gossh.PasswordCallback(c.Secret)
}
