// Command bareserver is the floor of the Go SSH stack for bench/ssh-bench.sh: a golang.org/x/crypto/ssh
// server with nothing on top. It authenticates public keys from an authorized_keys file, answers an
// exec with fixed text and exit status 0, and holds a shell open (with or without a PTY) until the
// client leaves, so that the memory of a held session can be measured. It prints "listening ADDR".
//
// With -relay it is instead the reference relay of bench/gateway-bench.sh: each exec runs on the
// switch at that address over connections opened once (relay.go).
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sync"

	"golang.org/x/crypto/ssh"
)

// reply is what every exec gets: about as long as `display clock` prints.
const reply = "10:38:12.320 UTC Wed 11/25/2026\n"

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	keys := flag.String("authorized-keys", "", "authorized_keys file of the keys that may log in (required)")
	var ro relayOptions
	flag.StringVar(&ro.addr, "relay", "", "relay each exec to the SSH server at host:port instead of answering it")
	flag.StringVar(&ro.user, "relay-user", "admin", "user name on the relay's server")
	flag.StringVar(&ro.keyFile, "relay-key", "", "private key file for the relay's server")
	flag.StringVar(&ro.hostKeys, "relay-host-key", "", "the relay's server's host key fingerprints (SHA256:…, comma-separated)")
	flag.IntVar(&ro.conns, "relay-conns", 2, "connections the relay opens to its server")
	flag.Parse()
	var r *relay
	if ro.addr != "" {
		var err error
		if r, err = dialRelay(ro); err != nil {
			fmt.Fprintln(os.Stderr, "bareserver: relay:", err)
			os.Exit(1)
		}
		defer r.close()
	}
	if err := run(*listen, *keys, r); err != nil {
		fmt.Fprintln(os.Stderr, "bareserver:", err)
		os.Exit(1)
	}
}

func run(listen, keysFile string, r *relay) error {
	if keysFile == "" {
		return errors.New("-authorized-keys is required")
	}
	allowed, err := readAuthorizedKeys(keysFile)
	if err != nil {
		return err
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		return err
	}
	cfg := &ssh.ServerConfig{
		PublicKeyCallback: func(_ ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			if allowed[string(key.Marshal())] {
				return &ssh.Permissions{}, nil
			}
			return nil, errors.New("unknown key")
		},
	}
	cfg.AddHostKey(signer)
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	fmt.Printf("listening %s\n", ln.Addr())
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go serveConn(c, cfg, r)
	}
}

func readAuthorizedKeys(name string) (map[string]bool, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	allowed := map[string]bool{}
	for len(data) > 0 {
		key, _, _, rest, err := ssh.ParseAuthorizedKey(data)
		if err != nil {
			break // no more keys
		}
		allowed[string(key.Marshal())] = true
		data = rest
	}
	if len(allowed) == 0 {
		return nil, fmt.Errorf("%s: no keys", name)
	}
	return allowed, nil
}

func serveConn(c net.Conn, cfg *ssh.ServerConfig, r *relay) {
	defer c.Close()
	conn, chans, reqs, err := ssh.NewServerConn(c, cfg)
	if err != nil {
		return
	}
	defer conn.Close()
	go ssh.DiscardRequests(reqs)
	var wg sync.WaitGroup
	for nc := range chans {
		if nc.ChannelType() != "session" {
			_ = nc.Reject(ssh.UnknownChannelType, "only sessions")
			continue
		}
		ch, chReqs, err := nc.Accept()
		if err != nil {
			log.Printf("accept: %v", err)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			serveSession(ch, chReqs, r)
		}()
	}
	wg.Wait()
}

// serveSession answers pty-req and env with ok, exec with the fixed reply (or the relay's), and shell
// with a prompt, reading (and dropping) input until the client closes.
func serveSession(ch ssh.Channel, reqs <-chan *ssh.Request, r *relay) {
	defer ch.Close()
	for req := range reqs {
		switch req.Type {
		case "pty-req", "env", "window-change":
			if req.WantReply {
				_ = req.Reply(true, nil)
			}
		case "exec":
			_ = req.Reply(true, nil)
			if r != nil {
				var cmd struct{ Command string }
				if err := ssh.Unmarshal(req.Payload, &cmd); err != nil {
					fmt.Fprintln(ch.Stderr(), "relay: malformed exec request:", err)
					exit(ch, 255)
					return
				}
				exit(ch, r.exec(ch, cmd.Command))
				return
			}
			_, _ = io.WriteString(ch, reply)
			exit(ch, 0)
			return
		case "shell":
			_ = req.Reply(true, nil)
			go ssh.DiscardRequests(reqs)
			_, _ = io.WriteString(ch, "bare> ")
			_, _ = io.Copy(io.Discard, ch)
			exit(ch, 0)
			return
		default:
			if req.WantReply {
				_ = req.Reply(false, nil)
			}
		}
	}
}

func exit(ch ssh.Channel, status uint32) {
	_, _ = ch.SendRequest("exit-status", false, ssh.Marshal(struct{ Status uint32 }{status}))
}
