package switchctl

import "strings"

// lineWidth is the width a Comware display keeps its lines within.
const lineWidth = 80

// packPorts lays short port names out as display vlan brief does ([HCL-LAB]: "GE1/0/2  GE1/0/3  "):
// each name followed by two blanks, as many a line as fit in lineWidth after a lead of indent
// columns, trailing blanks kept. A name longer than the room still gets a line of its own.
func packPorts(names []string, indent int) []string {
	var rows []string
	var b strings.Builder
	for _, n := range names {
		if b.Len() > 0 && indent+b.Len()+len(n)+2 > lineWidth {
			rows = append(rows, b.String())
			b.Reset()
		}
		b.WriteString(n + "  ")
	}
	if b.Len() > 0 {
		rows = append(rows, b.String())
	}
	return rows
}

// byIfType cuts a list of full interface names into runs of one interface type, in their order.
func byIfType(names []string) [][]string {
	var groups [][]string
	last := IfType(-1)
	for _, n := range names {
		t := IfType(-1)
		if in, ok := ParseIfName(n); ok {
			t = in.Type
		}
		if len(groups) == 0 || t != last {
			groups = append(groups, nil)
			last = t
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], n)
	}
	return groups
}
