package netconf

import (
	"fmt"
	"math/bits"
	"net/netip"
	"strconv"

	"vtyd/switchctl"
)

// edit-config of IPV4ADDRESS/Ipv4Addresses, as pyhpecw7's ipinterface feature sends it: IfIndex,
// Ipv4Address and Ipv4Mask (dotted, or a prefix length), AddressOrigin 2 for a sub address. merge
// and create add the address (a second primary replaces the first, as on the CLI), delete removes
// one that must exist, remove one that may.

func (ed *editor) ipv4(m *node, op string) *RPCError {
	for _, list := range m.kids {
		if list.name.Local != "Ipv4Addresses" {
			return unknownElement(list, "/top/IPV4ADDRESS")
		}
		lop := operation(list, op)
		for _, e := range list.kids {
			if e.name.Local != "Ipv4Address" {
				return unknownElement(e, "/top/IPV4ADDRESS/Ipv4Addresses")
			}
			lines, err := ed.ipv4Entry(e, operation(e, lop))
			if err != nil {
				return err
			}
			ed.lines = append(ed.lines, lines...)
		}
	}
	return nil
}

func (ed *editor) ipv4Entry(e *node, op string) ([]string, *RPCError) {
	const path = "/top/IPV4ADDRESS/Ipv4Addresses/Ipv4Address"
	f, rerr := ed.entryIface(e, path)
	if rerr != nil {
		return nil, rerr
	}
	cols, rerr := columns(e, path, []string{"Ipv4Address", "Ipv4Mask", "AddressOrigin"})
	if rerr != nil {
		return nil, rerr
	}
	addr, err := netip.ParseAddr(cols["Ipv4Address"])
	if err != nil || !addr.Is4() {
		return nil, invalidValue(path+"/Ipv4Address", fmt.Sprintf("Invalid value '%s' for Ipv4Address.", cols["Ipv4Address"]))
	}
	prefix, ok := maskBits(cols["Ipv4Mask"])
	if !ok {
		return nil, invalidValue(path+"/Ipv4Mask", fmt.Sprintf("Invalid value '%s' for Ipv4Mask.", cols["Ipv4Mask"]))
	}
	sub := cols["AddressOrigin"] == "2"
	has := -1
	for i, a := range f.Addrs {
		if a.Addr == addr && a.Prefix == prefix {
			has = i
		}
	}
	cmd := fmt.Sprintf("ip address %s %s", addr, dottedMask(prefix))
	if sub {
		cmd += " sub"
	}
	var line string
	switch op {
	case opMerge, opReplace, opCreate, "none":
		if op == opCreate && has >= 0 {
			return nil, &RPCError{Type: "application", Tag: "data-exists", Path: path,
				Message: fmt.Sprintf("The address %s/%d is already on %s.", addr, prefix, f.Name.Full())}
		}
		if has >= 0 {
			return nil, nil
		}
		line = cmd
		f.Addrs = append(f.Addrs, switchctl.IfAddr{Addr: addr, Prefix: prefix, Sub: sub})
	case opDelete, opRemove:
		if has < 0 {
			if op == opRemove {
				return nil, nil
			}
			return nil, &RPCError{Type: "application", Tag: "data-missing", Path: path,
				Message: fmt.Sprintf("The address %s/%d is not on %s.", addr, prefix, f.Name.Full())}
		}
		if f.Addrs[has].Sub {
			cmd += " sub"
		}
		line = "undo " + cmd
		f.Addrs = append(f.Addrs[:has], f.Addrs[has+1:]...)
	default:
		return nil, invalidValue(path, "Invalid operation '"+op+"'.")
	}
	return []string{"interface " + f.Name.Full(), line, "quit"}, nil
}

// maskBits reads a mask written dotted (255.255.255.0) or as a prefix length (24).
func maskBits(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 32
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return 0, false
	}
	b := a.As4()
	m := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	n := bits.LeadingZeros32(^m)
	return n, n >= 1 && m<<n == 0
}
