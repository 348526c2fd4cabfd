package sshsrv

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// portListener hands out 127.0.0.1:0 listeners for the NETCONF port and says which port the
// configuration asked for.
type portListener struct{ opened chan opened }

type opened struct {
	port int
	addr string
	ln   net.Listener
}

func (p *portListener) listen(_ string, port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err == nil {
		p.opened <- opened{port, ln.Addr().String(), ln}
	}
	return ln, err
}

func (p *portListener) next(t *testing.T) opened {
	t.Helper()
	select {
	case o := <-p.opened:
		return o
	case <-time.After(10 * time.Second):
		t.Fatal("the NETCONF port was not opened")
	}
	return opened{}
}

func dialAs(t *testing.T, addr, user, pw string) (*gossh.Client, error) {
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, Auth: []gossh.AuthMethod{gossh.Password(pw)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, err
}

// The NETCONF port opens with netconf ssh server enable, moves with its port and closes with undo;
// it serves the netconf subsystem with the device's authentication, and nothing else.
func TestNetconfPort(t *testing.T) {
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	pl := &portListener{opened: make(chan opened, 4)}
	env := serveDevice(t, Config{NetconfListen: pl.listen}, d)
	e := &xferEnv{addr: env.addr, d: d}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { env.srv.ServeNetconfPort(ctx, "127.0.0.1"); close(done) }()
	t.Cleanup(func() { cancel(); <-done })

	e.configure(t, "netconf ssh server enable")
	o := pl.next(t)
	if o.port != 830 {
		t.Errorf("opened port %d, want 830", o.port)
	}
	if _, err := dialAs(t, o.addr, "admin", "wrong"); err == nil {
		t.Error("a wrong password was let in on the NETCONF port")
	}
	c, err := dialAs(t, o.addr, "admin", "secret")
	if err != nil {
		t.Fatal(err)
	}
	nc := openNetconf(t, c)
	if hello, err := nc.readEOM(); err != nil || !strings.Contains(hello, "<session-id>") {
		t.Fatalf("hello = %q, %v", hello, err)
	}
	fmt.Fprint(nc.in, `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>`)
	fmt.Fprint(nc.in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><CLI><Execution>display vlan</Execution></CLI></rpc>]]>]]>`)
	if r, err := nc.readEOM(); err != nil || !strings.Contains(r, "Total VLANs") {
		t.Errorf("reply = %q, %v", r, err)
	}
	// An exec, a shell or SFTP on the NETCONF port is refused with the reason.
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	sess.Stderr = &stderr
	if out, err := sess.Output("display version"); err == nil || len(out) > 0 || !strings.Contains(stderr.String(), "Only the netconf subsystem") {
		t.Errorf("exec on the NETCONF port: %q, %v, stderr %q", out, err, stderr.String())
	}
	if _, _, err := sftpSession(t, c); err == nil {
		t.Error("SFTP served on the NETCONF port")
	}

	e.configure(t, "netconf ssh server port 8300")
	moved := pl.next(t)
	if moved.port != 8300 {
		t.Errorf("moved to port %d, want 8300", moved.port)
	}
	if _, err := dialAs(t, o.addr, "admin", "secret"); err == nil {
		t.Error("the old NETCONF port still answers")
	}
	e.configure(t, "undo netconf ssh server enable")
	waitFor(t, "the NETCONF port to close", func() bool {
		c, err := net.DialTimeout("tcp", moved.addr, time.Second)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
}
