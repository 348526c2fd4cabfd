package netconf

import (
	"encoding/xml"
	"strconv"
	"strings"

	"vtyd/switchctl"
)

// An RPC's handler returns the reply's body (written inside <rpc-reply>) or an error.
type handler func(s *session, op *node) (body string, err *RPCError)

// operations are the RPCs served, by element name. read marks those a network-operator may send
// (the `xml` command reference: get, get-bulk, get-config, get-bulk-config, get-sessions,
// close-session); the others need a role that may change the device.
var operations = map[string]struct {
	h    handler
	read bool
}{
	"get":             {(*session).get, true},
	"get-bulk":        {(*session).getBulk, true},
	"get-config":      {(*session).getConfig, true},
	"get-bulk-config": {(*session).getBulkConfig, true},
	"close-session":   {(*session).closeSession, true},
	"kill-session":    {(*session).killSession, false},
	"lock":            {(*session).lock, false},
	"unlock":          {(*session).unlock, false},
	"CLI":             {(*session).cli, false},
	"edit-config":     {(*session).editConfig, false},
	"save":            {(*session).save, false},
	"rollback":        {(*session).rollback, false},
	"load":            {(*session).load, false},
	"get-sessions":    {(*session).getSessions, true},
}

// changes are the operations a lock held by another session refuses (RFC 6241 §7.5).
var changes = map[string]bool{"CLI": true, "edit-config": true, "save": true, "rollback": true, "load": true}

// handle answers one message.
func (s *session) handle(msg []byte) []byte {
	root, err := parseTree(msg)
	if err != nil {
		return reply(nil, malformed(err).xml)
	}
	if root.name.Local != "rpc" || root.name.Space != nsBase {
		return reply(nil, unknownElement(root, "/").xml)
	}
	_, ok := root.attr("", "message-id")
	if !ok {
		e := &RPCError{Type: "rpc", Tag: "missing-attribute", Message: "The message-id attribute is missing.",
			Info: []infoItem{{"bad-attribute", "message-id"}, {"bad-element", "rpc"}}}
		return reply(root.attrs, e.xml)
	}
	if len(root.kids) != 1 {
		e := &RPCError{Type: "rpc", Tag: "operation-not-supported", Message: "An rpc must hold exactly one operation."}
		return reply(root.attrs, e.xml)
	}
	op := root.kids[0]
	o, known := operations[op.name.Local]
	if !known || !s.knownSpace(op.name.Space) {
		return reply(root.attrs, unknownElement(op, "/rpc").xml)
	}
	if !o.read && !switchctl.RolesAllow(s.login.Info.Roles, switchctl.PrivWrite) {
		return reply(root.attrs, accessDenied(op.name.Local).xml)
	}
	if o.read && !switchctl.RolesAllow(s.login.Info.Roles, switchctl.PrivRead) {
		return reply(root.attrs, accessDenied(op.name.Local).xml)
	}
	if changes[op.name.Local] {
		if h := s.d.RunningLockHolder(); h != 0 && h != s.login.ID {
			return reply(root.attrs, (&RPCError{Type: "protocol", Tag: "in-use",
				Message: "The configuration is locked by another session.",
				Info:    []infoItem{{"session-id", strconv.Itoa(h)}}}).xml)
		}
	}
	body, rerr := o.h(s, op)
	if rerr != nil {
		return reply(root.attrs, rerr.xml)
	}
	return reply(root.attrs, func(b *strings.Builder) { b.WriteString(body) })
}

// knownSpace: operations come in NETCONF's namespace (Comware's own, <CLI>, <get-bulk>, <save>,
// inherit it from <rpc> as ncclient sends them), or in one of the brands' namespaces.
func (s *session) knownSpace(space string) bool {
	if space == nsBase || space == "" {
		return true
	}
	for _, b := range []Brand{BrandHP, BrandHPE, BrandH3C} {
		for _, k := range []string{"data", "config", "action", "base"} {
			if space == b.Namespace(k) {
				return true
			}
		}
	}
	return false
}

// okReply is the body of a reply that only says it worked.
const okReply = "<ok/>"

// reply builds an <rpc-reply> that carries the request's attributes (RFC 6241 §4.2: message-id and
// any other, namespace declarations included), with body written by write.
func reply(attrs []xml.Attr, write func(b *strings.Builder)) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rpc-reply xmlns="` + nsBase + `"`)
	for _, a := range attrs {
		switch {
		case a.Name.Space == "xmlns":
			b.WriteString(" xmlns:" + a.Name.Local + `="`)
		case a.Name.Space == "" && a.Name.Local != "xmlns":
			b.WriteString(" " + a.Name.Local + `="`)
		default:
			continue
		}
		escape(&b, a.Value)
		b.WriteString(`"`)
	}
	b.WriteString(">")
	write(&b)
	b.WriteString("</rpc-reply>")

	return []byte(b.String())
}
