package main

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"vtyd/switchctl"
	"vtyd/tui"
)

// TestNetconfAndConsoleSeeOneDevice: a change made over NETCONF (the netconf subsystem of the SSH
// server main serves) reaches the console at once, as the configuration event its views refresh
// on, and shows in display current-configuration from the console's CLI; a change typed in the
// console shows at once in NETCONF's get.
func TestNetconfAndConsoleSeeOneDevice(t *testing.T) {
	addr, d := startConsoleServer(t, 0)
	console, err := tui.SwitchBackends(d)(tui.Terminal{User: "admin", Roles: []string{switchctl.RoleAdmin}, Line: 0, Remote: "127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	defer console.Close()
	run := func(sh tui.Shell, lines ...string) string {
		t.Helper()
		var out strings.Builder
		for _, l := range lines {
			if err := sh.Exec(context.Background(), l, &out); err != nil {
				t.Fatalf("%s: %v\n%s", l, err, out.String())
			}
		}
		return out.String()
	}
	run(console.Console(), "system-view", "netconf ssh server enable", "return")
	drain(console.Events())

	nc := dialNetconf(t, addr)
	mustHave(t, nc.rpc(`<edit-config><target><running/></target><config><top xmlns="http://www.hpe.com/netconf/config:1.0"><VLAN><VLANs><VLANID><ID>60</ID><Name>from-netconf</Name></VLANID></VLANs></VLAN></top></config></edit-config>`), "<ok/>")
	// The login's log lines come first; the configuration event is what the views refresh on.
	deadline := time.After(5 * time.Second)
	for heard := false; !heard; {
		select {
		case e := <-console.Events():
			heard = e.Kind == switchctl.EventConfig
		case <-deadline:
			t.Fatal("the console heard of no configuration change after NETCONF's edit-config")
		}
	}
	mustHave(t, run(console.CLI(), "display current-configuration"), "vlan 60\n name from-netconf\n")

	run(console.Console(), "system-view", "vlan 61", "name from-console", "return")
	mustHave(t, nc.rpc(`<get><filter type="subtree"><top xmlns="http://www.hpe.com/netconf/data:1.0"><VLAN><VLANs><VLANID><ID>61</ID></VLANID></VLANs></VLAN></top></filter></get>`),
		"<ID>61</ID><Description>VLAN 0061</Description><Name>from-console</Name>")
}

// drain empties an event channel of what is already queued (the enable's own change).
func drain(ch <-chan tui.Event) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

func mustHave(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("lacks %q:\n%s", want, got)
	}
}

// ncConn is a NETCONF session over the netconf subsystem, base:1.0 framing.
type ncConn struct {
	t   *testing.T
	in  io.Writer
	out *bufio.Reader
	id  int
}

func dialNetconf(t *testing.T, addr string) *ncConn {
	t.Helper()
	c, err := ssh.Dial("tcp", addr, &ssh.ClientConfig{User: "admin", Auth: []ssh.AuthMethod{ssh.Password("secret")},
		HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	if err := s.RequestSubsystem("netconf"); err != nil {
		t.Fatal(err)
	}
	n := &ncConn{t: t, in: in, out: bufio.NewReader(out)}
	n.read() // the device's hello
	_, _ = io.WriteString(in, `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>`)
	return n
}

// read reads one message; a stream that ends, or nothing in 10 s, fails the test (the session is
// closed with the client's connection at the test's end, which ends the reading goroutine).
func (n *ncConn) read() string {
	n.t.Helper()
	got := make(chan string, 1)
	go func() {
		var b strings.Builder
		for !strings.HasSuffix(b.String(), "]]>]]>") {
			c, err := n.out.ReadByte()
			if err != nil {
				break
			}
			b.WriteByte(c)
		}
		got <- b.String()
	}()
	select {
	case m := <-got:
		if !strings.HasSuffix(m, "]]>]]>") {
			n.t.Fatalf("the NETCONF stream ended: %q", m)
		}
		return strings.TrimSuffix(m, "]]>]]>")
	case <-time.After(10 * time.Second):
		n.t.Fatal("no NETCONF reply in 10 s")
		return ""
	}
}

func (n *ncConn) rpc(op string) string {
	n.t.Helper()
	n.id++
	_, _ = io.WriteString(n.in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="`+strconv.Itoa(n.id)+`">`+op+`</rpc>]]>]]>`)
	return n.read()
}
