package switchctl

import (
	"fmt"
	"strings"
)

// The interface help of `?`: after a word that takes an interface name, Comware lists the interface
// types (`interface ?`), and after a type the range of its numbers ([CLI-EN]: `interface
// vlan-interface ?` -> `<1-4094>  Vlan-interface interface number`).

// modelIfTypes are the interface types the model has, in the order ifTypes lists them.
func modelIfTypes(m *Model) []IfType {
	var out []IfType
	for t := range ifTypes {
		if IfType(t) == IfMGE && !m.MGE {
			continue
		}
		out = append(out, IfType(t))
	}
	return out
}

// ifTypeEntries lists the interface types that start with prefix when n takes an interface name.
func ifTypeEntries(n *node, prefix string, m *Model) []helpEntry {
	takesIf := false
	for _, k := range n.kids {
		takesIf = takesIf || (k.arg != nil && k.arg.kind == argIf)
	}
	if !takesIf {
		return nil
	}
	var out []helpEntry
	for _, t := range modelIfTypes(m) {
		info := ifTypes[t]
		if strings.HasPrefix(strings.ToLower(info.full), prefix) {
			out = append(out, helpEntry{info.full, info.help})
		}
	}
	return out
}

// ifNumberHelp is the help after an interface type word: the range of its numbers, from the model for
// the front-panel ports.
func ifNumberHelp(t IfType, m *Model) helpEntry {
	info := ifTypes[t]
	var label string
	switch t {
	case IfGE:
		label = fmt.Sprintf("<1-%d>/<0-0>/<1-%d>", m.Slots, m.GE)
	case IfXGE:
		label = fmt.Sprintf("<1-%d>/<0-0>/<%d-%d>", m.Slots, m.GE+1, m.GE+m.XGE)
	case IfMGE:
		label = "<0-0>/<0-0>/<0-0>"
	default:
		label = fmt.Sprintf("<%d-%d>", info.lo, info.hi)
	}
	return helpEntry{label, info.full + " interface number"}
}

// ifTypeHelp answers `... TYPE ?` where the words before TYPE take an interface name: ok is false when
// they do not, or TYPE names no interface type of the model.
func (s *Session) ifTypeHelp(line string, toks []token) ([]helpEntry, bool) {
	if len(toks) == 0 {
		return nil, false
	}
	t, ok := lookupIfType(toks[len(toks)-1].Val)
	if !ok || (t == IfMGE && !s.d.model.MGE) {
		return nil, false
	}
	n, _, err := s.walkAny(line, toks[:len(toks)-1])
	if err != nil || ifTypeEntries(n, "", &s.d.model) == nil {
		return nil, false
	}
	return []helpEntry{ifNumberHelp(t, &s.d.model)}, true
}
