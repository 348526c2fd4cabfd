package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/ssh"
)

// relay is the least an SSH relay with connection reuse does on the Go SSH stack, the reference
// of bench/gateway-bench.sh: a few connections to the switch opened once, and each exec the server
// gets run as an exec on a new session channel of one of them, its output and exit status passed
// back as they are. No PTY, no prompts, no audit, no pool bookkeeping: whatever vtyd's gateway
// costs beyond this is its own.
type relay struct {
	clients []*ssh.Client
	next    atomic.Uint32
}

// relayOptions say where the switch is and how to log in to it.
type relayOptions struct {
	addr, user, keyFile string
	hostKeys            string // the switch's host key fingerprints, SHA256:…, comma-separated
	conns               int
}

func dialRelay(o relayOptions) (*relay, error) {
	pem, err := os.ReadFile(o.keyFile)
	if err != nil {
		return nil, err
	}
	signer, err := ssh.ParsePrivateKey(pem)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.keyFile, err)
	}
	pinned := map[string]bool{}
	for _, fp := range strings.Split(o.hostKeys, ",") {
		if fp != "" {
			pinned[fp] = true
		}
	}
	if len(pinned) == 0 {
		return nil, errors.New("-relay-host-key is required with -relay")
	}
	cfg := &ssh.ClientConfig{
		User: o.user,
		Auth: []ssh.AuthMethod{ssh.PublicKeys(signer)},
		HostKeyCallback: func(_ string, _ net.Addr, key ssh.PublicKey) error {
			if !pinned[ssh.FingerprintSHA256(key)] {
				return fmt.Errorf("host key %s is not pinned", ssh.FingerprintSHA256(key))
			}
			return nil
		},
		Timeout: 10 * time.Second,
	}
	r := &relay{}
	for i := 0; i < max(o.conns, 1); i++ {
		c, err := ssh.Dial("tcp", o.addr, cfg)
		if err != nil {
			r.close()
			return nil, err
		}
		r.clients = append(r.clients, c)
	}
	return r, nil
}

// exec runs command on the switch with the channel's stdout and stderr as its own, and returns
// the switch's exit status (255 when the switch gave none).
func (r *relay) exec(ch ssh.Channel, command string) uint32 {
	c := r.clients[int(r.next.Add(1))%len(r.clients)]
	s, err := c.NewSession()
	if err != nil {
		fmt.Fprintln(ch.Stderr(), "relay:", err)
		return 255
	}
	defer s.Close()
	s.Stdout, s.Stderr = ch, ch.Stderr()
	err = s.Run(command)
	var exit *ssh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return uint32(exit.ExitStatus())
	default:
		fmt.Fprintln(ch.Stderr(), "relay:", err)
		return 255
	}
}

func (r *relay) close() {
	for _, c := range r.clients {
		_ = c.Close()
	}
}
