package netconf

import (
	"fmt"
	"strings"
)

// Brand is whose Comware the device is: it chooses the hello's extension capability and the
// namespaces of Comware's tables (NETCONF.md §1.3, §1.4).
type Brand string

// The brands Comware 7 ships under.
const (
	BrandHP  Brand = "hp"
	BrandHPE Brand = "hpe"
	BrandH3C Brand = "h3c"
)

// ParseBrand accepts hp, hpe and h3c in any case.
func ParseBrand(s string) (Brand, error) {
	switch b := Brand(strings.ToLower(s)); b {
	case BrandHP, BrandHPE, BrandH3C:
		return b, nil
	}
	return "", fmt.Errorf("netconf: unknown brand %q (hp, hpe or h3c)", s)
}

// Namespace is the brand's namespace of kind data, config, action or base:
// http://www.hp.com/netconf/data:1.0.
func (b Brand) Namespace(kind string) string {
	return "http://www." + string(b) + ".com/netconf/" + kind + ":1.0"
}

// NETCONF's own namespace and capabilities.
const (
	nsBase   = "urn:ietf:params:xml:ns:netconf:base:1.0"
	capBase0 = "urn:ietf:params:netconf:base:1.0"
	capBase1 = "urn:ietf:params:netconf:base:1.1"
)

// capabilities are the hello's list, as an HCL MSR36-20 sends it over SSH (base:1.0 and base:1.1)
// with the brand's extension as an HP 5940, HPE 7500 or H3C device names it.
func (b Brand) capabilities() []string {
	return []string{
		capBase0,
		capBase1,
		"urn:ietf:params:netconf:writable-running",
		"urn:ietf:params:netconf:capability:notification:1.0",
		"urn:ietf:params:netconf:capability:validate:1.1",
		"urn:ietf:params:netconf:capability:interleave:1.0",
		"urn:" + string(b) + ":params:netconf:capability:" + string(b) + "-netconf-ext:1.0",
	}
}

// hello is the device's hello for session id.
func (b Brand) hello(id int) []byte {
	var s strings.Builder
	s.WriteString(`<?xml version="1.0" encoding="UTF-8"?><hello xmlns="` + nsBase + `"><capabilities>`)
	for _, c := range b.capabilities() {
		el(&s, "capability", c)
	}
	fmt.Fprintf(&s, "</capabilities><session-id>%d</session-id></hello>", id)
	return []byte(s.String())
}

// errHello is a client hello the session cannot go on with.
type errHello struct{ why string }

func (e *errHello) Error() string { return "netconf: client hello: " + e.why }

// clientHello reads the client's hello: it must be <hello> in NETCONF's namespace, without a
// session-id (RFC 6241 §8.1), listing base:1.0 or base:1.1. It reports whether to switch to chunked
// framing (both sides listed base:1.1).
func clientHello(msg []byte) (chunked bool, err error) {
	n, err := parseTree(msg)
	if err != nil {
		return false, &errHello{err.Error()}
	}
	if n.name.Local != "hello" || n.name.Space != nsBase {
		return false, &errHello{fmt.Sprintf("<%s> where <hello> was expected", n.name.Local)}
	}
	if n.kid("session-id") != nil {
		return false, &errHello{"a client hello must not carry a session-id"}
	}
	var v10, v11 bool
	if caps := n.kid("capabilities"); caps != nil {
		for _, c := range caps.kids {
			switch c.value() {
			case capBase0:
				v10 = true
			case capBase1:
				v11 = true
			}
		}
	}
	if !v10 && !v11 {
		return false, &errHello{"no base:1.0 or base:1.1 capability in common"}
	}
	return v11, nil
}
