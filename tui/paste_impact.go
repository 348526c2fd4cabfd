package tui

import "strings"

// The paste preview's impact: each disruptive line and each line that will stop for a question is
// marked under it, with why, from the classifier the fleet's change-many preview uses
// (disruptive, asks). A paste with a disruptive line is confirmed with y only, never Enter; one
// with questions that have a force form offers f, which swaps those lines for it and checks the
// paste again.

// pasteLineNotes is what the preview says under a pasted line: why it is disruptive, what it asks.
func pasteLineNotes(line string) []textLine {
	var out []textLine
	if why := disruptive(line); why != "" {
		out = append(out, textLine{"       ⚠ disruptive: " + why, kindWarn})
	}
	if why, force := asks(line); why != "" {
		s := "       ? " + why
		if force != "" {
			s += " (f: use `" + force + "`, which does not ask)"
		}
		out = append(out, textLine{s, kindWarn})
	}
	return out
}

// pasteCounts counts the disruptive lines, those that ask, and those of them with a force form.
func pasteCounts(lines []string) (danger, ask, force int) {
	for _, l := range lines {
		if disruptive(l) != "" {
			danger++
		}
		if why, f := asks(l); why != "" {
			ask++
			if f != "" {
				force++
			}
		}
	}
	return danger, ask, force
}

// pasteSummary is the preview's line about the paste's impact; nil when it has none.
func pasteSummary(lines []string) []textLine {
	danger, ask, force := pasteCounts(lines)
	var parts []string
	if danger > 0 {
		parts = append(parts, plural(danger, "line")+" disruptive (y runs, Enter does not)")
	}
	if ask > 0 {
		s := plural(ask, "line") + " will ask a question"
		if force > 0 {
			s += "; f uses the force form of " + plural(force, "line")
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return nil
	}
	return []textLine{{"⚠ " + strings.Join(parts, "; ") + ".", kindWarn}}
}

// withForce is lines with each question that has a force form replaced by it, keeping the
// indentation.
func withForce(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l
		if why, f := asks(l); why != "" && f != "" {
			out[i] = l[:len(l)-len(strings.TrimLeft(l, " "))] + f
		}
	}
	return out
}
