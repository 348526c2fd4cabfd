package netconf

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"vtyd/switchctl"
)

// A test client: the hand-written framing of RFC 6242 on the other end of a net.Pipe, so that the
// server's framer is checked against an independent reader.

const clientHello10 = `<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>`
const clientHello11 = `<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability><capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>`

type client struct {
	t       testing.TB
	conn    net.Conn
	r       *bufio.Reader
	chunked bool
	hello   string
	done    chan error // Serve's result
	login   *switchctl.Login
}

func newDevice(t testing.TB) *switchctl.Device {
	t.Helper()
	d, _, err := switchctl.Open(switchctl.Options{Dir: t.TempDir(), SeedKeys: true, BcryptCost: 4, NoRSA: true})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// start serves a session for user with roles on d, without the hello exchange.
func start(t testing.TB, d *switchctl.Device, cfg Config, roles ...string) *client {
	t.Helper()
	if len(roles) == 0 {
		roles = []string{switchctl.RoleAdmin}
	}
	srv, cli := net.Pipe()
	login := d.Register(switchctl.SessionInfo{User: "admin", Roles: roles, Line: -1, Proto: "NETCONF",
		Service: "NETCONF", Remote: "127.0.0.1:5000"})
	cfg.Device, cfg.Login = d, login
	c := &client{t: t, conn: cli, r: bufio.NewReader(cli), done: make(chan error, 1), login: login}
	go func() {
		err := Serve(context.Background(), srv, cfg)
		login.End()
		c.done <- err
	}()
	t.Cleanup(func() { _ = cli.Close(); <-c.done })
	_ = cli.SetDeadline(time.Now().Add(20 * time.Second)) // a broken server fails the test, not hangs it
	return c
}

// open starts a session and exchanges hellos, in base:1.1 when v11.
func open(t testing.TB, d *switchctl.Device, v11 bool, roles ...string) *client {
	t.Helper()
	c := start(t, d, Config{Brand: BrandHP}, roles...)
	c.hello = c.readEOM()
	h := clientHello10
	if v11 {
		h = clientHello11
	}
	c.send(h)
	c.chunked = v11
	return c
}

func (c *client) send(msg string) {
	c.t.Helper()
	var err error
	if c.chunked {
		_, err = fmt.Fprintf(c.conn, "\n#%d\n%s\n##\n", len(msg), msg)
	} else {
		_, err = io.WriteString(c.conn, msg+eom)
	}
	if err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

func (c *client) readEOM() string {
	c.t.Helper()
	var b strings.Builder
	for !strings.HasSuffix(b.String(), eom) {
		ch, err := c.r.ReadByte()
		if err != nil {
			c.t.Fatalf("read after %q: %v", b.String(), err)
		}
		b.WriteByte(ch)
	}
	return strings.TrimSuffix(b.String(), eom)
}

func (c *client) readChunked() string {
	c.t.Helper()
	var b strings.Builder
	for {
		var n int
		hdr, err := c.r.ReadString('\n')
		if err == nil && hdr == "\n" {
			hdr, err = c.r.ReadString('\n')
		}
		if err != nil {
			c.t.Fatalf("chunk header: %v", err)
		}
		if hdr == "##\n" {
			return b.String()
		}
		if _, err := fmt.Sscanf(hdr, "#%d\n", &n); err != nil {
			c.t.Fatalf("chunk header %q: %v", hdr, err)
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(c.r, buf); err != nil {
			c.t.Fatal(err)
		}
		b.Write(buf)
	}
}

func (c *client) read() string {
	c.t.Helper()
	if c.chunked {
		return c.readChunked()
	}
	return c.readEOM()
}

// rpc sends one operation with message-id id and returns the reply.
func (c *client) rpc(id, op string) string {
	c.t.Helper()
	c.send(`<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="` + id + `">` + op + `</rpc>`)
	return c.read()
}

// closed waits for the server to end the session and returns Serve's result.
func (c *client) closed() error {
	c.t.Helper()
	_, _ = io.Copy(io.Discard, c.r) // the server closes its end: EOF
	select {
	case err := <-c.done:
		c.done <- err
		return err
	case <-time.After(20 * time.Second):
		c.t.Fatal("the session did not end")
		return nil
	}
}

func mustContain(t testing.TB, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("reply lacks %q:\n%s", w, got)
		}
	}
}
