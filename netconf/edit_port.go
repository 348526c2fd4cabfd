package netconf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"vtyd/switchctl"
)

// edit-config of the port tables, as pyhpecw7's switchport feature sends them: Ifmgr/Interfaces
// (LinkType, Description, AdminStatus), VLAN/AccessInterfaces (PVID), VLAN/TrunkInterfaces
// (PermitVlanList, PVID), VLAN/HybridInterfaces (UntaggedVlanList, TaggedVlanList, PVID) and
// VLAN/Interfaces (any of those after its LinkType). A VLAN list set by merge is the port's list
// afterwards, as a column's value is; remove and delete put the port's default back.

// portKinds are the per-link-type tables and the link type each needs.
var portKinds = map[string]int{"AccessInterfaces": linkAccess, "TrunkInterfaces": linkTrunk, "HybridInterfaces": linkHybrid}

var linkWords = map[int]string{linkAccess: "access", linkTrunk: "trunk", linkHybrid: "hybrid"}

// columns of each port table that an edit may set.
var portColumns = map[string][]string{
	"AccessInterfaces": {"PVID"},
	"TrunkInterfaces":  {"PermitVlanList", "PVID"},
	"HybridInterfaces": {"UntaggedVlanList", "TaggedVlanList", "PVID"},
	"Interfaces":       {"LinkType", "PermitVlanList", "UntaggedVlanList", "TaggedVlanList", "PVID", "Name"},
}

// entryIface finds the interface an entry's IfIndex names.
func (ed *editor) entryIface(e *node, path string) (*switchctl.IfState, *RPCError) {
	idx := e.kid("IfIndex")
	if idx == nil {
		return nil, &RPCError{Type: "application", Tag: "missing-element", Path: path,
			Message: "The index column IfIndex is missing.", Info: []infoItem{{"bad-element", "IfIndex"}}}
	}
	n, err := strconv.Atoi(idx.value())
	if err != nil {
		return nil, invalidValue(path+"/IfIndex", fmt.Sprintf("Invalid value '%s' for IfIndex.", idx.value()))
	}
	f := ed.ifs[n]
	if f == nil {
		return nil, &RPCError{Type: "application", Tag: "data-missing", Path: path,
			Message: fmt.Sprintf("The interface with IfIndex %d does not exist.", n)}
	}
	return f, nil
}

// columns reads an entry's columns, refusing any not in allowed.
func columns(e *node, path string, allowed []string) (map[string]string, *RPCError) {
	cols := map[string]string{}
	for _, k := range e.kids {
		if k.name.Local == "IfIndex" {
			continue
		}
		if !slices.Contains(allowed, k.name.Local) {
			return nil, unknownElement(k, path)
		}
		v := k.value()
		if strings.ContainsAny(v, "\r\n") {
			return nil, invalidValue(path+"/"+k.name.Local, "The value must be one line.")
		}
		cols[k.name.Local] = v
	}
	return cols, nil
}

// port turns one entry of a VLAN port table into lines in the port's view.
func (ed *editor) port(e *node, table, op string) ([]string, *RPCError) {
	path := "/top/VLAN/" + table + "/Interface"
	f, rerr := ed.entryIface(e, path)
	if rerr != nil {
		return nil, rerr
	}
	if f.Name.Type != switchctl.IfGE && f.Name.Type != switchctl.IfXGE {
		return nil, invalidValue(path+"/IfIndex", f.Name.Full()+" is not a bridged port.")
	}
	cols, rerr := columns(e, path, portColumns[table])
	if rerr != nil {
		return nil, rerr
	}
	var body []string
	switch op {
	case opMerge, opReplace, opCreate, "none":
		body, rerr = ed.setPort(f, table, cols, path)
	case opDelete, opRemove:
		body = ed.resetPort(f, table, cols)
	default:
		return nil, invalidValue(path, "Invalid operation '"+op+"'.")
	}
	if rerr != nil || len(body) == 0 {
		return nil, rerr
	}
	return append(append([]string{"interface " + f.Name.Full()}, body...), "quit"), nil
}

// setPort writes the columns: LinkType first (VLAN/Interfaces), then the lists and the PVID of the
// link type the port then has. A table of one link type says nothing of another's columns.
func (ed *editor) setPort(f *switchctl.IfState, table string, cols map[string]string, path string) ([]string, *RPCError) {
	var lines []string
	if v, ok := cols["LinkType"]; ok {
		l, e := ed.linkType(f, v, path)
		if e != nil {
			return nil, e
		}
		lines = append(lines, l...)
	}
	lt := int(f.LinkType) + 1
	if k := portKinds[table]; k != 0 {
		lt = k // the engine refuses the lines on a port of another link type, and says so
	}
	lists := map[string][]int{}
	for _, col := range []string{"PermitVlanList", "UntaggedVlanList", "TaggedVlanList"} {
		if v, ok := cols[col]; ok {
			ids, good := parseVLANList(v)
			if !good {
				return nil, invalidValue(path+"/"+col, fmt.Sprintf("Invalid value '%s' for %s: a list such as 1,3-5,7 of VLANs 1 to 4094.", v, col))
			}
			lists[col] = ids
		}
	}
	if ids, ok := lists["PermitVlanList"]; ok {
		lines = append(lines, "undo port trunk permit vlan all")
		lines = append(lines, cliVLANLines("port trunk permit vlan", ids, "")...)
		f.Trunk = ids
	}
	for _, h := range []struct {
		col, word string
		cur       *[]int
	}{{"UntaggedVlanList", "untagged", &f.HybridUntag}, {"TaggedVlanList", "tagged", &f.HybridTag}} {
		ids, ok := lists[h.col]
		if !ok {
			continue
		}
		var gone []int
		for _, id := range *h.cur {
			if !slices.Contains(ids, id) {
				gone = append(gone, id)
			}
		}
		lines = append(lines, cliVLANLines("undo port hybrid vlan", gone, "")...)
		lines = append(lines, cliVLANLines("port hybrid vlan", ids, " "+h.word)...)
		*h.cur = ids
	}
	if v, ok := cols["PVID"]; ok {
		id, err := strconv.Atoi(v)
		if err != nil || id < 1 || id > 4094 {
			return nil, invalidValue(path+"/PVID", fmt.Sprintf("Invalid value '%s' for PVID: VLAN IDs are 1 to 4094.", v))
		}
		switch lt {
		case linkAccess:
			lines = append(lines, fmt.Sprintf("port access vlan %d", id))
		case linkTrunk:
			lines = append(lines, fmt.Sprintf("port trunk pvid vlan %d", id))
		default:
			lines = append(lines, fmt.Sprintf("port hybrid pvid vlan %d", id))
		}
		f.PVID = id
	}
	return lines, nil
}

// linkType changes the port's link type. Comware's CLI takes a trunk to hybrid (or back) only by
// way of access; NETCONF sets the column, so the lines go by way of access themselves.
func (ed *editor) linkType(f *switchctl.IfState, v, path string) ([]string, *RPCError) {
	want, err := strconv.Atoi(v)
	if err != nil || linkWords[want] == "" {
		return nil, invalidValue(path+"/LinkType", fmt.Sprintf("Invalid value '%s' for LinkType: 1 access, 2 trunk, 3 hybrid.", v))
	}
	cur := int(f.LinkType) + 1
	if want == cur {
		return nil, nil
	}
	var lines []string
	if cur != linkAccess && want != linkAccess {
		lines = append(lines, "port link-type access")
	}
	lines = append(lines, "port link-type "+linkWords[want])
	f.LinkType = switchctl.LinkType(want - 1)
	f.PVID, f.Trunk, f.HybridTag, f.HybridUntag = 1, []int{1}, nil, []int{1}
	return lines, nil
}

// resetPort puts back the defaults of what the entry names: its listed VLANs, or the whole row.
func (ed *editor) resetPort(f *switchctl.IfState, table string, cols map[string]string) []string {
	lt := portKinds[table]
	if lt == 0 { // VLAN/Interfaces: the port's link type back to access, which resets the rest
		if f.LinkType == switchctl.LinkAccess {
			return []string{"undo port access vlan"}
		}
		f.LinkType, f.PVID = switchctl.LinkAccess, 1
		return []string{"undo port link-type"}
	}
	var lines []string
	switch lt {
	case linkAccess:
		lines = append(lines, "undo port access vlan")
	case linkTrunk:
		if v, ok := cols["PermitVlanList"]; ok && v != "" {
			ids, _ := parseVLANList(v)
			return cliVLANLines("undo port trunk permit vlan", ids, "")
		}
		lines = append(lines, "undo port trunk permit vlan all", "port trunk permit vlan 1", "undo port trunk pvid")
	case linkHybrid:
		var listed []int
		for _, col := range []string{"UntaggedVlanList", "TaggedVlanList"} {
			ids, _ := parseVLANList(cols[col])
			listed = append(listed, ids...)
		}
		if len(listed) > 0 {
			slices.Sort(listed)
			return cliVLANLines("undo port hybrid vlan", slices.Compact(listed), "")
		}
		all := slices.Concat(f.HybridTag, f.HybridUntag)
		slices.Sort(all)
		lines = append(lines, cliVLANLines("undo port hybrid vlan", all, "")...)
		lines = append(lines, "port hybrid vlan 1 untagged", "undo port hybrid pvid")
	}
	return lines
}

// cliVLANLines writes ids as the CLI takes them ("1 to 3 5"), on as many lines as the command line's
// length needs, each prefix ... suffix.
func cliVLANLines(prefix string, ids []int, suffix string) []string {
	var lines []string
	cur := prefix
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		part := strconv.Itoa(ids[i])
		if j > i {
			part += " to " + strconv.Itoa(ids[j])
		}
		if len(cur) > 400 {
			lines = append(lines, cur+suffix)
			cur = prefix
		}
		cur += " " + part
		i = j + 1
	}
	if cur != prefix {
		lines = append(lines, cur+suffix)
	}
	return lines
}

// ifmgr edits Ifmgr/Interfaces: LinkType, Description and AdminStatus of an interface that exists
// (Comware's physical interfaces cannot be created or removed).
func (ed *editor) ifmgr(m *node, op string) *RPCError {
	for _, list := range m.kids {
		if list.name.Local != "Interfaces" {
			return unknownElement(list, "/top/Ifmgr")
		}
		lop := operation(list, op)
		for _, e := range list.kids {
			const path = "/top/Ifmgr/Interfaces/Interface"
			if e.name.Local != "Interface" {
				return unknownElement(e, "/top/Ifmgr/Interfaces")
			}
			eop := operation(e, lop)
			if eop == opDelete || eop == opRemove || eop == opCreate {
				return &RPCError{Type: "application", Tag: "operation-not-supported", Path: path,
					Message: "Interfaces cannot be created or removed with Ifmgr/Interfaces."}
			}
			f, rerr := ed.entryIface(e, path)
			if rerr != nil {
				return rerr
			}
			cols, rerr := columns(e, path, []string{"LinkType", "Description", "AdminStatus", "Name", "AbbreviatedName"})
			if rerr != nil {
				return rerr
			}
			var body []string
			if v, ok := cols["LinkType"]; ok {
				l, e := ed.linkType(f, v, path)
				if e != nil {
					return e
				}
				body = append(body, l...)
			}
			if v, ok := cols["Description"]; ok {
				if v == "" {
					body = append(body, "undo description")
				} else {
					body = append(body, "description "+v)
				}
			}
			if v, ok := cols["AdminStatus"]; ok {
				switch v {
				case "1":
					body = append(body, "undo shutdown")
				case "2":
					body = append(body, "shutdown")
				default:
					return invalidValue(path+"/AdminStatus", fmt.Sprintf("Invalid value '%s' for AdminStatus: 1 up, 2 down.", v))
				}
			}
			if len(body) > 0 {
				ed.lines = append(ed.lines, "interface "+f.Name.Full())
				ed.lines = append(append(ed.lines, body...), "quit")
			}
		}
	}
	return nil
}
