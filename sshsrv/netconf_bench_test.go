package sshsrv

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"vtyd/switchctl"
)

// BenchmarkNetconfVsExecSessions opens, in each iteration, one NETCONF session (a new SSH
// connection, the netconf subsystem, both hellos, one <get> and <close-session>) and one SSH exec
// (a new connection, `display clock`), and reports each per second and their ratio, measured in the
// same run against the same server, so that the figures share the machine's load.
func BenchmarkNetconfVsExecSessions(b *testing.B) {
	d, _, err := switchctl.Open(switchctl.Options{Dir: b.TempDir(), SeedKeys: true, BcryptCost: 4, AdminPassword: "secret", NoRSA: true})
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{}, d, nil)
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()
	admin := d.NewSession(switchctl.SessionInfo{User: "admin", Roles: d.UserRoles("admin"), Line: -1, Proto: "test"})
	for _, l := range []string{"system-view", "netconf ssh server enable"} {
		if err := admin.Exec(context.Background(), l, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	cfg := &gossh.ClientConfig{User: "admin", Auth: []gossh.AuthMethod{gossh.Password("secret")},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	dial := func() *gossh.Client {
		c, err := gossh.Dial("tcp", ln.Addr().String(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		return c
	}
	netconfOnce := func() {
		c := dial()
		defer c.Close()
		s, err := c.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		in, _ := s.StdinPipe()
		outPipe, _ := s.StdoutPipe()
		if err := s.RequestSubsystem("netconf"); err != nil {
			b.Fatal(err)
		}
		out := bufio.NewReader(outPipe)
		readMsg := func() string {
			var sb strings.Builder
			for !strings.HasSuffix(sb.String(), "]]>]]>") {
				ch, err := out.ReadByte()
				if err != nil {
					b.Fatalf("netconf read: %v (%q)", err, sb.String())
				}
				sb.WriteByte(ch)
			}
			return sb.String()
		}
		readMsg()
		fmt.Fprint(in, `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>`)
		fmt.Fprint(in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><get><filter><top xmlns="http://www.hpe.com/netconf/data:1.0"><Device><Base><HostName/></Base></Device></top></filter></get></rpc>]]>]]>`)
		if r := readMsg(); !strings.Contains(r, "<HostName>") {
			b.Fatalf("get = %q", r)
		}
		fmt.Fprint(in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="2"><close-session/></rpc>]]>]]>`)
		readMsg()
	}
	execOnce := func() {
		c := dial()
		defer c.Close()
		s, err := c.NewSession()
		if err != nil {
			b.Fatal(err)
		}
		if out, err := s.Output("display clock"); err != nil || len(out) == 0 {
			b.Fatalf("exec: %q, %v", out, err)
		}
	}
	var nc, ex time.Duration
	for b.Loop() {
		t0 := time.Now()
		netconfOnce()
		t1 := time.Now()
		execOnce()
		nc, ex = nc+t1.Sub(t0), ex+time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(n/nc.Seconds(), "netconf-sessions/s")
	b.ReportMetric(n/ex.Seconds(), "exec-connections/s")
	b.ReportMetric(ex.Seconds()/nc.Seconds(), "netconf/exec-ratio")
}
