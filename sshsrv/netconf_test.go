package sshsrv

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// ncSession opens the netconf subsystem on c; ok false when the server refused it (the subsystem
// request fails or the channel ends at once), with what the server wrote to stderr.
type ncSession struct {
	sess   *gossh.Session
	in     io.WriteCloser
	out    *bufio.Reader
	stderr io.Reader
}

// refusal reads what the server wrote to stderr until the channel ends.
func (n *ncSession) refusal() string {
	b, _ := io.ReadAll(n.stderr)
	return string(b)
}

func openNetconf(t *testing.T, c *gossh.Client) *ncSession {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Close() })
	in, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	stderr, _ := sess.StderrPipe() // RequestSubsystem starts no copying goroutines: pipes, not Wait
	if err := sess.RequestSubsystem("netconf"); err != nil {
		t.Fatalf("netconf subsystem: %v", err)
	}
	return &ncSession{sess: sess, in: in, out: bufio.NewReader(out), stderr: stderr}
}

// readEOM reads one end-of-message framed message; "" and the error at the end of the stream.
func (n *ncSession) readEOM() (string, error) {
	var b strings.Builder
	for !strings.HasSuffix(b.String(), "]]>]]>") {
		c, err := n.out.ReadByte()
		if err != nil {
			return b.String(), err
		}
		b.WriteByte(c)
	}
	return strings.TrimSuffix(b.String(), "]]>]]>"), nil
}

func TestNetconfSubsystem(t *testing.T) {
	e := newXferServer(t, 0)
	// Off by default, as on Comware.
	off := openNetconf(t, e.login(t, "admin", "secret"))
	if msg, err := off.readEOM(); err == nil {
		t.Fatalf("NETCONF answered while disabled: %q", msg)
	}
	if msg := off.refusal(); !strings.Contains(msg, "netconf ssh server enable") {
		t.Errorf("stderr = %q, want the reason", msg)
	}

	e.configure(t, "netconf ssh server enable")
	nc := openNetconf(t, e.login(t, "admin", "secret"))
	hello, err := nc.readEOM()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hello, "urn:hpe:params:netconf:capability:hpe-netconf-ext:1.0") {
		t.Errorf("hello = %s", hello)
	}
	fmt.Fprint(nc.in, `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>`)
	fmt.Fprint(nc.in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><CLI><Configuration>vlan 42</Configuration></CLI></rpc>]]>]]>`)
	if r, err := nc.readEOM(); err != nil || !strings.Contains(r, "[HPE]vlan 42") {
		t.Errorf("CLI reply = %q, %v", r, err)
	}
	if !strings.Contains(e.d.CurrentConfig(), "vlan 42") {
		t.Error("VLAN 42 made over NETCONF is not in the running configuration")
	}
	// display ssh server session names the service.
	fmt.Fprint(nc.in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="2"><CLI><Execution>display ssh server session</Execution></CLI></rpc>]]>]]>`)
	if r, err := nc.readEOM(); err != nil || !strings.Contains(r, "NETCONF") {
		t.Errorf("display ssh server session = %q, %v", r, err)
	}
	fmt.Fprint(nc.in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="3"><close-session/></rpc>]]>]]>`)
	if r, err := nc.readEOM(); err != nil || !strings.Contains(r, "<ok/>") {
		t.Errorf("close-session = %q, %v", r, err)
	}
	if rest, err := nc.readEOM(); err != io.EOF || rest != "" {
		t.Errorf("after close-session: %q, %v; want the end of the stream", rest, err)
	}

	// ssh user ... service-type narrows who may use it.
	e.configure(t, "local-user bob", "password simple bobpass1", "service-type ssh", "authorization-attribute user-role network-admin", "quit",
		"ssh user bob service-type stelnet authentication-type password")
	bob := openNetconf(t, e.login(t, "bob", "bobpass1"))
	if msg, err := bob.readEOM(); err == nil {
		t.Fatalf("NETCONF answered a stelnet-only user: %q", msg)
	}
	if msg := bob.refusal(); !strings.Contains(msg, "not authorized for NETCONF") {
		t.Errorf("stderr = %q", msg)
	}
}
