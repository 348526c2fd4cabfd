package netconf

import (
	"fmt"
	"strconv"
	"strings"

	"vtyd/switchctl"
)

// edit-config of VLAN/VLANs: each entry becomes the CLI lines an operator would type (vlan 10,
// name ..., undo vlan 10), which run through the device's engine with the session's roles, so
// `display current-configuration` and the log buffer show the change as from a terminal. Every
// entry is checked first (the operation against what exists, the lines against the grammar); only a
// request that passes all checks changes anything.

// The operations of RFC 6241 §7.2.
const (
	opMerge   = "merge"
	opReplace = "replace"
	opCreate  = "create"
	opDelete  = "delete"
	opRemove  = "remove"
)

func (s *session) editConfig(op *node) (string, *RPCError) {
	if e := runningTarget(op); e != nil {
		return "", e
	}
	def := opMerge
	if d := op.kid("default-operation"); d != nil {
		switch v := d.value(); v {
		case opMerge, opReplace:
			def = v
		case "none":
			def = "none"
		default:
			return "", invalidValue("/rpc/edit-config/default-operation", "Invalid default-operation '"+v+"'.")
		}
	}
	cfg := op.kid("config")
	if cfg == nil {
		return "", &RPCError{Type: "protocol", Tag: "missing-element", Message: "The config element is missing.",
			Info: []infoItem{{"bad-element", "config"}}}
	}
	exist := map[int]bool{}
	for _, v := range s.d.VLANs() {
		exist[v.ID] = true
	}
	var lines []string
	for _, top := range cfg.kids {
		if top.name.Local != "top" || !brandSpace(top.name.Space, "config") {
			return "", unknownElement(top, "/rpc/edit-config/config")
		}
		for _, m := range top.kids {
			if m.name.Local != "VLAN" {
				return "", unknownElement(m, "/top")
			}
			l, e := vlanEdit(m, operation(m, def), exist)
			if e != nil {
				return "", e
			}
			lines = append(lines, l...)
		}
	}
	return s.apply(lines)
}

// operation is the element's nc:operation, else the one it inherits.
func operation(n *node, inherited string) string {
	if v, ok := n.attrLocal("operation"); ok {
		return v
	}
	return inherited
}

// vlanEdit turns <VLAN><VLANs><VLANID>... into CLI lines, checking each entry against exist (which
// it updates, so that two entries for one VLAN are judged in order).
func vlanEdit(m *node, op string, exist map[int]bool) ([]string, *RPCError) {
	var lines []string
	for _, list := range m.kids {
		if list.name.Local != "VLANs" {
			return nil, unknownElement(list, "/top/VLAN")
		}
		lop := operation(list, op)
		for _, e := range list.kids {
			if e.name.Local != "VLANID" {
				return nil, unknownElement(e, "/top/VLAN/VLANs")
			}
			l, err := vlanEntry(e, operation(e, lop), exist)
			if err != nil {
				return nil, err
			}
			lines = append(lines, l...)
		}
	}
	return lines, nil
}

func vlanEntry(e *node, op string, exist map[int]bool) ([]string, *RPCError) {
	const path = "/top/VLAN/VLANs/VLANID"
	idEl := e.kid("ID")
	if idEl == nil {
		return nil, &RPCError{Type: "application", Tag: "missing-element", Path: path,
			Message: "The index column ID is missing.", Info: []infoItem{{"bad-element", "ID"}}}
	}
	id, err := strconv.Atoi(idEl.value())
	if err != nil || id < 1 || id > 4094 {
		return nil, invalidValue(path+"/ID", fmt.Sprintf("Invalid value '%s' for ID: VLAN IDs are 1 to 4094.", idEl.value()))
	}
	fields := map[string]string{}
	for _, k := range e.kids {
		switch k.name.Local {
		case "ID":
		case "Name", "Description":
			v := k.value()
			if strings.ContainsAny(v, "\r\n") {
				return nil, invalidValue(path+"/"+k.name.Local, "The value must be one line.")
			}
			fields[k.name.Local] = v
		default:
			return nil, unknownElement(k, path)
		}
	}
	switch op {
	case opCreate, opMerge, opReplace, "none":
		if op == opCreate && exist[id] {
			return nil, &RPCError{Type: "application", Tag: "data-exists", Path: path,
				Message: fmt.Sprintf("VLAN %d already exists.", id)}
		}
		if op == "none" && !exist[id] {
			return nil, dataMissing(path, id)
		}
		exist[id] = true
		lines := []string{fmt.Sprintf("vlan %d", id)}
		for _, col := range []struct{ el, cmd string }{{"Name", "name"}, {"Description", "description"}} {
			v, set := fields[col.el]
			switch {
			case set && v != "":
				lines = append(lines, col.cmd+" "+v)
			case set || op == opReplace:
				lines = append(lines, "undo "+col.cmd)
			}
		}
		return append(lines, "quit"), nil
	case opDelete, opRemove:
		if id == 1 {
			return nil, invalidValue(path+"/ID", "The default VLAN cannot be deleted.")
		}
		if !exist[id] {
			if op == opDelete {
				return nil, dataMissing(path, id)
			}
			return nil, nil
		}
		exist[id] = false
		return []string{fmt.Sprintf("undo vlan %d", id)}, nil
	}
	return nil, invalidValue(path, "Invalid operation '"+op+"'.")
}

func dataMissing(path string, id int) *RPCError {
	return &RPCError{Type: "application", Tag: "data-missing", Path: path, Message: fmt.Sprintf("VLAN %d does not exist.", id)}
}

// apply checks the lines against the grammar in system view, then runs them; a line the engine
// refuses after the check (the device changed meanwhile) is reported with what ran before it.
func (s *session) apply(lines []string) (string, *RPCError) {
	cs := s.cliSession()
	if err := cs.Exec(s.ctx, "system-view", ioDiscard{}); err != nil {
		return "", operationFailed(strings.TrimSpace(switchctl.Message(err)))
	}
	if i, err := cs.Check(lines); err != nil {
		return "", invalidValue("/top/VLAN", fmt.Sprintf("%s (%s)", strings.TrimSpace(switchctl.Message(err)), lines[i]))
	}
	for _, l := range lines {
		if err := cs.Exec(s.ctx, l, ioDiscard{}); err != nil {
			return "", operationFailed(fmt.Sprintf("%s (%s)", strings.TrimSpace(switchctl.Message(err)), l))
		}
	}
	return okReply, nil
}

// ioDiscard takes a command's output that no reply shows.
type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }
