package netconf

import (
	"fmt"
	"strconv"
	"strings"

	"vtyd/switchctl"
)

// edit-config of Comware's tables (VLAN, Ifmgr, IPV4ADDRESS): each entry becomes the CLI lines an
// operator would type (vlan 10, name ..., undo vlan 10, interface ..., port link-type trunk), which run through the device's engine with the session's roles, so
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
	ed := newEditor(s.d)
	for _, top := range cfg.kids {
		if top.name.Local != "top" || !brandSpace(top.name.Space, "config") {
			return "", unknownElement(top, "/rpc/edit-config/config")
		}
		for _, m := range top.kids {
			edit, ok := editors[m.name.Local]
			if !ok {
				return "", unknownElement(m, "/top")
			}
			if e := edit(ed, m, operation(m, def)); e != nil {
				return "", e
			}
		}
	}
	return s.apply(ed.lines)
}

// editors turn a module's element into CLI lines, by module element.
var editors = map[string]func(ed *editor, m *node, op string) *RPCError{
	"VLAN":        (*editor).vlan,
	"Ifmgr":       (*editor).ifmgr,
	"IPV4ADDRESS": (*editor).ipv4,
}

// editor gathers the CLI lines of one edit-config, judging each entry against the device as the
// lines before it will have left it (exist, ifs), so that two entries for one row are taken in order.
type editor struct {
	exist map[int]bool               // configured VLANs
	ifs   map[int]*switchctl.IfState // interfaces by IfIndex
	lines []string
}

func newEditor(d *switchctl.Device) *editor {
	ed := &editor{exist: map[int]bool{}, ifs: map[int]*switchctl.IfState{}}
	for _, v := range d.VLANs() {
		ed.exist[v.ID] = true
	}
	for _, f := range d.IfStates() {
		ed.ifs[f.Index] = &f
	}
	return ed
}

// vlan edits VLAN's tables: VLANs, and the port tables (edit_port.go).
func (ed *editor) vlan(m *node, op string) *RPCError {
	for _, list := range m.kids {
		lop := operation(list, op)
		for _, e := range list.kids {
			var lines []string
			var err *RPCError
			switch {
			case list.name.Local == "VLANs" && e.name.Local == "VLANID":
				lines, err = vlanEntry(e, operation(e, lop), ed.exist)
			case portKinds[list.name.Local] != 0 || list.name.Local == "Interfaces":
				if e.name.Local != "Interface" {
					return unknownElement(e, "/top/VLAN/"+list.name.Local)
				}
				lines, err = ed.port(e, list.name.Local, operation(e, lop))
			case list.name.Local == "VLANs":
				return unknownElement(e, "/top/VLAN/VLANs")
			default:
				return unknownElement(list, "/top/VLAN")
			}
			if err != nil {
				return err
			}
			ed.lines = append(ed.lines, lines...)
		}
	}
	return nil
}

// operation is the element's nc:operation, else the one it inherits.
func operation(n *node, inherited string) string {
	if v, ok := n.attrLocal("operation"); ok {
		return v
	}
	return inherited
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

// apply checks the lines against the grammar in system view, then runs them. A line the engine
// refuses after the check (a port that is not a trunk, a VLAN that does not exist) puts back the
// configuration found before the first line ran: a failed edit-config changes nothing. (Another
// session's change made during those lines would go with it; NETCONF clients lock running first.)
func (s *session) apply(lines []string) (string, *RPCError) {
	if len(lines) == 0 {
		return okReply, nil
	}
	cs := s.cliSession()
	if err := cs.Exec(s.ctx, "system-view", ioDiscard{}); err != nil {
		return "", operationFailed(strings.TrimSpace(switchctl.Message(err)))
	}
	if i, err := cs.Check(lines); err != nil {
		return "", invalidValue("/top", fmt.Sprintf("%s (%s)", strings.TrimSpace(switchctl.Message(err)), lines[i]))
	}
	before := s.d.CurrentConfig()
	for _, l := range lines {
		if err := cs.Exec(s.ctx, l, ioDiscard{}); err != nil {
			if errs := s.d.RestoreConfig(before); len(errs) > 0 {
				s.cfg.Log.Error("netconf edit-config: the configuration could not be put back whole", "lines", len(errs))
			}
			return "", operationFailed(fmt.Sprintf("%s (%s)", strings.TrimSpace(switchctl.Message(err)), l))
		}
	}
	return okReply, nil
}

// ioDiscard takes a command's output that no reply shows.
type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }
