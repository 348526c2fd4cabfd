package tui

import "strings"

// Disruptive lines of a change batch: the commands that take a port, a VLAN, an address or the
// device itself away from the network, or erase files. The change-many preview marks them, and a
// batch with any of them is confirmed deliberately (the word yes or the device count, typed), never
// by a single key. The words match as Comware matches them: abbreviated to any prefix the operator
// might type ("shut", "undo vl"), so that an abbreviation never slips a disruptive line past the
// preview. A false alarm costs a typed word; a miss could cost a site.

// disruptiveRule is a command's leading words and why it is disruptive. Each word matches itself
// or an abbreviation of at least min letters; "*" matches any word.
type disruptiveRule struct {
	words []ruleWord
	why   string
}

type ruleWord struct {
	word string
	min  int
}

func rule(why string, words ...string) disruptiveRule {
	r := disruptiveRule{why: why}
	for _, w := range words {
		word, n := w, 2
		if i := strings.IndexByte(w, ':'); i > 0 {
			word, n = w[:i], int(w[i+1]-'0')
		}
		r.words = append(r.words, ruleWord{word, min(n, len(word))})
	}
	return r
}

// disruptiveRules are checked in order; the first that matches gives the reason.
var disruptiveRules = []disruptiveRule{
	rule("shuts the interface down", "shutdown:3"),
	rule("reboots the device", "reboot:3"),
	rule("resets (clears) state or a file", "reset:3"),
	rule("deletes a file", "delete:3"),
	rule("formats a file system", "format:3"),
	rule("replaces the running configuration", "configuration", "replace"),
	rule("deletes a VLAN", "undo", "vlan"),
	rule("deletes an interface", "undo", "interface"),
	rule("removes an IP address", "undo", "ip", "address"),
	rule("removes VLANs from a trunk", "undo", "port", "trunk", "permit"),
	rule("changes the port's link type", "port", "link-type:6"),
	rule("changes the port's link type", "undo", "port", "link-type:6"),
	rule("disables spanning tree", "stp", "disable:3"),
	rule("disables spanning tree", "stp", "global", "disable:3"),
	rule("disables spanning tree", "undo", "stp", "enable:3"),
	rule("disables spanning tree", "undo", "stp", "global", "enable:3"),
}

// disruptive says why a line is disruptive, or "" when it is not.
func disruptive(line string) string {
	ws := strings.Fields(strings.ToLower(line))
	for _, r := range disruptiveRules {
		if matchRule(r.words, ws) {
			return r.why
		}
	}
	return ""
}

func matchRule(rule []ruleWord, ws []string) bool {
	if len(ws) < len(rule) {
		return false
	}
	for i, rw := range rule {
		if !abbrev(ws[i], rw.word, rw.min) {
			return false
		}
	}
	return true
}

// disruptiveLines is the reason of each line, "" for the harmless ones, and how many are disruptive.
func disruptiveLines(lines []string) ([]string, int) {
	out := make([]string, len(lines))
	n := 0
	for i, l := range lines {
		if out[i] = disruptive(l); out[i] != "" {
			n++
		}
	}
	return out, n
}
