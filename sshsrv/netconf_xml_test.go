package sshsrv

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"testing"
)

const (
	xmlHello = `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>`
	xmlGet   = `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><get><filter><top xmlns="http://www.hpe.com/netconf/data:1.0"><Device><Base><HostName/></Base></Device></top></filter></get></rpc>]]>]]>`
	xmlClose = `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="2"><close-session/></rpc>]]>]]>`
)

// readTo reads r up to and including mark.
func readTo(t *testing.T, r *bufio.Reader, mark string) string {
	t.Helper()
	var b strings.Builder
	for !strings.HasSuffix(b.String(), mark) {
		c, err := r.ReadByte()
		if err != nil {
			t.Fatalf("reading to %q: %v; got %q", mark, err, b.String())
		}
		b.WriteByte(c)
	}
	return b.String()
}

// `xml` in a line CLI login: NETCONF on the same stream, then the prompt again after
// <close-session>, as on Comware; and `ssh switch xml` as an exec.
func TestXMLCommand(t *testing.T) {
	e := newXferServer(t, 0)
	c := e.login(t, "admin", "secret")
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	outPipe, _ := sess.StdoutPipe()
	out := bufio.NewReader(outPipe)
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	readTo(t, out, "<HPE>")
	fmt.Fprint(in, "xml\n")
	if hello := readTo(t, out, "]]>]]>"); !strings.Contains(hello, "<session-id>") {
		t.Fatalf("no hello after xml: %q", hello)
	}
	fmt.Fprint(in, xmlHello+xmlGet)
	if r := readTo(t, out, "]]>]]>"); !strings.Contains(r, "<HostName>HPE</HostName>") {
		t.Errorf("get in XML view = %q", r)
	}
	fmt.Fprint(in, xmlClose)
	if r := readTo(t, out, "]]>]]>"); !strings.Contains(r, "<ok/>") {
		t.Errorf("close-session = %q", r)
	}
	fmt.Fprint(in, "display vlan brief\nquit\n")
	rest, _ := io.ReadAll(out)
	if !strings.Contains(string(rest), "<HPE>") || !strings.Contains(string(rest), "VLAN ID") {
		t.Errorf("the CLI did not come back after close-session: %q", rest)
	}

	ex, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	ex.Stdin = strings.NewReader(xmlHello + xmlGet + xmlClose)
	got, _ := ex.Output("xml")
	if !strings.Contains(string(got), "<HostName>HPE</HostName>") || !strings.Contains(string(got), "<ok/>") {
		t.Errorf("ssh switch xml = %q", got)
	}
}
