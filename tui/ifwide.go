package tui

import (
	"strconv"
	"strings"

	"vtyd/tui/readers"
)

// The Interfaces table on wide terminals shows more instead of stretching the description: the
// error counters and the last flap (from the same `display interface` read as the rates) and the
// LLDP neighbour (read only while its column shows). On narrow ones the selected port's
// description, when its column cuts it, is written whole on the info line.

// The table widths (cells inside the box) from which the extra columns show.
const (
	wideErrors = 110
	wideFlap   = 125
	wideLLDP   = 140
)

// ifDescCol is the Description column of the Interfaces table.
const ifDescCol = 8

// ifsShowLLDP reports whether the Interfaces table is wide enough for its neighbour column.
func (m *Model) ifsShowLLDP() bool { return m.geometry().mainW-2 >= wideLLDP }

// wideCells are the error and last-flap cells of a port, from its `display interface` lines.
func wideCells(r readers.Interface, ok bool) (errs, flap string) {
	if !ok {
		return "", ""
	}
	if r.HasErrors {
		errs = countCell(r.InErrors) + "/" + countCell(r.OutErrors)
	}
	return errs, shortFlap(r.LastFlap)
}

func countCell(n int64) string {
	if n < 0 {
		return "-"
	}
	return strconv.FormatInt(n, 10)
}

// shortFlap is Comware's "1 weeks 2 days 3 hours 4 minutes" as a cell: the two largest units
// (1w 2d, 3h 04m); "Never" stays.
func shortFlap(s string) string {
	f := strings.Fields(s)
	if len(f) < 2 {
		return strings.ToLower(s)
	}
	var parts []string
	for i := 0; i+1 < len(f) && len(parts) < 2; i += 2 {
		n, err := strconv.Atoi(f[i])
		if err != nil {
			return s
		}
		if n == 0 && len(parts) == 0 && i+2 < len(f) {
			continue // "0 days 3 hours ..." reads as 3h
		}
		unit := f[i+1][:1]
		if unit == "m" && len(parts) > 0 {
			parts = append(parts, strconv.Itoa(n/10)+strconv.Itoa(n%10)+"m")
			continue
		}
		parts = append(parts, strconv.Itoa(n)+unit)
	}
	return strings.Join(parts, " ")
}

// neighbours maps a local port's full name to what its LLDP neighbour calls itself and the port.
func neighbours(ns []readers.LLDPNeighbor) map[string]string {
	if len(ns) == 0 {
		return nil
	}
	out := make(map[string]string, len(ns))
	for _, n := range ns {
		k := readers.FullIfName(n.LocalIf)
		s := strings.TrimSpace(n.SystemName + " " + n.PortID)
		if out[k] != "" {
			s = out[k] + ", " + s // several neighbours on one port
		}
		out[k] = s
	}
	return out
}

// ifInfoAt is the Interfaces info line for a table iw cells wide: when the selected port's
// description is cut by its column (or the column is hidden), it comes first, whole.
func (m *Model) ifInfoAt(iw int) string {
	info := m.ifInfo()
	r, ok := m.ifs.selected()
	if !ok || len(r) <= ifDescCol || r[ifDescCol] == "" {
		return info
	}
	if ws := m.ifs.widths(iw); ws[ifDescCol] >= 0 && width(r[ifDescCol]) <= ws[ifDescCol] {
		return info
	}
	return r[0] + ": " + r[ifDescCol] + " · " + info
}
