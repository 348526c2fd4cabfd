package tui

import (
	"fmt"
	"slices"
	"strings"

	"vtyd/tui/readers"
)

// Undoing what a stopped paste ran. A paste that stops at a line leaves the lines before it
// applied; the results offer their inverse, computed from the configuration read just before the
// paste ran, where one can be: a shutdown's undo, a description, access VLAN, link type or VLAN
// name restored to what it was, the VLANs a trunk permit added taken away, a VLAN or static route
// the paste created deleted. A line with no inverse known is named, never guessed at. The inverse
// is offered as a paste: checked by the grammar and previewed before it runs.

// section is a configuration as its sections: "" for the global lines, else the line that opens a
// section ("interface GigabitEthernet1/0/3", "vlan 10"), each with its lines trimmed.
type section map[string][]string

func sections(c readers.Config) section {
	out := section{}
	cur := ""
	for _, l := range c.Lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "" || t == "#" || t == "return":
			cur = ""
		case !strings.HasPrefix(l, " "):
			cur = t
			if _, ok := out[cur]; !ok {
				out[cur] = []string{}
			}
		default:
			out[cur] = append(out[cur], t)
		}
	}
	return out
}

// with is the section's line that starts with prefix, if any.
func (s section) with(sec, prefix string) (string, bool) {
	for _, l := range s[sec] {
		if l == strings.TrimSpace(prefix) || strings.HasPrefix(l, prefix) {
			return l, true
		}
	}
	return "", false
}

// undoStep is one inverse line and the section it runs in.
type undoStep struct {
	sec, line string
}

// inversePaste computes the lines that undo ran (lines that succeeded, in order) from before, the
// configuration before them. unknown lists the lines it has no inverse for.
func inversePaste(before readers.Config, ran []string) (inv []string, unknown []string) {
	s := sections(before)
	var steps []undoStep
	sec, created := "", map[string]bool{}
	for _, raw := range ran {
		l := strings.Join(strings.Fields(raw), " ")
		w := strings.Fields(strings.ToLower(l))
		if len(w) == 0 {
			continue
		}
		undo, rest := w[0] == "undo", strings.TrimPrefix(l, "undo ")
		switch {
		case abbrev(w[0], "system-view", 3), abbrev(w[0], "display", 3), abbrev(w[0], "return", 3):
			sec = ""
		case abbrev(w[0], "quit", 1):
			sec = ""
		case abbrev(w[0], "interface", 3) && len(w) == 2:
			sec = "interface " + readers.FullIfName(strings.Fields(l)[1])
		case w[0] == "vlan" && len(w) == 2:
			sec = "vlan " + w[1]
			if _, had := s[sec]; !had && !created[sec] {
				created[sec] = true
				steps = append(steps, undoStep{"", "undo " + sec})
			}
		case created[sec]:
			// inside a VLAN the paste created: deleting the VLAN undoes it
		case sec == "" && !undo && strings.HasPrefix(l, "ip route-static "):
			if _, had := s.with("", l); !had {
				steps = append(steps, undoStep{"", "undo " + l})
			}
		case sec != "" && (abbrev(w[len(w)-1], "shutdown", 3) && len(w) <= 2):
			_, was := s.with(sec, "shutdown")
			if was && undo {
				steps = append(steps, undoStep{sec, "shutdown"})
			} else if !was && !undo {
				steps = append(steps, undoStep{sec, "undo shutdown"})
			}
		case sec != "" && restorable(rest) != "":
			key := restorable(rest)
			if old, had := s.with(sec, key+" "); had {
				steps = append(steps, undoStep{sec, old})
			} else if !undo {
				steps = append(steps, undoStep{sec, "undo " + key})
			}
		case sec != "" && strings.HasPrefix(rest, "port trunk permit vlan "):
			ids, why := vlanListInput(strings.TrimPrefix(rest, "port trunk permit vlan "))
			if why != "" {
				unknown = append(unknown, raw)
				continue
			}
			old, _ := s.with(sec, "port trunk permit vlan ")
			had := readers.VLANList(strings.TrimPrefix(old, "port trunk permit vlan "))
			if old == "" {
				had = []int{1}
			}
			var diff []int
			for _, id := range ids {
				if slices.Contains(had, id) == undo {
					diff = append(diff, id)
				}
			}
			if len(diff) > 0 && undo {
				steps = append(steps, undoStep{sec, "port trunk permit vlan " + readers.FormatVLANList(diff)})
			} else if len(diff) > 0 {
				steps = append(steps, undoStep{sec, "undo port trunk permit vlan " + readers.FormatVLANList(diff)})
			}
		default:
			unknown = append(unknown, raw)
		}
	}
	if len(steps) == 0 {
		return nil, unknown
	}
	inv = []string{"system-view"}
	cur := ""
	for i := len(steps) - 1; i >= 0; i-- { // last change first
		st := steps[i]
		if st.sec != cur {
			if cur != "" {
				inv = append(inv, "quit")
			}
			if st.sec != "" {
				inv = append(inv, st.sec)
			}
			cur = st.sec
		}
		inv = append(inv, " "[:min(len(st.sec), 1)]+st.line)
	}
	return append(inv, "return"), unknown
}

// restorable is the setting a line sets whose previous value the section holds, restored as it
// was or undone: description, name, the access VLAN, the link type. "" for other lines.
func restorable(line string) string {
	for _, k := range []string{"description", "name", "port access vlan", "port link-type"} {
		if line == k || strings.HasPrefix(line, k+" ") {
			return k
		}
	}
	return ""
}

// undoOffer is what the results of a stopped paste say of undoing it.
func undoOffer(inv, unknown []string) []textLine {
	var out []textLine
	if len(inv) > 0 {
		out = append(out, textLine{"", kindText}, textLine{"These lines undo what ran (i: check and run them as a paste):", kindHeader})
		for _, l := range inv {
			out = append(out, textLine{"    " + CleanLine(l), kindAccent})
		}
	}
	if len(unknown) > 0 {
		out = append(out, textLine{"", kindText},
			textLine{fmt.Sprintf("No inverse is known for %s: %s", plural(len(unknown), "line"), CleanLine(strings.Join(unknown, "; "))), kindWarn})
	}
	return out
}

// pasteUndo is the undo offered after a stopped paste.
type pasteUndo struct {
	lines []string
	offer []textLine
}

// stoppedPasteUndo computes the undo of a paste that stopped after some lines ran; nil for a paste
// that ran whole, ran nothing, or whose configuration before could not be read.
func (m *Model) stoppedPasteUndo(msg pasteDoneMsg) *pasteUndo {
	if !msg.failed || msg.ended {
		return nil
	}
	var ok []string
	for _, r := range msg.results {
		if r.err == "" {
			ok = append(ok, r.line)
		}
	}
	before, err := readers.ParseConfig(msg.before)
	if len(ok) == 0 || err != nil {
		return nil
	}
	inv, unknown := inversePaste(before, ok)
	return &pasteUndo{lines: inv, offer: undoOffer(inv, unknown)}
}
