// Command load is the load generator of bench/ssh-bench.sh. It drives one SSH server on loopback
// with the golang.org/x/crypto/ssh client and prints its findings as one line of key=value pairs:
//
//	load exec -addr A -key K -cmd 'display clock' -pid P   exec round trips (one connection each) at
//	                                                       -c concurrency: rate, p50/p99 latency, the
//	                                                       key exchange used, server CPU per connection
//	load hold -addr A -key K -sessions 200 -pid P          holds interactive sessions open and reports
//	                                                       the server's PSS per session
//	load freeport                                          prints a free loopback port (for sshd)
//	load keygen FILE                                       writes an Ed25519 key: FILE and FILE.pub
//
// Every loop is bounded in count and in time.
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: load exec|hold|freeport|keygen [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "exec":
		err = runExec(os.Args[2:])
	case "hold":
		err = runHold(os.Args[2:])
	case "freeport":
		err = freePort()
	case "keygen":
		if len(os.Args) != 3 {
			err = errors.New("usage: load keygen FILE")
		} else {
			err = keygen(os.Args[2])
		}
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// target is what both measuring modes need: where, who, and the server process to watch.
type target struct {
	addr, user, keyFile string
	pid                 int
	timeout             time.Duration
}

func (t *target) flags(fs *flag.FlagSet) {
	fs.StringVar(&t.addr, "addr", "", "server address host:port (loopback); exec takes several, comma-separated, in turn")
	fs.StringVar(&t.user, "user", "admin", "user name")
	fs.StringVar(&t.keyFile, "key", "", "private key file (public-key auth)")
	fs.IntVar(&t.pid, "pid", 0, "server process ID, for CPU and memory (0: not measured)")
	fs.DurationVar(&t.timeout, "timeout", 20*time.Second, "bound on each connection")
}

// clientConfig is the client every mode uses: one public key, Ed25519 host keys (every server in
// the benchmark has one), the library's default algorithm preferences otherwise.
func (t *target) clientConfig() (*ssh.ClientConfig, error) {
	if t.addr == "" || t.keyFile == "" {
		return nil, errors.New("-addr and -key are required")
	}
	for _, addr := range strings.Split(t.addr, ",") {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("%s: loopback addresses only", addr)
		}
	}
	keyPEM, err := os.ReadFile(t.keyFile)
	if err != nil {
		return nil, err
	}
	signer, err := ssh.ParsePrivateKey(keyPEM)
	if err != nil {
		return nil, err
	}
	return &ssh.ClientConfig{
		User:              t.user,
		Auth:              []ssh.AuthMethod{ssh.PublicKeys(signer)},
		HostKeyCallback:   ssh.InsecureIgnoreHostKey(), // loopback servers started by the script
		HostKeyAlgorithms: []string{ssh.KeyAlgoED25519},
		Timeout:           t.timeout,
	}, nil
}

// dial connects with a deadline on the whole handshake, not only the TCP connect.
func dial(addr string, cfg *ssh.ClientConfig) (*ssh.Client, error) {
	c, err := net.DialTimeout("tcp", addr, cfg.Timeout)
	if err != nil {
		return nil, err
	}
	_ = c.SetDeadline(time.Now().Add(cfg.Timeout))
	sc, chans, reqs, err := ssh.NewClientConn(c, addr, cfg)
	if err != nil {
		c.Close()
		return nil, err
	}
	_ = c.SetDeadline(time.Time{})
	return ssh.NewClient(sc, chans, reqs), nil
}

// defaultKex is x/crypto's default key-exchange preference (unexported there), in order.
var defaultKex = []string{ssh.KeyExchangeMLKEM768X25519, ssh.KeyExchangeCurve25519, ssh.KeyExchangeECDHP256,
	ssh.KeyExchangeECDHP384, ssh.KeyExchangeECDHP521, ssh.KeyExchangeDH14SHA256, ssh.InsecureKeyExchangeDH14SHA1}

// negotiatedKex finds the key exchange the default client settles on with the server: SSH picks the
// first algorithm in the client's list that the server supports, so the first one that works alone
// is it.
func negotiatedKex(addr string, cfg *ssh.ClientConfig) string {
	for _, kex := range defaultKex {
		probe := *cfg
		probe.KeyExchanges = []string{kex}
		if c, err := dial(addr, &probe); err == nil {
			c.Close()
			return kex
		}
	}
	return "unknown"
}

// freePort prints a loopback port that was free a moment ago, for servers (sshd) that cannot be
// handed a listener or asked to pick one.
func freePort() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	_, port, _ := strings.Cut(ln.Addr().String(), ":")
	fmt.Println(port)
	return nil
}

// keygen writes a new Ed25519 client key in OpenSSH format (0600) and its authorized_keys line.
func keygen(name string) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	block, err := ssh.MarshalPrivateKey(priv, "ssh-bench")
	if err != nil {
		return err
	}
	if err := os.WriteFile(name, pem.EncodeToMemory(block), 0o600); err != nil {
		return err
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		return err
	}
	return os.WriteFile(name+".pub", ssh.MarshalAuthorizedKey(signer.PublicKey()), 0o644)
}
