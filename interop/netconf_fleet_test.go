package interop

import (
	"bufio"
	"io"
	"strings"
	"testing"
	"time"
)

// TestNetconfBrandPerDevice serves a fleet of two devices whose fleet file gives each its own
// netconf_brand, and reads each one's NETCONF hello over SSH with the Go client: each speaks for its
// own brand (the hello's extension capability, the namespace of its tables), not the model's.
func TestNetconfBrandPerDevice(t *testing.T) {
	n := newLoopbackNet(t)
	f := startFleet(t, `defaults:
  model: 5130-28
  netconf_brand: hp
devices:
  h3c1:
    address: `+n.ip(1)+`
    netconf_brand: h3c
  hp1:
    address: `+n.ip(2)+`
`)
	for name, brand := range map[string]string{"h3c1": "h3c", "hp1": "hp"} {
		t.Run(name, func(t *testing.T) {
			v := f.device(t, name)
			v.exec(t, "system-view", "netconf ssh server enable")
			hello, data := netconfHelloAndGet(t, v)
			want := "<capability>urn:" + brand + ":params:netconf:capability:" + brand + "-netconf-ext:1.0</capability>"
			if !strings.Contains(hello, want) {
				t.Errorf("%s's hello lacks %s:\n%s", name, want, hello)
			}
			for _, other := range []string{"hp", "hpe", "h3c"} {
				if other != brand && strings.Contains(hello, "urn:"+other+":params") {
					t.Errorf("%s's hello names brand %s too:\n%s", name, other, hello)
				}
			}
			// A get without a filter answers in the device's brand's namespace.
			if ns := `<top xmlns="http://www.` + brand + `.com/netconf/data:1.0">`; !strings.Contains(data, ns) ||
				!strings.Contains(data, "<HostName>"+name+"</HostName>") {
				t.Errorf("%s's get lacks %s and its sysname:\n%.600s", name, ns, data)
			}
		})
	}
}

// netconfHelloAndGet opens the netconf subsystem on v's SSH port as admin, offering base:1.0 only,
// and returns the device's hello and its reply to a <get/> without a filter: with no filter's <top>
// to answer in, the reply's namespace is the device's own.
func netconfHelloAndGet(t *testing.T, v *vtyd) (hello, reply string) {
	t.Helper()
	s, err := v.dial(t, "admin", adminPassword).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	if err := s.RequestSubsystem("netconf"); err != nil {
		t.Fatalf("netconf subsystem: %v", err)
	}
	r := bufio.NewReader(out)
	read := func() string {
		t.Helper()
		got := make(chan string, 1)
		go func() {
			var b strings.Builder
			for !strings.HasSuffix(b.String(), "]]>]]>") {
				c, err := r.ReadByte()
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
				t.Fatalf("the stream ended inside a message: %q", m)
			}
			return strings.TrimSuffix(m, "]]>]]>")
		case <-time.After(30 * time.Second):
			s.Close()
			t.Fatal("no NETCONF message in 30 s")
			return ""
		}
	}
	hello = read()
	_, _ = io.WriteString(in, `<hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>]]>]]>`)
	_, _ = io.WriteString(in, `<rpc xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="1"><get/></rpc>]]>]]>`)
	return hello, read()
}
