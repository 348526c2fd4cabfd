package netconf

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// RPCError is one <rpc-error> (RFC 6241 §4.3) as Comware words it. Handlers return it; the session
// writes it in the reply.
type RPCError struct {
	Type    string // transport, rpc, protocol or application
	Tag     string // RFC 6241 Appendix A: in-use, invalid-value, lock-denied, access-denied, ...
	Path    string // error-path, "" for none
	Message string
	Info    []infoItem // error-info children, in order
}

// infoItem is one child of <error-info>: bad-element, session-id, ...
type infoItem struct{ name, value string }

func (e *RPCError) Error() string { return "netconf: " + e.Tag + ": " + e.Message }

// xml writes the error element.
func (e *RPCError) xml(b *strings.Builder) {
	b.WriteString("<rpc-error>")
	el(b, "error-type", e.Type)
	el(b, "error-tag", e.Tag)
	el(b, "error-severity", "error")
	if e.Path != "" {
		el(b, "error-path", e.Path)
	}
	b.WriteString(`<error-message xml:lang="en">`)
	escape(b, e.Message)
	b.WriteString("</error-message>")
	if len(e.Info) > 0 {
		b.WriteString("<error-info>")
		for _, it := range e.Info {
			el(b, it.name, it.value)
		}
		b.WriteString("</error-info>")
	}
	b.WriteString("</rpc-error>")
}

// unknownElement is Comware's answer to an element it does not know, worded as an HPE 5940 words
// it (exsver/netconf netconf_test.go), down to the quote it leaves open after the parent's path.
func unknownElement(n *node, parentPath string) *RPCError {
	typ := "protocol"
	if parentPath == "/rpc" {
		typ = "rpc"
	}
	return &RPCError{Type: typ, Tag: "unknown-element",
		Message: fmt.Sprintf("Unexpected element '%s':'%s' under element '%s", n.name.Space, n.name.Local, parentPath),
		Info:    []infoItem{{"bad-element", n.name.Local}}}
}

// invalidValue is a value the element cannot take.
func invalidValue(path, msg string) *RPCError {
	return &RPCError{Type: "application", Tag: "invalid-value", Path: path, Message: msg}
}

// operationFailed is a request the device could not carry out.
func operationFailed(msg string) *RPCError {
	return &RPCError{Type: "application", Tag: "operation-failed", Message: msg}
}

// accessDenied is an RPC the session's roles do not allow.
func accessDenied(op string) *RPCError {
	return &RPCError{Type: "protocol", Tag: "access-denied",
		Message: fmt.Sprintf("Permission denied: the user role does not allow %s.", op)}
}

// malformed is a message that is not well-formed XML: RFC 6242's malformed-message, answered
// without a message-id since none could be read.
func malformed(err error) *RPCError {
	return &RPCError{Type: "rpc", Tag: "malformed-message", Message: "Malformed message: " + strings.TrimPrefix(err.Error(), "netconf: ")}
}

// el writes <name>escaped value</name>.
func el(b *strings.Builder, name, value string) {
	b.WriteString("<" + name + ">")
	escape(b, value)
	b.WriteString("</" + name + ">")
}

func escape(b *strings.Builder, s string) {
	_ = xml.EscapeText(b, []byte(s))
}
